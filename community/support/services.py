"""The rules of support requests: asking, matching, taking, talking, finishing, escalating.

Matching follows the report's idea of help "from the field": a request goes to ambassadors who
said "ik denk mee" for its themes, nearest region first, least loaded first, never from the
asker's own organisation unless the asker wants that. Whoever clicks "Ik help" first takes it in
one UPDATE whose row count decides, so two helpers at once can never both win.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from community import privacy
from community.accounts.models import Role, User
from community.clock import utcnow
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.invites.addresses import normalise_address
from community.notifications import services as notifications
from community.notifications.models import NotificationKind
from community.organisations.models import Organisation
from community.posts import rules
from community.support import mails
from community.support.models import (
    HelpKind,
    LinkPurpose,
    SparringOffer,
    SupportLink,
    SupportMessage,
    SupportOffer,
    SupportRequest,
    SupportStatus,
    Urgency,
    sparring_offer_themes,
    support_request_themes,
)
from community.themes.merging import move_theme_links
from community.themes.models import Theme
from community.tokens import hash_token, new_token, use_once

OFFER_TO = 3  # ambassadors a new request is put before at once
ESCALATE_AFTER = timedelta(days=3)  # nobody said "Ik help": moderators step in
REMIND_AFTER = timedelta(days=14)  # a conversation without movement gets one nudge
CONFIRM_VALID = timedelta(days=7)
ACCESS_VALID = timedelta(days=30)
LOAD_WINDOW = timedelta(days=30)  # "per month" capacity counts requests taken in this window
THEMES_MAX = 5
MESSAGE_MAX = 5000
NATIONWIDE = "landelijk"

ACTIVE = (SupportStatus.OPEN, SupportStatus.IN_CONVERSATION)
TAKEN_BY_OTHER = (
    "Dank je wel dat je wilde helpen! Een andere ambassadeur was je net voor en helpt deze "
    "organisatie al. Er komen vast nieuwe hulpvragen waarbij jij het verschil maakt."
)


@dataclass
class SupportInput:
    """What the ask form sends; the service decides what is valid."""

    goal: str = ""
    tried: str = ""
    theme_ids: list[int] = field(default_factory=list)
    region: str = ""
    help_kind: str = ""
    urgency: str = ""
    allow_own_organisation: bool = False
    privacy_confirmed: bool = False
    # Only for someone without an account:
    name: str = ""
    email: str = ""
    organisation_id: int | None = None
    organisation_name: str = ""
    requester_role: str = ""


def _text(value: str, limit: int, field_name: str, label: str, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(f"Vul {label} in.", field=field_name)
    if len(value) > limit:
        raise DomainError(f"Maak {label} korter: hoogstens {limit} tekens.", field=field_name)
    return value


def _enum(enum_cls, value, field_name: str, message: str):
    try:
        return value if isinstance(value, enum_cls) else enum_cls(value)
    except ValueError:
        raise DomainError(message, field=field_name) from None


FIELD_LABELS = {
    "goal": "Wat je wilt bereiken",
    "tried": "Wat je al geprobeerd hebt",
    "body": "Je bericht",
    "outcome": "Wat het heeft opgeleverd",
}


def _guard_privacy(texts: dict[str, str], confirmed: bool) -> bool:
    """The privacy guard, as for posts: nothing is saved until the texts identify nobody or
    the writer confirms they do not. Requests are never public, but they are still mailed."""
    return privacy.guard(texts, confirmed, labels=FIELD_LABELS)


def _prepare(request: SupportRequest) -> None:
    rules.ensure_loaded(request, "themes", "organisation")


def _themes(ids: list[int]) -> list[Theme]:
    ids = sorted({i for i in ids if isinstance(i, int)})
    if len(ids) > THEMES_MAX:
        raise DomainError(f"Kies hoogstens {THEMES_MAX} thema's.", field="themes")
    if not ids:
        raise DomainError(
            "Kies minstens één thema, zodat we de juiste ambassadeur vinden.", field="themes"
        )
    themes = list(db.session.scalars(sa.select(Theme).where(Theme.id.in_(ids))))
    if len(themes) != len(ids):
        raise DomainError("Een van de gekozen thema's bestaat niet (meer).", field="themes")
    return themes


# Asking ---------------------------------------------------------------------------------------


def ask_for_support(
    requester: User | None, data: SupportInput, now: datetime | None = None
) -> SupportRequest:
    """Store a request. A member's goes out to helpers at once; anyone else first confirms
    their address by a mailed link, as followers do. Raises PersonalDataFound when the texts
    seem to identify someone and the asker did not confirm they do not."""
    now = now or utcnow()
    goal = _text(data.goal, 3000, "goal", "wat je wilt bereiken")
    tried = _text(data.tried, 3000, "tried", "wat je al geprobeerd hebt", required=False)
    region = _text(data.region, 100, "region", "je regio")
    help_kind = _enum(HelpKind, data.help_kind, "help_kind", "Kies wat voor hulp je zoekt.")
    urgency = _enum(Urgency, data.urgency, "urgency", "Kies hoe snel je hulp nodig hebt.")
    themes = _themes(data.theme_ids)
    if requester is not None:
        name, email = requester.name, requester.email
        organisation_id, organisation_name = requester.organisation_id, ""
        requester_role = requester.job_title or ""
    else:
        name = _text(data.name, 120, "name", "je naam")
        email = normalise_address((data.email or "").strip())
        if email is None:
            raise DomainError("Dat lijkt geen geldig e-mailadres. Kijk het even na.", field="email")
        organisation_id = data.organisation_id or None
        if organisation_id is not None and db.session.get(Organisation, organisation_id) is None:
            raise DomainError("Kies je organisatie opnieuw.", field="organisation_id")
        organisation_name = _text(
            data.organisation_name,
            150,
            "organisation_name",
            "de naam van je organisatie",
            required=organisation_id is None,
        )
        requester_role = _text(data.requester_role, 120, "requester_role", "je rol of functie")
    confirmed = _guard_privacy({"goal": goal, "tried": tried}, data.privacy_confirmed)
    request = SupportRequest(
        requester_id=requester.id if requester is not None else None,
        name=name,
        email=email,
        organisation_id=organisation_id,
        organisation_name="" if organisation_id else organisation_name,
        requester_role=requester_role,
        goal=goal,
        tried=tried,
        region=region,
        help_kind=help_kind,
        urgency=urgency,
        allow_own_organisation=bool(data.allow_own_organisation),
        privacy_confirmed=confirmed,
        status=SupportStatus.OPEN if requester is not None else SupportStatus.UNCONFIRMED,
        created_at=now,
        confirmed_at=now if requester is not None else None,
        last_activity_at=now,
        themes=themes,
    )
    db.session.add(request)
    db.session.flush()
    if requester is None:
        token = _new_link(request, LinkPurpose.CONFIRM, now)
        mails.queue_confirm(request, token)
    else:
        offer_to_matches(request, now)
    return request


def _new_link(request: SupportRequest, purpose: LinkPurpose, now: datetime) -> str:
    token, digest = new_token()
    valid = CONFIRM_VALID if purpose is LinkPurpose.CONFIRM else ACCESS_VALID
    db.session.add(
        SupportLink(
            request_id=request.id,
            purpose=purpose,
            token_hash=digest,
            created_at=now,
            expires_at=now + valid,
        )
    )
    db.session.flush()
    return token


def _access_token(request: SupportRequest, now: datetime) -> str | None:
    """A fresh link for a mail to an asker without an account (members just log in)."""
    return _new_link(request, LinkPurpose.ACCESS, now) if request.requester_id is None else None


def redeem_link(
    token: str, now: datetime | None = None
) -> tuple[SupportRequest, LinkPurpose] | None:
    """Use a mailed link once: one UPDATE whose row count decides, so two clicks cannot both
    win. A confirm link also confirms the request and offers it to helpers."""
    now = now or utcnow()
    if not use_once(SupportLink, token or "", now):
        return None
    link = db.session.scalar(
        sa.select(SupportLink).where(SupportLink.token_hash == hash_token(token))
    )
    request = db.session.get(SupportRequest, link.request_id)
    if request is None:
        return None
    if link.purpose is LinkPurpose.CONFIRM and request.status is SupportStatus.UNCONFIRMED:
        request.status = SupportStatus.OPEN
        request.confirmed_at = now
        request.last_activity_at = now
        db.session.flush()
        offer_to_matches(request, now)
    return request, link.purpose


def send_access_link(email: str, now: datetime | None = None) -> int:
    """Mail a fresh link for every active request of this address (for someone without an
    account whose old link was used or expired). Says nothing about whether there are any."""
    now = now or utcnow()
    address = normalise_address((email or "").strip())
    if address is None:
        raise DomainError("Dat lijkt geen geldig e-mailadres. Kijk het even na.", field="email")
    requests = db.session.scalars(
        sa.select(SupportRequest).where(
            SupportRequest.email == address,
            SupportRequest.requester_id.is_(None),
            SupportRequest.status.in_((*ACTIVE, SupportStatus.DONE)),
        )
    ).all()
    for request in requests:
        mails.queue_access(request, _new_link(request, LinkPurpose.ACCESS, now))
    return len(requests)


# Matching -------------------------------------------------------------------------------------


def region_distance(a: str, b: str) -> int:
    """0: the same region; 1: one of them works nationwide; 2: elsewhere."""
    a, b = (a or "").strip().lower(), (b or "").strip().lower()
    if a and a == b:
        return 0
    if NATIONWIDE in (a, b):
        return 1
    return 2


@dataclass(frozen=True)
class Match:
    user: User
    overlap: int
    distance: int
    load: int


def matches(request: SupportRequest, now: datetime | None = None) -> list[Match]:
    """Available ambassadors in order: most shared themes, nearest region, least loaded.

    Excluded: the asker, anyone at full capacity, anyone without a shared theme, and the
    asker's own organisation unless the asker asked for a colleague.
    """
    now = now or utcnow()
    _prepare(request)
    wanted = {t.id for t in request.themes}
    offers = db.session.scalars(
        sa.select(SparringOffer)
        .join(User, User.id == SparringOffer.user_id)
        .where(
            SparringOffer.active.is_(True),
            User.is_active.is_(True),
            User.deleted_at.is_(None),
            User.role.in_((Role.AMBASSADOR, Role.MODERATOR, Role.ADMIN)),
        )
        .options(selectinload(SparringOffer.themes), selectinload(SparringOffer.user))
    ).all()
    loads = dict(
        db.session.execute(
            sa.select(SupportRequest.helper_id, sa.func.count())
            .where(SupportRequest.taken_at >= now - LOAD_WINDOW)
            .group_by(SupportRequest.helper_id)
        ).all()
    )
    found = []
    for offer in offers:
        user = offer.user
        if user.id == request.requester_id:
            continue
        if (
            not request.allow_own_organisation
            and request.organisation_id is not None
            and user.organisation_id == request.organisation_id
        ):
            continue
        overlap = len(wanted & {t.id for t in offer.themes})
        load = loads.get(user.id, 0)
        if overlap == 0 or load >= offer.per_month:
            continue
        found.append(Match(user, overlap, region_distance(request.region, offer.region), load))
    found.sort(key=lambda m: (-m.overlap, m.distance, m.load, m.user.id))
    return found


def offer_to_matches(request: SupportRequest, now: datetime | None = None) -> list[User]:
    """Put a request before the best matches who have not seen it yet, by mail and on their
    "Meldingen".

    With nobody to offer it to, moderators hear at once instead of after three days."""
    now = now or utcnow()
    already = set(
        db.session.scalars(
            sa.select(SupportOffer.user_id).where(SupportOffer.request_id == request.id)
        )
    )
    chosen = [m.user for m in matches(request, now) if m.user.id not in already][:OFFER_TO]
    for user in chosen:
        db.session.add(SupportOffer(request_id=request.id, user_id=user.id, offered_at=now))
        mails.queue_offered(request, user)
    # On "Meldingen" too, for whoever reads the site and not their mail.
    notifications.help_request(chosen, NotificationKind.SUPPORT_OFFERED, request.id, now=now)
    if not chosen and not already:
        _escalate(request, now, no_match=True)
    return chosen


def _escalate(request: SupportRequest, now: datetime, *, no_match: bool = False) -> None:
    _prepare(request)
    moderators = db.session.scalars(
        sa.select(User).where(
            User.role.in_((Role.MODERATOR, Role.ADMIN)),
            User.is_active.is_(True),
            User.deleted_at.is_(None),
        )
    ).all()
    for moderator in moderators:
        mails.queue_escalated(request, moderator, no_match=no_match)
    notifications.help_request(moderators, NotificationKind.SUPPORT_ESCALATED, request.id, now=now)
    request.escalated_at = now
    db.session.flush()


# Taking, talking, finishing -------------------------------------------------------------------


def was_offered(user: User, request: SupportRequest) -> bool:
    return (
        db.session.scalar(
            sa.select(SupportOffer.id).where(
                SupportOffer.request_id == request.id, SupportOffer.user_id == user.id
            )
        )
        is not None
    )


def may_take(user: User, request: SupportRequest) -> bool:
    return (
        user.is_ambassador
        and request.status is SupportStatus.OPEN
        and request.helper_id is None
        and user.id != request.requester_id
        and was_offered(user, request)
    )


def _claim(request: SupportRequest, helper: User, now: datetime, assigned_by: User | None) -> bool:
    claimed = db.session.execute(
        sa.update(SupportRequest)
        .where(
            SupportRequest.id == request.id,
            SupportRequest.helper_id.is_(None),
            SupportRequest.status == SupportStatus.OPEN,
        )
        .values(
            helper_id=helper.id,
            status=SupportStatus.IN_CONVERSATION,
            taken_at=now,
            last_activity_at=now,
            assigned_by_id=assigned_by.id if assigned_by is not None else None,
        )
    ).rowcount
    db.session.refresh(request)
    if claimed != 1:
        return False
    _prepare(request)
    rules.ensure_loaded(helper, "organisation")
    mails.queue_taken(request, helper, _access_token(request, now))
    if assigned_by is not None:
        mails.queue_assigned(request, helper, assigned_by)
    return True


def take(helper: User, request: SupportRequest, now: datetime | None = None) -> None:
    """ "Ik help": the first one wins; a later one is told kindly that someone else helps."""
    now = now or utcnow()
    if not helper.is_ambassador or not was_offered(helper, request):
        raise NotAllowed("Deze hulpvraag is niet aan jou voorgelegd.")
    if not _claim(request, helper, now, None):
        raise DomainError(TAKEN_BY_OTHER)


def assign(moderator: User, request: SupportRequest, helper: User, now=None) -> None:
    """A moderator connects a request nobody took to an ambassador by hand."""
    now = now or utcnow()
    if not moderator.is_moderator:
        raise NotAllowed("Alleen moderatoren wijzen hulpvragen toe.")
    if not helper.is_ambassador or not helper.is_active or helper.id == request.requester_id:
        raise DomainError("Kies een actieve ambassadeur.", field="helper_id")
    if not _claim(request, helper, now, moderator):
        raise DomainError("Deze hulpvraag heeft al een helper of is niet meer open.")


def is_requester(user: User | None, request: SupportRequest, grants=()) -> bool:
    if user is not None and user.is_authenticated and request.requester_id == user.id:
        return True
    return request.requester_id is None and request.id in grants


def may_view(user: User | None, request: SupportRequest, grants=()) -> bool:
    """The asker, the helper, ambassadors it was offered to, and moderators; nobody else."""
    if is_requester(user, request, grants):
        return request.status is not SupportStatus.UNCONFIRMED or user is not None
    if user is None or not user.is_authenticated:
        return False
    return (
        user.is_moderator
        or request.helper_id == user.id
        or (user.is_ambassador and was_offered(user, request))
    )


def may_talk(user: User | None, request: SupportRequest, grants=()) -> bool:
    return request.status is SupportStatus.IN_CONVERSATION and (
        is_requester(user, request, grants)
        or (user is not None and user.is_authenticated and request.helper_id == user.id)
    )


def post_message(
    request: SupportRequest, author: User | None, body: str, *, grants=(), confirmed=False, now=None
) -> SupportMessage:
    """A message in the thread; the other side hears of it by mail."""
    now = now or utcnow()
    if not may_talk(author, request, grants):
        raise NotAllowed("Je kunt hier (nu) geen bericht plaatsen.")
    body = _text(body, MESSAGE_MAX, "body", "je bericht")
    _guard_privacy({"body": body}, confirmed)
    from_requester = is_requester(author, request, grants)
    message = SupportMessage(
        request_id=request.id,
        author_id=author.id if author is not None and author.is_authenticated else None,
        from_requester=from_requester,
        body=body,
        created_at=now,
    )
    db.session.add(message)
    request.last_activity_at = now
    db.session.flush()
    helper = db.session.get(User, request.helper_id)
    if from_requester:
        mails.queue_message_to_helper(request, helper, message)
    else:
        mails.queue_message_to_requester(request, helper, message, _access_token(request, now))
    return message


def finish(
    actor: User | None,
    request: SupportRequest,
    outcome: str,
    *,
    organisation_may_be_named: bool = False,
    grants=(),
    confirmed=False,
    now=None,
) -> None:
    """Afgerond, with a short outcome: what did it bring? The helper or the asker may do this."""
    now = now or utcnow()
    if not may_talk(actor, request, grants):
        raise NotAllowed("Alleen de vrager en de helper ronden een hulpvraag af.")
    outcome = _text(outcome, 3000, "outcome", "wat het heeft opgeleverd")
    _guard_privacy({"outcome": outcome}, confirmed)
    request.status = SupportStatus.DONE
    request.outcome = outcome
    if is_requester(actor, request, grants):
        request.organisation_may_be_named = bool(organisation_may_be_named)
    request.finished_at = now
    request.last_activity_at = now
    db.session.flush()


def close(actor: User | None, request: SupportRequest, *, grants=(), now=None) -> None:
    """Gesloten: no longer needed. The asker, the helper or a moderator may close."""
    now = now or utcnow()
    allowed = is_requester(actor, request, grants) or (
        actor is not None
        and actor.is_authenticated
        and (actor.is_moderator or request.helper_id == actor.id)
    )
    if not allowed:
        raise NotAllowed("Je kunt deze hulpvraag niet sluiten.")
    if request.status not in (*ACTIVE, SupportStatus.UNCONFIRMED):
        raise DomainError("Deze hulpvraag is al afgerond of gesloten.")
    request.status = SupportStatus.CLOSED
    request.finished_at = now
    request.last_activity_at = now
    db.session.flush()


def practice_draft(helper: User, request: SupportRequest) -> dict[str, object]:
    """The outcome as the start of a good practice, for the helper to finish and publish.

    The asker's organisation is named only when the asker agreed to that."""
    if request.status is not SupportStatus.DONE or request.helper_id != helper.id:
        raise NotAllowed("Alleen de helper maakt een goed voorbeeld van een afgeronde hulpvraag.")
    _prepare(request)
    who = request.organisation_label if request.organisation_may_be_named else "een organisatie"
    return {
        "title": f"Zo hielpen we {who} op weg"[:150],
        "summary": request.outcome[:300],
        "context": request.goal,
        "approach": "",
        "results": request.outcome,
        "themes": [t.id for t in request.themes],
    }


