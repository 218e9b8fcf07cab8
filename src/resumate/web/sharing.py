"""Share links: unguessable tokens (256 bits from `secrets`), expiry, revocation, access count,
share intents (e-mail, WhatsApp, Telegram) and sending the link by SMTP.

A token that is unknown, expired or revoked gets the same 404: the answer never tells which.
"""

from __future__ import annotations

import datetime as dt
import secrets
import smtplib
from email.message import EmailMessage
from typing import Any
from urllib.parse import quote, urlencode

from resumate.config import Settings
from resumate.store import repositories as repo
from resumate.store.models import ShareRecord
from resumate.web.context import AppContext
from resumate.web.errors import ApiError
from resumate.web.resumes import get_record
from resumate.web.schemas import ShareIntents, ShareOut

TOKEN_BYTES = 32  # 256 bits
NOINDEX = {"X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer",
           "Cache-Control": "no-store"}


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def share_gone() -> ApiError:
    return ApiError("not_found", "This share link does not exist or is no longer available.",
                    headers=NOINDEX)


def _expiry(context: AppContext, days: int | None) -> dt.datetime | None:
    if days == -1:
        days = context.settings.share_expiry_days
    return None if days is None else context.clock() + dt.timedelta(days=days)


def create_share(context: AppContext, resume_id: str, *, expires_in_days: int | None,
                 base_url: str) -> tuple[ShareOut, bool]:
    """The resume's live share link, created when there is none. Returns (share, created)."""
    record = get_record(context, resume_id)
    if record.status not in ("parsed", "confirmed"):
        raise ApiError("not_ready", "A resume can be shared once it is parsed.")
    now = context.clock()
    with context.db.write() as db:
        share = repo.active_share(db, resume_id=resume_id, now=now)
        created = share is None
        if share is None:
            share = repo.add_share(db, resume_id=resume_id, token=new_token(),
                                   expires_at=_expiry(context, expires_in_days), now=now)
        return share_out(share, base_url=base_url, name=_name(record)), created


def get_share(context: AppContext, resume_id: str, *, base_url: str) -> ShareOut:
    record = get_record(context, resume_id)
    with context.db.read() as db:
        share = repo.active_share(db, resume_id=resume_id, now=context.clock())
        if share is None:
            raise ApiError("not_found", "This resume has no active share link. Create one first.")
        return share_out(share, base_url=base_url, name=_name(record))


def update_share(context: AppContext, resume_id: str, *, expires_in_days: int | None,
                 base_url: str) -> ShareOut:
    record = get_record(context, resume_id)
    with context.db.write() as db:
        share = repo.active_share(db, resume_id=resume_id, now=context.clock())
        if share is None:
            raise ApiError("not_found", "This resume has no active share link. Create one first.")
        share.expires_at = _expiry(context, expires_in_days)
        return share_out(share, base_url=base_url, name=_name(record))


def revoke_share(context: AppContext, resume_id: str) -> None:
    get_record(context, resume_id)
    now = context.clock()
    with context.db.write() as db:
        share = repo.active_share(db, resume_id=resume_id, now=now)
        if share is None:
            raise ApiError("not_found", "This resume has no active share link.")
        share.revoked_at = now


def open_shared(context: AppContext, token: str) -> tuple[dict[str, Any], ShareRecord]:
    """The shared resume's JSON Resume sections; counts the access. 404 for any dead link."""
    if not (20 <= len(token) <= 64):
        raise share_gone()
    now = context.clock()
    with context.db.write() as db:
        share = repo.live_share_by_token(db, token=token, now=now)
        record = repo.get_resume(db, resume_id=share.resume_id) if share else None
        if share is None or record is None or record.parsed is None:
            raise share_gone()
        repo.record_share_access(db, share_id=share.id, now=now)
        document = {k: v for k, v in record.parsed.document.items() if k not in ("meta", "$schema")}
        return document, share


def share_out(share: ShareRecord, *, base_url: str, name: str | None) -> ShareOut:
    url = f"{base_url.rstrip('/')}/s/{share.token}"
    return ShareOut(
        token=share.token, url=url, api_url=f"{base_url.rstrip('/')}/api/v1/shared/{share.token}",
        created_at=share.created_at, expires_at=share.expires_at,
        access_count=share.access_count, last_accessed_at=share.last_accessed_at,
        intents=share_intents(url, name=name),
    )


def share_intents(url: str, *, name: str | None) -> ShareIntents:
    subject = f"Resume of {name}" if name else "A resume"
    text = f"{subject}: {url}"
    return ShareIntents(
        email="mailto:?" + urlencode({"subject": subject, "body": text}, quote_via=quote),
        whatsapp="https://wa.me/?" + urlencode({"text": text}, quote_via=quote),
        telegram="https://t.me/share/url?" + urlencode({"url": url, "text": subject},
                                                       quote_via=quote),
    )


def _name(record: Any) -> str | None:
    parsed = record.parsed
    if parsed is None:
        return None
    name = parsed.document.get("basics", {}).get("name")
    return " ".join(str(name).split())[:120] if name else None


# --- e-mail -------------------------------------------------------------------------------------


def send_share_email(settings: Settings, *, to: str, share: ShareOut, name: str | None,
                     note: str | None) -> None:
    """Send the link through the configured SMTP server (blocking; call from a thread)."""
    if not settings.smtp_host:
        raise ApiError("email_unavailable",
                       "Sending e-mail is not configured here. Use the mailto link instead.")
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = f"Resume of {name}" if name else "A resume"
    body = [note.strip(), ""] if note and note.strip() else []
    body += [f"View the resume: {share.url}"]
    if share.expires_at:
        body.append(f"The link works until {share.expires_at:%Y-%m-%d %H:%M} UTC.")
    message.set_content("\n".join(body))
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port,
                          timeout=settings.smtp_timeout_seconds) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_username and settings.smtp_password:
                smtp.login(settings.smtp_username, settings.smtp_password.get_secret_value())
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise ApiError("email_failed",
                       f"The mail server did not accept the message ({type(error).__name__}). "
                       "Try again later or use the mailto link.") from None


def resume_name(context: AppContext, resume_id: str) -> str | None:
    return _name(get_record(context, resume_id))
