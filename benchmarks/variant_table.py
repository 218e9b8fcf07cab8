"""Print the per-variant F1 table of a score.json written by the bench's score.py.

uv run python benchmarks/variant_table.py /tmp/resumate-bench/docs-train/score.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

COLUMNS = (
    "basics.name",
    "basics.email",
    "basics.phone",
    "work.company",
    "work.position",
    "work.startDate",
    "work.endDate",
    "education.institution",
    "skills",
)


def main(path: str) -> None:
    data = json.loads(Path(path).read_text())
    groups = data["groups"]["variant"]
    head = f"{'variant':<26}{'docs':>5}{'overall':>8}" + "".join(
        f"{c.split('.')[-1][:9]:>10}" for c in COLUMNS
    )
    print(head)
    for name, group in sorted(groups.items()):
        metrics = group.get("metrics", {})
        cells = "".join(f"{(metrics.get(c) or {}).get('f1') or 0:>10.3f}" for c in COLUMNS)
        summary = group["summary"]
        print(f"{name:<26}{summary['documents']:>5}{summary['overall'] or 0:>8.3f}{cells}")


if __name__ == "__main__":
    main(sys.argv[1])
