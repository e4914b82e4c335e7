"""Following without an account, and everyone's digest preferences: the rules, without HTTP.

Double opt-in: the form stores a subscriber with only the hash of a confirmation token and mails
the link; nothing else is ever sent before that link is used. The page after the form says the same
whatever the address, so it never reveals who follows. Services flush; the view commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from sqlalchemy.orm import selectinload

from community import mail, tokens, urls
from community.accounts.models import User
from community.accounts.services import normalise_email, user_by_email
from community.clock import utcnow
from community.database import insert_if_absent
from community.digest import links, settings
from community.digest.models import Frequency, Subscriber
from community.errors import DomainError
from community.extensions import db
from community.follows.models import Follow
from community.themes.models import Theme

CONFIRM_VALID_FOR = timedelta(days=7)
# Bump the version whenever CONSENT_TEXT changes: each subscriber keeps the version they agreed to.
CONSENT_TEXT_VERSION = "2026-11-v1"
CONSENT_TEXT = (
    "We sturen je alleen de nieuwsbrief met nieuwe vragen en goede voorbeelden uit de thema's die "
    "je kiest, en gebruiken je e-mailadres voor niets anders. Afmelden kan altijd met één klik."
)


@dataclass(frozen=True)
class Preferences:
    frequency: Frequency
    all_themes: bool
    themes: list[Theme]


@dataclass(frozen=True)
class Addressee:
    """Whoever a digest token belongs to: a subscriber or a member."""

    kind: str
    subscriber: Subscriber | None = None
    user: User | None = None

    @property
    def email(self) -> str:
        return (self.subscriber or self.user).email

    @property
    def is_member(self) -> bool:
        return self.kind == links.MEMBER

    @property
    def is_active(self) -> bool:
        if self.user is not None:
            return self.user.is_active and settings.settings_of(self.user.id).enabled
        return self.subscriber.is_active

    @property
    def token(self) -> str:
        target = self.subscriber or self.user
        return links.recipient_token(self.kind, target.id, target.email)

    def preferences(self) -> Preferences:
        if self.user is not None:
            chosen = settings.settings_of(self.user.id)
            return Preferences(chosen.frequency, chosen.all_themes, followed_themes(self.user))
        return Preferences(
            self.subscriber.frequency, self.subscriber.all_themes, list(self.subscriber.themes)
        )


def checked_email(raw: str) -> str:
    """The address, normalised; a DomainError in Dutch when it cannot be an e-mail address."""
    email = normalise_email(raw or "")
    if not email:
        raise DomainError("Vul je e-mailadres in.", field="email")
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        raise DomainError(
            "Dat lijkt geen geldig e-mailadres. Kijk even of er een @ en een domein in staan.",
            field="email",
        ) from None
    return email


def chosen_preferences(frequency: str, all_themes: bool, theme_ids: list[int]) -> Preferences:
    try:
        chosen_frequency = Frequency(frequency or Frequency.WEEKLY.value)
    except ValueError:
        raise DomainError("Kies wekelijks of dagelijks.", field="frequency") from None
    themes = []
    if theme_ids and not all_themes:
        themes = list(
            db.session.scalars(
                sa.select(Theme).where(Theme.id.in_(theme_ids)).order_by(Theme.position)
            )
        )
    if not all_themes and not themes:
        raise DomainError("Kies minstens één thema, of kies voor alle thema's.", field="themes")
    return Preferences(chosen_frequency, all_themes, themes)


def all_themes() -> list[Theme]:
    return list(db.session.scalars(sa.select(Theme).order_by(Theme.position, Theme.name)))


def followed_themes(user: User) -> list[Theme]:
    return list(
        db.session.scalars(
            sa.select(Theme)
            .join(Follow, Follow.theme_id == Theme.id)
            .where(Follow.user_id == user.id)
            .order_by(Theme.position)
        )
    )


def subscriber_by_email(email: str) -> Subscriber | None:
    return db.session.scalar(
        sa.select(Subscriber)
        .where(Subscriber.email == normalise_email(email))
        .options(selectinload(Subscriber.themes))
    )


def follow_by_email(email: str, preferences: Preferences, *, now: datetime | None = None) -> None:
    """Someone filled in the follow form. Mails one of three things, and never says which:

    - a new or not yet confirmed address: a (fresh) confirmation link, valid for 7 days;
    - an address that already follows: a link to its preferences (nothing is changed);
    - a member's address: where to switch the digest on in their settings.
    """
    now = now or utcnow()
    email = checked_email(email)
    if user_by_email(email) is not None:
        mail.queue(db.session, _known_address_mail(email, member=True))
        return
    subscriber = subscriber_by_email(email)
    if subscriber is None:
        # The form sent twice at once (a double click) inserts one row between the two; the
        # other send waits for it and then goes on as a repeated send does.
        insert_if_absent(
            db.session,
            Subscriber,
            email=email,
            created_at=now,
            consent_text_version=CONSENT_TEXT_VERSION,
        )
        subscriber = subscriber_by_email(email)
    if subscriber.is_active:
        recipient = Addressee(links.SUBSCRIBER, subscriber=subscriber)
        mail.queue(db.session, _known_address_mail(email, member=False, token=recipient.token))
        return
    # New, not yet confirmed, or unsubscribed earlier: the choices only count after the click.
    token, token_hash = tokens.new_token()
    subscriber.frequency = preferences.frequency
    subscriber.all_themes = preferences.all_themes
    subscriber.themes = [] if preferences.all_themes else preferences.themes
    subscriber.consent_text_version = CONSENT_TEXT_VERSION
    subscriber.confirm_token_hash = token_hash
    subscriber.confirm_expires_at = now + CONFIRM_VALID_FOR
    db.session.flush()
    mail.queue(
        db.session,
        mail.build_message(
            email,
            "Bevestig dat je de Jeugdhulp Community wilt volgen",
            "digest_confirm",
            confirm_url=urls.absolute_url("digest.confirm", token=token),
            preferences=preferences,
            valid_days=CONFIRM_VALID_FOR.days,
        ),
    )


def _known_address_mail(email: str, *, member: bool, token: str | None = None):
    if member:
        url = urls.absolute_url("digest.member_settings")
    else:
        url = urls.absolute_url("digest.preferences", token=token)
    return mail.build_message(
        email, "Je volgt de Jeugdhulp Community al", "digest_known", member=member, url=url
    )


def _link_holder(token: str, now: datetime) -> sa.Select:
    """The subscriber whose confirmation link this is, while the link has not expired.

    The hash stays on the row after the click, until the link expires, so a second click can be
    recognised (unsubscribing clears it). Confirming is the only way a subscriber becomes active,
    so an active subscriber holding the hash has used it: it confirms nothing any more.
    """
    return sa.select(Subscriber).where(
        Subscriber.confirm_token_hash == tokens.hash_token(token),
        Subscriber.confirm_expires_at > now,
    )


def pending_subscriber(token: str, *, now: datetime | None = None) -> Subscriber | None:
    """The subscriber a confirmation link belongs to, while it is still valid (reads only)."""
    now = now or utcnow()
    return db.session.scalar(_link_holder(token, now).where(sa.not_(Subscriber.is_active)))


def already_following(token: str, *, now: datetime | None = None) -> Subscriber | None:
    """The follower whose confirmation link this was, clicked again before it expired."""
    now = now or utcnow()
    return db.session.scalar(_link_holder(token, now).where(Subscriber.is_active))


def confirm_subscription(token: str, *, now: datetime | None = None) -> Subscriber | None:
    """Redeem a confirmation link: one UPDATE whose row count decides, so it works exactly once."""
    now = now or utcnow()
    subscriber = pending_subscriber(token, now=now)
    if subscriber is None:
        return None
    result = db.session.execute(
        sa.update(Subscriber)
        .where(
            Subscriber.id == subscriber.id,
            Subscriber.confirm_token_hash == tokens.hash_token(token),
            Subscriber.confirm_expires_at > now,
            sa.not_(Subscriber.is_active),
        )
        .values(confirmed_at=now, unsubscribed_at=None)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return None
    db.session.refresh(subscriber)
    return subscriber


def recipient_from_token(token: str) -> Addressee | None:
    """The subscriber or member a digest link was made for; None for a tampered or stale token."""
    parsed = links.read_recipient_token(token)
    if parsed is None:
        return None
    kind, recipient_id, mark = parsed
    if kind == links.MEMBER:
        user = db.session.get(User, recipient_id)
        if user is None or links.fingerprint(user.email) != mark:
            return None
        return Addressee(kind, user=user)
    subscriber = db.session.get(Subscriber, recipient_id, options=[selectinload(Subscriber.themes)])
    if subscriber is None or subscriber.confirmed_at is None:
        return None
    if links.fingerprint(subscriber.email) != mark:
        return None
    return Addressee(kind, subscriber=subscriber)


def recipient_is_gone(token: str) -> bool:
    """A token we signed for someone who has since deleted their data (follower or member)."""
    parsed = links.read_recipient_token(token)
    if parsed is None:
        return False
    kind, recipient_id, _mark = parsed
    if kind == links.MEMBER:
        user = db.session.get(User, recipient_id)
        return user is None or user.deleted_at is not None
    return db.session.get(Subscriber, recipient_id) is None


def update_preferences(recipient: Addressee, preferences: Preferences) -> None:
    """Saved from the page a digest links to: these choices, and the digest on (again)."""
    if recipient.user is not None:
        update_member_settings(recipient.user, True, preferences)
        return
    subscriber = recipient.subscriber
    subscriber.unsubscribed_at = None
    subscriber.frequency = preferences.frequency
    subscriber.all_themes = preferences.all_themes
    subscriber.themes = [] if preferences.all_themes else preferences.themes
    db.session.flush()


def update_member_settings(user: User, enabled: bool, preferences: Preferences) -> None:
    """A member's digest: on or off, how often, and which themes (the themes they follow)."""
    settings.choose(
        user.id,
        enabled=enabled,
        frequency=preferences.frequency,
        all_themes=preferences.all_themes,
    )
    if not preferences.all_themes:
        wanted = {theme.id for theme in preferences.themes}
        followed = set(
            db.session.scalars(
                sa.select(Follow.theme_id).where(
                    Follow.user_id == user.id, Follow.theme_id.is_not(None)
                )
            )
        )
        for theme_id in wanted - followed:
            db.session.add(Follow(user_id=user.id, theme_id=theme_id))
        if followed - wanted:
            db.session.execute(
                sa.delete(Follow).where(
                    Follow.user_id == user.id, Follow.theme_id.in_(followed - wanted)
                )
            )
    db.session.flush()


def unsubscribe(recipient: Addressee, *, now: datetime | None = None) -> bool:
    """Stop this recipient's digest at once; True if it was still on. Harmless to repeat."""
    now = now or utcnow()
    if recipient.user is not None:
        return settings.switch_off(recipient.user.id)
    stmt = (
        sa.update(Subscriber)
        .where(Subscriber.id == recipient.subscriber.id, Subscriber.unsubscribed_at.is_(None))
        # The used confirmation link goes too: clicked again, it must not look like following.
        .values(unsubscribed_at=now, confirm_token_hash=None, confirm_expires_at=None)
    )
    changed = db.session.execute(stmt.execution_options(synchronize_session=False)).rowcount == 1
    db.session.refresh(recipient.subscriber)
    return changed
