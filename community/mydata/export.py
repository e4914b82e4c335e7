"""Everything the Community holds about one member, as plain data for a JSON download.

Records are the database rows as stored (their column names), so nothing is left out by accident
when a column is added; only secrets are left out: the password hash, token hashes and the session
counter. The number of queries is fixed (about fifteen), whatever the member wrote.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from community.accounts.models import PasswordResetToken, User
from community.clock import utcnow
from community.colleagues.models import ColleagueAsk, member_expertise
from community.digest import settings as digest_settings
from community.digest.models import DigestDelivery
from community.extensions import db
from community.follows.models import Follow
from community.invites.models import AccessRequest, Invitation
from community.moderation.models import Flag
from community.notifications.models import Notification
from community.organisations.models import Organisation
from community.posts.models import Post, Reply, Revision, UsefulVote
from community.readiness.services import rounds_of as readiness_rounds_of
from community.rekentool.models import Scenario
from community.themes.models import Theme
from community.urls import absolute_post_url

FORMER_MEMBER = "voormalig lid"
# Never in a download: secrets that only serve to check a password or a link.
SECRET_COLUMNS = {"password_hash", "token_hash", "confirm_token_hash", "session_epoch"}
# Every column that points at a member (a foreign key to users.id) has its rows in the download,
# unless it is here, with why. tests/mydata/test_export_complete.py reads the schema and holds
# this true for every table, including the ones added later.
LEFT_OUT: dict[tuple[str, str], str] = {
    ("access_requests", "decided_by_id"): "someone else's request to join; the member decided it",
    ("flags", "resolved_by_id"): "another member's report; the moderator only handled it",
    ("posts", "deleted_by_id"): "who removed a post: moderation of another member's content",
    ("posts", "hidden_by_id"): "who hid a post: moderation of another member's content",
    ("replies", "deleted_by_id"): "who removed a reply: moderation of another member's content",
    ("replies", "hidden_by_id"): "who hid a reply: moderation of another member's content",
    ("support_requests", "assigned_by_id"): "a moderator's assignment of another's request",
    ("notifications", "actor_id"): "another member's notification about what this member did",
    ("notice_items", "actor_id"): "another member's waiting mail about what this member did",
}
# Rows that point at the member but are mostly someone else's: only these columns are in the
# download (with readable extras), so it holds nothing about anyone else.
SHOWN_IN_PART: dict[tuple[str, str], frozenset[str]] = {}

EXPLANATION = {
    "profiel": "Je account zoals het is opgeslagen. Je wachtwoord bewaren we alleen als "
    "onomkeerbare hash; die staat hier niet in.",
    "uitgenodigd_door": "Wie jou uitnodigde (de uitnodigingsboom van de Community).",
    "uitnodiging_waarmee_je_lid_werd": "De uitnodiging die je accepteerde.",
    "door_jou_uitgenodigd": "Wie via jouw uitnodiging lid werd (alleen namen).",
    "jouw_uitnodigingen": "De uitnodigingen die je verstuurde, met het adres en de status.",
    "toegangsverzoeken": "Aanvragen om lid te worden met jouw e-mailadres.",
    "berichten": "Je vragen en goede voorbeelden, met alle velden en eerdere versies (revisies).",
    "contactpersoon_bij": "Goede voorbeelden van anderen waarbij jij de contactpersoon bent.",
    "reacties": "Je antwoorden en reacties, met eerdere versies.",
    "door_jou_bewerkt": "Bewerkingen die jij deed aan berichten van anderen (zonder hun tekst).",
    "nuttig_gemarkeerd": "Antwoorden die je als nuttig markeerde.",
    "volgt": "Thema's, vragen en organisaties die je volgt.",
    "meldingen": "Je meldingen op de site.",
    "door_jou_gemeld": "Berichten en reacties die je bij de moderatoren meldde.",
    "nieuwsbrief": "Je instellingen voor de nieuwsbrief en wanneer we je welke stuurden.",
    "wachtwoordherstel": "Wanneer je een link vroeg om je wachtwoord te herstellen.",
    "rekentool_scenarios": "De scenario's die je in de rekentool bewaarde, met alle bedragen.",
    "weet_veel_van": "De thema's die je op je profiel koos als je expertise.",
    "vraag_een_collega": (
        "Collega's die je vroeg een vraag te beantwoorden, en wie jou dat vroeg (een anonieme "
        "vraagsteller blijft anoniem)."
    ),
    "teamrondes": (
        "De teamrondes van de check ‘Klaar voor verandering?’ die je startte, met het aantal "
        "antwoorden. Antwoorden zelf zijn anoniem en staan hier niet in."
    ),
}


def plain(value: Any) -> Any:
    """A value as JSON understands it: dates as ISO 8601 (UTC), enums as their stored value."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def record(instance: Any, **extra: Any) -> dict[str, Any]:
    """Every column of a row (secrets left out), plus readable extras such as names."""
    mapper = sa.inspect(type(instance))
    row = {
        attr.key: plain(getattr(instance, attr.key))
        for attr in mapper.column_attrs
        if attr.key not in SECRET_COLUMNS
    }
    row.update({key: plain(value) for key, value in extra.items()})
    return row