# Cron: escalation and reminders ---------------------------------------------------------------


@dataclass
class Sweep:
    escalated: int = 0
    reminded: int = 0


def escalate_and_remind(now: datetime | None = None) -> Sweep:
    """Run from cron. Nobody took a request within three days: moderators hear of it (once).
    A conversation quiet for fourteen days: one reminder to both, until something moves."""
    now = now or utcnow()
    result = Sweep()
    waiting = db.session.scalars(
        sa.select(SupportRequest).where(
            SupportRequest.status == SupportStatus.OPEN,
            SupportRequest.helper_id.is_(None),
            SupportRequest.escalated_at.is_(None),
            SupportRequest.confirmed_at <= now - ESCALATE_AFTER,
        )
    ).all()
    for request in waiting:
        _escalate(request, now)
        result.escalated += 1
    quiet = db.session.scalars(
        sa.select(SupportRequest)
        .where(
            SupportRequest.status == SupportStatus.IN_CONVERSATION,
            SupportRequest.last_activity_at <= now - REMIND_AFTER,
            sa.or_(
                SupportRequest.reminded_at.is_(None),
                SupportRequest.reminded_at < SupportRequest.last_activity_at,
            ),
        )
        .options(selectinload(SupportRequest.helper))
    ).all()
    for request in quiet:
        _prepare(request)
        mails.queue_reminder(request, _access_token(request, now))
        request.reminded_at = now
        result.reminded += 1
    db.session.flush()
    return result


