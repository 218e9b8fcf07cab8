"""Vercel entry point: the ResuMate API as one Python function (`app`, an ASGI application).

`vercel.json` routes every path here. Settings come from the project's environment variables
and are checked now, at load time: serverless mode needs `DATABASE_URL` (PostgreSQL),
`RESUMATE_STORAGE=s3` with `RESUMATE_S3_BUCKET`, and `RESUMATE_SECRET_KEY` (docs/deploy.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

try:
    import resumate  # noqa: F401  (installed from pyproject.toml by the platform)
except ModuleNotFoundError:  # the bundle has the sources but not the project itself
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from resumate.config import Settings
from resumate.web.serverless import create_serverless_app

app = create_serverless_app(Settings(serverless=True))
