"""Settings for the running service, built once at the edges (serve, worker, CLI)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from resumate.options import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, ParseOptions

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_PAGES", "ParseOptions", "Settings"]

# --- the service ---------------------------------------------------------------------------------

DEFAULT_UPLOAD_RATE_LIMIT = "50/day"
DEFAULT_RETENTION_DAYS = 90
DEFAULT_SECRET_KEY = "development-only-secret-key-change-me"
_DEVELOPMENT_ENVS = frozenset({"development", "dev", "test", "testing", "local"})


class Settings(BaseSettings):
    """Configuration of the running service, read once at the edge from `RESUMATE_*` variables.

    `DATABASE_URL` (or `RESUMATE_DATABASE_URL`) selects PostgreSQL; unset, the service uses a
    SQLite file in the data directory. Lists (`RESUMATE_API_KEYS`, `RESUMATE_CORS_ORIGINS`) are
    comma-separated. Outside development the secret key must be set.
    """

    model_config = SettingsConfigDict(
        env_prefix="RESUMATE_", extra="ignore", frozen=True, populate_by_name=True,
        use_attribute_docstrings=True,
    )

    env: str = "development"
    """Environment name, reported by `/health`. Outside `development`/`test` the secret key must
    be set.
    """
    data_dir: Path = Path("resumate-data")
    """Directory of the SQLite file (`resumate.sqlite3`) and of local file storage (`files/`)."""
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("RESUMATE_DATABASE_URL", "DATABASE_URL")
    )
    """Database URL, e.g. `postgresql://user@host:5432/db` (needs the `postgres` extra); unset,
    a SQLite file in the data directory. PostgreSQL is migrated with `resumate db upgrade`,
    SQLite on `serve`.
    """
    host: str = "127.0.0.1"
    """Listen address (`resumate serve --host` wins)."""
    port: int = Field(default=8000, ge=0, le=65535)
    """Listen port (`resumate serve --port` wins)."""
    public_url: str | None = None
    """Base URL used in share links, e.g. `https://cv.example.org`; unset, taken from the
    request.
    """
    secret_key: SecretStr = SecretStr(DEFAULT_SECRET_KEY)
    """Signing key (UI sessions). Required outside development and in serverless mode.
    Default: development key.
    """
    api_keys: Annotated[tuple[SecretStr, ...], NoDecode] = ()
    """Comma-separated API keys; when set, the API needs `Authorization: Bearer <key>`
    (`?access_token=` for WebSocket/SSE). `/health`, `/metrics` and share links stay public.
    """
    cors_origins: Annotated[tuple[str, ...], NoDecode] = ()
    """Comma-separated origins allowed to call the API from a browser; unset, no CORS."""

    max_upload_bytes: int = Field(default=DEFAULT_MAX_BYTES, gt=0)
    """Upload size limit (413 `too_large` above it)."""
    max_pages: int = Field(default=DEFAULT_MAX_PAGES, gt=0)
    """Pages parsed per document."""
    ocr: Literal["auto", "never", "always"] = "auto"
    """`auto`, `never` or `always`."""
    upload_rate_limit: str = DEFAULT_UPLOAD_RATE_LIMIT
    """Uploads per client IP, in `limits` notation (`10/minute;50/day`)."""
    rate_limit_storage: str = "memory://"
    """`limits` storage URI (e.g. `redis://127.0.0.1:6379` to share counts between processes)."""

    storage: Literal["local", "s3"] = "local"
    """Where original files are kept: `local` (the data directory) or `s3` (needs the `s3`
    extra).
    """
    s3_bucket: str | None = None
    """Bucket for `s3` storage (required with it)."""
    s3_endpoint_url: str | None = None
    """Any S3-compatible endpoint; unset, AWS. Credentials come from the usual `AWS_*`
    variables.
    """
    s3_region: str = "us-east-1"
    """Region for `s3` storage."""
    s3_prefix: str = "resumes/"
    """Key prefix inside the bucket."""

    jobs: Literal["inprocess", "celery"] = "inprocess"
    """Job runner: `inprocess` (a worker pool inside the service) or `celery`
    (workers started with `resumate worker`; the `celery` extra; docs/scaling.md).
    """
    workers: int = Field(default_factory=lambda: max(1, os.cpu_count() or 1), gt=0)
    """Parses run at the same time.
    Default: CPU count.
    """
    parse_timeout_seconds: float = Field(default=30.0, gt=0)
    """A parse running longer is killed (`unsafe`)."""
    redis_url: str = "redis://127.0.0.1:6379/0"
    """With `celery`: the progress bus (pub/sub between workers and API processes), and the
    default broker and result backend.
    """
    broker_url: str | None = None
    """Celery broker, e.g. `amqp://guest:guest@127.0.0.1:5672//` for RabbitMQ; unset,
    `RESUMATE_REDIS_URL`.
    """
    result_backend: str | None = None
    """Celery result backend; unset, `RESUMATE_REDIS_URL`."""
    visibility_timeout_seconds: float = Field(default=300.0, gt=0)
    """Redis broker: a job taken by a worker that vanished is handed out again after this long."""
    job_lease_seconds: float = Field(default=90.0, gt=0)
    """A worker's claim on a job; a second delivery waits it out, then takes over. Must exceed
    the parse timeout.
    """
    job_retry_max: int = Field(default=8, ge=0)
    """Retries of a job that met an outage (database, storage) before it is marked failed."""
    job_retry_backoff_seconds: float = Field(default=1.0, gt=0)
    """First retry delay; doubles per retry (with jitter), capped at 60 s."""
    sweep_interval_seconds: float = Field(default=30.0, gt=0)
    """How often workers re-enqueue jobs the broker lost and resend due webhooks."""
    parse_delay_seconds: float = Field(default=0.0, ge=0)
    """Tests only (refused outside development/test): sleep this long in each job before
    parsing.
    """
    batch_max_files: int = Field(default=100, gt=0)
    """Files per `POST /api/v1/batches`."""
    webhook_timeout_seconds: float = Field(default=10.0, gt=0)
    """Timeout of one webhook delivery."""
    webhook_max_attempts: int = Field(default=8, gt=0)
    """Deliveries tried per webhook before it is marked failed."""
    webhook_backoff_seconds: float = Field(default=2.0, gt=0)
    """First webhook retry delay; doubles per attempt, capped at 10 minutes."""
    webhook_allow_private: bool = False
    """Allow callback URLs on loopback or private addresses (off: refused, against SSRF)."""
    parse_memory_mb: int = Field(default=1536, ge=256)
    """Address-space limit of the parsing child process (`unsafe` beyond it)."""
    parses_per_process: int = Field(default=50, ge=1)
    """Parses one warm sandbox process serves before it is replaced; 1 starts a fresh process
    for every parse (strictest isolation between files, some milliseconds slower per parse).
    """
    wait_timeout_seconds: float = Field(default=60.0, gt=0)
    """Longest `?wait=true` waits before answering with the current state."""
    serverless: bool = False
    """Serverless mode (the Vercel entry point turns it on): request bodies up to 4.5 MB, uploads
    parsed within the request unless a distributed job runner is configured, progress by polling.
    Start-up fails unless `DATABASE_URL` names a network database, `RESUMATE_STORAGE` is not
    `local` and `RESUMATE_SECRET_KEY` is set.
    """

    retention_days: int = Field(default=DEFAULT_RETENTION_DAYS, gt=0)
    """Resumes older than this are erased with their files."""
    purge_interval_seconds: float = Field(default=3600.0, gt=0)
    """How often the retention purge runs (also once at start-up)."""
    share_expiry_days: int | None = Field(default=30, gt=0)
    """Default lifetime of a share link."""

    smtp_host: str | None = None
    """SMTP server for e-mailing share links; unset, no sending."""
    smtp_port: int = 25
    """SMTP port."""
    smtp_username: str | None = None
    """SMTP login."""
    smtp_password: SecretStr | None = None
    """SMTP password."""
    smtp_from: str = "resumate@localhost"
    """Sender address."""
    smtp_starttls: bool = False
    """Upgrade the connection with STARTTLS."""
    smtp_timeout_seconds: float = Field(default=10.0, gt=0)
    """SMTP connection timeout."""

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("upload_rate_limit")
    @classmethod
    def _check_rate_limit(cls, value: str) -> str:
        from limits import parse_many

        try:
            parse_many(value)
        except ValueError as error:
            raise ValueError(f"RESUMATE_UPLOAD_RATE_LIMIT: {error} (e.g. '50/day')") from error
        return value

    @model_validator(mode="after")
    def _check_consistency(self) -> Settings:
        if not self.is_development and self.secret_key.get_secret_value() == DEFAULT_SECRET_KEY:
            raise ValueError(
                f"RESUMATE_SECRET_KEY must be set when RESUMATE_ENV is {self.env!r} "
                "(the built-in key is for development only)"
            )
        if self.storage == "s3" and not self.s3_bucket:
            raise ValueError("RESUMATE_S3_BUCKET must be set when RESUMATE_STORAGE is 's3'")
        if self.job_lease_seconds <= self.parse_timeout_seconds + self.parse_delay_seconds:
            raise ValueError(
                "RESUMATE_JOB_LEASE_SECONDS must be longer than RESUMATE_PARSE_TIMEOUT_SECONDS "
                "(a live worker must always finish before its claim on a job runs out)")
        if self.parse_delay_seconds and not self.is_development:
            raise ValueError("RESUMATE_PARSE_DELAY_SECONDS is for tests only (development/test)")
        if self.serverless:
            self._check_serverless()
        return self

    def _check_serverless(self) -> None:
        """A serverless function keeps nothing between requests: refuse local state up front."""
        url = self.database_url or ""
        if not url or url.startswith("sqlite"):
            raise ValueError(
                "DATABASE_URL must be set to a network database (e.g. postgresql://...) in "
                "serverless mode (RESUMATE_SERVERLESS): functions keep no local files"
            )
        if self.storage == "local":
            raise ValueError(
                "RESUMATE_STORAGE must be 's3' in serverless mode (RESUMATE_SERVERLESS): "
                "uploaded files must outlive the function; also set RESUMATE_S3_BUCKET"
            )
        if self.secret_key.get_secret_value() == DEFAULT_SECRET_KEY:
            raise ValueError(
                "RESUMATE_SECRET_KEY must be set in serverless mode (RESUMATE_SERVERLESS): "
                "a deployed function is public"
            )

    @property
    def is_development(self) -> bool:
        return self.env.lower() in _DEVELOPMENT_ENVS

    @property
    def resolved_database_url(self) -> str:
        """DATABASE_URL, normalized for SQLAlchemy; else a SQLite file in the data directory."""
        if not self.database_url:
            return f"sqlite:///{(self.data_dir / 'resumate.sqlite3').resolve()}"
        url = self.database_url
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        return url

    @property
    def resolved_broker_url(self) -> str:
        """The Celery broker: RESUMATE_BROKER_URL, else Redis at RESUMATE_REDIS_URL."""
        return self.broker_url or self.redis_url

    @property
    def resolved_result_backend(self) -> str:
        return self.result_backend or self.redis_url

    def parse_options(self) -> ParseOptions:
        return ParseOptions(ocr=self.ocr, max_bytes=self.max_upload_bytes, max_pages=self.max_pages)
