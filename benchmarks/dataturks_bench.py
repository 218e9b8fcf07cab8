"""Accuracy on the DataTurks annotated resumes: real resumes as plain text with entity spans.

    uv run python benchmarks/dataturks_bench.py [--split train|val|all] [--show LABEL]

A second check beside the rendered bench: 109 real resumes (mostly exported from a job board,
a writing style the rendered bench does not have), each parsed as a .txt upload. Splits are by
number as in dev_bench.py: `val` holds the resumes whose number is divisible by 5.

Each annotation label is compared with the engine's matching fields, per resume, as sets of
normalized texts (case, accents and punctuation ignored):

| label               | compared with                                        |
| ------------------- | ---------------------------------------------------- |
| Name                | basics.name                                          |
| Email Address       | basics.email, basics.url, profiles[].url             |
| Designation         | basics.label, work[].position                        |
| Companies worked at | work[].name                                          |
| College Name        | education[].institution                              |
| Degree              | education[].studyType + area                         |
| Graduation Year     | the year of education[].endDate (else startDate)     |
| Location            | basics.location.city, the city of work[].location    |

A degree is compared without the word "in" ("B.E in Computer Science" = studyType "B.E" + area
"Computer Science"). Two texts match when equal, or when one contains the other and is at least
half its length.
The annotators did not mark every occurrence (a company named twice may be marked once, some
resumes have no company marked at all), so precision here is a lower bound; recall is the
figure to watch. Skills annotations are whole paragraphs and are not scored.

This is a script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DEFAULT_FILE = (
    Path(__file__).resolve().parents[2] / "shared" / "bench" / "annotated" / "dataturks-dev.jsonl"
)
LABELS = (
    "Name",
    "Email Address",
    "Designation",
    "Companies worked at",
    "College Name",
    "Degree",
    "Graduation Year",
    "Location",
)


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"^(email me on )?indeed:\s*", "", text)
    text = re.sub(r"https?://(www\.)?", "", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def degree_norm(text: str) -> str:
    return " ".join(word for word in norm(text).split() if word != "in")


def matches(truth: str, pred: str) -> bool:
    if truth == pred:
        return True
    short, long = sorted((truth, pred), key=len)
    return bool(short) and short in long and len(short) * 2 >= len(long)


def predicted(doc: dict[str, Any]) -> dict[str, list[str]]:
    basics = doc.get("basics") or {}
    work = doc.get("work") or []
    education = doc.get("education") or []

    def years(entry: dict[str, Any]) -> list[str]:
        date = entry.get("endDate") or entry.get("startDate") or ""
        return [date[:4]] if date[:4].isdigit() else []

    return {
        "Name": [basics.get("name") or ""],
        "Email Address": [basics.get("email") or "", basics.get("url") or ""]
        + [p.get("url") or "" for p in basics.get("profiles") or []],
        "Designation": [basics.get("label") or ""] + [w.get("position") or "" for w in work],
        "Companies worked at": [w.get("name") or "" for w in work],
        "College Name": [e.get("institution") or "" for e in education],
        "Degree": [" ".join(filter(None, (e.get("studyType"), e.get("area")))) for e in education],
        "Graduation Year": [y for e in education for y in years(e)],
        "Location": [(basics.get("location") or {}).get("city") or ""]
        + [(w.get("location") or "").split(",")[0] for w in work],
    }


def count(
    truth: Iterable[str], pred: Iterable[str], label: str
) -> tuple[int, int, int, list[str]]:
    """(true positives, predicted, truth, missed truth texts) over unique normalized texts."""
    normal = degree_norm if label == "Degree" else norm
    truth_set = {t for t in map(normal, truth) if t}
    pred_set = {p for p in map(normal, pred) if p}
    unmatched = set(pred_set)
    hits, missed = 0, []
    for value in sorted(truth_set):
        found = next((p for p in sorted(unmatched) if matches(value, p)), None)
        if found is None:
            missed.append(value)
        else:
            hits += 1
            unmatched.discard(found)
    return hits, len(pred_set), len(truth_set), missed


def in_split(doc_id: str, split: str) -> bool:
    number = int(re.sub(r"\D", "", doc_id) or 0)
    return split == "all" or (split == "val") == (number % 5 == 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--split", choices=("train", "val", "all"), default="all")
    parser.add_argument("--show", help="print the misses of this label, per resume")
    args = parser.parse_args()

    import resumate

    options = resumate.ParseOptions(today=dt.date(2025, 1, 1), ocr="never")
    rows = [json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines()]
    rows = [row for row in rows if in_split(row["id"], args.split)]
    totals = {label: [0, 0, 0] for label in LABELS}
    for row in rows:
        result = resumate.parse(row["text"].encode("utf-8"), filename="resume.txt", options=options)
        pred = predicted(result.to_json_resume())
        for label in LABELS:
            truth = [a["text"] for a in row["annotations"] if a["label"] == label]
            if not truth:  # an unannotated label says nothing about the prediction
                continue
            hits, n_pred, n_truth, missed = count(truth, pred[label], label)
            for i, value in enumerate((hits, n_pred, n_truth)):
                totals[label][i] += value
            if args.show == label and missed:
                shown = [p for p in map(norm, pred[label]) if p]
                print(f"{row['id']}: missed {missed} predicted {shown}")
    print(f"\n{len(rows)} resumes ({args.split}) from {args.file.name}\n")
    print(f"| {'label':<20} | precision | recall | F1    | truth |")
    print(f"|{'-' * 22}|-----------|--------|-------|-------|")
    f1s = []
    for label, (hits, n_pred, n_truth) in totals.items():
        precision = hits / n_pred if n_pred else 0.0
        recall = hits / n_truth if n_truth else 0.0
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        f1s.append(f1)
        print(f"| {label:<20} | {precision:9.3f} | {recall:6.3f} | {f1:.3f} | {n_truth:5d} |")
    print(f"\nmean F1 over labels: {sum(f1s) / len(f1s):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