# Reading --------------------------------------------------------------------------------------


def load(request_id: int) -> SupportRequest | None:
    return db.session.scalar(
        sa.select(SupportRequest)
        .where(SupportRequest.id == request_id)
        .options(
            selectinload(SupportRequest.themes),
            selectinload(SupportRequest.helper).selectinload(User.organisation),
            selectinload(SupportRequest.organisation),
            selectinload(SupportRequest.requester),
        )
    )


def thread(request: SupportRequest) -> list[SupportMessage]:
    return list(
        db.session.scalars(
            sa.select(SupportMessage)
            .where(SupportMessage.request_id == request.id)
            .order_by(SupportMessage.created_at, SupportMessage.id)
            .options(selectinload(SupportMessage.author))
        )
    )


def _listing(query: sa.Select) -> list[SupportRequest]:
    return list(
        db.session.scalars(
            query.order_by(SupportRequest.created_at.desc(), SupportRequest.id.desc()).options(
                selectinload(SupportRequest.themes), selectinload(SupportRequest.helper)
            )
        )
    )


def overview(user: User) -> dict[str, list[SupportRequest]]:
    """What a member sees on "Hulpvragen": asked, waiting for them, helping, and for
    moderators every request still open."""
    offered = sa.select(SupportOffer.request_id).where(SupportOffer.user_id == user.id)
    result = {
        "asked": _listing(sa.select(SupportRequest).where(SupportRequest.requester_id == user.id)),
        "offered": _listing(
            sa.select(SupportRequest).where(
                SupportRequest.id.in_(offered), SupportRequest.status == SupportStatus.OPEN
            )
        ),
        "helping": _listing(sa.select(SupportRequest).where(SupportRequest.helper_id == user.id)),
        "waiting": [],
    }
    if user.is_moderator:
        result["waiting"] = _listing(
            sa.select(SupportRequest).where(
                SupportRequest.status == SupportStatus.OPEN, SupportRequest.helper_id.is_(None)
            )
        )
    return result


