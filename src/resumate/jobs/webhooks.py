"""Signed webhooks: a batch's callback URL hears about each of its resumes when it finishes.

Primary rule (an outbox): the delivery row is written in the same transaction as the job's
outcome (`queue_webhooks`), then handed to a dispatcher, which POSTs it (`deliver_once`) and
reschedules failures with exponential backoff until `max_attempts`, then marks it `failed`
with the last error. Fallback: a delivery whose dispatch was lost (a process died) is still
`pending` in the database and is resent by the sweeper (`due_webhook_deliveries`).

Each request carries

    Content-Type: application/json
    X-ResuMate-Event: resume.finished
    X-ResuMate-Delivery: <delivery id; the same on every retry, so receivers can dedupe>
    X-ResuMate-Timestamp: <unix seconds when this attempt was signed>
    X-ResuMate-Signature: v1=<hex HMAC-SHA256(batch secret, "<timestamp>." + raw body)>

Receivers recompute the signature over the raw body, compare in constant time and reject
timestamps older than a few minutes (replays). Redirects are not followed, and callback hosts
on loopback/private addresses are refused unless RESUMATE_WEBHOOK_ALLOW_PRIVATE is set.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import hmac
import ipaddress
import json
import logging
import random
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from resumate.store import repositories as repo
from resumate.store.db import Database

EVENT_RESUME_FINISHED = "resume.finished"
SIGNATURE_HEADER = "X-ResuMate-Signature"
TIMESTAMP_HEADER = "X-ResuMate-Timestamp"
EVENT_HEADER = "X-ResuMate-Event"
DELIVERY_HEADER = "X-ResuMate-Delivery"
MAX_BACKOFF_SECONDS = 600.0
MAX_ERROR_CHARS = 500
USER_AGENT = "ResuMate-Webhooks/1"
logger = logging.getLogger(__name__)


class CallbackRefused(ValueError):
    """A callback URL we will not call (scheme, or a private address without permission)."""


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The `X-ResuMate-Signature` value: `v1=` + hex HMAC-SHA256 over `"<timestamp>." + body`."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def verify(secret: str, *, timestamp: str, signature: str, body: bytes,
           now: float | None = None, tolerance_seconds: float = 300.0) -> bool:
    """What a receiver does (used by the tests; copy it into your receiver)."""
    if not timestamp.isdigit():
        return False
    current = time.time() if now is None else now
    if abs(current - int(timestamp)) > tolerance_seconds:
        return False
    return hmac.compare_digest(sign(secret, int(timestamp), body), signature)


def check_callback_url(url: str, *, allow_private: bool) -> str:
    """Accept only http(s) URLs with a host; refuse loopback/private/link-local targets unless
    allowed. Resolves the host (again at each delivery: DNS can change)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CallbackRefused("The callback URL must be an http:// or https:// URL with a host.")
    if allow_private:
        return url
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError as error:
        raise CallbackRefused(f"The callback host does not resolve: {error}.") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise CallbackRefused(
                "The callback URL points at a private or loopback address, which is refused.")
    return url


@dataclass(frozen=True, slots=True, kw_only=True)
class WebhookPolicy:
    timeout_seconds: float = 10.0
    max_attempts: int = 8
    backoff_seconds: float = 2.0
    allow_private: bool = False

    def delay_after(self, attempts: int) -> float:
        """Exponential backoff with +-20 % jitter after `attempts` failed tries."""
        base = min(self.backoff_seconds * 2 ** max(0, attempts - 1), MAX_BACKOFF_SECONDS)
        return float(base * random.uniform(0.8, 1.2))


def queue_webhooks(db: Session, *, resume_id: str, now: dt.datetime) -> list[int]:
    """Write one pending delivery per callback batch holding this resume (inside the caller's
    transaction, next to the job's outcome); returns their ids for the dispatcher."""
    batch_ids = repo.callback_batch_ids(db, resume_id=resume_id)
    record = repo.get_resume(db, resume_id=resume_id) if batch_ids else None
    if record is None:
        return []
    ids = []
    for batch_id in batch_ids:
        payload = resume_finished_payload(record, batch_id=batch_id, now=now)
        ids.append(repo.add_webhook_delivery(
            db, batch_id=batch_id, resume_id=resume_id, event=EVENT_RESUME_FINISHED,
            payload=payload, now=now).id)
    return ids


TERMINAL_STATUSES = frozenset({"parsed", "failed", "confirmed"})


def queue_batch_webhooks(db: Session, *, batch_id: str, now: dt.datetime) -> list[int]:
    """For a new batch: deliveries for its resumes that were already finished (deduplicated
    uploads, or parses faster than the batch's own commit) and have none yet."""
    batch = repo.get_batch(db, batch_id=batch_id)
    if batch is None or batch.callback_url is None:
        return []
    ids = []
    for record in repo.batch_resumes(db, batch_id=batch_id):
        if record.status not in TERMINAL_STATUSES or repo.has_webhook_delivery(
                db, batch_id=batch_id, resume_id=record.id, event=EVENT_RESUME_FINISHED):
            continue
        payload = resume_finished_payload(record, batch_id=batch_id, now=now)
        ids.append(repo.add_webhook_delivery(
            db, batch_id=batch_id, resume_id=record.id, event=EVENT_RESUME_FINISHED,
            payload=payload, now=now).id)
    return ids


