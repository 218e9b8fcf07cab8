"""Prometheus metrics, one registry per app (no module-level state)."""

from __future__ import annotations

import time
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STAGE_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60)


class Metrics:
    def __init__(self, queue_depth: Callable[[], int]) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "resumate_http_requests", "HTTP requests answered", ["method", "route", "status"],
            registry=self.registry)
        self.request_seconds = Histogram(
            "resumate_http_request_seconds", "HTTP request latency", ["method", "route"],
            registry=self.registry)
        self.uploads = Counter(
            "resumate_uploads", "Uploads accepted", ["outcome"], registry=self.registry)
        self.stage_seconds = Histogram(
            "resumate_parse_stage_seconds", "Time spent in each parse stage", ["stage"],
            buckets=STAGE_BUCKETS, registry=self.registry)
        self.parse_seconds = Histogram(
            "resumate_parse_seconds", "Total parse time", ["status"], buckets=STAGE_BUCKETS,
            registry=self.registry)
        self.failures = Counter(
            "resumate_parse_failures", "Parses that failed", ["code"], registry=self.registry)
        self.queue_depth = Gauge(
            "resumate_queue_depth", "Parse jobs queued or running", registry=self.registry)
        self.queue_depth.set_function(lambda: float(queue_depth()))

    # ParseObserver
    def stage_finished(self, stage: str, seconds: float) -> None:
        self.stage_seconds.labels(stage=stage).observe(seconds)

    def parse_finished(self, *, status: str, error_code: str | None, seconds: float) -> None:
        self.parse_seconds.labels(status=status).observe(seconds)
        if error_code is not None:
            self.failures.labels(code=error_code).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)


class MetricsMiddleware:
    """Counts every HTTP request by method, route template and status (pure ASGI)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            method = scope.get("method", "GET")
            self.metrics.requests.labels(method=method, route=route, status=str(status)).inc()
            self.metrics.request_seconds.labels(method=method, route=route).observe(
                time.perf_counter() - started)