def waiting_for(user: User) -> int:
    """Requests put before this ambassador that nobody took yet: the count beside the menu."""
    if not user.is_ambassador:
        return 0
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(SupportOffer)
        .join(SupportRequest, SupportRequest.id == SupportOffer.request_id)
        .where(SupportOffer.user_id == user.id, SupportRequest.status == SupportStatus.OPEN)
    )


def ambassadors() -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User)
            .where(
                User.role.in_((Role.AMBASSADOR, Role.MODERATOR, Role.ADMIN)),
                User.is_active.is_(True),
                User.deleted_at.is_(None),
            )
            .order_by(User.name)
        )
    )


# Availability ---------------------------------------------------------------------------------


def sparring_offer(user: User) -> SparringOffer | None:
    return db.session.scalar(
        sa.select(SparringOffer)
        .where(SparringOffer.user_id == user.id)
        .options(selectinload(SparringOffer.themes))
    )


def set_sparring_offer(
    user: User, active: bool, theme_ids: list[int], region: str, per_month: int, now=None
) -> SparringOffer:
    """ "Ik denk mee": which themes, which region, how many requests a month."""
    if not user.is_ambassador:
        raise NotAllowed("Alleen ambassadeurs denken mee met hulpvragen.")
    region = _text(region, 100, "region", "je regio")
    if not isinstance(per_month, int) or not 1 <= per_month <= 10:
        raise DomainError("Kies tussen 1 en 10 hulpvragen per maand.", field="per_month")
    themes = _themes(theme_ids) if active or theme_ids else []
    offer = sparring_offer(user) or SparringOffer(user_id=user.id)
    offer.active = bool(active)
    offer.region = region
    offer.per_month = per_month
    offer.themes = themes
    offer.updated_at = now or utcnow()
    db.session.add(offer)
    db.session.flush()
    return offer


# The movement made visible --------------------------------------------------------------------


@dataclass
class Figures:
    helped: int
    median_days_to_helper: float | None


def figures() -> Figures:
    """Requests that found a helper, and the median days from asking to a helper."""
    rows = db.session.execute(
        sa.select(SupportRequest.confirmed_at, SupportRequest.taken_at).where(
            SupportRequest.taken_at.is_not(None), SupportRequest.confirmed_at.is_not(None)
        )
    ).all()
    days = [(taken - asked).total_seconds() / 86400 for asked, taken in rows]
    return Figures(len(days), round(statistics.median(days), 1) if days else None)


# A theme merged into another ------------------------------------------------------------------


def keep_themes_of_merged(_actor, *, source_id: int, target_id: int, **_extra) -> None:
    """On theme_merged: help requests and "ik denk mee" offers that named the merged-away theme
    name the theme it became, so the request keeps its subject and the ambassador keeps being
    asked about it (an offer never grows past its themes: a merge only folds two into one)."""
    for table, owner in (
        (support_request_themes, support_request_themes.c.request_id),
        (sparring_offer_themes, sparring_offer_themes.c.user_id),
    ):
        move_theme_links(table.c.theme_id, owner, source_id, target_id)
