"""`resumate serve`: build Settings from the environment and run uvicorn."""

from __future__ import annotations

import sys

from pydantic import ValidationError

from resumate.config import Settings


def serve(host: str | None = None, port: int | None = None) -> int:
    import uvicorn

    from resumate.web.app import create_app

    try:
        settings = Settings()
    except ValidationError as error:
        print(f"resumate: invalid configuration: {error}", file=sys.stderr)
        return 2
    app = create_app(settings)
    uvicorn.run(app, host=host or settings.host, port=port if port is not None else settings.port,
                log_level="info", proxy_headers=False, timeout_graceful_shutdown=10)
    return 0
