"""The health checks behind /healthz. Each returns a small JSON-ready dict with a "status".

Cheap: `SELECT 1`, and asking the search package about its index (which first applies pending
log rows to the index, as a search would, and compares document and post counts). Error details
stay in the log; the public answer names only the kind of failure, never a path or a password.
"""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from flask import Flask

from community import search
from community.extensions import db, limiter

log = logging.getLogger(__name__)

OK, FAIL = "ok", "fail"
# This worker serves, but with less protection: rate limits counted per process (Redis is down).
DEGRADED = "degraded"


def database_status() -> dict[str, Any]:
    try:
        db.session.execute(sa.text("SELECT 1")).scalar_one()
        answer = {"status": OK}
    except Exception as error:  # whatever it is, this worker cannot serve pages
        log.warning("healthz: database check failed: %r", error)
        answer = {"status": FAIL, "error": type(error).__name__}
    try:
        db.session.rollback()  # end the read transaction; nothing was written
    except Exception:  # a broken connection may refuse even that; it changes no answer
        log.debug("healthz: rollback after the database check failed", exc_info=True)
    return answer


def search_index_status(app: Flask) -> dict[str, Any]:
    """The search package's own answer: only community/search/ may import whoosh, so whether the
    index at SEARCH_INDEX_DIR exists and opens is theirs to say, through
    `community.search.index_status(app)` (a dict with "status": "ok" or anything else).
    """
    try:
        answer = dict(search.index_status(app))
    except Exception as error:
        log.warning("healthz: search index check failed: %r", error)
        return {"status": FAIL, "error": type(error).__name__}
    answer["status"] = OK if answer.get("status") == OK else FAIL
    return answer


def rate_limit_status() -> dict[str, Any]:
    """Whether the rate-limit store answers. When it does not, Flask-Limiter counts in this
    process's memory (extensions.limiter): pages and log-ins work, but each worker allows the full
    limit. That is "degraded", not "fail": taking every worker out of the load balancer over a
    Redis outage would turn a weaker limit into no site at all.
    """
    try:
        answers = bool(limiter.storage.check())
    except Exception as error:
        log.warning("healthz: rate-limit storage check failed: %r", error)
        answers = False
    if answers:
        return {"status": OK}
    return {"status": DEGRADED, "fallback": "memory"}


def health(app: Flask) -> dict[str, Any]:
    """{"status": "ok"|"degraded"|"fail", "database": {...}, "search_index": {...},
    "rate_limits": {...}}"""
    checks = {
        "database": database_status(),
        "search_index": search_index_status(app),
        "rate_limits": rate_limit_status(),
    }
    statuses = {check["status"] for check in checks.values()}
    status = FAIL if FAIL in statuses else DEGRADED if DEGRADED in statuses else OK
    return {"status": status, **checks}
