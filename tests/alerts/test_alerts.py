"""Alerts for whoever must act: flags, access requests, a joined colleague, 48-hour reminders."""

from __future__ import annotations

import time
from datetime import timedelta
from urllib.parse import urlparse

import sqlalchemy as sa

from community.accounts.models import Role, User
from community.clock import utcnow
from community.extensions import db
from community.notifications.models import Notification, NotificationKind
from tests.conftest import Browser
from tests.factories import (
    create_access_request,
    create_invitation,
    create_organisation,
    create_post,
    create_user,
)


def kinds_of(user) -> list[NotificationKind]:
    return list(
        db.session.scalars(
            sa.select(Notification.kind)
            .where(Notification.user_id == user.id)
            .order_by(Notification.id)
        )
    )


def as_user(app, user) -> Browser:
    browser = Browser(app.test_client())
    browser.login(user.email)
    return browser


def test_privacy_flag_mails_every_moderator_at_once_other_flags_only_notify(app, smtp_server):
    moderators = [
        create_user(Role.MODERATOR, email="mod1@example.nl"),
        create_user(Role.MODERATOR, email="mod2@example.nl", notify_by_email=False),
        create_user(Role.ADMIN, email="admin@example.nl"),
    ]
    create_user(Role.MODERATOR, email="weg@example.nl", is_active=False)
    member = create_user(email="lid@example.nl")
    post = create_post(author=create_user(), title="Onze aanpak bij de overdracht")
    db.session.commit()

    reporter = as_user(app, create_user())
    reporter.submit(f"/melden/post/{post.id}", {"reason": "spam"})
    assert smtp_server.messages == []
    for moderator in moderators:
        assert kinds_of(moderator) == [NotificationKind.FLAG_RAISED]
    assert kinds_of(member) == []

    reporter.submit(
        f"/melden/post/{post.id}", {"reason": "inappropriate"}
    )  # already reported: nothing new
    other = as_user(app, create_user())
    response = other.submit(f"/melden/post/{post.id}", {"reason": "privacy"})
    assert response.status_code == 302
    messages = smtp_server.wait_for(3)
    assert sorted(str(m["To"]) for m in messages) == [
        "admin@example.nl",
        "mod1@example.nl",
        "mod2@example.nl",
    ]
    assert smtp_server.to("weg@example.nl") == []
    mail = messages[0]
    assert (
        "privacy" in mail["Subject"].lower() and "Onze aanpak bij de overdracht" in mail["Subject"]
    )
    assert "/moderatie" in mail.get_body(("plain",)).get_content()


def test_access_request_reaches_the_organisations_ambassadors_and_the_moderators(
    app, client, smtp_server
):
    organisation = create_organisation(name="Jeugdzorg Oost")
    ambassador = create_user(Role.AMBASSADOR, email="amb@oost.nl", organisation=organisation)
    colleague = create_user(email="lid@oost.nl", organisation=organisation)
    other_ambassador = create_user(Role.AMBASSADOR, email="amb@elders.nl")
    moderator = create_user(Role.MODERATOR, email="mod@example.nl")
    db.session.commit()

    from community.invites import access_requests

    access_requests.request_access(
        "Fatima El Amrani", "fatima@oost.nl", organisation, "", "Ik wil leren van collega's."
    )
    db.session.commit()
    messages = smtp_server.wait_for(2)
    assert sorted(str(m["To"]) for m in messages) == ["amb@oost.nl", "mod@example.nl"]
    assert "Fatima El Amrani" in messages[0]["Subject"]
    assert "/toegangsverzoeken" in messages[0].get_body(("plain",)).get_content()
    assert kinds_of(ambassador) == [NotificationKind.ACCESS_REQUESTED]
    assert kinds_of(moderator) == [NotificationKind.ACCESS_REQUESTED]
    assert kinds_of(colleague) == [] and kinds_of(other_ambassador) == []

    html = as_user(app, ambassador).get("/meldingen").get_data(as_text=True)
    assert "Fatima El Amrani vraagt toegang" in html


