"""PDF extraction speed: pypdfium2's plain text vs our extractor, on born-digital bench PDFs.

    uv run python benchmarks/extract_speed.py [DOCS_DIR] [--limit 100] [--repeat 3]

Both sides open the document from bytes and read every page; the baseline only calls
`get_text_range()`. Prints the median milliseconds per document and the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from resumate.extract import pdf
from resumate.options import ParseOptions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import pdfium_text  # the same baseline as speed.py

DEFAULT_DOCS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "docs"


def ours(data: bytes) -> int:
    return pdf.extract(data, ParseOptions(ocr="never")).char_count


def best_of(function: Callable[[bytes], int], data: bytes, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(data)
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("docs", nargs="?", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = sorted(p for p in args.docs.glob("*.pdf") if not p.name.endswith(".scan.pdf"))
    files = files[: args.limit]
    if not files:
        print(f"no born-digital PDFs in {args.docs}", file=sys.stderr)
        return 1
    baseline, extracted, ratios = [], [], []
    for path in files:
        data = path.read_bytes()
        base = best_of(pdfium_text, data, args.repeat)
        mine = best_of(ours, data, args.repeat)
        baseline.append(base)
        extracted.append(mine)
        ratios.append(mine / base)
    worst = max(range(len(files)), key=ratios.__getitem__)
    print(f"documents: {len(files)}")
    print(f"pypdfium2 get_text_range: median {statistics.median(baseline) * 1000:.1f} ms")
    print(f"resumate pdf.extract:     median {statistics.median(extracted) * 1000:.1f} ms")
    print(
        f"ratio: median {statistics.median(ratios):.2f}x, "
        f"of medians {statistics.median(extracted) / statistics.median(baseline):.2f}x, "
        f"worst {ratios[worst]:.2f}x ({files[worst].name})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