def display_name(name: str | None, deleted_at: datetime | None) -> str | None:
    if name is None:
        return None
    return FORMER_MEMBER if deleted_at is not None else name


def _rows(stmt: sa.Select) -> list:
    return list(db.session.execute(stmt))


def _revisions(user_id: int) -> list[Revision]:
    """Earlier versions of the member's posts and replies, and every revision they made."""
    own_posts = sa.select(Post.id).where(Post.author_id == user_id)
    own_replies = sa.select(Reply.id).where(Reply.author_id == user_id)
    return list(
        db.session.scalars(
            sa.select(Revision)
            .where(
                sa.or_(
                    Revision.post_id.in_(own_posts),
                    Revision.reply_id.in_(own_replies),
                    Revision.editor_id == user_id,
                )
            )
            .order_by(Revision.created_at, Revision.id)
        )
    )


def _invitations(user: User) -> tuple[list[dict], dict | None]:
    """(invitations the member sent, the invitation they accepted), in one query."""
    sent, received = [], None
    now = utcnow()
    for invitation in db.session.scalars(
        sa.select(Invitation)
        .where(sa.or_(Invitation.inviter_id == user.id, Invitation.accepted_user_id == user.id))
        .order_by(Invitation.created_at, Invitation.id)
    ):
        row = record(
            invitation,
            organisation=invitation.organisation.name if invitation.organisation else None,
            status=invitation.status(now).value,
        )
        if invitation.accepted_user_id == user.id and invitation.inviter_id != user.id:
            received = row
        else:
            sent.append(row)
    return sent, received


def _follows(user_id: int) -> list[dict]:
    stmt = (
        sa.select(Follow, Theme.name, Post.title, Organisation.name)
        .outerjoin(Theme, Theme.id == Follow.theme_id)
        .outerjoin(Post, Post.id == Follow.post_id)
        .outerjoin(Organisation, Organisation.id == Follow.organisation_id)
        .where(Follow.user_id == user_id)
        .order_by(Follow.created_at, Follow.id)
    )
    return [
        record(follow, theme=theme, question=title, organisation=organisation)
        for follow, theme, title, organisation in _rows(stmt)
    ]


def _colleague_asks(user_id: int) -> dict[str, list[dict]]:
    """Asks made and received; who asked is left out when they asked anonymously."""
    asked, received = [], []
    rows = _rows(
        sa.select(ColleagueAsk, Post.title, User.name, User.deleted_at)
        .join(Post, Post.id == ColleagueAsk.post_id)
        .join(
            User,
            User.id
            == sa.case(
                (ColleagueAsk.asker_id == user_id, ColleagueAsk.colleague_id),
                else_=ColleagueAsk.asker_id,
            ),
        )
        .where(sa.or_(ColleagueAsk.asker_id == user_id, ColleagueAsk.colleague_id == user_id))
        .order_by(ColleagueAsk.created_at, ColleagueAsk.id)
    )
    for ask, title, name, deleted_at in rows:
        item = {"question": title, "note": ask.note, "created_at": plain(ask.created_at)}
        if ask.asker_id == user_id:
            asked.append({**item, "colleague": display_name(name, deleted_at)})
        if ask.colleague_id == user_id:
            who = display_name(name, deleted_at) if ask.in_own_name else "een lid van de Community"
            received.append({**item, "asked_by": who})
    return {"gevraagd_door_jou": asked, "aan_jou_gevraagd": received}


def _all(model: Any, *criteria: Any, order: Iterable[Any] = ()) -> list[dict]:
    stmt = sa.select(model).where(*criteria).order_by(*order, model.id)
    return [record(row) for row in db.session.scalars(stmt)]