def test_inviter_hears_when_a_colleague_joins(app, browser, smtp_server):
    inviter = create_user(Role.AMBASSADOR, name="Karin Mulder", email="karin@example.nl")
    _, token = create_invitation(inviter, email="joris@example.nl")
    db.session.commit()

    response = browser.submit(
        f"/uitnodiging/{token}",
        {
            "name": "Joris Smit",
            "job_title": "Gezinsmanager",
            "password": "een-lang-wachtwoord-42",
            "password_again": "een-lang-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    [mail] = smtp_server.wait_for(1)
    assert str(mail["To"]) == "karin@example.nl"
    assert mail["Subject"] == "Joris Smit doet nu mee met de Jeugdhulp Community"
    assert kinds_of(inviter) == [NotificationKind.COLLEAGUE_JOINED]


def test_counts_in_the_menu_for_moderator_and_ambassador_not_for_members(app):
    organisation = create_organisation()
    ambassador = create_user(Role.AMBASSADOR, organisation=organisation)
    moderator = create_user(Role.MODERATOR)
    member = create_user(organisation=organisation)
    create_access_request(organisation=organisation)
    create_access_request(organisation=create_organisation())
    post = create_post(author=create_user())
    from community.moderation.models import Flag, FlagReason

    for _ in range(3):
        db.session.add(Flag(post_id=post.id, reporter_id=create_user().id, reason=FlagReason.SPAM))
    db.session.commit()

    html = as_user(app, moderator).get("/").get_data(as_text=True)
    assert 'Moderatie <span class="badge">3' in html
    assert 'Toegangsverzoeken <span class="badge">2' in html
    html = as_user(app, ambassador).get("/").get_data(as_text=True)
    assert 'Toegangsverzoeken <span class="badge">1' in html
    assert "Moderatie" not in html
    html = as_user(app, member).get("/").get_data(as_text=True)
    assert "Toegangsverzoeken" not in html and "Moderatie" not in html


def test_waiting_over_48_hours_gets_one_reminder(app, runner, smtp_server):
    organisation = create_organisation(name="Jeugdzorg Oost")
    create_user(Role.AMBASSADOR, email="amb@oost.nl", organisation=organisation)
    create_user(Role.MODERATOR, email="mod@example.nl")
    start = utcnow() - timedelta(days=5)
    create_access_request(organisation=organisation, name="Oude Aanvraag", created_at=start)
    create_access_request(organisation=organisation, name="Verse Aanvraag")
    post = create_post(author=create_user(), title="Gemelde vraag")
    from community.moderation.models import Flag, FlagReason

    db.session.add(
        Flag(
            post_id=post.id, reporter_id=create_user().id, reason=FlagReason.SPAM, created_at=start
        )
    )
    db.session.commit()

    later = (start + timedelta(hours=47)).isoformat()
    assert runner.invoke(args=["alerts", "remind", "--now", later]).exit_code == 0
    assert smtp_server.messages == []

    result = runner.invoke(args=["alerts", "remind"])
    assert result.exit_code == 0, result.output
    messages = smtp_server.wait_for(2)
    assert sorted(str(m["To"]) for m in messages) == ["amb@oost.nl", "mod@example.nl"]
    [to_ambassador] = smtp_server.to("amb@oost.nl")
    text = to_ambassador.get_body(("plain",)).get_content()
    assert "Oude Aanvraag" in text and "Verse Aanvraag" not in text and "Gemelde" not in text
    [to_moderator] = smtp_server.to("mod@example.nl")
    text = to_moderator.get_body(("plain",)).get_content()
    assert "Oude Aanvraag" in text and "Gemelde vraag" in text

    smtp_server.messages.clear()
    assert runner.invoke(args=["alerts", "remind"]).exit_code == 0
    assert smtp_server.messages == []


def test_an_ambassador_turns_access_request_mails_off_with_one_click(app, smtp_server):
    """Every notification mail has a one-click off for its kind (RFC 8058): an ambassador who
    decides from the menu count can stop these mails; the moderators still get theirs. A
    privacy flag's alert carries none: acting on it is the moderator's duty."""
    from community.invites import access_requests
    from community.moderation import services as moderation

    organisation = create_organisation(name="Jeugdzorg West")
    create_user(Role.AMBASSADOR, email="amb@west.nl", organisation=organisation)
    create_user(Role.MODERATOR, email="mod@example.nl")
    db.session.commit()
    access_requests.request_access("Eerste Collega", "een@west.nl", organisation, "", "Graag.")
    db.session.commit()
    [mail] = [m for m in smtp_server.wait_for(2) if str(m["To"]) == "amb@west.nl"]
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = urlparse(mail["List-Unsubscribe"].strip("<>")).path
    answer = app.test_client().post(path, data={"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200

    access_requests.request_access("Tweede Collega", "twee@west.nl", organisation, "", "Graag.")
    db.session.commit()
    smtp_server.wait_for(3)
    time.sleep(0.5)
    assert [str(m["To"]) for m in smtp_server.messages[2:]] == ["mod@example.nl"]
    # The in-site alert and the menu count still come.
    html = as_user(app, db.session.scalar(sa.select(User).where(User.email == "amb@west.nl")))
    assert "Tweede Collega vraagt toegang" in html.get("/meldingen").get_data(as_text=True)

    moderation.flag_content(create_user(), create_post(), "privacy", "Een naam van een kind")
    db.session.commit()
    [alert] = smtp_server.wait_for(4)[3:]
    assert alert["Subject"].startswith("Privacymelding") and "List-Unsubscribe" not in alert
