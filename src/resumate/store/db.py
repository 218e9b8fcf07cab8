"""Engines, sessions and migrations.

`Database` wraps one engine and its session factory. On SQLite (the default) writes are
serialized through one process-wide lock and the file runs in WAL mode, so readers never wait
for the writer and writers never fail with "database is locked". Callers own the transaction:

    with db.write() as session:      # BEGIN ... COMMIT (ROLLBACK on error)
        repositories.add_resume(session, ...)
    with db.read() as session:
        repositories.get_resume(session, resume_id=...)

JSON columns take Python values, or `JsonText`: a document already encoded elsewhere (the parse
process encodes its result), written as it is.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 10_000
HEALTH_TIMEOUT_SECONDS = 3


@dataclass(frozen=True, slots=True)
class JsonText:
    """A value for a JSON column that is already JSON text; stored without re-encoding."""

    text: str


def encode_json(value: Any) -> str:
    """The engines' JSON serializer: `JsonText` as it is, anything else through `json.dumps`."""
    return value.text if isinstance(value, JsonText) else json.dumps(value)


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker[Session]
    _write_lock: threading.Lock | None = field(default=None, repr=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in a transaction that commits on success; one writer at a time on SQLite."""
        lock = self._write_lock
        if lock is not None:
            lock.acquire()
        try:
            with self.sessions() as session, session.begin():
                yield session
        finally:
            if lock is not None:
                lock.release()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    def is_reachable(self) -> bool:
        """True when a trivial query answers; never raises."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except Exception:  # any driver error means "not reachable" for /health
            return False

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str) -> Database:
    engine = _create_engine(url)
    sessions = sessionmaker(engine, expire_on_commit=False)
    lock = threading.Lock() if engine.dialect.name == "sqlite" else None
    return Database(engine=engine, sessions=sessions, _write_lock=lock)


def _ensure_sqlite_directory(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        _ensure_sqlite_directory(url)
        engine = create_engine(url, json_serializer=encode_json,
                               connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = HEALTH_TIMEOUT_SECONDS
    return create_engine(url, pool_pre_ping=True, json_serializer=encode_json,
                         connect_args=connect_args)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


# --- migrations ---------------------------------------------------------------------------------


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("resumate.store") / "migrations"))
    config.attributes["database_url"] = url
    return config


def upgrade_database(url: str, revision: str = "head") -> None:
    """Bring the schema to `revision` (Alembic `upgrade`)."""
    from alembic import command

    _ensure_sqlite_directory(url)
    command.upgrade(alembic_config(url), revision)


def downgrade_database(url: str, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)


def current_revision(url: str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    engine = _create_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