def resume_finished_payload(record: Any, *, batch_id: str, now: dt.datetime) -> dict[str, Any]:
    """What the receiver gets: ids, outcome and links; never the resume's personal data."""
    base = f"/api/v1/resumes/{record.id}"
    error = ({"code": record.error_code, "message": record.error_message or ""}
             if record.error_code else None)
    return {
        "event": EVENT_RESUME_FINISHED, "batch_id": batch_id, "occurred_at": now.isoformat(),
        "resume": {
            "id": record.id, "status": record.status, "quality": record.quality,
            "filename": record.filename, "overall_confidence": record.overall_confidence,
            "error": error, "links": {"self": base, "status": f"{base}/status"},
        },
    }


Poster = Callable[[str, bytes, dict[str, str], float], int]


def post_json(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST without following redirects; returns the status code (raises on network errors)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def deliver_once(
    db: Database, delivery_id: int, *, policy: WebhookPolicy, now: Callable[[], dt.datetime],
    post: Poster = post_json,
) -> float | None:
    """Try one delivery. Returns the delay before the next try, or None when it is settled
    (delivered, failed for good, or gone)."""
    with db.read() as session:
        delivery = repo.get_webhook_delivery(session, delivery_id=delivery_id)
        batch = repo.get_batch(session, batch_id=delivery.batch_id) if delivery else None
        if delivery is None or batch is None or delivery.status != "pending":
            return None
        if delivery.next_attempt_at > now() + dt.timedelta(seconds=1):
            return (delivery.next_attempt_at - now()).total_seconds()
        url, secret = batch.callback_url or "", batch.callback_secret or ""
        body = json.dumps({**delivery.payload, "delivery_id": delivery.id},
                          separators=(",", ":"), sort_keys=True).encode()
        event = delivery.event
    error = _attempt(url, secret, body, event, delivery_id, policy, post)
    return _record_attempt(db, delivery_id, error, policy=policy, now=now)


def _attempt(url: str, secret: str, body: bytes, event: str, delivery_id: int,
             policy: WebhookPolicy, post: Poster) -> str | None:
    try:
        check_callback_url(url, allow_private=policy.allow_private)
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json", "User-Agent": USER_AGENT,
            EVENT_HEADER: event, DELIVERY_HEADER: str(delivery_id),
            TIMESTAMP_HEADER: str(timestamp), SIGNATURE_HEADER: sign(secret, timestamp, body),
        }
        status = post(url, body, headers, policy.timeout_seconds)
    except CallbackRefused as refused:
        return f"refused: {refused}"
    except Exception as error:  # network failure: retried
        return f"{type(error).__name__}: {error}"
    return None if 200 <= status < 300 else f"HTTP {status}"


def _record_attempt(db: Database, delivery_id: int, error: str | None, *,
                    policy: WebhookPolicy, now: Callable[[], dt.datetime]) -> float | None:
    with db.write() as session:
        delivery = repo.get_webhook_delivery(session, delivery_id=delivery_id)
        if delivery is None or delivery.status != "pending":
            return None
        delivery.attempts += 1
        if error is None:
            delivery.status, delivery.delivered_at, delivery.last_error = "delivered", now(), None
            return None
        delivery.last_error = error[:MAX_ERROR_CHARS]
        if error.startswith("refused") or delivery.attempts >= policy.max_attempts:
            delivery.status = "failed"
            logger.warning("webhook %d failed for good after %d attempt(s): %s",
                           delivery_id, delivery.attempts, error)
            return None
        delay = policy.delay_after(delivery.attempts)
        delivery.next_attempt_at = now() + dt.timedelta(seconds=delay)
        return delay


class WebhookDispatcher(Protocol):
    """Sends outbox rows after the transaction that wrote them has committed."""

    def dispatch(self, delivery_ids: Sequence[int]) -> None: ...


class _NoDispatch:
    def dispatch(self, delivery_ids: Sequence[int]) -> None:
        return None


NO_DISPATCH: WebhookDispatcher = _NoDispatch()


class ThreadedWebhookDispatcher:
    """The in-process dispatcher: one thread, a timer heap of (due, delivery id). On start it
    picks up deliveries left pending by a previous process."""

    def __init__(self, db: Database, *, policy: WebhookPolicy,
                 now: Callable[[], dt.datetime], post: Poster = post_json) -> None:
        self.db, self.policy, self.now, self.post = db, policy, now, post
        self._heap: list[tuple[float, int]] = []
        self._wake = threading.Condition()
        self._stopping = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="resumate-webhooks", daemon=True)
        self._thread.start()
        try:
            with self.db.read() as session:
                self.dispatch(repo.due_webhook_deliveries(session, now=self.now(), limit=1000))
        except Exception:
            logger.exception("could not look for pending webhooks")

    def dispatch(self, delivery_ids: Sequence[int]) -> None:
        self._schedule([(time.monotonic(), i) for i in delivery_ids])

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=self.policy.timeout_seconds + 1)

    def _schedule(self, entries: list[tuple[float, int]]) -> None:
        with self._wake:
            for entry in entries:
                heapq.heappush(self._heap, entry)
            self._wake.notify_all()

    def _loop(self) -> None:
        while True:
            with self._wake:
                while not self._stopping and (
                        not self._heap or self._heap[0][0] > time.monotonic()):
                    timeout = self._heap[0][0] - time.monotonic() if self._heap else None
                    self._wake.wait(timeout)
                if self._stopping:
                    return
                _due, delivery_id = heapq.heappop(self._heap)
            try:
                delay = deliver_once(self.db, delivery_id, policy=self.policy, now=self.now,
                                     post=self.post)
            except Exception:  # the database is down: try again later
                logger.exception("webhook %d: delivery bookkeeping failed", delivery_id)
                delay = self.policy.delay_after(1)
            if delay is not None:
                self._schedule([(time.monotonic() + delay, delivery_id)])
