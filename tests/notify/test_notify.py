"""Followed themes and organisations notify the way each member chose, read from real SMTP.

The clock is injected: `now` goes into ask_question, fan_out and deliver_due, so bundling, the
night and the morning summary are tested at the hours they are about. Quiet hours are on here
(tests elsewhere run with them off, so they do not depend on the hour they run at).
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlparse

import pytest
import sqlalchemy as sa

from community import jobs as queue
from community.accounts.models import Role
from community.clock import utcnow
from community.extensions import db
from community.follows import services as follows
from community.follows.models import Delivery, Follow
from community.moderation import services as moderation
from community.notifications.models import Notification, NotificationKind
from community.notify import jobs, services
from community.notify.models import DECIDERS_KINDS, MailKind, MailOptOut, NoticeItem
from community.posts import services as posts
from community.posts.models import Visibility
from tests.conftest import Browser
from tests.factories import create_organisation, create_subscriber, create_theme, create_user
from tests.served import hidden_fields

# Quiet hours on; no immediate jobs: publishing enqueues the fan-out job on a queue nobody
# consumes, so each test runs fan-out and delivery itself at the hour it is about, with
# `queue.inline()` delivering the mail those jobs queue in this process.
pytestmark = pytest.mark.config(NOTIFY_QUIET_HOURS=True, JOBS_IMMEDIATE=False)


# A Tuesday in December: Amsterdam is UTC+1.
MORNING = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)  # 10:00 in Amsterdam
LATE = datetime(2026, 12, 8, 22, 0, tzinfo=UTC)  # 23:00 in Amsterdam
SEVEN = datetime(2026, 12, 9, 6, 0, tzinfo=UTC)  # 07:00 in Amsterdam the next morning


def follower(theme, delivery: Delivery, email: str, **fields):
    user = create_user(email=email, **fields)
    db.session.add(Follow(user_id=user.id, theme_id=theme.id, delivery=delivery))
    db.session.flush()
    return user


def ask(asker, theme, now, title="Hoe houden jullie mentoring vol?", **data):
    post = posts.ask_question(
        asker,
        {"title": title, "body": "Het schiet er vaak bij in.", "themes": [theme.id], **data},
        now=now,
    )
    db.session.commit()
    return post


def run(smtp_server, now, expect: int | None = None):
    """The every-minute job at `now`; then wait for what it sent to arrive."""
    before = len(smtp_server.messages)
    with queue.inline():
        done = jobs.deliver_due_job(now)
    if expect is not None:
        assert done.mails == expect
        smtp_server.wait_for(before + expect)
    return done


def test_each_follower_hears_the_way_they_chose(app, smtp_server):
    theme = create_theme("Mentoring")
    direct = follower(theme, Delivery.DIRECT, "direct@example.nl")
    daily = follower(theme, Delivery.DAILY, "dagelijks@example.nl")
    digest = follower(theme, Delivery.DIGEST, "nieuwsbrief@example.nl")
    site = follower(theme, Delivery.SITE, "site@example.nl")
    asker = follower(theme, Delivery.DIRECT, "sanne@example.nl", name="Sanne de Vries")
    question = ask(asker, theme, MORNING)

    assert services.fan_out(question.id, MORNING) == 3  # direct, daily and site; not the digest
    assert services.fan_out(question.id, MORNING) == 0  # a retried job adds nothing
    db.session.commit()
    run(smtp_server, MORNING, expect=1)
    run(smtp_server, MORNING + timedelta(minutes=30), expect=0)

    [mail] = smtp_server.messages
    assert str(mail["To"]) == "direct@example.nl"
    assert mail["Subject"] == "Nieuwe vraag in Mentoring, van Sanne de Vries: " + question.title
    assert f"/vragen/{question.id}-" in mail.get_body(("plain",)).get_content()

    # The next morning, the "dagelijks" follower gets one summary; nobody else gets anything.
    run(smtp_server, SEVEN - timedelta(minutes=1), expect=0)
    run(smtp_server, SEVEN, expect=1)
    run(smtp_server, SEVEN + timedelta(hours=1), expect=0)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(NoticeItem)) == 2
    run(smtp_server, SEVEN + timedelta(days=8), expect=0)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(NoticeItem)) == 0  # kept a week
    assert [str(m["To"]) for m in smtp_server.messages] == [
        "direct@example.nl",
        "dagelijks@example.nl",
    ]
    summary = smtp_server.messages[1]
    assert summary["Subject"].startswith("Je dagelijkse samenvatting")
    assert question.title in summary.get_body(("plain",)).get_content()

    # "alleen op de site": an in-site notification, no mail; the newsletter-only one: neither.
    def kinds(user):
        return db.session.scalars(
            sa.select(Notification.kind).where(Notification.user_id == user.id)
        ).all()

    assert kinds(site) == [NotificationKind.NEW_QUESTION]
    assert kinds(digest) == []
    assert kinds(direct) == kinds(daily) == [NotificationKind.NEW_QUESTION]
    assert kinds(asker) == []  # never the author


def test_three_questions_in_five_minutes_make_one_mail_now_and_one_bundle_later(app, smtp_server):
    theme = create_theme("Inwerken")
    follower(theme, Delivery.DIRECT, "direct@example.nl")
    asker = create_user()
    titles = [f"Vraag {n} over inwerken" for n in range(3)]
    for minute, title in zip((0, 2, 5), titles, strict=True):
        now = MORNING + timedelta(minutes=minute)
        question = ask(asker, theme, now, title=title)
        jobs.fan_out_job(question.id, now)
        run(smtp_server, now)
    assert len(smtp_server.wait_for(1)) == 1
    run(smtp_server, MORNING + timedelta(minutes=9), expect=0)  # the ten minutes are not over
    run(smtp_server, MORNING + timedelta(minutes=10), expect=1)

    first, bundle = smtp_server.messages
    assert titles[0] in first["Subject"]
    assert bundle["Subject"] == "2 nieuwe berichten in wat je volgt"
    text = bundle.get_body(("plain",)).get_content()
    assert titles[1] in text and titles[2] in text and titles[0] not in text


def test_a_question_at_night_waits_until_seven_but_a_privacy_flag_goes_at_once(app, smtp_server):
    theme = create_theme("Veiligheid")
    follower(theme, Delivery.DIRECT, "direct@example.nl")
    moderator = create_user(Role.MODERATOR, email="mod@example.nl")
    db.session.add(Follow(user_id=moderator.id, theme_id=theme.id, delivery=Delivery.DIRECT))
    question = ask(create_user(), theme, LATE)
    jobs.fan_out_job(question.id, LATE)
    run(smtp_server, LATE, expect=0)
    run(smtp_server, LATE + timedelta(hours=3), expect=0)

    # A privacy flag at 23:00 reaches the moderator at once, held mail or not.
    reporter = create_user()
    with queue.inline():
        moderation.flag_content(reporter, question, "privacy", "Een naam van een kind", now=LATE)
        db.session.commit()
    [alert] = smtp_server.wait_for(1)
    assert str(alert["To"]) == "mod@example.nl" and alert["Subject"].startswith("Privacymelding")

    run(smtp_server, SEVEN - timedelta(minutes=1), expect=0)
    run(smtp_server, SEVEN, expect=2)
    assert sorted(str(m["To"]) for m in smtp_server.messages[1:]) == [
        "direct@example.nl",
        "mod@example.nl",
    ]


def test_an_answer_within_ten_minutes_of_a_mail_joins_the_next_bundle(app, smtp_server):
    theme = create_theme("Jeugdbescherming")
    kees = follower(theme, Delivery.DIRECT, "kees@example.nl")
    question = ask(create_user(), theme, MORNING)
    jobs.fan_out_job(question.id, MORNING)
    run(smtp_server, MORNING, expect=1)
    follows.follow(kees, post=question)
    posts.post_reply(
        create_user(name="Ahmed"), question, "Een buddy helpt.", now=MORNING + timedelta(minutes=3)
    )
    db.session.commit()
    run(smtp_server, MORNING + timedelta(minutes=4), expect=0)
    assert len(smtp_server.to("kees@example.nl")) == 1  # the answer did not go out on its own
    run(smtp_server, MORNING + timedelta(minutes=10), expect=1)
    [_, bundle] = smtp_server.to("kees@example.nl")
    assert "Ahmed: nieuw antwoord op de vraag" in bundle["Subject"]


def test_one_click_off_stops_that_kind_only(app, smtp_server):
    theme = create_theme("Pleegzorg")
    kees = follower(theme, Delivery.DIRECT, "kees@example.nl")
    first = ask(create_user(), theme, MORNING, title="Eerste vraag")
    jobs.fan_out_job(first.id, MORNING)
    run(smtp_server, MORNING, expect=1)
    [mail] = smtp_server.messages
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"<(.+)>", mail["List-Unsubscribe"]).group(1)
    path = urlparse(url).path

    client = app.test_client()
    assert "Ja, zet deze e-mails uit" in client.get(path).get_data(as_text=True)
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(MailOptOut)) == 0
    )  # GET wrote nothing
    # What a mail provider sends (RFC 8058): a POST without session or CSRF token.
    response = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Uitgezet" in response.get_data(as_text=True)
    assert client.post(path[:-3] + "xyz").status_code == 400  # a broken token does nothing

    # The next new question sends no mail; an answer to a followed question still does.
    second = ask(create_user(), theme, MORNING + timedelta(hours=1), title="Tweede vraag")
    jobs.fan_out_job(second.id, MORNING + timedelta(hours=1))
    run(smtp_server, MORNING + timedelta(hours=1), expect=0)
    follows.follow(kees, post=second)
    with queue.inline():
        posts.post_reply(
            create_user(), second, "Zo doen wij het.", now=MORNING + timedelta(hours=2)
        )
        db.session.commit()
    smtp_server.wait_for(3)  # the asker's and Kees's
    [_, answer] = smtp_server.to("kees@example.nl")
    assert answer["Subject"] == "Nieuw antwoord op de vraag: Tweede vraag"
    assert answer["List-Unsubscribe"] != mail["List-Unsubscribe"]  # its own kind's link
    # The in-site notification of the new question still came.
    kinds = db.session.scalars(
        sa.select(Notification.kind).where(
            Notification.user_id == kees.id, Notification.post_id == second.id
        )
    ).all()
    assert sorted(kind.value for kind in kinds) == ["new_answer", "new_question"]


def test_members_only_posts_reach_no_one_who_cannot_read_them(app, smtp_server):
    theme = create_theme("Gesloten")
    organisation = create_organisation("Jeugdzorg Oost")
    reader = follower(theme, Delivery.DIRECT, "lid@example.nl")
    follower(theme, Delivery.DIRECT, "weg@example.nl", is_active=False)
    org_follower = create_user(email="org@example.nl")
    db.session.add(
        Follow(user_id=org_follower.id, organisation_id=organisation.id, delivery=Delivery.DIRECT)
    )
    create_subscriber("bezoeker@example.nl", themes=[theme])  # a newsletter follower, no account
    asker = create_user(organisation=organisation)
    question = ask(asker, theme, MORNING, visibility=Visibility.MEMBERS.value)
    assert question.visibility is Visibility.MEMBERS
    jobs.fan_out_job(question.id, MORNING)
    run(smtp_server, MORNING, expect=2)
    assert sorted(str(m["To"]) for m in smtp_server.messages) == [
        "lid@example.nl",
        "org@example.nl",
    ]

    # Hidden before its held mail went out: the mail does not go.
    second = ask(asker, theme, MORNING + timedelta(minutes=1), title="Wordt verborgen")
    jobs.fan_out_job(second.id, MORNING + timedelta(minutes=1))
    second.hidden_at = MORNING + timedelta(minutes=2)
    db.session.commit()
    run(smtp_server, MORNING + timedelta(minutes=11), expect=0)
    assert (
        db.session.scalar(
            sa.select(NoticeItem.sent_at).where(
                NoticeItem.user_id == reader.id, NoticeItem.post_id == second.id
            )
        )
        is not None
    )  # dealt with, not left to retry


def test_an_anonymous_asker_is_never_named_in_any_mail_or_row(app, smtp_server):
    theme = create_theme("Gezinshuizen")
    organisation = create_organisation("Geheime Organisatie")
    follower(theme, Delivery.DIRECT, "direct@example.nl")
    follower(theme, Delivery.DAILY, "dagelijks@example.nl")
    org_follower = create_user(email="org@example.nl")
    db.session.add(
        Follow(user_id=org_follower.id, organisation_id=organisation.id, delivery=Delivery.DIRECT)
    )
    asker = create_user(
        name="Geheime Vraagsteller", email="geheim@example.nl", organisation=organisation
    )
    question = ask(asker, theme, MORNING, is_anonymous=True)
    jobs.fan_out_job(question.id, MORNING)
    run(smtp_server, MORNING, expect=1)
    run(smtp_server, SEVEN, expect=1)
    assert sorted(str(m["To"]) for m in smtp_server.messages) == [
        "dagelijks@example.nl",
        "direct@example.nl",
    ]  # the organisation's followers would learn where the asker works: not told
    for message in smtp_server.messages:
        raw = message.as_bytes()
        assert b"Geheime" not in raw and b"geheim@" not in raw
        for part in message.walk():
            if part.get_content_maintype() == "text":
                content = part.get_content()
                assert "Geheime" not in content and "geheim@" not in content
    assert db.session.scalars(sa.select(Notification.actor_id)).all() == [None, None]
    assert db.session.scalars(sa.select(NoticeItem.actor_id)).all() == [None, None]
    # And on the "Meldingen" page.
    reader = Browser(app.test_client())
    reader.login("direct@example.nl")
    page = reader.get("/meldingen").get_data(as_text=True)
    assert f"Nieuwe vraag in wat je volgt: “{question.title}”" in page
    assert "Geheime" not in page


def test_publishing_leaves_fan_out_to_the_job_and_the_safety_net_catches_a_lost_one(
    app, smtp_server
):
    """The request only records the post; the every-minute run fans out what has no mark."""
    theme = create_theme("Onderwijs")
    follower(theme, Delivery.DIRECT, "direct@example.nl")
    asker = create_user()
    db.session.commit()
    browser = Browser(app.test_client())
    browser.login(asker.email)
    fields = hidden_fields(browser.get("/vragen/nieuw").get_data(as_text=True), "/vragen/nieuw")
    body = "Bij ons schiet het inwerken er in drukke weken bij in."
    response = browser.client.post(
        "/vragen/nieuw",
        data={
            **fields,
            "title": "Wie heeft een goed inwerkplan?",
            "body": body,
            "themes": str(theme.id),
        },
    )
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(NoticeItem)) == 0
    assert smtp_server.messages == []
    # The request enqueued the fan-out job (nobody consumes this queue); say it was lost.
    pending = [task.name for task in app.extensions["jobs"].huey.pending()]
    assert pending == ["community.notify.jobs.fan_out"]
    app.extensions["jobs"].huey.flush()
    # The run at 10:00 the next morning (never at night, whatever the hour the test runs at).
    with queue.inline():
        done = jobs.deliver_due_job(services.next_morning(utcnow()) + timedelta(hours=3))
    assert done.fanned_out == 1 and done.direct == 1
    [mail] = smtp_server.wait_for(1)
    assert "Wie heeft een goed inwerkplan?" in mail["Subject"]


def test_choosing_delivery_is_for_the_owner_only_and_the_settings_show_every_kind(app, smtp_server):
    theme = create_theme("Inclusie")
    owner = create_user(email="eigen@example.nl")
    follow = follows.follow(owner, theme=theme)
    other = create_user(email="ander@example.nl")
    db.session.commit()
    follow_id = follow.id

    intruder = Browser(app.test_client())
    intruder.login(other.email)
    intruder.submit(f"/ik-volg/{follow_id}/meldingen", {"delivery": "direct"}, form_url="/ik-volg")
    db.session.expire_all()
    assert db.session.get(Follow, follow_id).delivery is Delivery.DIGEST

    browser = Browser(app.test_client())
    browser.login(owner.email)
    assert (
        browser.client.post(
            f"/ik-volg/{follow_id}/meldingen", data={"delivery": "direct"}
        ).status_code
        == 400
    )  # no CSRF token
    page = browser.get("/ik-volg").get_data(as_text=True)
    for label in ("direct", "dagelijks", "nieuwsbrief", "alleen op de site"):
        assert f">{label}</label>" in page
    browser.submit(f"/ik-volg/{follow_id}/meldingen", {"delivery": "daily"}, form_url="/ik-volg")
    db.session.expire_all()
    assert db.session.get(Follow, follow_id).delivery is Delivery.DAILY
    # Where one follows: the theme's follow button shows the choice and leads to changing it.
    theme_page = browser.get(f"/themas/{theme.slug}").get_data(as_text=True)
    assert f'href="/ik-volg#volg-theme-{theme.id}">Meldingen: dagelijks' in theme_page

    settings = browser.get("/instellingen").get_data(as_text=True)
    for kind in MailKind:  # a member never decides on access requests: not theirs to choose
        shown = f'name="kind-{kind.value}"' in settings
        assert shown is (kind not in DECIDERS_KINDS), kind
    # Everything on except mentions; the theme to "alleen op de site".
    data = {f"kind-{k.value}": "aan" for k in MailKind if k is not MailKind.MENTION}
    data[f"delivery-{follow_id}"] = "site"
    browser.submit("/instellingen/meldingen", data, form_url="/instellingen")
    db.session.expire_all()
    assert db.session.scalars(sa.select(MailOptOut.kind)).all() == [MailKind.MENTION]
    assert db.session.get(Follow, follow_id).delivery is Delivery.SITE
    # Someone else's follow in the settings form changes nothing.
    other_follow = follows.follow(other, theme=theme)
    db.session.commit()
    browser.submit(
        "/instellingen/meldingen",
        {f"delivery-{other_follow.id}": "direct"},
        form_url="/instellingen",
    )
    db.session.expire_all()
    assert db.session.get(Follow, other_follow.id).delivery is Delivery.DIGEST


def test_a_theme_followed_only_on_the_site_stays_out_of_the_newsletter(app):
    from community.digest.recipients import recipient_for_email

    site_theme, digest_theme = create_theme("Alleen site"), create_theme("Nieuwsbrief")
    member = create_user(email="lezer@example.nl", digest={"all_themes": False})
    db.session.add(Follow(user_id=member.id, theme_id=site_theme.id, delivery=Delivery.SITE))
    db.session.add(Follow(user_id=member.id, theme_id=digest_theme.id, delivery=Delivery.DIGEST))
    db.session.commit()
    assert recipient_for_email("lezer@example.nl").theme_ids == {digest_theme.id}


def test_a_delivery_that_crashed_before_its_commit_sends_once_when_retried(app, smtp_server):
    theme = create_theme("Herhaling")
    follower(theme, Delivery.DIRECT, "direct@example.nl")
    question = ask(create_user(), theme, MORNING)
    jobs.fan_out_job(question.id, MORNING)
    services.deliver_due(MORNING)
    db.session.rollback()  # the worker died before its commit: nothing was sent
    assert smtp_server.messages == []
    run(smtp_server, MORNING, expect=1)  # the retry
    run(smtp_server, MORNING, expect=0)  # and again: nothing twice
    run(smtp_server, MORNING + timedelta(minutes=20), expect=0)
    assert len(smtp_server.messages) == 1


def test_the_asker_sees_who_was_told_and_nobody_else_does(app, smtp_server):
    """ "Done when a member who asks a question can see who was told": on the question's page,
    for the asker only, how many colleagues heard of it and in which way."""
    theme = create_theme("Inwerken")
    follower(theme, Delivery.DIRECT, "direct1@example.nl")
    follower(theme, Delivery.DIRECT, "direct2@example.nl")
    follower(theme, Delivery.DAILY, "dagelijks@example.nl")
    follower(theme, Delivery.SITE, "site@example.nl")
    follower(theme, Delivery.DIGEST, "nieuwsbrief@example.nl")
    asker = create_user(email="vraagsteller@example.nl")
    create_user(email="ander@example.nl")
    question = ask(asker, theme, MORNING)
    page = f"/vragen/{question.id}-{question.slug}"

    def seen_by(email: str | None) -> str:
        browser = Browser(app.test_client())
        if email:
            browser.login(email)
        return browser.get(page).get_data(as_text=True)

    assert "Je vraag gaat zo naar wie de thema" in seen_by("vraagsteller@example.nl")
    jobs.fan_out_job(question.id, MORNING)
    run(smtp_server, MORNING, expect=2)

    page_text = html.unescape(re.sub(r"<[^>]+>", " ", seen_by("vraagsteller@example.nl")))
    text = " ".join(page_text.split())
    assert "Wie hoorden ervan" in text
    assert "4 collega's kregen een melding op de site" in text
    assert "2 collega's kregen meteen een e-mail" in text
    assert "1 collega leest het in de dagelijkse samenvatting" in text
    assert "1 collega leest het in de nieuwsbrief" in text
    assert "Wie hoorden ervan" not in seen_by("ander@example.nl")
    assert "Wie hoorden ervan" not in seen_by(None)
