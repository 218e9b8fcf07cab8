"""The browser session: a signed, HttpOnly, SameSite=Lax cookie holding a CSRF token and, when
API keys are configured, proof that the person entered one.

The cookie is signed with `Settings.secret_key` (itsdangerous) and carries no secret itself:
`auth` is an HMAC fingerprint of the key that was entered, so removing that key from
`RESUMATE_API_KEYS` ends every session opened with it. Forms carry the CSRF token in a hidden
field; scripts send it in the `X-CSRF-Token` header. Comparison is constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import HTTPConnection
from starlette.responses import Response

from resumate.config import Settings

COOKIE_NAME = "resumate_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SESSION_MAX_AGE_SECONDS = 14 * 24 * 3600
_SALT = "resumate.ui-session.v1"


@dataclass
class UiSession:
    csrf: str
    auth: str | None = None  # fingerprint of the API key entered, if any
    is_new: bool = field(default=False, compare=False)
    changed: bool = field(default=False, compare=False)

    def sign_in(self, fingerprint: str) -> None:
        self.auth, self.csrf, self.changed = fingerprint, secrets.token_urlsafe(32), True

    def sign_out(self) -> None:
        self.auth, self.csrf, self.changed = None, secrets.token_urlsafe(32), True


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.secret_key.get_secret_value(), salt=_SALT)


def key_fingerprint(settings: Settings, key: str) -> str:
    secret = settings.secret_key.get_secret_value().encode()
    return hmac.new(secret, b"api-key:" + key.encode(), hashlib.sha256).hexdigest()[:32]


def matching_key_fingerprint(settings: Settings, presented: str) -> str | None:
    """The fingerprint of `presented` when it is one of the configured API keys."""
    candidate = presented.strip().encode()
    for key in settings.api_keys:
        if candidate and hmac.compare_digest(candidate, key.get_secret_value().encode()):
            return key_fingerprint(settings, key.get_secret_value())
    return None


def read_session(settings: Settings, connection: HTTPConnection) -> UiSession:
    """The session from the cookie, or a new one (its cookie is set by `save_session`)."""
    raw = connection.cookies.get(COOKIE_NAME)
    if raw:
        try:
            data = _serializer(settings).loads(raw, max_age=SESSION_MAX_AGE_SECONDS)
        except BadSignature:
            data = None
        if isinstance(data, dict) and isinstance(data.get("csrf"), str):
            auth = data.get("auth")
            return UiSession(csrf=data["csrf"], auth=auth if isinstance(auth, str) else None)
    return UiSession(csrf=secrets.token_urlsafe(32), is_new=True)


def save_session(settings: Settings, session: UiSession, response: Response, *,
                 secure: bool) -> None:
    if not (session.is_new or session.changed):
        return
    value = _serializer(settings).dumps({"csrf": session.csrf, "auth": session.auth})
    response.set_cookie(COOKIE_NAME, value, max_age=SESSION_MAX_AGE_SECONDS, path="/",
                        httponly=True, samesite="lax", secure=secure)


def is_signed_in(settings: Settings, session: UiSession) -> bool:
    """Open mode (no API keys) lets everyone in; otherwise the fingerprint must still match."""
    if not settings.api_keys:
        return True
    if session.auth is None:
        return False
    current = {key_fingerprint(settings, k.get_secret_value()) for k in settings.api_keys}
    return any(hmac.compare_digest(session.auth, f) for f in current)


def csrf_matches(session: UiSession, presented: str | None) -> bool:
    return bool(presented) and hmac.compare_digest(session.csrf.encode(),
                                                   str(presented).encode())


def session_authorizes(settings: Settings, connection: HTTPConnection) -> bool:
    """True when a signed-in browser session may use the API on this request: reads always,
    writes only with the session's CSRF token in the `X-CSRF-Token` header, and WebSockets only
    from a page of this same site (browsers send cookies cross-site on WebSocket handshakes)."""
    if COOKIE_NAME not in connection.cookies:
        return False
    session = read_session(settings, connection)
    if session.is_new or not is_signed_in(settings, session):
        return False
    if connection.scope["type"] == "websocket":
        return is_same_origin(connection)
    method = connection.scope.get("method", "GET")
    if method in ("GET", "HEAD", "OPTIONS"):
        return True
    return csrf_matches(session, connection.headers.get(CSRF_HEADER))


def is_same_origin(connection: HTTPConnection) -> bool:
    origin = connection.headers.get("origin")
    if not origin:
        return False
    host = connection.headers.get("host", "")
    return origin.split("://", 1)[-1].rstrip("/") == host
