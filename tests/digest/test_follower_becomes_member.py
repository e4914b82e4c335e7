"""A follower (e-mail only) who becomes a member gets one digest: the member's, with their choices.

Two halves: creating an account folds the subscription into the member's own digest settings and
deletes the subscriber row; and the digest run skips any follower whose address still belongs to
an active member (data from before this rule), counting that as skipped.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from community.accounts import services as accounts
from community.accounts.models import Role, User
from community.clock import utcnow
from community.digest import sending
from community.digest.models import (
    DeliveryStatus,
    DigestDelivery,
    Frequency,
    Subscriber,
    subscriber_themes,
)
from community.digest.settings import settings_of
from community.extensions import db
from community.follows.models import Follow
from community.formatting import AMSTERDAM
from community.invites.acceptance import accept_invitation
from community.invites.access_requests import approve_access_request
from community.posts.models import Visibility
from tests.conftest import Browser
from tests.factories import (
    create_access_request,
    create_invitation,
    create_organisation,
    create_post,
    create_subscriber,
    create_theme,
    create_user,
)

WEEKLY, DAILY = Frequency.WEEKLY, Frequency.DAILY
PASSWORD = "zon-over-de-polder"
INVITE_LINK = re.compile(r"http://localhost(/uitnodiging/[\w-]+)")


@pytest.fixture
def org():
    return create_organisation("Jeugdbescherming Gelderland", email_domains_text="jbgelderland.nl")


@pytest.fixture
def ambassador(org):
    """Invites and writes the posts; has the digest off, so only the mails under test arrive."""
    return create_user(
        Role.AMBASSADOR, email="karin@jbgelderland.nl", organisation=org, digest={"enabled": False}
    )


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def followed_theme_ids(user: User) -> set[int]:
    follows = sa.select(Follow.theme_id).where(Follow.user_id == user.id)
    return set(db.session.scalars(follows.where(Follow.theme_id.is_not(None))))


def subscriber_rows() -> tuple[int, int]:
    """(subscribers, subscriber_themes) rows left in the database."""
    db.session.expire_all()
    count = sa.select(sa.func.count())
    return (
        db.session.scalar(count.select_from(Subscriber)),
        db.session.scalar(count.select_from(subscriber_themes)),
    )


def member(email: str) -> User:
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(User.email == email))


def questions(author, themes, n, prefix="Vraag", **fields):
    return [
        create_post(author=author, themes=themes, title=f"{prefix} {i}", **fields) for i in range(n)
    ]


def midweek() -> datetime:
    """A Wednesday noon in Amsterdam, in the past: runs an hour apart share one weekly period."""
    local = utcnow().astimezone(AMSTERDAM)
    wednesday = (local - timedelta(days=local.weekday() - 2)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )
    if wednesday > local:
        wednesday -= timedelta(days=7)
    return wednesday


def test_follower_who_accepts_an_invitation_gets_one_digest_with_their_themes_and_frequency(
    app, smtp_server, ambassador
):
    inwerken, behouden, werkdruk = (
        create_theme("Inwerken"),
        create_theme("Behouden"),
        create_theme("Werkdruk"),
    )
    now = utcnow()
    last_digest = now - timedelta(hours=3)
    create_subscriber(
        "joris@jbgelderland.nl",
        themes=[inwerken, behouden],
        frequency=DAILY,
        last_digest_at=last_digest,
    )
    # Already in the follower's last digest: the member's first one must not repeat it.
    create_post(
        author=ambassador,
        themes=[inwerken],
        title="Al eerder gemeld",
        created_at=now - timedelta(hours=5),
    )
    questions(ambassador, [inwerken], 3, prefix="Inwerkvraag")
    create_post(
        author=ambassador,
        themes=[behouden],
        title="Alleen voor leden over behouden",
        visibility=Visibility.MEMBERS,
    )
    create_post(author=ambassador, themes=[werkdruk], title="Over werkdruk")
    _invitation, token = create_invitation(ambassador, email="joris@jbgelderland.nl")
    db.session.commit()

    colleague = Browser(app.test_client())
    done = colleague.submit(
        f"/uitnodiging/{token}",
        {
            "name": "Joris Smit",
            "job_title": "Gezinsmanager",
            "password": PASSWORD,
            "password_again": PASSWORD,
        },
    )
    assert done.status_code == 302

    # Whatever runs: one digest (the follower's was daily, a new member's is weekly).
    daily = sending.send_digest(DAILY, now=utcnow() + timedelta(seconds=1))
    weekly = sending.send_digest(WEEKLY, now=utcnow() + timedelta(seconds=1))
    assert len(smtp_server.to("joris@jbgelderland.nl")) == 1
    assert (daily.sent, weekly.sent) == (1, 0)
    [digest] = smtp_server.to("joris@jbgelderland.nl")
    text = text_of(digest)
    assert "Alleen voor leden over behouden" in text, "the member's digest, with members' posts"
    assert all(f"Inwerkvraag {n}" in text for n in range(3))
    assert "Over werkdruk" not in text and "Al eerder gemeld" not in text
    again = sending.send_digest(DAILY, now=utcnow() + timedelta(seconds=2))
    assert (again.sent, again.done_before) == (0, 1)
    assert len(smtp_server.to("joris@jbgelderland.nl")) == 1

    joris = member("joris@jbgelderland.nl")
    chosen = settings_of(joris.id)
    assert chosen.enabled and chosen.frequency is DAILY
    assert not chosen.all_themes
    assert followed_theme_ids(joris) == {inwerken.id, behouden.id}
    assert subscriber_rows() == (0, 0)


@pytest.mark.parametrize("path", ["access_request", "create_admin"])
def test_every_way_to_an_account_takes_over_the_subscription(
    app, smtp_server, runner, ambassador, org, path
):
    email = "fatima@jbgelderland.nl"
    create_subscriber(email, all_themes=True, frequency=WEEKLY)
    questions(ambassador, [create_theme()], 3)
    if path == "access_request":
        access_request = create_access_request(email=email, organisation=org)
        approve_access_request(ambassador, access_request)
        db.session.commit()
        [invitation_mail] = smtp_server.wait_for(1)
        link = INVITE_LINK.search(text_of(invitation_mail)).group(1)
        token = link.rsplit("/", 1)[1]
        accept_invitation(token, "Fatima Yilmaz", PASSWORD, "")
        db.session.commit()
    else:
        result = runner.invoke(
            args=["users", "create-admin", email.upper(), "--password", PASSWORD]
        )
        assert result.exit_code == 0, result.output
    before = len(smtp_server.messages)
    sending.send_digest(WEEKLY, now=utcnow() + timedelta(seconds=1))
    smtp_server.wait_for(before + 1)
    assert len([m for m in smtp_server.messages[before:] if m["To"] == email]) == 1

    chosen = settings_of(member(email).id)
    assert (chosen.enabled, chosen.frequency, chosen.all_themes) == (True, WEEKLY, True)
    assert subscriber_rows() == (0, 0)


def test_a_follower_who_had_this_weeks_digest_does_not_get_it_again_as_a_new_member(
    app, smtp_server, ambassador
):
    wednesday = midweek()
    create_subscriber("joris@jbgelderland.nl", all_themes=True)
    questions(ambassador, [], 3, created_at=wednesday - timedelta(hours=1))
    _invitation, token = create_invitation(ambassador, email="joris@jbgelderland.nl")
    db.session.commit()
    assert sending.send_digest(WEEKLY, now=wednesday).sent == 1

    accept_invitation(token, "Joris Smit", PASSWORD, "")
    db.session.commit()
    questions(ambassador, [], 3, prefix="Later", created_at=wednesday + timedelta(minutes=30))
    db.session.commit()

    later = sending.send_digest(WEEKLY, now=wednesday + timedelta(hours=1))
    assert len(smtp_server.to("joris@jbgelderland.nl")) == 1
    assert (later.sent, later.done_before) == (0, 1)
    joris = member("joris@jbgelderland.nl")
    assert settings_of(joris.id).last_sent_at == wednesday
    [delivery] = db.session.scalars(sa.select(DigestDelivery))
    assert (delivery.recipient_key, delivery.status) == (f"member:{joris.id}", DeliveryStatus.SENT)


def test_an_unsubscribed_follower_keeps_the_digest_off_and_an_unconfirmed_request_just_goes(app):
    create_subscriber("nee@example.nl", all_themes=True, unsubscribed_at=utcnow())
    create_subscriber("half@example.nl", themes=[create_theme()], confirmed_at=None)
    said_no = accounts.create_user(email="nee@example.nl", name="Nee", password=PASSWORD)
    never_confirmed = accounts.create_user(email="half@example.nl", name="Half", password=PASSWORD)
    db.session.commit()
    assert not settings_of(member(said_no.email).id).enabled
    unchanged = member(never_confirmed.email)
    assert settings_of(unchanged.id).enabled and settings_of(unchanged.id).all_themes
    assert followed_theme_ids(unchanged) == set()
    assert subscriber_rows() == (0, 0)


def test_run_skips_a_follower_whose_address_is_an_active_members_and_counts_it(
    app, runner, smtp_server, ambassador
):
    # Data from before the rule: a member and a follower with the same address (other case).
    create_user(email="lotte@example.nl", digest={"all_themes": True})
    lotte_follows = create_subscriber("lotte@example.nl", all_themes=True)
    lotte_follows.email = "Lotte@Example.NL"
    # A member who left (deactivated) does not cover their follower subscription.
    create_user(email="oud@example.nl", is_active=False)
    create_subscriber("oud@example.nl", all_themes=True)
    questions(ambassador, [], 3)
    create_post(author=ambassador, title="Alleen voor leden", visibility=Visibility.MEMBERS)
    db.session.commit()

    dry = sending.send_digest(WEEKLY, now=utcnow() + timedelta(seconds=1), dry_run=True)
    assert (dry.sent, dry.skipped) == (2, 1)
    assert dry.covered_by_member == 1

    first = runner.invoke(args=["digest", "send", "--period", "weekly"])
    assert first.exit_code == 0, first.output
    smtp_server.wait_for(2)
    assert len(smtp_server.to("lotte@example.nl")) == 1
    assert "verstuurd 2, overgeslagen 1 (waarvan 1 volger die ook lid is), mislukt 0" in (
        first.output
    )
    [lotte] = smtp_server.to("lotte@example.nl")
    assert lotte["To"] == "lotte@example.nl"
    assert "Alleen voor leden" in text_of(lotte), "the member's digest, not the follower's"
    [former] = smtp_server.to("oud@example.nl")
    assert "Alleen voor leden" not in text_of(former)
    skipped = db.session.scalar(
        sa.select(DigestDelivery).where(DigestDelivery.subscriber_id == lotte_follows.id)
    )
    assert skipped.status is DeliveryStatus.SKIPPED and "member:" in skipped.error

    second = runner.invoke(args=["digest", "send", "--period", "weekly"])
    assert "verstuurd 0, overgeslagen 0, mislukt 0, al eerder gedaan 3" in second.output
    assert len(smtp_server.messages) == 2


def test_a_followers_failed_digest_is_not_retried_once_a_member_has_the_address(
    app, smtp_server, ambassador
):
    now = utcnow()
    follower = create_subscriber("sanne@example.nl", all_themes=True)
    questions(ambassador, [], 3)
    db.session.add(
        DigestDelivery(
            recipient_key=f"subscriber:{follower.id}",
            subscriber_id=follower.id,
            period_key=sending.period_key(WEEKLY, now),
            status=DeliveryStatus.FAILED,
            attempts=1,
            error="SMTPServerDisconnected: weg",
        )
    )
    create_user(email="sanne@example.nl")  # straight into the database: no fold, as old data
    db.session.commit()

    summary = sending.send_digest(WEEKLY, now=now + timedelta(seconds=1))
    smtp_server.wait_for(1)
    assert len(smtp_server.to("sanne@example.nl")) == 1
    assert (summary.sent, summary.skipped, summary.covered_by_member) == (1, 1, 1)
    db.session.expire_all()
    row = db.session.scalar(
        sa.select(DigestDelivery).where(DigestDelivery.subscriber_id == follower.id)
    )
    assert row.status is DeliveryStatus.SKIPPED and row.attempts == 1
