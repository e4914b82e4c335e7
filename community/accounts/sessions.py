"""Log-ins as rows on the server, so that log-out really ends them.

A signed cookie alone cannot be taken back: a copy saved before log-out would keep working, and
a remember-me cookie for 30 days from anywhere. So every log-in gets a random key, stored only as
its SHA-256 in `login_sessions`; the key travels in the session and remember cookies through
`User.get_id()` ("<id>:<epoch>:<key>"), and the loader accepts a cookie only while its row exists.
Log-out deletes this device's row; "Overal uitloggen" deletes them all and bumps the epoch.

Services: they flush, never commit.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from community import tokens
from community.accounts.models import LoginSession, User
from community.clock import utcnow
from community.extensions import db


def _lifetime() -> timedelta:
    """As long as a remember-me cookie lives: no log-in outlasts the longest cookie for it."""
    return current_app.config["REMEMBER_COOKIE_DURATION"]


def open_session(user: User, *, now: datetime | None = None) -> str:
    """Start a log-in for `user` and give the user object its key (before login_user)."""
    now = now or utcnow()
    db.session.execute(
        sa.delete(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.expires_at <= now)
        .execution_options(synchronize_session=False)
    )
    key, key_hash = tokens.new_token()
    db.session.add(
        LoginSession(
            user_id=user.id, key_hash=key_hash, created_at=now, expires_at=now + _lifetime()
        )
    )
    db.session.flush()
    user.session_key = key
    return key


def end_session(user: User) -> None:
    """End the log-in `user` was loaded with; other devices stay logged in."""
    if user.session_key:
        db.session.execute(
            sa.delete(LoginSession)
            .where(
                LoginSession.user_id == user.id,
                LoginSession.key_hash == tokens.hash_token(user.session_key),
            )
            .execution_options(synchronize_session=False)
        )
        db.session.flush()


def end_all_sessions(user: User) -> None:
    """End every log-in of `user` on every device (log out everywhere, a new password)."""
    db.session.execute(
        sa.delete(LoginSession)
        .where(LoginSession.user_id == user.id)
        .execution_options(synchronize_session=False)
    )
    user.session_epoch += 1
    db.session.flush()


def load_user(session_id: str, *, now: datetime | None = None) -> User | None:
    """Flask-Login's loader: the active user whose epoch and open log-in the id names, or None."""
    user_id, epoch, key = (session_id.split(":") + ["", ""])[:3]
    if not (user_id.isdigit() and epoch.isdigit() and key) or max(len(user_id), len(epoch)) > 18:
        return None
    user = db.session.scalar(
        sa.select(User)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(
            User.id == int(user_id),
            User.session_epoch == int(epoch),
            User.is_active.is_(True),
            LoginSession.key_hash == tokens.hash_token(key),
            LoginSession.expires_at > (now or utcnow()),
        )
    )
    if user is not None:
        user.session_key = key
    return user
