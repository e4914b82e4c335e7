"""One form submission makes at most one thing: a double click on "plaatsen" (two requests of the
same filled form, same CSRF token, arriving together at two gunicorn workers) gives one question,
reply or practice, and both answers lead to it."""

from __future__ import annotations

import sqlalchemy as sa

from community.accounts.models import Role
from community.extensions import db
from community.posts.models import Post, PostKind, Reply
from tests.factories import create_post, create_theme, create_user
from tests.served import Served, at_once, hidden_fields, served  # noqa: F401  (a pytest fixture)

served_scalar = Served.scalar


def double_submit(tab, path: str, fields: dict):
    """The same form posted twice at once, as a double click sends it."""
    answers = at_once(lambda: tab.post(path, fields), lambda: tab.post(path, fields))
    assert [a.status for a in answers] == [302, 302], [a.body[:500] for a in answers]
    return answers


def slug_of(post_id: int) -> str:
    return served_scalar(sa.select(Post.slug).where(Post.id == post_id))


def test_double_submitted_question_makes_one_question(served):  # noqa: F811
    theme_id = create_theme().id
    email = create_user(Role.PROFESSIONAL).email
    served.ready()
    tab = served.session()
    tab.login(email)
    fields = tab.form("/vragen/nieuw", "/vragen/nieuw")
    title = "Hoe houden jullie het inwerken van starters vol?"
    fields.update(
        title=title,
        body="Bij ons schiet het inwerken er in drukke weken bij in.",
        themes=str(theme_id),
        visibility="public",
    )

    answers = double_submit(tab, "/vragen/nieuw", fields)

    count = served.scalar(sa.select(sa.func.count()).select_from(Post).where(Post.title == title))
    assert count == 1
    post_id = served.scalar(sa.select(Post.id).where(Post.title == title))
    # Both answers lead to the one question; the second one's page shows it.
    assert {a.location for a in answers} == {f"/vragen/{post_id}-{slug_of(post_id)}"}
    assert title in tab.get(answers[1].location).body


def test_double_submitted_reply_makes_one_reply(served):  # noqa: F811
    question = create_post(PostKind.QUESTION)
    page = f"/vragen/{question.id}-{question.slug}"
    action = f"/vragen/{question.id}/reageren"
    question_id = question.id
    email = create_user(Role.PROFESSIONAL).email
    served.ready()
    tab = served.session()
    tab.login(email)
    fields = tab.form(page, action)
    fields["body"] = "Bij ons krijgt elke starter een buddy voor het eerste halfjaar."

    answers = double_submit(tab, action, fields)

    replies = served.scalar(
        sa.select(sa.func.count()).select_from(Reply).where(Reply.post_id == question_id)
    )
    assert replies == 1
    reply_id = served.scalar(sa.select(Reply.id).where(Reply.post_id == question_id))
    assert {a.location for a in answers} == {f"{page}#reactie-{reply_id}"}
    reply_count = served.scalar(sa.select(Post.reply_count).where(Post.id == question_id))
    assert reply_count == 1


def test_double_submitted_practice_makes_one_practice(served):  # noqa: F811
    theme_id = create_theme().id
    ambassador = create_user(Role.AMBASSADOR)
    email, user_id, organisation_id = ambassador.email, ambassador.id, ambassador.organisation_id
    served.ready()
    tab = served.session()
    tab.login(email)
    fields = tab.form("/goede-voorbeelden/nieuw", "/goede-voorbeelden/nieuw")
    title = "Vijf uur mentoring per week voor elke starter"
    fields.update(
        title=title,
        summary="Een mentor met echte tijd.",
        approach="Elke starter krijgt een mentor met vijf uur per week.",
        themes=str(theme_id),
        visibility="public",
        contact_id=str(user_id),
        organisation_id=str(organisation_id),
    )

    answers = double_submit(tab, "/goede-voorbeelden/nieuw", fields)

    count = served.scalar(sa.select(sa.func.count()).select_from(Post).where(Post.title == title))
    assert count == 1
    post_id = served.scalar(sa.select(Post.id).where(Post.title == title))
    assert {a.location for a in answers} == {f"/goede-voorbeelden/{post_id}-{slug_of(post_id)}"}


# One form, sent again later, and two forms ---------------------------------------------------
# (in-process: these are about the key, not about timing)


def question_form(browser, theme_id: int, title: str, **extra) -> dict:
    fields = hidden_fields(html_of(browser.get("/vragen/nieuw")), "/vragen/nieuw")
    body = "Bij ons schiet het inwerken er in drukke weken bij in."
    return {**fields, "title": title, "body": body, "themes": str(theme_id), **extra}


def html_of(response) -> str:
    return response.get_data(as_text=True)


def titles() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Post.title).order_by(Post.id)))


def test_a_form_sent_again_later_leads_to_what_it_made(browser):
    theme_id = create_theme().id
    browser.login(create_user().email)
    fields = question_form(browser, theme_id, "Hoe houden jullie het inwerken vol?")
    first = browser.client.post("/vragen/nieuw", data=fields)
    again = browser.client.post("/vragen/nieuw", data=fields)  # e.g. a reload of the POST
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert titles() == ["Hoe houden jullie het inwerken vol?"]


def test_two_forms_make_two_questions(browser):
    """Two tabs, each with its own form: the member asks two questions."""
    theme_id = create_theme().id
    browser.login(create_user().email)
    one = question_form(browser, theme_id, "Hoe houden jullie het inwerken vol?")
    two = question_form(browser, theme_id, "Wie begeleidt bij jullie de stagiairs?")
    assert one["submission_key"] != two["submission_key"]
    for fields in (one, two):
        assert browser.client.post("/vragen/nieuw", data=fields).status_code == 302
    assert titles() == [one["title"], two["title"]]


def test_a_form_stopped_by_the_privacy_guard_can_still_be_sent(browser):
    """Nothing was made the first time, so the same form (same key) makes the question."""
    theme_id = create_theme().id
    browser.login(create_user().email)
    fields = question_form(
        browser, theme_id, "Hoe pak ik dit gesprek aan?", body="Bel Jesse op 06-12345678."
    )
    stopped = browser.client.post("/vragen/nieuw", data=fields)
    assert stopped.status_code == 200 and titles() == []
    page = html_of(stopped)
    assert hidden_fields(page, "/vragen/nieuw")["submission_key"] == fields["submission_key"]
    sent = browser.client.post("/vragen/nieuw", data={**fields, "privacy_confirmed": "y"})
    assert sent.status_code == 302
    assert titles() == ["Hoe pak ik dit gesprek aan?"]
