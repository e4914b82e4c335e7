"""The privacy guard stops a post or reply that may identify someone, until the author confirms.

Nothing is saved in between: the row counts prove it.
"""

from __future__ import annotations

import sqlalchemy as sa
from markupsafe import escape

from community.accounts.models import Role
from community.extensions import db
from community.posts import rules, services
from community.posts.models import Post, Reply
from community.privacy import FindingKind
from tests.factories import create_post, create_theme, create_user
from tests.served import served  # noqa: F401  (a pytest fixture)

RISKY = "Bel de moeder van Jesse op 06-12345678 of mail j.devries@gmail.com."


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_guard_blocks_a_question_until_the_author_confirms(app):
    theme = create_theme()
    asker = create_user()
    data = {"title": "Hoe pak ik dit gesprek aan?", "body": RISKY, "themes": [theme.id]}
    try:
        services.ask_question(asker, data)
    except rules.PersonalDataFound as error:
        [found] = error.fields
    else:
        raise AssertionError("the privacy guard did not stop the question")
    assert found.field == "body"
    assert {finding.text for finding in found.findings} == {"06-12345678", "j.devries@gmail.com"}
    assert '">06-12345678</mark>' in str(found.highlighted)
    assert count(Post) == 0

    post = services.ask_question(asker, {**data, "privacy_confirmed": True})
    assert post.privacy_confirmed is True
    assert count(Post) == 1


def test_guard_checks_every_practice_field(app):
    theme = create_theme()
    data = {
        "title": "Bellen met 06-12345678 werkt",
        "summary": "Kort en goed.",
        "approach": "Wij doen het zo.",
        "tips": "Mail naar iemand@example.nl",
        "themes": [theme.id],
    }
    try:
        services.publish_practice(create_user(Role.AMBASSADOR), data)
    except rules.PersonalDataFound as error:
        assert [f.field for f in error.fields] == ["title", "tips"]
        assert [f.label for f in error.fields] == ["Titel", "Tips voor anderen"]
    else:
        raise AssertionError("the privacy guard did not stop the practice")
    assert count(Post) == 0


def test_ordinary_text_passes_without_confirmation(app):
    post = services.ask_question(
        create_user(),
        {
            "title": "Uitstroom van 17% naar 3% in 2024?",
            "body": (
                "Wij hadden 12 starters in team 3; na 90 dagen en 5 uur mentoring per week "
                "bleven er 11. Bel ons gerust op de afdeling."
            ),
            "themes": [create_theme().id],
        },
    )
    assert post.privacy_confirmed is False


def test_guard_on_replies_and_edits(app):
    question = create_post()
    answerer = create_user()
    try:
        services.post_reply(answerer, question, RISKY)
    except rules.PersonalDataFound:
        pass
    else:
        raise AssertionError("the privacy guard did not stop the reply")
    assert count(Reply) == 0
    reply = services.post_reply(answerer, question, "Gewoon een goed idee.")
    try:
        services.edit_reply(answerer, reply, RISKY)
    except rules.PersonalDataFound:
        pass
    else:
        raise AssertionError("the privacy guard did not stop the edit")
    assert reply.body == "Gewoon een goed idee."
    services.edit_reply(answerer, reply, RISKY, privacy_confirmed=True)
    assert reply.privacy_confirmed


def test_form_shows_the_findings_highlighted_and_saves_after_confirmation(app, browser):
    theme = create_theme()
    user = create_user(email="lid@example.nl")
    browser.login(user.email)
    form = {
        "title": "Hoe pak ik dit gesprek aan?",
        "body": RISKY,
        "themes": str(theme.id),
        "visibility": "public",
    }

    response = browser.submit("/vragen/nieuw", form)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Is hier iemand aan te herkennen?" in html
    assert '">06-12345678</mark>' in html
    assert "nog niets opgeslagen" in html
    assert "Ik heb dit gecontroleerd: er is niemand aan te herkennen" in html
    assert count(Post) == 0

    response = browser.submit("/vragen/nieuw", {**form, "privacy_confirmed": "y"})
    assert response.status_code == 302
    post = db.session.scalar(sa.select(Post))
    assert post.privacy_confirmed and post.body == RISKY


def test_reply_form_shows_the_findings(app, browser):
    question = create_post()
    user = create_user(email="lid@example.nl")
    db.session.commit()
    browser.login(user.email)
    page = f"/vragen/{question.id}-{question.slug}"
    response = browser.submit(f"/vragen/{question.id}/reageren", {"body": RISKY}, form_url=page)
    assert response.status_code == 200
    assert '">j.devries@gmail.com</mark>' in response.get_data(as_text=True)
    assert count(Reply) == 0
    response = browser.submit(
        f"/vragen/{question.id}/reageren", {"body": RISKY, "privacy_confirmed": "y"}, form_url=page
    )
    assert response.status_code == 302
    assert count(Reply) == 1


def test_a_birth_month_in_a_question_over_http_gets_the_warning_and_nothing_is_saved(
    served,  # noqa: F811
):
    """A member asks a question through the served form: "geboren in maart 2015" with a town
    and a class is enough to find the child, so the guard answers instead of publishing. A
    month that is no birth month ("sinds maart 2015") is published without a word."""
    theme_id = create_theme().id
    email = create_user(Role.PROFESSIONAL).email
    served.ready()
    tab = served.session()
    tab.login(email)

    def ask(title: str, body: str):
        fields = tab.form("/vragen/nieuw", "/vragen/nieuw")
        fields.update(title=title, body=body, themes=str(theme_id), visibility="public")
        return tab.post("/vragen/nieuw", fields)

    def saved(title: str) -> int:
        return served.scalar(
            sa.select(sa.func.count()).select_from(Post).where(Post.title == title)
        )

    ordinary = "Hoe houden jullie het vol als gezinsvoogd?"
    answer = ask(ordinary, "Sinds maart 2015 werk ik als gezinsvoogd in de regio.")
    assert answer.status == 302, answer.body[:500]
    assert saved(ordinary) == 1

    risky = "Hoe help ik dit meisje op school?"
    answer = ask(
        risky,
        "Het gaat om een meisje uit Ommen, geboren in maart 2015, nu in groep 6. "
        "Ze komt steeds te laat.",
    )
    assert answer.status == 200
    assert "Is hier iemand aan te herkennen?" in answer.body
    assert "nog niets opgeslagen" in answer.body
    assert '">maart 2015</mark>' in answer.body
    assert str(escape(FindingKind.BIRTH_DATE.explanation)) in answer.body
    assert "Ik heb dit gecontroleerd: er is niemand aan te herkennen" in answer.body
    assert saved(risky) == 0
