"""Two of the engine's accuracy targets that compare layouts, from dev_bench score files.

    uv run python benchmarks/layout_gap.py --scores /tmp/resumate-bench/docs-train/score.json \
        /tmp/resumate-bench/docs-val/score.json --scan-scores /tmp/rb-scan/docs-all/score.json

1. Two-column themes against one-column ones (mean document score per group). The grouping
   follows the bench's own layout notes (docs/_variants/*.variants.json): two columns or a left
   label column (jsonresume actual, onepage, paper) vs one column (jsonresume even,
   stackoverflow, spartan, elegant; the three RenderCV themes). Target: within 0.05.
2. Each scan against the born-digital PDF it was printed from (same resume), and the means over
   the scans whose source has a score; "complete" counts only scans that kept every page of their
   source (the bench truncates long ones, and the missing pages' truth still counts).
   Target: within 0.10.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
TWO_COLUMN = {"jsonresume-actual", "jsonresume-onepage", "jsonresume-paper"}
ONE_COLUMN = {
    "jsonresume-even",
    "jsonresume-stackoverflow",
    "jsonresume-spartan",
    "jsonresume-elegant",
    "rendercv-classic",
    "rendercv-moderncv",
    "rendercv-sb2nov",
}


def documents(paths: list[Path]) -> dict[str, dict]:
    return {d["file"]: d for p in paths for d in json.loads(p.read_text())["documents"]}


def column_gap(docs: dict[str, dict]) -> None:
    def mean(variants: set[str]) -> tuple[float, int]:
        scores = [d["overall"] for d in docs.values() if d["variant"] in variants]
        return statistics.fmean(scores), len(scores)

    (two, n_two), (one, n_one) = mean(TWO_COLUMN), mean(ONE_COLUMN)
    print(
        f"two-column themes {two:.3f} ({n_two} docs), one-column themes {one:.3f} "
        f"({n_one} docs): gap {one - two:.3f} (target <= 0.05)"
    )


def scan_gap(docs: dict[str, dict], scans: dict[str, dict], variants_dir: Path) -> None:
    rows = []
    for path in sorted(variants_dir.glob("*.variants.json")):
        for variant in json.loads(path.read_text())["variants"]:
            scan = scans.get(variant["file"])
            source = docs.get(variant.get("source", ""))
            if variant["variant"] != "scan" or scan is None or source is None:
                continue
            complete = variant["pages"] == variant["source_pages"]
            rows.append((scan["overall"], source["overall"], complete))
            print(
                f"{variant['file']:22s} from {variant['source']:36s} pages "
                f"{variant['pages']}/{variant['source_pages']}  scan {scan['overall']:.3f}  "
                f"source {source['overall']:.3f}"
            )
    for label, chosen in (("all", rows), ("complete", [r for r in rows if r[2]])):
        if chosen:
            scan_mean = statistics.fmean(r[0] for r in chosen)
            source_mean = statistics.fmean(r[1] for r in chosen)
            print(
                f"{label}: {len(chosen)} scans {scan_mean:.3f} vs their sources "
                f"{source_mean:.3f}: gap {source_mean - scan_mean:.3f} (target <= 0.10)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scores", type=Path, nargs="+", required=True)
    parser.add_argument("--scan-scores", type=Path)
    parser.add_argument("--bench", type=Path, default=BENCH)
    args = parser.parse_args()
    docs = documents(args.scores)
    column_gap(docs)
    if args.scan_scores:
        scan_gap(docs, documents([args.scan_scores]), args.bench / "docs" / "_variants")


if __name__ == "__main__":
    main()
