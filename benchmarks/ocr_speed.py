"""Seconds per page of the built-in OCR on the scanned PDFs of the bench corpus.

    taskset -c 0 uv run python benchmarks/ocr_speed.py [DOCS_DIR] [--limit N]
        [--engine auto|tesseract|rapidocr] [--repeat R]

Renders each page the way the PDF extractor does, then times `OcrEngine.recognize` alone, R times
per page (the one-off model load is reported separately). Prints wall and CPU seconds per page:
best and median over all runs. On a loaded machine wall time swells; CPU time of this process
(one thread) is then the better estimate of an idle core.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

from resumate.extract.ocr import OcrEngine, RapidOcrEngine, TesseractEngine, default_engine
from resumate.extract.pdf import OCR_DPI, OCR_MAX_SIDE_PX

DEFAULT_DOCS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "docs"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("docs", nargs="?", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument("--engine", choices=("auto", "tesseract", "rapidocr"), default="auto")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    files = sorted(args.docs.glob("*.scan.pdf"))[: args.limit]
    if not files:
        print(f"no *.scan.pdf files in {args.docs}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    engine = _engine(args.engine)
    print(f"{type(engine).__name__} load: {time.perf_counter() - started:.2f} s")
    timings: list[float] = []
    cpu: list[float] = []
    for path in files:
        document = pdfium.PdfDocument(path.read_bytes())
        for number, page in enumerate(document):
            width, height = page.get_size()
            scale = min(OCR_DPI / 72.0, OCR_MAX_SIDE_PX / max(width, height))
            image = page.render(scale=scale, grayscale=True, may_draw_forms=False).to_pil()
            for _ in range(args.repeat):
                started, cpu_started = time.perf_counter(), time.process_time()
                boxes = engine.recognize(image)
                timings.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
                print(
                    f"{path.name} p{number}: {timings[-1]:.2f} s ({cpu[-1]:.2f} s cpu), "
                    f"{len(boxes)} boxes"
                )
    for label, values in (("wall", timings), ("cpu", cpu)):
        print(
            f"{label}: runs {len(values)}  best {min(values):.2f}  median "
            f"{statistics.median(values):.2f}  mean {statistics.mean(values):.2f}  "
            f"max {max(values):.2f} s/page"
        )
    return 0


def _engine(name: str) -> OcrEngine:
    if name == "tesseract":
        return TesseractEngine()
    if name == "rapidocr":
        return RapidOcrEngine()
    return default_engine()


if __name__ == "__main__":
    sys.exit(main())
