"""Accounts without HTTP: passwords, logging in, sessions, creating members.

Services flush but never commit; the view or CLI command commits once per unit of work.
"""

from __future__ import annotations

import contextlib

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from blinker import Namespace
from email_validator import EmailNotValidError, validate_email
from flask import current_app

from community.accounts.models import PasswordResetToken, Role, User
from community.clock import utcnow
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.input_guard import is_single_line
from community.organisations.models import Organisation
from community.privacy import guard as privacy_guard

_signals = Namespace()
# Sent by create_user once the new account is flushed: (user). Features that knew this address
# before it was a member take over what they hold for it here (the digest folds an e-mail
# follower's subscription into the member's own digest settings: digest.handover).
account_created = _signals.signal("account-created")

MIN_PASSWORD_LENGTH = 10
NAME_MAX, JOB_TITLE_MAX, BIO_MAX = 120, 120, 1000


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _hasher() -> PasswordHasher:
    # argon2id (config.py); tests lower the costs in their config.
    config = current_app.config
    return PasswordHasher(
        time_cost=config["ARGON2_TIME_COST"],
        memory_cost=config["ARGON2_MEMORY_COST"],
        parallelism=1,
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def check_password_rules(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(
            f"Kies een wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens.", field=field
        )
    if len(password) > 200:
        raise DomainError("Dat wachtwoord is te lang (meer dan 200 tekens).", field=field)


def check_email(email: str, field: str = "email") -> str:
    """The normalised address, or a Dutch DomainError when it cannot be an e-mail address."""
    email = normalise_email(email)
    if len(email) > 254:
        raise DomainError("Dat e-mailadres is te lang.", field=field)
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        raise DomainError("Dat lijkt geen geldig e-mailadres.", field=field) from None
    return email


def user_by_email(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None; the same cost either way."""
    hasher = _hasher()
    user = user_by_email(email)
    if user is None:
        # Spend the same time as a real check, so timing does not reveal which e-mails exist.
        with contextlib.suppress(VerificationError):
            hasher.verify(_dummy_hash(), password)
        return None
    try:
        hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if not user.is_active:
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    user.last_seen_at = utcnow()
    db.session.flush()
    return user


_DUMMY_HASHES: dict[tuple, str] = {}


def _dummy_hash() -> str:
    hasher = _hasher()
    key = (hasher.time_cost, hasher.memory_cost)
    if key not in _DUMMY_HASHES:
        _DUMMY_HASHES[key] = hasher.hash("not a real password")
    return _DUMMY_HASHES[key]


def load_user_from_session(session_id: str) -> User | None:
    """Flask-Login's loader: see accounts.sessions (the id names the epoch and an open log-in)."""
    from community.accounts import sessions

    return sessions.load_user(session_id)


NAME_MESSAGE = "Je naam kan geen regelovergang of onzichtbare stuurtekens bevatten."


def check_name(name: str, field: str = "name") -> str:
    """A person's name on one line: it goes into mail headers ("Karin Mulder nodigt je uit")."""
    name = (name or "").strip()
    if not is_single_line(name):
        raise DomainError(NAME_MESSAGE, field=field)
    return name


def create_user(
    *,
    email: str,
    name: str,
    password: str,
    role: Role = Role.PROFESSIONAL,
    organisation: Organisation | None = None,
    invited_by: User | None = None,
    job_title: str = "",
) -> User:
    email = normalise_email(email)
    if user_by_email(email) is not None:
        raise DomainError("Er bestaat al een account met dit e-mailadres.", field="email")
    check_password_rules(password)
    user = User(
        email=email,
        name=check_name(name),
        password_hash=hash_password(password),
        role=role,
        organisation=organisation,
        invited_by_id=invited_by.id if invited_by else None,
        job_title=job_title.strip(),
    )
    db.session.add(user)
    db.session.flush()
    account_created.send(user)
    return user


def set_password(user: User, new_password: str) -> None:
    """Change the password and end every session and every open reset link of this user.

    A reset link asked for before the change (perhaps by whoever knew the old password) must not
    undo it; the view logs the member in again on the device they changed it on.
    """
    from community.accounts import sessions

    check_password_rules(new_password, field="new_password")
    user.password_hash = hash_password(new_password)
    db.session.execute(
        sa.update(PasswordResetToken)
        .where(PasswordResetToken.user_id == user.id, PasswordResetToken.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    sessions.end_all_sessions(user)


def verify_password(user: User, password: str) -> bool:
    try:
        return _hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def change_password(user: User, current_password: str, new_password: str) -> None:
    """A member changes their own password; knowing the current one proves it is them."""
    if not verify_password(user, current_password):
        raise DomainError("Dit is niet je huidige wachtwoord.", field="current_password")
    set_password(user, new_password)


# --- Profile and settings -------------------------------------------------------------------


def may_edit_profile(actor: User, user: User) -> bool:
    return actor.id == user.id or actor.is_admin


def _check_length(value: str, maximum: int, field: str, what: str) -> str:
    value = value.strip()
    if len(value) > maximum:
        raise DomainError(f"{what} mag hoogstens {maximum} tekens zijn.", field=field)
    return value


def update_profile(
    actor: User,
    user: User,
    *,
    name: str,
    job_title: str,
    bio: str,
    privacy_confirmed: bool = False,
) -> None:
    """Name, job title and bio; the organisation is changed by an admin (admin.services).

    Every member reads the bio, so the privacy guard checks it and the job title: raises
    PersonalDataFound unless the member confirmed (their own work number is fine).
    """
    if not may_edit_profile(actor, user):
        raise NotAllowed("Je kunt alleen je eigen profiel aanpassen.")
    name = check_name(_check_length(name, NAME_MAX, "name", "Je naam"))
    if not name:
        raise DomainError("Vul je naam in.", field="name")
    job_title = _check_length(job_title, JOB_TITLE_MAX, "job_title", "Je functie")
    bio = _check_length(bio.replace("\r\n", "\n"), BIO_MAX, "bio", "Over jou")
    privacy_guard(
        {"job_title": job_title, "bio": bio},
        privacy_confirmed,
        labels={"job_title": "Functie", "bio": "Over jou"},
    )
    user.name = name
    user.job_title = job_title
    user.bio = bio
    db.session.flush()


def update_settings(user: User, *, notify_by_email: bool, accepts_asks: bool | None = None) -> None:
    user.notify_by_email = notify_by_email
    if accepts_asks is not None:
        user.accepts_asks = accepts_asks
    db.session.flush()


# --- Admins from the command line -------------------------------------------------------------


def create_admin(
    email: str, *, name: str | None = None, password: str | None = None
) -> tuple[User, bool]:
    """Create an admin, or make an existing member admin (and active). Returns (user, created).

    For an existing member the password only changes when one is given.
    """
    email = check_email(email)
    user = user_by_email(email)
    if user is None:
        if password is None:
            raise DomainError(
                "Geef een wachtwoord voor het nieuwe beheerdersaccount.", field="password"
            )
        name = check_name(_check_length(name or "", NAME_MAX, "name", "De naam"))
        name = name or email.split("@")[0]
        return create_user(email=email, name=name, password=password, role=Role.ADMIN), True
    user.role = Role.ADMIN
    user.is_active = True
    if name:
        user.name = check_name(_check_length(name, NAME_MAX, "name", "De naam"))
    if password is not None:
        set_password(user, password)
    db.session.flush()
    return user, False
