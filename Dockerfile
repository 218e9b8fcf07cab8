# syntax=docker/dockerfile:1
# ResuMate service image: `docker build -t resumate .` then
# `docker run -p 8000:8000 -e RESUMATE_SECRET_KEY=... resumate` (see docs/deploy.md).
# Extras: --build-arg EXTRAS="--extra postgres --extra s3 --extra celery" (compose.yaml does; add
# `--extra ocr` for scanned resumes).

ARG PYTHON_VERSION=3.12

# --- build: the locked environment in /app/.venv ---------------------------------------------------
FROM python:${PYTHON_VERSION}-slim-bookworm AS build
COPY --from=ghcr.io/astral-sh/uv:0.13.8 /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv
ARG EXTRAS="--extra postgres --extra s3"
WORKDIR /src
# Dependencies first (cached while only the sources change), then the project itself.
COPY pyproject.toml uv.lock README.md ./
# hadolint ignore=SC2086
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-project ${EXTRAS}
COPY src ./src
# hadolint ignore=SC2086
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-editable ${EXTRAS}

# --- runtime: the environment only, run as a non-root user ----------------------------------------
FROM python:${PYTHON_VERSION}-slim-bookworm AS runtime
RUN groupadd --system --gid 10001 resumate \
    && useradd --system --uid 10001 --gid resumate --home-dir /app --shell /usr/sbin/nologin resumate \
    && mkdir -p /data \
    && chown resumate:resumate /data
COPY --from=build --chown=resumate:resumate /app/.venv /app/.venv
ENV PATH="/app/.venv/bin:${PATH}" \
    PYTHONUNBUFFERED=1 \
    RESUMATE_HOST=0.0.0.0 \
    RESUMATE_PORT=8000 \
    RESUMATE_DATA_DIR=/data
WORKDIR /app
VOLUME ["/data"]
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import json, os, sys, urllib.request; port = os.environ.get('RESUMATE_PORT', '8000'); body = json.load(urllib.request.urlopen(f'http://127.0.0.1:{port}/health', timeout=4)); sys.exit(body.get('status') != 'healthy')"]
CMD ["resumate", "serve"]
