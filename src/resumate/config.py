"""Options for one parse (the library) and Settings for the running service (the edges)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PAGES = 50


@dataclass(frozen=True, slots=True, kw_only=True)
class ParseOptions:
    """What one parse may do. Immutable; the library takes nothing else.

    `today` anchors "Present" and the experience total (default: the real date).
    `ocr`: "auto" runs OCR only when the text layer is missing or too sparse.
    """

    today: dt.date = field(default_factory=dt.date.today)
    ocr: str = "auto"  # "auto" | "never" | "always"
    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    default_region: str | None = None  # ISO country for phones written without +CC


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
        env_prefix="RESUMATE_", extra="ignore", frozen=True, populate_by_name=True
    )

    env: str = "development"
    data_dir: Path = Path("resumate-data")
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("RESUMATE_DATABASE_URL", "DATABASE_URL")
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    public_url: str | None = None
    secret_key: SecretStr = SecretStr(DEFAULT_SECRET_KEY)
    api_keys: Annotated[tuple[SecretStr, ...], NoDecode] = ()
    cors_origins: Annotated[tuple[str, ...], NoDecode] = ()

    max_upload_bytes: int = Field(default=DEFAULT_MAX_BYTES, gt=0)
    max_pages: int = Field(default=DEFAULT_MAX_PAGES, gt=0)
    ocr: Literal["auto", "never", "always"] = "auto"
    upload_rate_limit: str = DEFAULT_UPLOAD_RATE_LIMIT
    rate_limit_storage: str = "memory://"

    storage: Literal["local", "s3"] = "local"
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    s3_prefix: str = "resumes/"

    jobs: Literal["inprocess"] = "inprocess"
    workers: int = Field(default_factory=lambda: max(1, os.cpu_count() or 1), gt=0)
    parse_timeout_seconds: float = Field(default=30.0, gt=0)
    parse_memory_mb: int = Field(default=1536, ge=256)
    wait_timeout_seconds: float = Field(default=60.0, gt=0)

    retention_days: int = Field(default=DEFAULT_RETENTION_DAYS, gt=0)
    purge_interval_seconds: float = Field(default=3600.0, gt=0)
    share_expiry_days: int | None = Field(default=30, gt=0)

    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str = "resumate@localhost"
    smtp_starttls: bool = False
    smtp_timeout_seconds: float = Field(default=10.0, gt=0)

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
        return self

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

    def parse_options(self) -> ParseOptions:
        return ParseOptions(ocr=self.ocr, max_bytes=self.max_upload_bytes, max_pages=self.max_pages)
