"""Parse time of the working tree against an earlier commit, on the same files, alternately.

    uv run python benchmarks/compare_speed.py cd1ad52 [--kind pdf|docx] [--rounds 2]

A host whose speed drifts by 10-30 % from run to run hides small changes in `speed.py`'s
absolute figures; running the two versions one after the other, on one core, in fresh
processes, and repeating, shows whether a change cost anything. The earlier commit is checked
out in a temporary git worktree and imported through PYTHONPATH. Each round prints the total of
the best-of-3 parse times (caches cleared before each parse) over the sample: 60 files of the
dev bench (seed 0; PDFs of 1-2 pages, as `speed.py` samples them).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DOCS = ROOT.parent / "shared" / "bench" / "docs"

_CHILD = r"""
import datetime as dt, random, sys, time
from pathlib import Path
import pypdfium2 as pdfium
import resumate
from resumate.parsing import clear_caches

docs, kind = Path(sys.argv[1]), sys.argv[2]
if kind == "pdf":
    paths = sorted(p for p in docs.glob("*.pdf") if not p.name.endswith(".scan.pdf"))
else:
    paths = sorted(docs.glob("*.docx"))
files = [(p.name, p.read_bytes()) for p in paths]
if kind == "pdf":
    files = [(n, d) for n, d in files if 1 <= len(pdfium.PdfDocument(d)) <= 2]
files = random.Random(0).sample(files, min(60, len(files)))
options = resumate.ParseOptions(today=dt.date(2025, 1, 1), ocr="never")
for name, data in files[:6]:
    resumate.parse(data, filename=name, options=options)
total = 0.0
for name, data in files:
    best = float("inf")
    for _ in range(3):
        clear_caches()
        started = time.perf_counter()
        resumate.parse(data, filename=name, options=options)
        best = min(best, time.perf_counter() - started)
    total += best
print(f"{total * 1000:.0f}")
"""


def timed(src: Path, docs: Path, kind: str, core: int) -> str:
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = ["taskset", "-c", str(core), sys.executable, "-c", _CHILD, str(docs), kind]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref", help="the earlier commit")
    parser.add_argument("--kind", choices=("pdf", "docx"), default="pdf")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--core", type=int, default=max(os.sched_getaffinity(0)))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree),
                        args.ref], check=True)
        try:
            for n in range(1, args.rounds + 1):
                before = timed(tree / "src", args.docs, args.kind, args.core).strip()
                after = timed(ROOT / "src", args.docs, args.kind, args.core).strip()
                print(f"round {n}, 60 {args.kind} files: {args.ref} {before} ms, "
                      f"working tree {after} ms")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
