"""OCR quality and speed on the scanned PDFs of the bench corpus.

    uv run python benchmarks/ocr_quality.py [DOCS_DIR] [--engine auto|tesseract|rapidocr]
        [--limit N] [--misses]

Each `<id>.scan.pdf` goes through the PDF extractor (OCR forced on, so the same rendering, score
filter and box handling as in production). Its text is then searched for the truth strings of
`truth/<id>.json`: basics name/email/phone, and each work entry's company and position. A string
counts as found when rapidfuzz's partial_ratio is at least `MIN_RATIO` (lower-cased, whitespace
collapsed; emails also ignore spaces; phones compare their last 7 digits).

A scan shows only the first pages of its source PDF, so strings that are not in the source's text
layer (same rule) are out of scope and not counted; the share of all strings is printed as well.
Seconds per page are those of `OcrEngine.recognize` alone, as wall time and as this process's CPU
time (the latter is the one to trust on a loaded machine). Run it on one core:
`taskset -c 0 uv run python benchmarks/ocr_quality.py`.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from rapidfuzz import fuzz

from resumate.extract import pdf
from resumate.extract.ocr import (
    OcrBox,
    OcrEngine,
    OcrSession,
    RapidOcrEngine,
    TesseractEngine,
    default_engine,
)
from resumate.options import ParseOptions

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
MIN_RATIO = 90
PHONE_DIGITS = 7
KINDS = ("name", "email", "phone", "company", "position")


class TimedEngine:
    """An OcrEngine that times the engine it wraps, call by call."""

    def __init__(self, engine: OcrEngine) -> None:
        self.engine = engine
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def recognize(self, image: Any) -> list[OcrBox]:
        wall, cpu = time.perf_counter(), time.process_time()
        boxes = self.engine.recognize(image)
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.process_time() - cpu)
        return boxes


@dataclass
class Tally:
    found: dict[str, list[bool]] = field(default_factory=lambda: {k: [] for k in KINDS})
    out_of_scope: int = 0
    misses: list[str] = field(default_factory=list)

    def share(self, kind: str | None = None) -> tuple[float, int]:
        hits = self.found[kind] if kind else [h for v in self.found.values() for h in v]
        return (sum(hits) / len(hits) if hits else 0.0), len(hits)


def truth_strings(truth: dict[str, Any]) -> list[tuple[str, str]]:
    basics = truth.get("basics", {})
    wanted = [(kind, basics[kind]) for kind in ("name", "email", "phone") if basics.get(kind)]
    for job in truth.get("work", []):
        wanted += [
            (kind, job[key])
            for kind, key in (("company", "name"), ("position", "position"))
            if job.get(key)
        ]
    return wanted


def is_found(kind: str, wanted: str, text: str) -> bool:
    text = " ".join(text.split()).lower()
    if kind == "phone":
        digits = re.sub(r"\D", "", wanted)[-PHONE_DIGITS:]
        return len(digits) == PHONE_DIGITS and digits in re.sub(r"\D", "", text)
    if kind == "email":
        return fuzz.partial_ratio(wanted.lower(), text.replace(" ", "")) >= MIN_RATIO
    return fuzz.partial_ratio(" ".join(wanted.split()).lower(), text) >= MIN_RATIO


def source_text(docs: Path, doc_id: str) -> str | None:
    """The text layer of the pages the scan was made from, if that PDF is in the corpus."""
    variants = docs / "_variants" / f"{doc_id}.variants.json"
    if not variants.is_file():
        return None
    scan = next(
        (v for v in json.loads(variants.read_text())["variants"] if v.get("variant") == "scan"),
        None,
    )
    if scan is None or not (docs / scan["source"]).is_file():
        return None
    document = pdfium.PdfDocument(docs / scan["source"])
    pages = min(int(scan.get("pages", len(document))), len(document))
    return " ".join(document[n].get_textpage().get_text_range() for n in range(pages))


def ocr_text(path: Path, engine: OcrEngine) -> str:
    document = pdf.extract(
        path.read_bytes(), ParseOptions(ocr="always"), ocr=OcrSession(engine=engine)
    )
    return "\n".join(item.text for page in document.pages for item in page.items)


def make_engine(name: str) -> OcrEngine:
    if name == "tesseract":
        return TesseractEngine()
    if name == "rapidocr":
        return RapidOcrEngine()
    return default_engine()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("docs", nargs="?", type=Path, default=BENCH / "docs")
    parser.add_argument("--truth", type=Path, default=BENCH / "truth")
    parser.add_argument("--engine", choices=("auto", "tesseract", "rapidocr"), default="auto")
    parser.add_argument("--limit", type=int, default=0, help="first N documents only")
    parser.add_argument("--misses", action="store_true", help="list the strings not found")
    args = parser.parse_args()
    files = sorted(args.docs.glob("*.scan.pdf"))
    files = files[: args.limit] if args.limit else files
    if not files:
        print(f"no *.scan.pdf files in {args.docs}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    engine = TimedEngine(make_engine(args.engine))
    print(
        f"engine: {type(engine.engine).__name__}, loaded in {time.perf_counter() - started:.2f} s"
    )
    scoped, everything = Tally(), Tally()
    for path in files:
        doc_id = path.name.removesuffix(".scan.pdf")
        truth_path = args.truth / f"{doc_id}.json"
        if not truth_path.is_file():
            continue
        text, source = ocr_text(path, engine), source_text(args.docs, doc_id)
        for kind, wanted in truth_strings(json.loads(truth_path.read_text())):
            hit = is_found(kind, wanted, text)
            everything.found[kind].append(hit)
            if source is not None and not is_found(kind, wanted, source):
                scoped.out_of_scope += 1
                continue
            scoped.found[kind].append(hit)
            if not hit:
                scoped.misses.append(f"{doc_id} {kind}: {wanted}")
    report(engine, scoped, everything, len(files), args.misses)
    return 0


def report(engine: TimedEngine, scoped: Tally, everything: Tally, docs: int, misses: bool) -> None:
    wall, cpu = engine.wall, engine.cpu
    print(f"documents: {docs}  pages: {len(wall)}")
    print(
        f"s/page wall: best {min(wall):.2f}  median {statistics.median(wall):.2f}  "
        f"mean {statistics.mean(wall):.2f}  max {max(wall):.2f}"
    )
    print(
        f"s/page cpu:  best {min(cpu):.2f}  median {statistics.median(cpu):.2f}  "
        f"mean {statistics.mean(cpu):.2f}  max {max(cpu):.2f}"
    )
    share, count = scoped.share()
    print(
        f"found (in scope): {share:.3f} of {count}  "
        + "  ".join(f"{k} {scoped.share(k)[0]:.2f} ({scoped.share(k)[1]})" for k in KINDS)
    )
    share, count = everything.share()
    print(
        f"found (all truth strings): {share:.3f} of {count}, "
        f"{scoped.out_of_scope} not in the source pages"
    )
    if misses:
        print("\n".join(scoped.misses))


if __name__ == "__main__":
    sys.exit(main())
