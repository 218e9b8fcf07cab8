"""The `resumate` command: parse files (and, with the service installed, serve).

Domain errors become one line on stderr naming the file and the error code; the exit status
is non-zero only when something failed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.handler(args)
    except KeyboardInterrupt:
        return 130
    return code


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="resumate", description="Parse resumes into JSON Resume.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(title="commands")

    parse = commands.add_parser(
        "parse",
        help="parse resume files",
        description=(
            "Parse resume files (PDF, DOCX, DOC, TXT, RTF, ODT, PNG/JPEG) into JSON Resume with "
            "per-field confidence under meta.resumate. One file and no --out: the document goes "
            "to stdout. With --out DIR, each input X is written to DIR/X.json."
        ),
    )
    parse.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parse.add_argument(
        "--out", type=Path, metavar="DIR", help="write DIR/<input name>.json per input"
    )
    parse.add_argument("--jobs", type=int, default=1, metavar="N", help="parse with N processes")
    parse.add_argument("--format", choices=("json", "jsonl", "yaml"), default="json")
    parse.add_argument(
        "--explain",
        action="store_true",
        help="print each field's confidence and the features that fired to stderr",
    )
    parse.add_argument(
        "--today", metavar="YYYY-MM-DD", help="document date for 'Present' (default: today)"
    )
    parse.add_argument("--no-ocr", action="store_true", help="never run OCR")
    parse.set_defaults(handler=_parse_command)

    serve = commands.add_parser("serve", help="start the web service")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.set_defaults(handler=_serve_command)

    worker = commands.add_parser(
        "worker",
        help="run a Celery worker that parses queued uploads (RESUMATE_JOBS=celery)",
        description="Run a worker for the distributed job runner. It reads the same RESUMATE_* "
        "settings as the service (database, storage, broker) and stops warmly on SIGTERM.",
    )
    worker.add_argument(
        "--concurrency",
        type=int,
        default=None,
        metavar="N",
        help="parses at the same time (default: RESUMATE_WORKERS)",
    )
    worker.add_argument("--loglevel", default="info", choices=("debug", "info", "warning", "error"))
    worker.set_defaults(handler=_worker_command)

    importer = commands.add_parser(
        "import",
        help="enqueue every resume in a directory or manifest",
        description="Store and enqueue resume files from DIR (recursively) or from a manifest "
        "(a text file with one path per line, relative to the manifest). Streams the input, "
        "skips what an earlier run already imported (resumable), shows a progress bar and "
        "ends with a report of successes and failures.",
    )
    importer.add_argument("source", type=Path, metavar="DIR_OR_MANIFEST")
    importer.add_argument(
        "--wait",
        action="store_true",
        help="wait until every imported file is parsed and report the outcomes",
    )
    importer.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="write one JSON line per file (path, resume id, outcome, error)",
    )
    importer.add_argument(
        "--journal",
        type=Path,
        metavar="FILE",
        help="where progress is kept for resuming (default: next to the source)",
    )
    importer.add_argument(
        "--timeout",
        type=float,
        default=3600.0,
        metavar="SECONDS",
        help="with --wait: give up waiting after this long",
    )
    importer.set_defaults(handler=_import_command)

    db = commands.add_parser("db", help="manage the service database")
    db_commands = db.add_subparsers(title="database commands")
    upgrade = db_commands.add_parser(
        "upgrade",
        help="migrate the database (DATABASE_URL, else the SQLite file) to the newest schema",
    )
    upgrade.add_argument("revision", nargs="?", default="head")
    upgrade.set_defaults(handler=_db_upgrade_command)
    return parser


def _version() -> str:
    from resumate import __version__

    return __version__


# --- parse --------------------------------------------------------------------------------------


def _parse_command(args: argparse.Namespace) -> int:
    options = _options(args)
    if options is None:
        return EXIT_USAGE
    files: list[Path] = args.files
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
    failures = 0
    show_progress = args.out is not None and len(files) > 1 and sys.stderr.isatty()
    outcomes = _run(files, options, jobs=max(1, args.jobs))
    if show_progress:
        outcomes = _with_progress(outcomes, len(files))
    for path, document, error in outcomes:
        if error is not None:
            failures += 1
            print(f"resumate: {path}: {error['code']}: {error['message']}", file=sys.stderr)
            continue
        assert document is not None
        if args.explain:
            _explain(path, document)
        _emit(path, document, args)
    if failures:
        print(f"resumate: {failures} of {len(files)} file(s) failed", file=sys.stderr)
    return EXIT_FAILED if failures else EXIT_OK


def _options(args: argparse.Namespace) -> Any:
    import datetime as dt

    from resumate.options import ParseOptions

    kwargs: dict[str, Any] = {}
    if args.today:
        try:
            kwargs["today"] = dt.date.fromisoformat(args.today)
        except ValueError:
            print(f"resumate: --today must be YYYY-MM-DD, not {args.today!r}", file=sys.stderr)
            return None
    if args.no_ocr:
        kwargs["ocr"] = "never"
    return ParseOptions(**kwargs)


Outcome = tuple[Path, dict[str, Any] | None, dict[str, str] | None]


def _run(files: list[Path], options: Any, *, jobs: int) -> Iterator[Outcome]:
    if jobs == 1 or len(files) == 1:
        for path in files:
            yield _parse_one(path, options)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_parse_one, files, [options] * len(files), chunksize=4)


def _parse_one(path: Path, options: Any) -> Outcome:
    import resumate

    try:
        result = resumate.parse(path, options=options)
    except OSError as error:
        message = f"Could not open the file: {error.strerror}."
        return path, None, {"code": "not_found", "message": message}
    if result.error is not None:
        return path, None, result.error.to_dict()
    return path, result.to_json_resume(), None


def _with_progress(outcomes: Iterator[Outcome], total: int) -> Iterator[Outcome]:
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as progress:
        task = progress.add_task("Parsing", total=total)
        for outcome in outcomes:
            progress.advance(task)
            yield outcome


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _emit(path: Path, document: dict[str, Any], args: argparse.Namespace) -> None:
    text = _render(document, args.format)
    if args.out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    suffix = ".yaml" if args.format == "yaml" else ".json"
    target = args.out / f"{path.name}{suffix}"
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)


def _render(document: dict[str, Any], fmt: str) -> str:
    if fmt == "yaml":
        import yaml

        return str(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    if fmt == "jsonl":
        return json.dumps(document, ensure_ascii=False) + "\n"
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _explain(path: Path, document: dict[str, Any]) -> None:
    from rich.table import Table

    meta = document["meta"]["resumate"]
    table = Table(title=f"{path.name}: {meta['status']}", title_justify="left")
    for column in ("field", "confidence", "features"):
        table.add_column(column)
    for field_path, confidence in meta["confidence"].items():
        features = ", ".join(meta["evidence"].get(field_path, {}).get("features", []))
        table.add_row(field_path, f"{confidence:.2f}", features)
    _stderr_console().print(table)


# --- serve --------------------------------------------------------------------------------------


def _serve_command(args: argparse.Namespace) -> int:
    try:
        from resumate.web.server import serve
    except ImportError:
        print("resumate: the web service is not installed in this environment", file=sys.stderr)
        return EXIT_FAILED
    return serve(host=args.host, port=args.port)


def _load_settings() -> Any:
    from pydantic import ValidationError

    from resumate.config import Settings

    try:
        return Settings()
    except ValidationError as error:
        print(f"resumate: invalid configuration: {error}", file=sys.stderr)
        return None


def _worker_command(args: argparse.Namespace) -> int:
    settings = _load_settings()
    if settings is None:
        return EXIT_USAGE
    if settings.jobs != "celery":
        print(
            "resumate: a worker needs RESUMATE_JOBS=celery (and a broker, see docs/scaling.md)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        from resumate.jobs.celery_worker import run_worker
    except ImportError:
        print(
            "resumate: the celery extra is not installed (pip install 'resumate[celery]')",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return run_worker(settings, concurrency=args.concurrency, loglevel=args.loglevel.upper())


def _import_command(args: argparse.Namespace) -> int:
    settings = _load_settings()
    if settings is None:
        return EXIT_USAGE
    from resumate.jobs.bulk_import import run_import

    return run_import(
        settings,
        args.source,
        wait=args.wait,
        report=args.report,
        journal=args.journal,
        timeout=args.timeout,
    )


def _db_upgrade_command(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from resumate.config import Settings
    from resumate.store.db import current_revision, upgrade_database

    try:
        settings = Settings()
    except ValidationError as error:
        print(f"resumate: invalid configuration: {error}", file=sys.stderr)
        return EXIT_USAGE
    url = settings.resolved_database_url
    try:
        upgrade_database(url, args.revision)
        revision = current_revision(url)
    except Exception as error:  # the database is down or refuses us: one line, no traceback
        print(
            f"resumate: database upgrade failed: {type(error).__name__}: {error}".splitlines()[0],
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(f"database at revision {revision}")
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
