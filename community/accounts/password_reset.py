"""Password reset by e-mail: a one-hour, single-use link whose token is stored only as a hash.

Services in the accounts feature (kept apart from services.py to keep each file readable);
they flush but never commit.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import sqlalchemy as sa

from community import jobs, mail, tokens, urls
from community.accounts.models import PasswordResetToken, User
from community.accounts.services import check_password_rules, set_password, user_by_email
from community.clock import utcnow
from community.errors import DomainError
from community.extensions import db

log = logging.getLogger(__name__)

RESET_VALID_FOR = timedelta(hours=1)
# More reset mails than this per account per hour are silently skipped: no mail bombing.
RESET_MAILS_PER_HOUR = 3


def queue_password_reset(email: str) -> None:
    """What the "wachtwoord vergeten" request does, for every address alike: enqueue one job
    after the commit. Looking the address up, making the token and mailing happen in the worker,
    so neither the answer nor its timing tells whether the address has an account."""
    jobs.after_commit(db.session, send_password_reset, email)


@jobs.task(retries=3, retry_delay=30)
def send_password_reset(email: str) -> None:
    """The job behind `queue_password_reset`; retried while the database is briefly away, so a
    request the site took is not lost."""
    request_password_reset(email)


def request_password_reset(email: str, *, now: datetime | None = None) -> str | None:
    """Mail a one-hour reset link to an active member; returns the token (None when no mail).

    Runs in the worker (`send_password_reset`); flushes, the job commits.
    """
    now = now or utcnow()
    user = user_by_email(email)
    if user is None or not user.is_active:
        return None
    recent = db.session.scalar(
        sa.select(sa.func.count(PasswordResetToken.id)).where(
            PasswordResetToken.user_id == user.id,
            PasswordResetToken.created_at > now - timedelta(hours=1),
        )
    )
    if recent >= RESET_MAILS_PER_HOUR:
        log.info("Password reset for user %s skipped: %s mails in the last hour", user.id, recent)
        return None
    token, token_hash = tokens.new_token()
    db.session.add(
        PasswordResetToken(
            user_id=user.id, token_hash=token_hash, created_at=now, expires_at=now + RESET_VALID_FOR
        )
    )
    db.session.flush()
    reset_url = urls.absolute_url("accounts.reset_password", token=token)
    mail.queue(
        db.session,
        mail.build_message(
            user.email,
            "Kies een nieuw wachtwoord voor de Jeugdhulp Community",
            "password_reset",
            user=user,
            reset_url=reset_url,
        ),
    )
    return token


def _reset_token_is_open(now: datetime):
    return sa.and_(PasswordResetToken.used_at.is_(None), PasswordResetToken.expires_at > now)


def user_for_reset_token(token: str, *, now: datetime | None = None) -> User | None:
    """The member a still-usable token belongs to, without using it (for showing the form)."""
    now = now or utcnow()
    found = db.session.scalar(
        sa.select(PasswordResetToken).where(
            PasswordResetToken.token_hash == tokens.hash_token(token), _reset_token_is_open(now)
        )
    )
    if found is None or not found.user.is_active:
        return None
    return found.user


INVALID_RESET_LINK = (
    "Deze link werkt niet meer: hij is al gebruikt of ouder dan een uur. "
    "Vraag hieronder een nieuwe aan."
)


def reset_password(token: str, new_password: str, *, now: datetime | None = None) -> User:
    """Use a reset token once and set the new password (which ends every other session).

    One UPDATE decides: of two clicks on the same link, exactly one gets a row back.
    """
    now = now or utcnow()
    check_password_rules(new_password, field="new_password")
    token_hash = tokens.hash_token(token)
    if not tokens.use_once(PasswordResetToken, token, now):
        raise DomainError(INVALID_RESET_LINK)
    user_id = db.session.scalar(
        sa.select(PasswordResetToken.user_id).where(PasswordResetToken.token_hash == token_hash)
    )
    user = db.session.get(User, user_id)
    if user is None or not user.is_active:
        raise DomainError(INVALID_RESET_LINK)
    set_password(user, new_password)  # older links in the mailbox stop working too
    # Whoever can read the mailbox owns the account: a lock from wrong guesses ends here.
    from community.accounts import login_limits

    login_limits.forget_account(user.email)
    return user
