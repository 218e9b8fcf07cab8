"""Run every hostile-corpus file through extract_document and compare with expected.json.

    uv run --extra ocr python benchmarks/hostile_extract.py [HOSTILE_DIR]

Each file runs in a child process with a 1.5 GB address-space limit and the file's time limit;
the outcome is "parse" (with must_contain checked) or "reject:<code>". The time limit applies to
extract_document itself ("extract s"); "total s" adds process start-up and imports. Exits 1 on
any mismatch.
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import sys
import time
from pathlib import Path

MEMORY_LIMIT_BYTES = 1536 * 1024 * 1024
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "hostile"


def run_one(path: str, filename: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    from resumate.errors import ResumateError
    from resumate.extract import extract_document
    from resumate.options import ParseOptions

    data = Path(path).read_bytes()
    started = time.perf_counter()
    try:
        document = extract_document(data, filename=filename, options=ParseOptions())
        result = ("parse", document.text)
    except ResumateError as error:
        result = (f"reject:{error.code}", "")
    except BaseException as error:  # a crash is a result here, not a reason to stop
        result = (f"crash:{type(error).__name__}: {str(error)[:100]}", "")
    queue.put((*result, time.perf_counter() - started))


def check(name: str, spec: dict[str, object], outcome: str, text: str) -> list[str]:
    problems = []
    allowed = [spec["expect"], *spec.get("also_acceptable", [])]  # type: ignore[list-item]
    if outcome not in allowed:
        problems.append(f"got {outcome}, expected {spec['expect']}")
    if outcome == "parse":
        missing = [s for s in spec.get("must_contain", []) if s not in text]  # type: ignore[attr-defined]
        if missing:
            problems.append(f"missing {missing}")
        any_of = spec.get("must_contain_any") or []
        if any_of and not any(s in text for s in any_of):  # type: ignore[attr-defined]
            problems.append(f"none of {any_of}")
        leaked = [s for s in spec.get("must_not_contain", []) if s in text]  # type: ignore[attr-defined]
        if leaked:
            problems.append(f"leaked {leaked}")
    return problems


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    expected = json.loads((folder / "expected.json").read_text())["files"]
    failures = 0
    print(f"{'file':38} {'expected':26} {'outcome':26} {'extract s':>9} {'total s':>7}  verdict")
    context = multiprocessing.get_context("spawn")
    for name, spec in expected.items():
        queue = context.Queue()
        filename = spec.get("upload_filename", name)
        worker = context.Process(target=run_one, args=(str(folder / name), filename, queue))
        started = time.perf_counter()
        worker.start()
        worker.join(timeout=float(spec.get("max_seconds", 10)) + 5)
        seconds = time.perf_counter() - started
        extract_seconds = seconds
        if worker.is_alive():
            worker.kill()
            outcome, text = "timeout", ""
        elif queue.empty():
            outcome, text = f"died:{worker.exitcode}", ""
        else:
            outcome, text, extract_seconds = queue.get()
        problems = check(name, spec, outcome, text)
        if extract_seconds > float(spec.get("max_seconds", 10)):
            problems.append(f"slow ({extract_seconds:.1f} s > {spec['max_seconds']} s)")
        failures += bool(problems)
        verdict = "ok" if not problems else "FAIL: " + "; ".join(problems)
        print(
            f"{name:38} {spec['expect']:26} {outcome:26} {extract_seconds:9.2f} {seconds:7.2f}  "
            f"{verdict}"
        )
    print(f"\n{len(expected) - failures}/{len(expected)} as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
