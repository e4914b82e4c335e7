"""Everything the Community holds about one member, as plain data for a JSON download.

Records are the database rows as stored (their column names), so nothing is left out by accident
when a column is added; only secrets are left out (SECRET_COLUMNS): the password hash, token and
key hashes, the session counter and a mail's text. Every table that points at a member is in it,
or in LEFT_OUT with why; rows that are mostly someone else's show only the member's part
(SHOWN_IN_PART). tests/mydata/test_export_complete.py holds this for tables added later. The
number of queries is fixed (about thirty), whatever the member wrote.
"""

from __future__ import annotations

import email.parser
import email.policy
import enum
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from community import tokens
from community.accounts.models import LoginFailure, LoginSession, PasswordResetToken, User
from community.accounts.services import normalise_email
from community.clock import utcnow
from community.colleagues.models import ColleagueAsk, member_expertise
from community.digest import settings as digest_settings
from community.digest.models import DigestDelivery
from community.extensions import db
from community.follows.models import Follow
from community.invites.models import AccessRequest, Invitation
from community.mail_outbox import OutgoingMail
from community.moderation.models import Flag
from community.notifications.models import Notification
from community.notify.models import MailOptOut, NoticeItem
from community.organisations.models import Organisation
from community.posts.models import Post, Reply, Revision, UsefulVote
from community.readiness.services import rounds_of as readiness_rounds_of
from community.rekentool.models import Scenario
from community.search.models import SearchSynonym
from community.support.models import SparringOffer, SupportMessage, SupportOffer, SupportRequest
from community.themes.models import Theme
from community.urls import absolute_post_url

