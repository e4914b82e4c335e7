"""@mentions: `@[Naam](lid:ID)` in a post or reply tells that member once, in site and mail."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from community.accounts.models import Role
from community.clock import utcnow
from community.extensions import db
from community.notifications.models import Notification, NotificationKind
from community.posts import services
from community.posts.models import Reply, Visibility
from tests.factories import create_subscriber, create_theme, create_user


def mentions_of(user) -> list[Notification]:
    return list(
        db.session.scalars(
            sa.select(Notification).where(
                Notification.user_id == user.id, Notification.kind == NotificationKind.MENTION
            )
        )
    )


def ask(asker, body="Het schiet er vaak bij in.", **data):
    return services.ask_question(
        asker,
        {"title": "Hoe houden jullie mentoring vol?", "body": body, "themes": [create_theme().id]}
        | data,
    )


def test_mention_in_a_reply_notifies_once_and_edits_do_not_repeat_it(app, browser, smtp_server):
    asker = create_user(name="Sanne de Vries", email="sanne@example.nl")
    kees = create_user(name="Kees Bakker", email="kees@example.nl")
    answerer = create_user(name="Marieke Jansen", email="marieke@example.nl")
    question = ask(asker)
    db.session.commit()

    browser.login(answerer.email)
    page = f"/vragen/{question.id}-{question.slug}"
    body = f"Vraag het @[Kees B.](lid:{kees.id}), hij deed dit vorig jaar."
    response = browser.submit(f"/vragen/{question.id}/reageren", {"body": body}, form_url=page)
    assert response.status_code == 302
    smtp_server.wait_for(2)  # the asker (new answer) and Kees (mention)
    [mail] = smtp_server.to("kees@example.nl")
    assert mail["Subject"] == "Marieke Jansen noemde je bij “Hoe houden jullie mentoring vol?”"
    text = mail.get_body(("plain",)).get_content()
    assert "hij deed dit vorig jaar" in text and f"/vragen/{question.id}-" in text
    assert len(mentions_of(kees)) == 1

    # The stored page shows a link to Kees's profile with his real name, not the typed one.
    reply = db.session.scalar(sa.select(Reply).where(Reply.post_id == question.id))
    assert f'<a href="/leden/{kees.id}" rel="nofollow ugc noopener">@Kees Bakker</a>' in (
        reply.body_html
    )
    assert "@Kees Bakker" in browser.get(page).get_data(as_text=True)

    # Editing the reply (still mentioning Kees) does not tell him again.
    smtp_server.messages.clear()
    browser.submit(f"/reacties/{reply.id}/bewerken", {"body": body + " Succes!"})
    db.session.expire_all()
    assert len(mentions_of(kees)) == 1
    assert smtp_server.to("kees@example.nl") == []


def test_mention_of_the_mentioned_follower_gives_one_mail_not_two(app, smtp_server):
    asker = create_user(email="asker@example.nl")
    question = ask(asker)
    answerer = create_user(email="answerer@example.nl")
    # A quarter of an hour ago: within ten minutes the next mail would wait (tests/notify).
    services.post_reply(answerer, question, "Eerste antwoord", now=utcnow() - timedelta(minutes=15))
    db.session.commit()
    smtp_server.wait_for(1)
    smtp_server.messages.clear()

    services.post_reply(create_user(name="Derde"), question, f"Zie @[x](lid:{asker.id})")
    db.session.commit()
    smtp_server.wait_for(2)
    assert len(smtp_server.to("asker@example.nl")) == 1
    assert "noemde je" in smtp_server.to("asker@example.nl")[0]["Subject"]


def test_inactive_deleted_unknown_and_plain_addresses_are_never_notified(app, smtp_server):
    from community.clock import utcnow

    author = create_user(email="author@example.nl")
    gone = create_user(email="gone@example.nl", is_active=False)
    deleted = create_user(email="deleted@example.nl", deleted_at=utcnow())
    plain = create_user(name="jan", email="jan@example.nl")
    reader = create_user(email="reader@example.nl")
    create_subscriber("volger@example.nl")  # follows by mail, has no account
    body = (
        f"Zie @[Gone](lid:{gone.id}) en @[Weg](lid:{deleted.id}) en @[Niemand](lid:999999), "
        "mail jan@example.nl of @jan, of @jan@example.nl of @volger@example.nl. En @[Lezer](lid:"
        f"{reader.id}) kan dit lezen."
    )
    post = ask(author, body=body, visibility=Visibility.MEMBERS.value, privacy_confirmed=True)
    db.session.commit()
    smtp_server.wait_for(1)
    assert [str(m["To"]) for m in smtp_server.messages] == ["reader@example.nl"]
    for user in (gone, deleted, plain):
        assert mentions_of(user) == []
    # A name that no longer leads anywhere stays plain text (no link to a 404).
    assert "@Gone" in post.body_html and f"/leden/{gone.id}" not in post.body_html


def test_anonymous_asker_is_never_named_by_a_mention(app, smtp_server):
    asker = create_user(name="Geheime Vraagsteller", email="geheim@example.nl")
    kees = create_user(name="Kees Bakker", email="kees@example.nl")
    question = ask(asker, body=f"Weet @[Kees](lid:{kees.id}) dit?", is_anonymous=True)
    db.session.commit()
    [mail] = smtp_server.wait_for(1)
    assert (
        mail["Subject"]
        == "Een lid van de Community noemde je bij “Hoe houden jullie mentoring vol?”"
    )
    whole = mail.as_string() + mail.get_body(("plain",)).get_content()
    whole += mail.get_body(("html",)).get_content()
    assert "Geheime" not in whole and "geheim@" not in whole
    [notification] = mentions_of(kees)
    assert notification.actor_id is None

    # The asker answering their own anonymous question stays anonymous too.
    smtp_server.messages.clear()
    other = create_user(name="Anna", email="anna@example.nl")
    services.post_reply(asker, question, f"Of @[Anna](lid:{other.id})?")
    db.session.commit()
    [mail] = smtp_server.wait_for(1)
    assert "Geheime" not in mail.as_string() and "Een lid van de Community" in mail["Subject"]

    from tests.conftest import Browser

    browser = Browser(app.test_client())
    browser.login(kees.email)
    html = browser.get("/meldingen").get_data(as_text=True)
    assert "Een lid van de Community noemde je" in html and "Geheime" not in html


def test_autocomplete_is_for_members_only_and_returns_at_most_eight(app, client, browser):
    for n in range(12):
        create_user(name=f"Sanne Lid {n:02d}")
    create_user(name="Sanne Weg", is_active=False)
    create_user(Role.AMBASSADOR, name="Piet Anders")
    db.session.commit()

    response = client.get("/leden/noemen?q=sanne")
    assert response.status_code in (302, 401)
    assert "Sanne" not in response.get_data(as_text=True)

    browser.login(create_user(name="Ik Zelf").email)
    response = browser.get("/leden/noemen?q=sanne")
    assert response.status_code == 200 and response.is_json
    matches = response.get_json()["leden"]
    assert len(matches) == 8
    assert all(m["naam"].startswith("Sanne Lid") for m in matches)
    assert {"id", "naam", "organisatie"} <= set(matches[0])
    assert browser.get("/leden/noemen?q=%25").get_json()["leden"] == []
    assert browser.get("/leden/noemen?q=weg").get_json()["leden"] == []  # inactive
    assert browser.get("/leden/noemen?q=s").get_json()["leden"] == []


def test_a_name_with_markup_characters_is_shown_as_text_in_the_link(app):
    from community.posts import rules

    odd = create_user(name="Anne-Marie *O'Brien* & <b>Co</b> [x](javascript:alert(1))")
    html = rules.render(f"Dank je @[Anne](lid:{odd.id})!")
    assert html == (
        f'<p>Dank je <a href="/leden/{odd.id}" rel="nofollow ugc noopener">'
        "@Anne-Marie *O'Brien* &amp; &lt;b&gt;Co&lt;/b&gt; [x](javascript:alert(1))</a>!</p>"
    )
