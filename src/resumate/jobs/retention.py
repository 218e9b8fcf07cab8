"""Retention: resumes older than the configured number of days are erased, files included."""

from __future__ import annotations

import datetime as dt
import logging

from resumate.store import repositories as repo
from resumate.store.db import Database
from resumate.store.files import FileStore

logger = logging.getLogger(__name__)


def purge_expired_resumes(
    db: Database, files: FileStore, *, now: dt.datetime, retention_days: int
) -> int:
    """Erase every resume created more than `retention_days` before `now`; returns the count."""
    cutoff = now - dt.timedelta(days=retention_days)
    with db.read() as session:
        ids = [r.id for r in repo.resumes_created_before(session, before=cutoff)]
    purged = 0
    for resume_id in ids:
        with db.write() as session:
            key = repo.delete_resume(session, resume_id=resume_id)
        if key is not None:
            files.delete(key)
        purged += 1
    if purged:
        logger.info("retention: purged %d resume(s) created before %s", purged, cutoff.isoformat())
    return purged
