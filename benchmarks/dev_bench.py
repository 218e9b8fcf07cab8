"""Run the engine over the development benchmark and score it, per split.

    uv run python benchmarks/dev_bench.py [--split train|val|all] [--variants scan,word]

Splits are by resume, so that every rendering of one resume falls in the same split:
`val` holds the resumes whose number is divisible by 5 (jr-0005, jr-0010, ...), kept aside
for checking that a change generalises; `train` is the rest. The bench folder defaults to
../shared/bench beside the project (RESUMATE_BENCH overrides it).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(os.environ.get("RESUMATE_BENCH", ROOT.parent / "shared" / "bench"))
WORK = Path(os.environ.get("RESUMATE_BENCH_WORK", "/tmp/resumate-bench"))


def in_split(doc_id: str, split: str) -> bool:
    number = int(re.sub(r"\D", "", doc_id) or 0)
    is_val = number % 5 == 0
    return split == "all" or (split == "val") == is_val


def stage_docs(split: str, variants: set[str] | None, excluded: set[str], corpus: str) -> Path:
    source = BENCH / corpus
    target = WORK / f"{corpus}-{split}" / "docs"
    shutil.rmtree(target.parent, ignore_errors=True)
    (target / "_variants").mkdir(parents=True)
    for path in sorted(source.iterdir()):
        if path.name.startswith("_"):
            continue
        doc_id, variant = path.name.split(".")[0], path.name.split(".")[1]
        if (
            not in_split(doc_id, split)
            or (variants and variant not in variants)
            or variant in excluded
        ):
            continue
        (target / path.name).symlink_to(path)
        sidecar = source / "_variants" / f"{doc_id}.variants.json"
        link = target / "_variants" / sidecar.name
        if sidecar.exists() and not link.exists():
            link.symlink_to(sidecar)
    return target


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--split", choices=("train", "val", "all"), default="all")
    ap.add_argument("--variants", help="comma-separated variant names (default: all)")
    ap.add_argument("--exclude", help="comma-separated variant names to leave out (e.g. scan)")
    ap.add_argument("--intl", action="store_true", help="use docs-intl/truth-intl")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    corpus, truth = ("docs-intl", "truth-intl") if args.intl else ("docs", "truth")
    variants = set(args.variants.split(",")) if args.variants else None
    excluded = set(args.exclude.split(",")) if args.exclude else set()
    docs = stage_docs(args.split, variants, excluded, corpus)
    pred = docs.parent / "pred"
    run = [
        sys.executable,
        str(BENCH / "run.py"),
        "--docs",
        str(docs),
        "--out",
        str(pred),
        "--python",
        "resumate:parse",
        "--warmup",
        "2",
        "--timeout",
        "60",
    ]
    if args.limit:
        run += ["--limit", str(args.limit)]
    subprocess.run(run, check=True)
    result = docs.parent / "score.json"
    subprocess.run(
        [
            sys.executable,
            str(BENCH / "score.py"),
            "--truth",
            str(BENCH / truth),
            "--pred",
            str(pred),
            "--docs",
            str(docs),
            "--json",
            str(result),
        ],
        check=True,
    )
    overall = json.loads(result.read_text())["summary"]["overall"]
    print(f"split={args.split} overall={overall:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
