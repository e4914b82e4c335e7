"""A follower (e-mail only) who is also a member gets one digest: the member's.

The digest run skips any follower whose address belongs to an active member, counting that as
skipped.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.clock import utcnow
from community.digest import sending
from community.digest.models import (
    DeliveryStatus,
    DigestDelivery,
    Frequency,
)
from community.extensions import db
from community.posts.models import Visibility
from tests.factories import (
    create_organisation,
    create_post,
    create_subscriber,
    create_user,
)

WEEKLY, DAILY = Frequency.WEEKLY, Frequency.DAILY


@pytest.fixture
def org():
    return create_organisation("Jeugdbescherming Gelderland", email_domains_text="jbgelderland.nl")


@pytest.fixture
def ambassador(org):
    """Invites and writes the posts; has the digest off, so only the mails under test arrive."""
    return create_user(
        Role.AMBASSADOR, email="karin@jbgelderland.nl", organisation=org, digest_enabled=False
    )


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def questions(author, themes, n, prefix="Vraag", **fields):
    return [
        create_post(author=author, themes=themes, title=f"{prefix} {i}", **fields) for i in range(n)
    ]


def test_run_skips_a_follower_whose_address_is_an_active_members_and_counts_it(
    app, runner, smtp_server, ambassador
):
    # Data from before the rule: a member and a follower with the same address (other case).
    create_user(email="lotte@example.nl", digest_all_themes=True)
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
