"""How well confidence predicts correctness, on the development benchmark.

    uv run python benchmarks/calibration.py [--pred DIR] [--split val]

Reads predictions written by benchmarks/dev_bench.py (default /tmp/resumate-bench/docs-all/pred)
and, for the fields the bench can check one by one (basics.name/email/phone, work company,
position, start and end dates, education institution), buckets each predicted value by its
confidence and prints the share that is correct per bucket. Entries are paired with the truth
by the bench's own matching (score.py), so "correct" means what the scorer means.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from dev_bench import BENCH, WORK, in_split

sys.path.insert(0, str(BENCH))
import score

BUCKETS = (
    (0.9, 1.01, ">= 0.90"),
    (0.7, 0.9, "0.70-0.89"),
    (0.5, 0.7, "0.50-0.69"),
    (0.0, 0.5, "< 0.50"),
)


def _bucket(confidence: float) -> str:
    return next(label for low, high, label in BUCKETS if low <= confidence < high)


def field_checks(truth: dict, pred: dict) -> list[tuple[float, bool]]:
    """(confidence, correct) for each checkable predicted field of one document."""
    confidence = pred.get("meta", {}).get("resumate", {}).get("confidence", {})
    out: list[tuple[float, bool]] = []
    tb, pb = truth.get("basics", {}), pred.get("basics", {})
    checks = {
        "basics.name": lambda: score.norm_text(tb.get("name")) == score.norm_text(pb.get("name")),
        "basics.email": lambda: (
            score.norm_email(tb.get("email")) == score.norm_email(pb.get("email"))
        ),
        "basics.phone": lambda: score.phones_equal(
            score.phone_digits(tb.get("phone")), score.phone_digits(pb.get("phone"))
        ),
    }
    for path, check in checks.items():
        if path in confidence and pb.get(path.split(".")[1]):
            out.append((confidence[path], bool(check())))
    out += _entry_checks(truth, pred, confidence, "work", ("name", "position"))
    out += _entry_checks(truth, pred, confidence, "education", ("institution",))
    return out


def _entry_checks(truth: dict, pred: dict, confidence: dict, section: str, keys: tuple[str, ...]):
    entries = score.work_entries if section == "work" else score.education_entries
    t_entries, p_entries = entries(truth), entries(pred)
    pairs = dict((p, t) for t, p in score.match_entries(t_entries, p_entries))
    raw = pred.get(section, [])
    out = []
    for i, entry in enumerate(raw):
        for key in keys:
            path = f"{section}[{i}].{key}"
            if path not in confidence or not entry.get(key):
                continue
            t = pairs.get(i)
            if t is None:
                out.append((confidence[path], False))
                continue
            truth_value = truth[section][t].get(key) if t < len(truth.get(section, [])) else None
            norm = score.norm_title if key == "position" else score.norm_company
            ok = truth_value is not None and score.fuzzy_equal(norm(truth_value), norm(entry[key]))
            out.append((confidence[path], ok))
        for key in ("startDate", "endDate"):
            path = f"{section}[{i}].{key}"
            t = pairs.get(i)
            if path in confidence and entry.get(key) and t is not None:
                truth_value = truth[section][t].get(key)
                ok = score.dates_equal(score.parse_date(truth_value), score.parse_date(entry[key]))
                out.append((confidence[path], ok))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--pred", type=Path, default=WORK / "docs-all" / "pred")
    ap.add_argument("--split", choices=("train", "val", "all"), default="all")
    args = ap.parse_args()
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path in sorted(args.pred.glob("*.json")):
        if path.name.startswith("_"):
            continue
        doc_id = path.name.split(".")[0]
        truth_path = BENCH / "truth" / f"{doc_id}.json"
        if not truth_path.exists() or not in_split(doc_id, args.split):
            continue
        truth, pred = json.loads(truth_path.read_text()), json.loads(path.read_text())
        for confidence, ok in field_checks(truth, pred):
            bucket = tally[_bucket(confidence)]
            bucket[0] += ok
            bucket[1] += 1
    print(f"{'confidence':<12}{'fields':>8}{'correct':>10}")
    for _, _, label in BUCKETS:
        correct, total = tally[label]
        share = f"{correct / total:.3f}" if total else "-"
        print(f"{label:<12}{total:>8}{share:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
