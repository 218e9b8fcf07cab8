"""Seconds per page of the built-in OCR on the scanned PDFs of the bench corpus.

    uv run python benchmarks/ocr_speed.py [DOCS_DIR] [--limit N]

Renders each page the way the PDF extractor does, then times `RapidOcrEngine.recognize` alone
(the one-off model load is reported separately).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

from resumate.extract.ocr import RapidOcrEngine
from resumate.extract.pdf import OCR_DPI, OCR_MAX_SIDE_PX

DEFAULT_DOCS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "docs"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("docs", nargs="?", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--limit", type=int, default=10)
    args = parser.parse_args()
    files = sorted(args.docs.glob("*.scan.pdf"))[: args.limit]
    if not files:
        print(f"no *.scan.pdf files in {args.docs}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    engine = RapidOcrEngine()
    print(f"model load: {time.perf_counter() - started:.2f} s")
    timings: list[float] = []
    for path in files:
        document = pdfium.PdfDocument(path.read_bytes())
        for number, page in enumerate(document):
            width, height = page.get_size()
            scale = min(OCR_DPI / 72.0, OCR_MAX_SIDE_PX / max(width, height))
            image = page.render(scale=scale, grayscale=True, may_draw_forms=False).to_pil()
            started = time.perf_counter()
            boxes = engine.recognize(image)
            timings.append(time.perf_counter() - started)
            print(f"{path.name} p{number}: {timings[-1]:.2f} s, {len(boxes)} lines")
    print(
        f"pages: {len(timings)}  median: {statistics.median(timings):.2f} s/page  "
        f"mean: {statistics.mean(timings):.2f} s/page  max: {max(timings):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
