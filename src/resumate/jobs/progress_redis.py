"""Progress events between processes: a `ProgressHub` whose events also travel through Redis.

Primary rule: `publish` fans out locally (as `ProgressHub` does), stores the event as the
resume's latest (`resumate:progress:<id>`, kept a day) and PUBLISHes it on one channel
(`resumate:progress`). An API process runs a listener thread that subscribes to the channel
and fans every event from another process out to its own WebSocket/SSE listeners; `latest`
falls back to the stored key, so a client that connects late to any API replica gets the
current state first. Fallback: when Redis is unreachable, events stay local (workers log it,
and the status in the database is always right: polling `status` and the routes' periodic
re-read of the record still show progress and the outcome); the listener reconnects with
backoff.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
from typing import Any

from resumate.jobs.progress import ProgressEvent, ProgressHub

CHANNEL = "resumate:progress"
LATEST_KEY = "resumate:progress:{}"
LATEST_TTL_SECONDS = 24 * 3600
SOCKET_TIMEOUT_SECONDS = 2.0
RECONNECT_MAX_SECONDS = 5.0
WARN_EVERY_SECONDS = 30.0
logger = logging.getLogger(__name__)


class RedisProgressHub(ProgressHub):
    def __init__(self, redis_url: str) -> None:
        super().__init__()
        import redis

        self._redis = redis.Redis.from_url(
            redis_url, socket_timeout=SOCKET_TIMEOUT_SECONDS,
            socket_connect_timeout=SOCKET_TIMEOUT_SECONDS, health_check_interval=10)
        self._origin = secrets.token_hex(8)
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._warned_at = 0.0

    # ProgressSink
    def publish(self, resume_id: str, event: ProgressEvent) -> None:
        super().publish(resume_id, event)
        message = json.dumps({"origin": self._origin, "event": event.model_dump(mode="json")})
        try:
            pipe = self._redis.pipeline(transaction=False)
            pipe.set(LATEST_KEY.format(resume_id), event.model_dump_json(),
                     ex=LATEST_TTL_SECONDS)
            pipe.publish(CHANNEL, message)
            pipe.execute()
        except Exception as error:  # Redis down: progress stays local, the database is right
            self._warn(f"progress for {resume_id} not shared: {type(error).__name__}: {error}")

    def latest(self, resume_id: str) -> ProgressEvent | None:
        local = super().latest(resume_id)
        if local is not None and local.is_terminal:
            return local
        try:
            raw = self._redis.get(LATEST_KEY.format(resume_id))
        except Exception:
            return local
        if raw is None:
            return local
        shared = ProgressEvent.model_validate_json(raw)
        if local is None or shared.is_terminal or shared.progress > local.progress:
            return shared
        return local

    def forget(self, resume_id: str) -> None:
        super().forget(resume_id)
        try:
            self._redis.delete(LATEST_KEY.format(resume_id))
        except Exception as error:
            self._warn(f"could not forget progress of {resume_id}: {error}")

    # the listener (API processes)
    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._listen_forever, name="resumate-progress-listener", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=SOCKET_TIMEOUT_SECONDS + 2)
            self._thread = None
        self._redis.close()

    def _listen_forever(self) -> None:
        delay = 0.1
        while not self._stopping.is_set():
            try:
                self._listen()
                delay = 0.1
            except Exception as error:
                self._warn(f"progress listener lost Redis ({type(error).__name__}); reconnecting")
                self._stopping.wait(delay)
                delay = min(delay * 2, RECONNECT_MAX_SECONDS)

    def _listen(self) -> None:
        pubsub = self._redis.pubsub(ignore_subscribe_messages=True)  # type: ignore[no-untyped-call]
        try:
            pubsub.subscribe(CHANNEL)
            while not self._stopping.is_set():
                message = pubsub.get_message(timeout=1.0)
                if message is not None:
                    self._deliver(message)
        finally:
            pubsub.close()

    def _deliver(self, message: dict[str, Any]) -> None:
        try:
            body = json.loads(message["data"])
            if body.get("origin") == self._origin:
                return
            event = ProgressEvent.model_validate(body["event"])
        except (ValueError, KeyError, TypeError):
            logger.warning("ignored a malformed progress message")
            return
        ProgressHub.publish(self, event.resume_id, event)

    def _warn(self, text: str) -> None:
        now = time.monotonic()
        if now - self._warned_at >= WARN_EVERY_SECONDS:
            self._warned_at = now
            logger.warning(text)