def export_member_data(user: User, *, now: datetime | None = None) -> dict[str, Any]:
    """Everything about `user`, ready for json.dumps; reads only, never writes."""
    now = now or utcnow()
    uid = user.id
    inviter = None
    if user.invited_by_id is not None:
        found = db.session.execute(
            sa.select(User.name, User.deleted_at).where(User.id == user.invited_by_id)
        ).first()
        inviter = display_name(*found) if found else None
    invited = [
        display_name(name, deleted_at)
        for name, deleted_at in _rows(
            sa.select(User.name, User.deleted_at)
            .where(User.invited_by_id == uid)
            .order_by(User.created_at, User.id)
        )
    ]
    sent, received = _invitations(user)
    follows = _follows(uid)
    newsletter = digest_settings.settings_of(uid)

    revisions = _revisions(uid)
    by_post, by_reply = defaultdict(list), defaultdict(list)
    for revision in revisions:
        if revision.post_id is not None:
            by_post[revision.post_id].append(revision)
        if revision.reply_id is not None:
            by_reply[revision.reply_id].append(revision)

    posts = list(
        db.session.scalars(
            sa.select(Post)
            .where(Post.author_id == uid)
            .options(selectinload(Post.themes))
            .order_by(Post.created_at, Post.id)
        )
    )
    own_post_ids = {post.id for post in posts}
    replies = _rows(
        sa.select(Reply, Post)
        .join(Post, Post.id == Reply.post_id)
        .where(Reply.author_id == uid)
        .order_by(Reply.created_at, Reply.id)
    )
    own_reply_ids = {reply.id for reply, _post in replies}
    contact_of = _rows(
        sa.select(Post.id, Post.title, Post.created_at)
        .where(Post.contact_id == uid, sa.or_(Post.author_id.is_(None), Post.author_id != uid))
        .order_by(Post.id)
    )

    return {
        "over_dit_bestand": {
            "site": current_app.config["SITE_NAME"],
            "adres": current_app.config["SITE_URL"],
            "gemaakt_op": plain(now),
            "tijden": "Alle tijden zijn in UTC (ISO 8601).",
            "uitleg": EXPLANATION,
        },
        "profiel": record(
            user,
            organisation=record(user.organisation) if user.organisation else None,
            role_label=user.role.label,
        ),
        "uitgenodigd_door": inviter,
        "uitnodiging_waarmee_je_lid_werd": received,
        "door_jou_uitgenodigd": invited,
        "jouw_uitnodigingen": sent,
        "toegangsverzoeken": _all(
            AccessRequest, AccessRequest.email == user.email, order=[AccessRequest.created_at]
        ),
        "berichten": [
            record(
                post,
                themes=[theme.name for theme in post.themes],
                link=absolute_post_url(post),
                revisions=[record(r) for r in by_post.get(post.id, [])],
            )
            for post in posts
        ],
        "contactpersoon_bij": [
            {"post_id": pid, "title": title, "created_at": plain(created)}
            for pid, title, created in contact_of
        ],
        "reacties": [
            record(
                reply,
                post_title=post.title,
                link=absolute_post_url(post, reply),
                revisions=[record(r) for r in by_reply.get(reply.id, [])],
            )
            for reply, post in replies
        ],
        "door_jou_bewerkt": [
            {
                "post_id": r.post_id,
                "reply_id": r.reply_id,
                "created_at": plain(r.created_at),
            }
            for r in revisions
            if r.editor_id == uid
            and r.post_id not in own_post_ids
            and r.reply_id not in own_reply_ids
        ],
        "nuttig_gemarkeerd": _all_votes(uid),
        "volgt": follows,
        "meldingen": _all(
            Notification, Notification.user_id == uid, order=[Notification.created_at]
        ),
        "door_jou_gemeld": _all(Flag, Flag.reporter_id == uid, order=[Flag.created_at]),
        "nieuwsbrief": {
            "digest_enabled": newsletter.enabled,
            "digest_frequency": plain(newsletter.frequency),
            "digest_all_themes": newsletter.all_themes,
            # A member's digest themes are the themes they follow (see "volgt").
            "themes": "all"
            if newsletter.all_themes
            else [f["theme"] for f in follows if f["theme"]],
            "digest_last_sent_at": plain(newsletter.last_sent_at),
            "deliveries": _all(
                DigestDelivery, DigestDelivery.user_id == uid, order=[DigestDelivery.created_at]
            ),
        },
        "rekentool_scenarios": _all(Scenario, Scenario.user_id == uid, order=[Scenario.name]),
        "weet_veel_van": list(
            db.session.scalars(
                sa.select(Theme.name)
                .join(member_expertise, member_expertise.c.theme_id == Theme.id)
                .where(member_expertise.c.user_id == uid)
                .order_by(Theme.position, Theme.name)
            )
        ),
        "vraag_een_collega": _colleague_asks(uid),
        # Rounds without their link (only a hash is kept) and without answers: those are anonymous.
        "teamrondes": [
            {
                "title": round_.title,
                "created_at": plain(round_.created_at),
                "expires_at": plain(round_.expires_at),
                "closed_at": plain(round_.closed_at),
                "antwoorden": count,
            }
            for round_, count in readiness_rounds_of(user)
        ],
        "wachtwoordherstel": _all(
            PasswordResetToken,
            PasswordResetToken.user_id == uid,
            order=[PasswordResetToken.created_at],
        ),
    }


def _all_votes(user_id: int) -> list[dict]:
    return [
        record(vote)
        for vote in db.session.scalars(
            sa.select(UsefulVote)
            .where(UsefulVote.user_id == user_id)
            .order_by(UsefulVote.created_at, UsefulVote.reply_id)
        )
    ]
