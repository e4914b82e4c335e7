"""`flask privacy purge` deletes exactly what has passed its retention period, at the boundaries."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from community.accounts.models import PasswordResetToken
from community.digest.models import DeliveryStatus, DigestDelivery, DigestRun, Frequency, Subscriber
from community.digest.services import CONFIRM_VALID_FOR
from community.extensions import db
from community.invites.models import AccessRequest, AccessRequestStatus, Invitation
from community.mydata import retention
from community.mydata.purge import purge_expired
from community.support import services as support
from community.support.models import SupportMessage, SupportRequest, SupportStatus
from tests.factories import (
    create_access_request,
    create_invitation,
    create_subscriber,
    create_theme,
    create_user,
)

NOW = datetime(2026, 11, 22, 3, 45, tzinfo=UTC)


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def remaining(model, ids) -> set[int]:
    db.session.expire_all()
    return set(db.session.scalars(sa.select(model.id).where(model.id.in_(ids))))


def follow_request(email: str, requested_days_ago: float) -> Subscriber:
    requested = ago(requested_days_ago)
    subscriber = Subscriber(
        email=email,
        consent_text_version="test",
        created_at=requested,
        confirm_token_hash=email.ljust(64, "x")[:64],
        confirm_expires_at=requested + CONFIRM_VALID_FOR,
    )
    db.session.add(subscriber)
    db.session.flush()
    return subscriber


def test_unconfirmed_follow_requests_go_after_7_days_confirmed_followers_stay(app):
    assert timedelta(days=7) == retention.UNCONFIRMED_FOLLOW
    six = follow_request("zes@example.nl", 6)
    eight = follow_request("acht@example.nl", 8)
    confirmed_long_ago = create_subscriber(created_at=ago(400), confirmed_at=ago(400))
    ids = [six.id, eight.id, confirmed_long_ago.id]
    report = purge_expired(NOW)
    assert report.counts["unconfirmed_follows"] == 1
    assert remaining(Subscriber, ids) == {ids[0], ids[2]}


def test_a_follow_request_made_again_counts_from_the_new_request(app):
    old = follow_request("opnieuw@example.nl", 20)
    old.confirm_expires_at = ago(2) + CONFIRM_VALID_FOR  # asked again two days ago
    old_id = old.id
    purge_expired(NOW)
    assert remaining(Subscriber, [old_id]) == {old_id}


def test_unsubscribed_followers_go_after_30_days_unless_they_are_following_again(app):
    recent = create_subscriber(unsubscribed_at=ago(29))
    old = create_subscriber(unsubscribed_at=ago(31))
    rejoining = create_subscriber(
        unsubscribed_at=ago(60),
        confirm_token_hash="r" * 64,
        confirm_expires_at=NOW + timedelta(days=3),
    )
    db.session.add(
        DigestDelivery(
            recipient_key=f"subscriber:{old.id}",
            subscriber_id=old.id,
            period_key="weekly:2026-W30",
            status=DeliveryStatus.SENT,
            created_at=ago(120),
        )
    )
    ids = [recent.id, old.id, rejoining.id]
    report = purge_expired(NOW)
    assert report.counts["unsubscribed_followers"] == 1
    assert remaining(Subscriber, ids) == {ids[0], ids[2]}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DigestDelivery)) == 0


def test_expired_and_revoked_invitations_go_30_days_later_accepted_and_open_ones_stay(app):
    inviter = create_user()
    expired_29, _ = create_invitation(inviter, now=ago(43), expires_at=ago(29))
    expired_31, _ = create_invitation(inviter, now=ago(45), expires_at=ago(31))
    revoked_29, _ = create_invitation(inviter, now=ago(29), revoked_at=ago(29))
    revoked_31, _ = create_invitation(inviter, now=ago(31), revoked_at=ago(31))
    accepted, _ = create_invitation(
        inviter, now=ago(400), expires_at=ago(386), accepted_at=ago(390)
    )
    still_open, _ = create_invitation(inviter, now=ago(1))
    approved = create_access_request(
        status=AccessRequestStatus.APPROVED, decided_at=ago(20), invitation_id=expired_31.id
    )
    ids = [i.id for i in (expired_29, expired_31, revoked_29, revoked_31, accepted, still_open)]
    approved_id = approved.id
    report = purge_expired(NOW)
    assert report.counts["invitations"] == 2
    assert remaining(Invitation, ids) == {ids[0], ids[2], ids[4], ids[5]}
    assert db.session.get(AccessRequest, approved_id).invitation_id is None


def test_reset_links_go_30_days_after_they_expired(app):
    user = create_user()
    tokens = {}
    for days in (29, 31):
        token = PasswordResetToken(
            user_id=user.id,
            token_hash=str(days) * 32,
            created_at=ago(days) - timedelta(hours=1),
            expires_at=ago(days),
        )
        db.session.add(token)
        tokens[days] = token
    tokens[31].used_at = ago(31) - timedelta(minutes=30)
    db.session.flush()
    ids = {days: token.id for days, token in tokens.items()}
    report = purge_expired(NOW)
    assert report.counts["reset_tokens"] == 1
    assert remaining(PasswordResetToken, list(ids.values())) == {ids[29]}


def test_decided_access_requests_go_30_days_after_the_decision_open_ones_stay(app):
    declined_29 = create_access_request(status=AccessRequestStatus.DECLINED, decided_at=ago(29))
    declined_31 = create_access_request(status=AccessRequestStatus.DECLINED, decided_at=ago(31))
    waiting = create_access_request(created_at=ago(90))
    ids = [declined_29.id, declined_31.id, waiting.id]
    report = purge_expired(NOW)
    assert report.counts["access_requests"] == 1
    assert remaining(AccessRequest, ids) == {ids[0], ids[2]}


def test_the_newsletter_log_goes_after_a_year(app):
    member = create_user()
    rows = []
    for days in (364, 366):
        run = DigestRun(period=Frequency.WEEKLY, period_key=f"weekly:{days}", started_at=ago(days))
        db.session.add(run)
        db.session.flush()
        row = DigestDelivery(
            recipient_key=f"member:{member.id}",
            user_id=member.id,
            run_id=run.id,
            period_key=f"weekly:{days}",
            status=DeliveryStatus.SENT,
            created_at=ago(days),
        )
        db.session.add(row)
        rows.append((run, row))
    db.session.flush()
    (young_run, young_row), (old_run, old_row) = [(run.id, row.id) for run, row in rows]
    report = purge_expired(NOW)
    assert (report.counts["digest_deliveries"], report.counts["digest_runs"]) == (1, 1)
    assert remaining(DigestDelivery, [young_row, old_row]) == {young_row}
    assert remaining(DigestRun, [young_run, old_run]) == {young_run}


def test_mails_in_the_outbox_folder_go_after_30_days(app):
    folder = Path(app.config["MAIL_OUTBOX_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for days in (29, 31):
        path = folder / f"mail-{days}.eml"
        path.write_text("To: iemand@example.nl\n\nHoi")
        stamp = ago(days).timestamp()
        os.utime(path, (stamp, stamp))
        files[days] = path
    (folder / "notitie.txt").write_text("geen mail")
    os.utime(folder / "notitie.txt", (ago(90).timestamp(), ago(90).timestamp()))
    report = purge_expired(NOW)
    assert report.counts["outbox_mails"] == 1
    assert files[29].exists() and not files[31].exists() and (folder / "notitie.txt").exists()


def test_finished_mails_in_the_outbox_table_go_after_7_days_waiting_ones_stay(app):
    from community.mail_outbox import MailStatus, OutgoingMail

    def row(status: MailStatus, days: int) -> OutgoingMail:
        mail = OutgoingMail(
            sender="site@example.nl",
            recipient="iemand@example.nl",
            raw=b"" if status is MailStatus.SENT else b"Subject: x\r\n\r\nHoi",
            status=status,
            attempts=1,
            created_at=ago(days),
            next_attempt_at=ago(days),
            last_error="",
            failure_handler="",
            failure_ref="",
        )
        db.session.add(mail)
        return mail

    gone = [row(MailStatus.SENT, 8), row(MailStatus.FAILED, 8)]
    kept = [row(MailStatus.SENT, 6), row(MailStatus.PENDING, 8), row(MailStatus.FAILED, 6)]
    db.session.flush()
    report = purge_expired(NOW)
    assert report.counts["outgoing_mails"] == 2
    ids = [m.id for m in gone + kept]
    assert remaining(OutgoingMail, ids) == {m.id for m in kept}


def test_a_dry_run_counts_and_deletes_nothing(app):
    old = follow_request("oud@example.nl", 8)
    report = purge_expired(NOW, dry_run=True)
    assert report.counts["unconfirmed_follows"] == 1 and report.dry_run
    assert remaining(Subscriber, [old.id]) == {old.id}


def test_the_command_prints_a_line_per_kind_and_a_summary(app, runner):
    follow_request("oud@example.nl", 30)
    dry = runner.invoke(args=["privacy", "purge", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "[1/12] onbevestigde volgverzoeken: 1" in dry.output
    assert (
        "Proefdraaien, niets verwijderd. Zou verwijderen: 1 onbevestigde volgverzoeken"
        in dry.output
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Subscriber)) == 1

    result = runner.invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    assert "[12/12] mails in de map outbox: 0" in result.output
    assert (
        "Verwijderd: 1 onbevestigde volgverzoeken" in result.output and "(samen 1)" in result.output
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Subscriber)) == 0


def test_unconfirmed_support_requests_go_after_7_days_ended_ones_a_year_after(app):
    theme = create_theme()
    helper = create_user(support.Role.AMBASSADOR)

    def ask(days_ago: float, status: SupportStatus, finished_days_ago: float | None = None):
        request = support.ask_for_support(
            None,
            support.SupportInput(
                goal="We willen beter inwerken.",
                theme_ids=[theme.id],
                region="Utrecht",
                help_kind="gesprek",
                urgency="snel",
                name="Sam",
                email=f"sam{days_ago}@example.nl",
                organisation_name="Wijkteam",
                requester_role="teamleider",
            ),
            now=ago(days_ago),
        )
        request.status = status
        if finished_days_ago is not None:
            request.helper_id = helper.id
            request.finished_at = ago(finished_days_ago)
            db.session.add(SupportMessage(request_id=request.id, author_id=helper.id, body="Hoi"))
        db.session.flush()
        return request.id

    ids = [
        ask(6, SupportStatus.UNCONFIRMED),
        ask(8, SupportStatus.UNCONFIRMED),
        ask(400, SupportStatus.IN_CONVERSATION),
        ask(800, SupportStatus.DONE, finished_days_ago=364),
        ask(800, SupportStatus.CLOSED, finished_days_ago=366),
    ]
    report = purge_expired(NOW)
    assert report.counts["unconfirmed_support_requests"] == 1
    assert report.counts["ended_support_requests"] == 1
    assert remaining(SupportRequest, ids) == {ids[0], ids[2], ids[3]}
    left = db.session.scalars(sa.select(SupportMessage.request_id)).all()
    assert left == [ids[3]]  # the deleted request's thread went with it


def test_form_keys_against_double_sending_go_after_7_days_fresh_ones_stay(app):
    from community.submissions import FormSubmission, new_key, once
    from community.tokens import hash_token

    def claim(days: int, n: int) -> FormSubmission:
        row = FormSubmission(key_hash=f"{n}".rjust(64, "f"), made="themes:1", created_at=ago(days))
        db.session.add(row)
        return row

    old, recent = claim(8, 1), claim(6, 2)
    db.session.flush()
    # A form sent just now, the way every form that creates something is saved.
    key = new_key()
    uid = create_user().id
    _theme, created = once(uid, key, lambda: create_theme("Nieuw"))
    assert created
    fresh = db.session.scalar(
        sa.select(FormSubmission.id).where(FormSubmission.key_hash == hash_token(f"{uid}:{key}"))
    )

    report = purge_expired(NOW)

    assert report.counts["form_submissions"] == 1
    assert remaining(FormSubmission, [old.id, recent.id, fresh]) == {recent.id, fresh}