FORMER_MEMBER = "voormalig lid"
# Never in a download: secrets that only serve to check a password or a link.
# A mail's `raw` text: while unsent it may hold a one-time link (a password reset); its subject,
# address and times are in the download.
SECRET_COLUMNS = {
    "password_hash",
    "token_hash",
    "confirm_token_hash",
    "key_hash",
    "session_epoch",
    "raw",
}
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
SHOWN_IN_PART: dict[tuple[str, str], frozenset[str]] = {
    # Another member's practice naming this member as contact: which one, not its text.
    ("posts", "contact_id"): frozenset({"id", "title", "created_at", "contact_id"}),
    # An edit of another member's post or reply: when, not their text (own ones are complete).
    ("revisions", "editor_id"): frozenset({"id", "post_id", "reply_id", "editor_id", "created_at"}),
    # Asked to help by a colleague: never who asked when they asked anonymously.
    ("colleague_asks", "colleague_id"): frozenset(
        {"id", "post_id", "colleague_id", "note", "in_own_name", "created_at", "answered_at"}
    ),
    # A request this member helps with: their part, not the asker's details.
    ("support_requests", "helper_id"): frozenset(
        {"id", "helper_id", "status", "created_at", "taken_at", "finished_at", "outcome"}
    ),
    # A member this member invited: who (their name), not their account.
    ("users", "invited_by_id"): frozenset({"id", "invited_by_id"}),
}

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
    "mails_uitgezet": "De soorten mail die je in je instellingen uitzette.",
    "mail_in_de_wachtrij": (
        "Meldingen die klaarstaan voor je volgende gebundelde mail, en wanneer we ze stuurden."
    ),
    "mails_aan_jou": (
        "Mails die de site aan je stuurde of nog gaat sturen (we bewaren ze kort). De inhoud "
        "staat er niet in: die kan een eenmalige link bevatten, en na verzenden wissen we haar."
    ),
    "inlogsessies": "Waar je nu bent ingelogd: wanneer je inlogde en tot wanneer dat geldt.",
    "mislukte_inlogpogingen": (
        "Pogingen om op je account in te loggen met een verkeerd wachtwoord (kort bewaard)."
    ),
    "zoekwoorden_toegevoegd": "Groepen zoekwoorden met dezelfde betekenis die je toevoegde.",
    "meedenkaanbod": "Je aanbod om mee te denken: thema's, regio en hoe vaak per maand.",
    "hulpvragen": (
        "Hulpvragen die je stelde, met alle velden, en hulpvragen waarbij jij helpt (alleen jouw "
        "deel: de gegevens van de vrager staan er niet in)."
    ),
    "hulpvragen_aan_jou_voorgelegd": "Hulpvragen die we aan jou voorlegden.",
    "hulpvraag_berichten": (
        "Berichten die je schreef bij hulpvragen, en alle berichten bij je eigen hulpvragen."
    ),
    "teamrondes": (
        "De teamrondes van de check ‘Klaar voor verandering?’ die je startte, met het aantal "
        "antwoorden. Antwoorden zelf zijn anoniem en staan hier niet in, net als de link."
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
        if ask.asker_id == user_id:
            asked.append(record(ask, question=title, colleague=display_name(name, deleted_at)))
        if ask.colleague_id == user_id:
            who = display_name(name, deleted_at) if ask.in_own_name else "een lid van de Community"
            item = part(record(ask), "colleague_asks", "colleague_id")
            received.append({**item, "question": title, "asked_by": who})
    return {"gevraagd_door_jou": asked, "aan_jou_gevraagd": received}


def _all(model: Any, *criteria: Any, order: Iterable[Any] = ()) -> list[dict]:
    key = sa.inspect(model).primary_key
    stmt = sa.select(model).where(*criteria).order_by(*order, *key)
    return [record(row) for row in db.session.scalars(stmt)]


def part(row: dict, table: str, column: str) -> dict:
    """Only the columns SHOWN_IN_PART allows for rows of `table` that point here by `column`."""
    shown = SHOWN_IN_PART[(table, column)]
    return {key: value for key, value in row.items() if key in shown}


def _subject(raw: bytes | None) -> str | None:
    """A mail's subject while its text is kept (it is emptied once sent)."""
    if not raw:
        return None
    headers = email.parser.BytesParser(policy=email.policy.default).parsebytes(
        raw, headersonly=True
    )
    return str(headers["Subject"]) if headers["Subject"] is not None else None


def _mails_to(address: str) -> list[dict]:
    """Outbox rows with this address among their recipients (stored as "a, b")."""
    address = address.lower()
    rows = db.session.scalars(
        sa.select(OutgoingMail)
        .where(sa.func.lower(OutgoingMail.recipient).contains(address, autoescape=True))
        .order_by(OutgoingMail.created_at, OutgoingMail.id)
    )
    return [
        record(mail, subject=_subject(mail.raw))
        for mail in rows
        if address in (a.strip().lower() for a in mail.recipient.split(","))
    ]


def _support(user: User) -> tuple[list[dict], list[dict]]:
    """Support requests the member asked (whole) and helps with (their part), in one query."""
    rows = db.session.scalars(
        sa.select(SupportRequest)
        .where(
            sa.or_(
                SupportRequest.requester_id == user.id,
                SupportRequest.helper_id == user.id,
                sa.and_(SupportRequest.requester_id.is_(None), SupportRequest.email == user.email),
            )
        )
        .order_by(SupportRequest.created_at, SupportRequest.id)
    )
    asked, helping = [], []
    for request in rows:
        if request.helper_id == user.id and request.requester_id != user.id:
            helping.append(part(record(request), "support_requests", "helper_id"))
        else:
            asked.append(record(request))
    return asked, helping


def _support_messages(user_id: int) -> list[dict]:
    own_requests = sa.select(SupportRequest.id).where(SupportRequest.requester_id == user_id)
    return _all(
        SupportMessage,
        sa.or_(SupportMessage.author_id == user_id, SupportMessage.request_id.in_(own_requests)),
        order=[SupportMessage.created_at],
    )


def _sparring_offer(user_id: int) -> dict | None:
    offer = db.session.scalar(
        sa.select(SparringOffer)
        .where(SparringOffer.user_id == user_id)
        .options(selectinload(SparringOffer.themes))
    )
    if offer is None:
        return None
    return record(offer, themes=[theme.name for theme in offer.themes])


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
        {"id": member_id, "invited_by_id": uid, "name": display_name(name, deleted_at)}
        for member_id, name, deleted_at in _rows(
            sa.select(User.id, User.name, User.deleted_at)
            .where(User.invited_by_id == uid)
            .order_by(User.created_at, User.id)
        )
    ]
    sent, received = _invitations(user)
    follows = _follows(uid)
    newsletter = digest_settings.settings_of(uid)
    saved = sa.inspect(newsletter).persistent  # else the defaults: nothing was stored
    support_asked, support_helping = _support(user)

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
            {"id": pid, "title": title, "created_at": plain(created), "contact_id": uid}
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
            part(record(r), "revisions", "editor_id")
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
            # The settings as saved (None: never changed, so the defaults above).
            "opgeslagen": record(newsletter) if saved else None,
            "deliveries": _all(
                DigestDelivery, DigestDelivery.user_id == uid, order=[DigestDelivery.created_at]
            ),
        },
        "rekentool_scenarios": _all(Scenario, Scenario.user_id == uid, order=[Scenario.name]),
        "weet_veel_van": [
            {"user_id": uid, "theme_id": theme_id, "theme": name}
            for theme_id, name in _rows(
                sa.select(Theme.id, Theme.name)
                .join(member_expertise, member_expertise.c.theme_id == Theme.id)
                .where(member_expertise.c.user_id == uid)
                .order_by(Theme.position, Theme.name)
            )
        ],
        "vraag_een_collega": _colleague_asks(uid),
        # Rounds without their link (only a hash is kept) and without answers: those are anonymous.
        "teamrondes": [
            record(round_, antwoorden=count) for round_, count in readiness_rounds_of(user)
        ],
        "wachtwoordherstel": _all(
            PasswordResetToken,
            PasswordResetToken.user_id == uid,
            order=[PasswordResetToken.created_at],
        ),
        "mails_uitgezet": _all(MailOptOut, MailOptOut.user_id == uid),
        "mail_in_de_wachtrij": _all(
            NoticeItem, NoticeItem.user_id == uid, order=[NoticeItem.created_at]
        ),
        "mails_aan_jou": _mails_to(user.email),
        "inlogsessies": _all(
            LoginSession, LoginSession.user_id == uid, order=[LoginSession.created_at]
        ),
        # Counted under the hash of the address (login_limits), so found by the same hash.
        "mislukte_inlogpogingen": _all(
            LoginFailure,
            LoginFailure.key_hash == tokens.hash_token("account:" + normalise_email(user.email)),
            order=[LoginFailure.created_at],
        ),
        "zoekwoorden_toegevoegd": _all(
            SearchSynonym, SearchSynonym.created_by_id == uid, order=[SearchSynonym.created_at]
        ),
        "meedenkaanbod": _sparring_offer(uid),
        "hulpvragen": {"gesteld": support_asked, "jij_helpt": support_helping},
        "hulpvragen_aan_jou_voorgelegd": _all(
            SupportOffer, SupportOffer.user_id == uid, order=[SupportOffer.offered_at]
        ),
        "hulpvraag_berichten": _support_messages(uid),
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
