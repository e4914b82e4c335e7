"""Notifications in the site and by e-mail, read from a real SMTP server."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from community.accounts.models import Role
from community.clock import utcnow
from community.extensions import db
from community.follows import services as follows
from community.notifications.models import Notification, NotificationKind
from community.posts import services
from community.posts.models import Post, PostKind, Reply
from tests.factories import create_post, create_reply, create_theme, create_user


def notifications_of(user) -> list[Notification]:
    return db.session.scalars(
        sa.select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    ).all()


def ask(asker, title="Hoe houden jullie mentoring vol?"):
    return services.ask_question(
        asker, {"title": title, "body": "Het schiet er vaak bij in.", "themes": [create_theme().id]}
    )


def test_new_answer_mails_the_asker_and_followers_but_not_its_author(app, browser, smtp_server):
    asker = create_user(name="Sanne", email="sanne@example.nl")
    follower = create_user(name="Kees", email="kees@example.nl")
    earlier_answerer = create_user(name="Ahmed", email="ahmed@example.nl")
    answerer = create_user(Role.AMBASSADOR, name="Marieke Jansen", email="marieke@example.nl")
    question = ask(asker)
    follows.follow(follower, post=question)
    # A quarter of an hour ago: within ten minutes the next mail would wait (tests/notify).
    services.post_reply(
        earlier_answerer, question, "Eerder antwoord", now=utcnow() - timedelta(minutes=15)
    )
    db.session.commit()
    smtp_server.wait_for(2)  # the earlier answer's mails to the asker and the follower
    smtp_server.messages.clear()

    browser.login(answerer.email)
    page = f"/vragen/{question.id}-{question.slug}"
    browser.submit(
        f"/vragen/{question.id}/reageren",
        {"body": "Plan het in **als een afspraak**."},
        form_url=page,
    )
    messages = smtp_server.wait_for(3)
    assert sorted(str(m["To"]) for m in messages) == [
        "ahmed@example.nl",
        "kees@example.nl",
        "sanne@example.nl",
    ]
    assert smtp_server.to("marieke@example.nl") == []

    assert db.session.get(Post, question.id).reply_count == 2
    [mail] = smtp_server.to("sanne@example.nl")
    assert mail["Subject"] == "Nieuw antwoord op je vraag: Hoe houden jullie mentoring vol?"
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    answer_id = db.session.scalar(sa.select(sa.func.max(Reply.id)))
    link = f"http://localhost/vragen/{question.id}-{question.slug}#reactie-{answer_id}"
    assert link in text and f'href="{link}"' in html
    assert "Marieke Jansen gaf een antwoord" in text
    assert "Plan het in als een afspraak." in text  # plain text, no markdown
    assert "omdat je deze vraag stelde" in text
    assert "Niet meer volgen" in text and "http://localhost/meldingen" in text
    followers_mail = smtp_server.to("kees@example.nl")[0]
    assert (
        followers_mail["Subject"] == "Nieuw antwoord op de vraag: Hoe houden jullie mentoring vol?"
    )
    assert "omdat je deze vraag volgt" in followers_mail.get_body(("plain",)).get_content()

    assert [n.kind for n in notifications_of(asker)] == [NotificationKind.NEW_ANSWER] * 2
    assert notifications_of(answerer) == []


def test_no_mail_for_those_who_turned_it_off_but_still_a_notification(app, smtp_server):
    asker = create_user(email="sanne@example.nl", notify_by_email=False)
    question = ask(asker)
    services.post_reply(create_user(), question, "Een buddy helpt.")
    db.session.commit()
    assert len(notifications_of(asker)) == 1
    assert smtp_server.messages == []


def test_no_mail_when_the_transaction_rolls_back(app, smtp_server):
    question = ask(create_user(email="sanne@example.nl"))
    db.session.commit()
    services.post_reply(create_user(), question, "Een buddy helpt.")
    db.session.rollback()
    db.session.commit()
    assert smtp_server.messages == []


def test_accepted_answer_notifies_the_answerer(app, smtp_server):
    asker = create_user(email="sanne@example.nl")
    answerer = create_user(email="ahmed@example.nl")
    question = ask(asker)
    reply = services.post_reply(answerer, question, "Een buddy helpt.")
    db.session.commit()
    smtp_server.wait_for(1)
    services.accept_answer(asker, reply)
    db.session.commit()
    smtp_server.wait_for(2)
    [mail] = smtp_server.to("ahmed@example.nl")
    assert mail["Subject"] == "Je antwoord is geaccepteerd: Hoe houden jullie mentoring vol?"
    assert f"#reactie-{reply.id}" in mail.get_body(("plain",)).get_content()
    [notification] = notifications_of(answerer)
    assert notification.kind is NotificationKind.ANSWER_ACCEPTED


def test_reaction_on_a_practice_notifies_its_author(app, outbox):
    author = create_user(Role.AMBASSADOR, email="marieke@example.nl")
    practice = services.publish_practice(
        author,
        {
            "title": "Eerste maand zonder caseload",
            "summary": "Kort.",
            "approach": "Zo.",
            "themes": [create_theme().id],
        },
    )
    services.post_reply(create_user(name="Kees"), practice, "Mooi voorbeeld!")
    db.session.commit()
    [notification] = notifications_of(author)
    assert notification.kind is NotificationKind.NEW_REACTION
    [mail] = outbox()
    assert mail["Subject"] == "Nieuwe reactie op je goede voorbeeld: Eerste maand zonder caseload"
    assert "Kees reageerde op het goede voorbeeld" in mail.get_body(("plain",)).get_content()


def test_notifications_page_newest_first_and_reading_them(browser):
    user = create_user(email="sanne@example.nl")
    first = create_post(author=user, title="Eerste vraag over inwerken")
    second = create_post(author=user, title="Tweede vraag over inwerken")
    for post in (first, second):
        reply = create_reply(post, author=create_user(name=f"Antwoorder {post.id}"))
        db.session.add(
            Notification(
                user_id=user.id,
                kind=NotificationKind.NEW_ANSWER,
                post_id=post.id,
                reply_id=reply.id,
                actor_id=reply.author_id,
            )
        )
    db.session.add(
        Notification(user_id=create_user().id, kind=NotificationKind.NEW_ANSWER, post_id=first.id)
    )
    db.session.commit()
    browser.login(user.email)

    page = browser.get("/meldingen").get_data(as_text=True)
    assert page.index("Tweede vraag") < page.index("Eerste vraag")
    assert page.count('class="notification is-unread"') == 2
    assert 'class="badge">2<span class="visually-hidden"> ongelezen</span>' in page  # header
    # Looking does not read them: GET never writes.
    assert all(n.read_at is None for n in notifications_of(user))

    [mine] = [n for n in notifications_of(user) if n.post_id == first.id]
    response = browser.submit(f"/meldingen/{mine.id}", {}, form_url="/meldingen")
    assert (
        response.headers["Location"] == f"/vragen/{first.id}-{first.slug}#reactie-{mine.reply_id}"
    )
    assert db.session.get(Notification, mine.id).read_at is not None

    browser.submit("/meldingen/gelezen", {}, form_url="/meldingen")
    assert all(n.read_at is not None for n in notifications_of(user))
    page = browser.get("/meldingen").get_data(as_text=True)
    assert "is-unread" not in page and "ongelezen" not in page


def test_someone_elses_notification_is_not_found(browser):
    other = create_user()
    notification = Notification(
        user_id=other.id, kind=NotificationKind.NEW_ANSWER, post_id=create_post().id
    )
    db.session.add(notification)
    db.session.commit()
    browser.login(create_user(email="sanne@example.nl").email)
    assert (
        browser.submit(f"/meldingen/{notification.id}", {}, form_url="/meldingen").status_code
        == 404
    )
    assert db.session.get(Notification, notification.id).read_at is None


def test_member_turns_mail_off_and_on(browser):
    user = create_user(email="sanne@example.nl")
    browser.login(user.email)
    browser.submit("/meldingen/e-mail", {"notify_by_email": "uit"}, form_url="/meldingen")
    assert db.session.get(type(user), user.id).notify_by_email is False
    assert "Wel e-mails ontvangen" in browser.get("/meldingen").get_data(as_text=True)
    browser.submit("/meldingen/e-mail", {"notify_by_email": "aan"}, form_url="/meldingen")
    assert db.session.get(type(user), user.id).notify_by_email is True


def test_anonymous_askers_stay_anonymous_in_notifications(browser):
    asker = create_user(name="Fatima Yilmaz", email="fatima@example.nl")
    answerer = create_user(email="ahmed@example.nl")
    question = services.ask_question(
        asker,
        {
            "title": "Mijn team loopt leeg, wat nu?",
            "body": "Hulp.",
            "themes": [create_theme().id],
            "is_anonymous": True,
        },
    )
    reply = services.post_reply(answerer, question, "Praat erover in het team.")
    services.accept_answer(asker, reply)
    db.session.commit()
    browser.login(answerer.email)
    page = browser.get("/meldingen").get_data(as_text=True)
    assert "Je antwoord op “Mijn team loopt leeg, wat nu?” is geaccepteerd" in page
    assert "Fatima" not in page


def test_unread_count_only_for_members(client, browser):
    user = create_user(email="sanne@example.nl")
    db.session.add(
        Notification(user_id=user.id, kind=NotificationKind.NEW_ANSWER, post_id=create_post().id)
    )
    db.session.commit()
    assert "Meldingen" not in client.get("/").get_data(as_text=True)
    browser.login(user.email)
    home = browser.get("/").get_data(as_text=True)
    assert '1<span class="visually-hidden"> ongelezen</span>' in home


def test_practice_kind_is_listed_as_a_reaction(browser):
    user = create_user(email="sanne@example.nl")
    practice = create_post(PostKind.PRACTICE, author=user, title="Vijf uur mentoring per week")
    db.session.add(
        Notification(
            user_id=user.id,
            kind=NotificationKind.NEW_REACTION,
            post_id=practice.id,
            actor_id=create_user(name="Kees de Boer").id,
        )
    )
    db.session.commit()
    browser.login(user.email)
    assert "Kees de Boer reageerde op “Vijf uur mentoring per week”" in browser.get(
        "/meldingen"
    ).get_data(as_text=True)


def test_anonymous_asker_answering_their_own_question_stays_anonymous(browser, outbox):
    asker = create_user(name="Fatima Yilmaz", email="fatima@example.nl")
    follower = create_user(email="kees@example.nl")
    question = services.ask_question(
        asker,
        {
            "title": "Mijn team loopt leeg, wat nu?",
            "body": "Hulp.",
            "themes": [create_theme().id],
            "is_anonymous": True,
        },
    )
    follows.follow(follower, post=question)
    services.post_reply(asker, question, "Aanvulling: het gaat om drie collega's.")
    db.session.commit()
    [mail] = outbox()
    assert "Fatima" not in mail.get_body(("plain",)).get_content()
    assert "De vraagsteller gaf een antwoord" in mail.get_body(("plain",)).get_content()
    browser.login(follower.email)
    assert "Fatima" not in browser.get("/meldingen").get_data(as_text=True)
    page = browser.get(f"/vragen/{question.id}-{question.slug}").get_data(as_text=True)
    assert "Fatima" not in page and "De vraagsteller" in page
