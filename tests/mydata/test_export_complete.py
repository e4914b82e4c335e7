"""The download holds every row that points at the member, in every table, now and later.

The list of tables is read from the schema (every column that is a foreign key to users.id), so a
table added later fails here until its rows are in the download, or the column is in
`export.LEFT_OUT` with why. Each row is looked for as stored (its column names and values,
secrets left out), in the JSON the member downloads over HTTP.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from community import mail
from community.accounts.models import LoginSession, PasswordResetToken, Role
from community.clock import utcnow
from community.colleagues.models import ColleagueAsk, member_expertise
from community.digest.models import DeliveryStatus, DigestDelivery, Frequency, MemberDigest
from community.extensions import db
from community.follows.models import Delivery, Follow
from community.mail_outbox import OutgoingMail, wire_bytes
from community.moderation.models import Flag, FlagReason
from community.mydata.export import LEFT_OUT, SECRET_COLUMNS, SHOWN_IN_PART, plain
from community.notifications.models import Notification, NotificationKind
from community.notify.models import Cadence, MailKind, MailOptOut, NoticeItem
from community.posts.models import PostKind, Revision, UsefulVote
from community.readiness.models import Round
from community.rekentool.models import Scenario
from community.search.models import SearchSynonym
from community.support.models import (
    HelpKind,
    SparringOffer,
    SupportMessage,
    SupportOffer,
    SupportRequest,
    SupportStatus,
    Urgency,
)
from tests.conftest import Browser
from tests.factories import (
    create_invitation,
    create_post,
    create_reply,
    create_theme,
    create_user,
)
from tests.mydata.helpers import downloaded


def member_columns() -> set[tuple[str, str]]:
    """(table, column) for every column that points at a member."""
    return {
        (table.name, column.name)
        for table in db.metadata.tables.values()
        for column in table.columns
        for fk in column.foreign_keys
        if fk.column.table.name == "users" and fk.column.name == "id"
    }


def _added(instance: Any) -> tuple[sa.Table, dict]:
    db.session.add(instance)
    db.session.flush()
    table = type(instance).__table__
    return table, {c.name: getattr(instance, c.key) for c in table.primary_key.columns}


def _support_request(requester, **fields) -> SupportRequest:
    values = {
        "requester_id": requester.id,
        "name": requester.name,
        "email": requester.email,
        "goal": "Meedenken over ons inwerkprogramma",
        "help_kind": HelpKind.ADVICE,
        "urgency": Urgency.CAN_WAIT,
        "status": SupportStatus.OPEN,
        **fields,
    }
    return SupportRequest(**values)


def _build(table: str, column: str, me, other) -> tuple[sa.Table, dict] | None:
    """One row of `table` whose `column` is the member; answers (table, its primary key)."""
    now = utcnow()
    theirs = create_post(author=other)
    match (table, column):
        case ("colleague_asks", "asker_id"):
            row = ColleagueAsk(post_id=theirs.id, asker_id=me.id, colleague_id=other.id, note="a")
        case ("colleague_asks", "colleague_id"):
            row = ColleagueAsk(post_id=theirs.id, asker_id=other.id, colleague_id=me.id, note="b")
        case ("digest_deliveries", "user_id"):
            row = DigestDelivery(
                recipient_key=f"member:{me.id}",
                user_id=me.id,
                period_key="weekly:2026-W47",
                status=DeliveryStatus.SENT,
            )
        case ("flags", "reporter_id"):
            row = Flag(post_id=theirs.id, reporter_id=me.id, reason=FlagReason.SPAM)
        case ("follows", "user_id"):
            row = Follow(user_id=me.id, theme_id=create_theme().id, delivery=Delivery.DAILY)
        case ("invitations", "inviter_id"):
            row, _token = create_invitation(me, email="nieuw@example.nl")
        case ("invitations", "accepted_user_id"):
            row, _token = create_invitation(other, email=me.email)
            row.accepted_user_id, row.accepted_at = me.id, now
        case ("login_sessions", "user_id"):
            row = LoginSession(user_id=me.id, key_hash="k" * 64, expires_at=now + timedelta(1))
        case ("mail_optouts", "user_id"):
            row = MailOptOut(user_id=me.id, kind=MailKind.MENTION)
        case ("member_digests", "user_id"):
            row = MemberDigest(user_id=me.id, enabled=True, frequency=Frequency.DAILY)
        case ("member_expertise", "user_id"):
            values = {"user_id": me.id, "theme_id": create_theme().id}
            db.session.execute(member_expertise.insert().values(**values))
            return member_expertise, values
        case ("notice_items", "user_id"):
            row = NoticeItem(
                user_id=me.id,
                kind=MailKind.NEW_POST,
                cadence=Cadence.DAILY,
                item_key=f"p{theirs.id}",
                post_id=theirs.id,
                due_at=now + timedelta(hours=8),
            )
        case ("notifications", "user_id"):
            row = Notification(user_id=me.id, kind=NotificationKind.NEW_ANSWER, post_id=theirs.id)
        case ("password_reset_tokens", "user_id"):
            row = PasswordResetToken(user_id=me.id, token_hash="t" * 64, expires_at=now)
        case ("posts", "author_id"):
            return _added(create_post(author=me))
        case ("posts", "contact_id"):
            return _added(create_post(PostKind.PRACTICE, author=other, contact_id=me.id))
        case ("readiness_rounds", "owner_id"):
            row = Round(owner_id=me.id, title="Team Noord", token_hash="r" * 64, expires_at=now)
        case ("rekentool_scenarios", "user_id"):
            row = Scenario(user_id=me.id, name="Plan 2027", data={"fte": 3})
        case ("replies", "author_id"):
            return _added(create_reply(theirs, author=me))
        case ("revisions", "editor_id"):
            row = Revision(post_id=theirs.id, editor_id=me.id, title="oud", content={"body": "x"})
        case ("search_synonyms", "created_by_id"):
            row = SearchSynonym(terms="boa = buitengewoon opsporingsambtenaar", created_by_id=me.id)
        case ("sparring_offers", "user_id"):
            row = SparringOffer(user_id=me.id, region="Utrecht", per_month=3)
        case ("support_messages", "author_id"):
            request = _support_request(other, helper_id=me.id)
            db.session.add(request)
            db.session.flush()
            row = SupportMessage(request_id=request.id, author_id=me.id, body="Zullen we bellen?")
        case ("support_offers", "user_id"):
            request = _support_request(other)
            db.session.add(request)
            db.session.flush()
            row = SupportOffer(request_id=request.id, user_id=me.id)
        case ("support_requests", "requester_id"):
            row = _support_request(me)
        case ("support_requests", "helper_id"):
            row = _support_request(other, helper_id=me.id, status=SupportStatus.IN_CONVERSATION)
        case ("useful_votes", "user_id"):
            row = UsefulVote(reply_id=create_reply(theirs, author=other).id, user_id=me.id)
        case ("users", "invited_by_id"):
            return _added(create_user(invited_by_id=me.id))
        case _:
            return None
    return _added(row)


def stored(table: sa.Table, key: dict, column: str) -> dict:
    """The row as the download should show it: stored names, plain values, no secrets."""
    row = db.session.execute(
        sa.select(table).where(*(table.c[name] == value for name, value in key.items()))
    ).one()
    shown = SHOWN_IN_PART.get((table.name, column))
    return {
        name: plain(value)
        for name, value in row._mapping.items()
        if name not in SECRET_COLUMNS and (shown is None or name in shown)
    }


def contains_row(data: Any, row: dict) -> bool:
    if isinstance(data, dict):
        if all(name in data and data[name] == value for name, value in row.items()):
            return True
        return any(contains_row(value, row) for value in data.values())
    if isinstance(data, list):
        return any(contains_row(value, row) for value in data)
    return False


def test_every_column_left_out_or_shown_in_part_points_at_a_member_and_says_why():
    columns = member_columns()
    assert set(LEFT_OUT) <= columns
    assert set(SHOWN_IN_PART) <= columns
    assert all(why.strip() for why in LEFT_OUT.values())


def test_the_download_holds_my_row_of_every_table_that_points_at_me(app, browser):
    me = create_user(Role.AMBASSADOR, email="lotte@example.nl", name="Lotte de Vries")
    other = create_user(name="Iemand Anders")
    expected, unbuilt = {}, []
    for table, column in sorted(member_columns() - set(LEFT_OUT)):
        built = _build(table, column, me, other)
        if built is None:
            unbuilt.append(f"{table}.{column}")
        else:
            expected[(table, column)] = built
    assert unbuilt == [], (
        "a new table points at members: add its rows to the download (community/mydata/"
        "export.py) or the column to export.LEFT_OUT with why, and build a row above"
    )
    db.session.commit()
    rows = {key: stored(table, pk, key[1]) for key, (table, pk) in expected.items()}

    browser.login("lotte@example.nl")
    data = downloaded(browser.get("/instellingen/mijn-gegevens/download"))

    missing = [
        f"{table}.{column}" for (table, column), row in rows.items() if not contains_row(data, row)
    ]
    assert missing == []


def test_the_download_holds_mails_to_me_and_failed_logins_but_no_mail_content(app, browser):
    me = create_user(email="lotte@example.nl")
    create_user(email="ander@example.nl")

    def reset_mail(to: str):
        return mail.build_message(
            to,
            "Je link om in te loggen",
            "password_reset",
            user=me,
            reset_url="https://example.nl/geheim-123",
        )

    # Sent at once (jobs run immediately in tests): the outbox keeps address and times only.
    mail.queue(db.session, reset_mail("Lotte <LOTTE@example.nl>"))
    mail.queue(db.session, reset_mail("ander@example.nl"))
    # Not sent yet: its text (with the link) is still in the outbox.
    db.session.add(
        OutgoingMail(
            sender="site@example.nl",
            recipient="lotte@example.nl, ander@example.nl",
            raw=wire_bytes(reset_mail("lotte@example.nl")),
        )
    )
    db.session.commit()
    browser.login("lotte@example.nl")
    # Someone else guesses her password while she is logged in (a correct log-in clears them).
    stranger = Browser(app.test_client())
    failed = stranger.submit("/inloggen", {"email": "lotte@example.nl", "password": "fout"})
    assert failed.status_code == 200

    response = browser.get("/instellingen/mijn-gegevens/download")
    data = downloaded(response)

    sent, waiting = data["mails_aan_jou"]
    assert sent["recipient"].lower() == "lotte@example.nl" and sent["status"] == "sent"
    assert waiting["status"] == "pending" and waiting["subject"] == "Je link om in te loggen"
    assert "raw" not in sent and "geheim-123" not in response.get_data(as_text=True)
    assert len(data["mislukte_inlogpogingen"]) == 1
    assert "key_hash" not in data["mislukte_inlogpogingen"][0]
    assert data["inlogsessies"] and "key_hash" not in data["inlogsessies"][0]
