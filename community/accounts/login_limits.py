"""Failed log-ins, counted per account and per address apart, in the database.

A limit on all attempts per address punished the wrong people: a team behind one office address
was refused after ten correct log-ins a minute, while someone guessing one account's password
from a hundred addresses never met it. So only *failures* count, twice: under the account (the
e-mail typed, whether or not it has an account, so the answer reveals nothing) and under the
address. Too many against one account locks that account's log-in for the window and mails its
owner; too many from one address stops that address. A correct password never counts.

The counts live in a small table rather than in each worker's memory (or the rate-limit store),
so every worker and every host sees the same numbers, and they survive a Redis outage. Rows
older than the window are deleted as new failures come in. Services: they flush, never commit.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from community import mail, tokens, urls
from community.accounts.models import LoginFailure
from community.accounts.services import normalise_email, user_by_email
from community.clock import utcnow
from community.extensions import db

log = logging.getLogger(__name__)

ACCOUNT_LOCKED = (
    "Er is te vaak een verkeerd wachtwoord geprobeerd voor dit account. Om het te beschermen kun "
    "je even niet inloggen; probeer het over {minutes} minuten opnieuw. Wil je nu al verder? Kies "
    "via ‘Wachtwoord vergeten’ een nieuw wachtwoord: daarmee kun je meteen weer inloggen."
)
ADDRESS_BLOCKED = (
    "Vanaf jouw internetverbinding is te vaak een verkeerd wachtwoord geprobeerd. "
    "Wacht {minutes} minuten en probeer het dan opnieuw."
)


def per_account() -> int:
    return current_app.config["LOGIN_FAILURES_PER_ACCOUNT"]


def per_address() -> int:
    return current_app.config["LOGIN_FAILURES_PER_ADDRESS"]


def window() -> timedelta:
    return timedelta(minutes=current_app.config["LOGIN_FAILURE_WINDOW_MINUTES"])


def _account_key(email: str) -> str:
    return tokens.hash_token("account:" + normalise_email(email))


def _address_key(address: str | None) -> str:
    return tokens.hash_token("address:" + (address or "unknown"))


def _failures(key: str, now: datetime) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(LoginFailure.id)).where(
            LoginFailure.key_hash == key, LoginFailure.created_at > now - window()
        )
    )


def refusal(email: str, address: str | None, *, now: datetime | None = None) -> str | None:
    """The Dutch reason this attempt is refused before any password is checked, or None."""
    now = now or utcnow()
    minutes = int(window().total_seconds() // 60)
    if _failures(_account_key(email), now) >= per_account():
        return ACCOUNT_LOCKED.format(minutes=minutes)
    if _failures(_address_key(address), now) >= per_address():
        return ADDRESS_BLOCKED.format(minutes=minutes)
    return None


def record_failure(email: str, address: str | None, *, now: datetime | None = None) -> bool:
    """Count a wrong password; returns True when this one locked the account (its owner is
    mailed then, once per lock)."""
    now = now or utcnow()
    db.session.execute(
        sa.delete(LoginFailure)
        .where(LoginFailure.created_at <= now - window())
        .execution_options(synchronize_session=False)
    )
    account = _account_key(email)
    db.session.add_all(
        [
            LoginFailure(key_hash=account, created_at=now),
            LoginFailure(key_hash=_address_key(address), created_at=now),
        ]
    )
    db.session.flush()
    locked = _failures(account, now) == per_account()
    if locked:
        log.warning("Log-in locked for an account after %s failures", per_account())
        _mail_owner(email)
    return locked


def forget_account(email: str) -> None:
    """A correct password or a new one: the account's failures no longer count."""
    db.session.execute(
        sa.delete(LoginFailure)
        .where(LoginFailure.key_hash == _account_key(email))
        .execution_options(synchronize_session=False)
    )
    db.session.flush()


def _mail_owner(email: str) -> None:
    user = user_by_email(email)
    if user is None or not user.is_active:
        return
    mail.queue(
        db.session,
        mail.build_message(
            user.email,
            "Inloggen op je account is even geblokkeerd",
            "login_locked",
            user=user,
            minutes=int(window().total_seconds() // 60),
            reset_url=urls.absolute_url("accounts.forgot_password"),
        ),
    )
