"""The pages people read and the forms they post, through the test client with CSRF on."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from community.accounts.models import Role
from community.clock import utcnow
from community.extensions import db
from community.posts import services
from community.posts.models import Post, PostKind, Reply, Visibility
from tests.factories import create_post, create_reply, create_theme, create_user


def url(post: Post) -> str:
    area = "vragen" if post.kind is PostKind.QUESTION else "goede-voorbeelden"
    return f"/{area}/{post.id}-{post.slug}"


def html_of(response) -> str:
    return response.get_data(as_text=True)


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


# Reading ------------------------------------------------------------------------------------


def test_old_slug_and_wrong_area_redirect_to_the_canonical_address(client):
    post = create_post(
        title="Een nieuwe titel voor de vraag", slug="een-nieuwe-titel-voor-de-vraag"
    )
    for old in (
        f"/vragen/{post.id}-oude-titel",
        f"/vragen/{post.id}",
        f"/goede-voorbeelden/{post.id}-x",
    ):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response.headers["Location"] == f"/vragen/{post.id}-een-nieuwe-titel-voor-de-vraag"
    assert client.get(f"/vragen/{post.id}-een-nieuwe-titel-voor-de-vraag").status_code == 200
    assert client.get("/vragen/999999-niets").status_code == 404


def test_visitor_gets_log_in_page_for_members_only_post(client, browser):
    post = create_post(
        title="Alleen voor leden: hoe ging jullie reorganisatie?",
        visibility=Visibility.MEMBERS,
        body="Geheime ervaringen uit de praktijk",
    )
    member = create_user(email="lid@example.nl")
    response = client.get(url(post))
    html = html_of(response)
    assert response.status_code == 200
    assert "Log in om dit te lezen" in html
    assert f"/inloggen?next=/vragen/{post.id}" in html
    assert post.title not in html and "Geheime ervaringen" not in html
    assert 'property="og:' not in html
    browser.login(member.email)
    assert "Geheime ervaringen" in html_of(browser.get(url(post)))


def test_hidden_and_deleted_posts_are_not_found_by_others(client, browser):
    author = create_user(email="auteur@example.nl")
    hidden = create_post(author=author, hidden_at=utcnow())
    deleted = create_post(author=author, deleted_at=utcnow())
    moderator = create_user(Role.MODERATOR, email="mod@example.nl")
    assert client.get(url(hidden)).status_code == 404
    assert client.get(url(deleted)).status_code == 404
    browser.login(author.email)
    assert browser.get(url(hidden)).status_code == 200
    assert browser.get(url(deleted)).status_code == 404
    browser.logout()
    browser.login(moderator.email)
    page = html_of(browser.get(url(deleted)))
    assert "Dit bericht is verwijderd" in page and "Bericht terugzetten" in page


def test_lists_and_counts_hide_members_only_posts_from_visitors(client, browser):
    theme = create_theme("Inwerken")
    create_post(title="Openbare vraag over inwerken", themes=[theme])
    create_post(title="Ledenvraag over inwerken", visibility=Visibility.MEMBERS, themes=[theme])
    create_post(PostKind.PRACTICE, title="Openbaar goed voorbeeld", summary="Kort", themes=[theme])
    create_post(
        PostKind.PRACTICE,
        title="Goed voorbeeld voor leden",
        summary="Kort",
        visibility=Visibility.MEMBERS,
        themes=[theme],
    )
    member = create_user(email="lid@example.nl")

    questions, practices, home = (
        html_of(client.get(u)) for u in ("/vragen", "/goede-voorbeelden", "/")
    )
    assert "Openbare vraag over inwerken" in questions and "Ledenvraag" not in questions
    assert "1 vraag" in questions
    assert "Openbaar goed voorbeeld" in practices and "voor leden" not in practices
    assert "1 goed voorbeeld" in practices
    assert "Ledenvraag" not in home and "Goed voorbeeld voor leden" not in home
    assert "2 berichten" in home  # the theme's count: only what a visitor may see

    browser.login(member.email)
    questions = html_of(browser.get("/vragen"))
    assert "Ledenvraag over inwerken" in questions and "2 vragen" in questions
    assert "4 berichten" in html_of(browser.get("/"))


def test_question_tabs_and_theme_filter(client):
    inwerken, behouden = (
        create_theme("Inwerken", slug="inwerken-t"),
        create_theme("Behouden", slug="behouden-t"),
    )
    waiting = create_post(title="Vraag zonder antwoord graag", themes=[inwerken])
    answered = create_post(title="Vraag met geaccepteerd antwoord", themes=[behouden])
    reply = create_reply(answered)
    answered.accepted_reply_id = reply.id
    replied = create_post(title="Vraag met een antwoord, niet geaccepteerd", themes=[inwerken])
    create_reply(replied)

    def titles(query: str) -> set[str]:
        page = html_of(client.get("/vragen" + query))
        return {t for t in (waiting.title, answered.title, replied.title) if t in page}

    assert titles("") == {waiting.title, answered.title, replied.title}
    assert titles("?tab=onbeantwoord") == {waiting.title}
    assert titles("?tab=beantwoord") == {answered.title}
    assert titles("?thema=inwerken-t") == {waiting.title, replied.title}
    assert titles("?tab=onbeantwoord&thema=behouden-t") == set()
    assert titles("?tab=onzin&thema=bestaat-niet") == {waiting.title, answered.title, replied.title}


def test_lists_are_paginated(client, app):
    app.config["POSTS_PER_PAGE"] = 2
    for n in range(5):
        create_post(
            title=f"Vraag nummer {n} over inwerken", created_at=utcnow() - timedelta(hours=n)
        )
    first = html_of(client.get("/vragen"))
    assert "Vraag nummer 0" in first and "Vraag nummer 2" not in first
    assert "Pagina 1 van 3" in first and "pagina=2" in first
    assert "Vraag nummer 4" in html_of(client.get("/vragen?pagina=3"))
    assert client.get("/vragen?pagina=99").status_code == 200


def test_accepted_answer_first_then_useful_votes_then_date(client):
    question = create_post()
    now = utcnow()
    oldest = create_reply(question, body="Oudste antwoord", created_at=now - timedelta(hours=3))
    popular = create_reply(
        question, body="Populair antwoord", useful_count=5, created_at=now - timedelta(hours=1)
    )
    newest = create_reply(question, body="Nieuwste antwoord", created_at=now)
    accepted = create_reply(
        question, body="Geaccepteerd antwoord", created_at=now - timedelta(hours=2)
    )
    question.accepted_reply_id = accepted.id
    page = html_of(client.get(url(question)))
    order = [m for m in re.findall(r'id="reactie-(\d+)"', page)]
    assert order == [str(r.id) for r in (accepted, popular, oldest, newest)]
    assert page.index("Geaccepteerd antwoord</p>") < page.index("Populair antwoord")


def test_anonymous_question_shows_no_name_except_to_moderators(client, browser):
    asker = create_user(name="Fatima Yilmaz", email="fatima@example.nl")
    theme = create_theme()
    post = services.ask_question(
        asker,
        {
            "title": "Mijn team loopt leeg, wat nu?",
            "body": "Ik merk dat collega's vertrekken.",
            "themes": [theme.id],
            "is_anonymous": True,
        },
    )
    create_user(email="lid@example.nl")
    create_user(Role.MODERATOR, email="mod@example.nl")
    for page in (
        html_of(client.get(url(post))),
        html_of(client.get("/vragen")),
        html_of(client.get("/")),
    ):
        assert "een lid van de Community" in page
        assert "Fatima" not in page
    browser.login("lid@example.nl")
    assert "Fatima" not in html_of(browser.get(url(post)))
    browser.logout()
    browser.login("mod@example.nl")
    page = html_of(browser.get(url(post)))
    assert "Fatima Yilmaz" in page and "Deze vraag is anoniem gesteld" in page


def test_public_post_carries_opengraph_and_share_links(client):
    post = create_post(
        PostKind.PRACTICE,
        title="Eerste maand zonder caseload",
        slug="eerste-maand",
        summary="Starters lopen een maand mee & leren rustig.",
    )
    page = html_of(client.get(url(post)))
    canonical = f"http://localhost/goede-voorbeelden/{post.id}-eerste-maand"
    assert f'<meta property="og:url" content="{canonical}">' in page
    assert '<meta property="og:title" content="Eerste maand zonder caseload">' in page
    assert (
        '<meta property="og:description" '
        'content="Starters lopen een maand mee &amp; leren rustig.">' in page
    )
    assert '<meta property="og:type" content="article">' in page
    assert '<meta name="twitter:card" content="summary">' in page
    assert f'<link rel="canonical" href="{canonical}">' in page
    assert (
        "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Flocalhost%2Fgoede-voorbeelden"
        in page
    )
    assert "https://wa.me/?text=Eerste%20maand%20zonder%20caseload%20http%3A%2F%2Flocalhost" in page
    assert "mailto:?subject=Eerste%20maand%20zonder%20caseload" in page
    assert "<script" not in page.split("</head>")[1]


def test_practice_page_shows_sections_contact_and_stale_notice(client, browser):
    theme = create_theme()
    author = create_user(
        Role.AMBASSADOR, name="Marieke Jansen", email="marieke@example.nl", job_title="Teamleider"
    )
    post = services.publish_practice(
        author,
        {
            "title": "Werven, selecteren en landen",
            "summary": "Na 90 dagen vragen hoe het gaat.",
            "context": "Te veel uitstroom.",
            "approach": "Een vragenlijst na **90 dagen**.",
            "results": "Uitstroom van 17% naar 3%.",
            "grounding_url": "https://www.nji.nl/x",
            "grounding_text": "NJi-databank",
            "themes": [theme.id],
        },
        now=utcnow() - timedelta(days=400),
    )
    db.session.commit()
    page = html_of(client.get(url(post)))
    for text in (
        "Aanleiding",
        "Aanpak",
        "Resultaten",
        "Onderbouwing",
        "NJi-databank",
        "Marieke Jansen",
        "Teamleider",
        "langer dan een jaar niet bijgewerkt",
        "Bijgewerkt op",
    ):
        assert text in page, text
    assert "Doelgroep" not in page  # empty sections are left out
    assert "mailto:marieke@example.nl" not in page  # visitors log in to get in touch
    browser.login(author.email)
    assert "Nog actueel: bevestig het" in html_of(browser.get(url(post)))
    response = browser.submit(f"/goede-voorbeelden/{post.id}/actueel", {}, form_url=url(post))
    assert response.status_code == 302
    page = html_of(browser.get(url(post)))
    assert "langer dan een jaar" not in page and "mailto:marieke@example.nl" in page


def test_user_text_is_escaped_everywhere(client):
    post = create_post(title='<script>alert("x")</script> vraag', slug="xss")
    create_reply(post, body="<img src=x onerror=alert(1)>")
    for page in (
        html_of(client.get(url(post))),
        html_of(client.get("/vragen")),
        html_of(client.get("/")),
    ):
        assert "<script>alert" not in page
        assert "&lt;script&gt;" in page


# Writing ------------------------------------------------------------------------------------


def test_member_asks_a_question_through_the_form(browser):
    theme = create_theme()
    user = create_user(email="lid@example.nl")
    browser.login(user.email)
    response = browser.submit(
        "/vragen/nieuw",
        {
            "title": "Hoe regelen jullie de eerste werkdag?",
            "body": "Wij zoeken tips.",
            "themes": str(theme.id),
            "visibility": "members",
        },
    )
    post = db.session.scalar(sa.select(Post))
    assert response.status_code == 302 and response.headers["Location"] == url(post)
    assert post.visibility is Visibility.MEMBERS and post.author_id == user.id


def test_form_errors_are_shown_in_dutch_and_nothing_is_saved(browser):
    browser.login(create_user(email="lid@example.nl").email)
    response = browser.submit(
        "/vragen/nieuw", {"title": "Kort", "body": "", "visibility": "public"}
    )
    page = html_of(response)
    assert response.status_code == 200
    assert "Maak de titel wat langer: minstens 10 tekens." in page
    assert "Kies minstens één thema" in page
    assert 'aria-invalid="true"' in page
    assert count(Post) == 0


def test_preview_renders_markdown_without_saving(browser):
    theme = create_theme()
    browser.login(create_user(email="lid@example.nl").email)
    response = browser.submit(
        "/vragen/nieuw",
        {
            "title": "Hoe regelen jullie de eerste werkdag?",
            "body": "Een **vette** tip",
            "themes": str(theme.id),
            "visibility": "public",
            "voorbeeld": "1",
        },
    )
    page = html_of(response)
    assert response.status_code == 200
    assert '<div class="prose"><p>Een <strong>vette</strong> tip</p></div>' in page
    assert 'value="Hoe regelen jullie de eerste werkdag?"' in page
    assert count(Post) == 0


def test_ambassador_shares_a_practice_through_the_form(browser):
    theme = create_theme()
    ambassador = create_user(Role.AMBASSADOR, email="amb@example.nl")
    browser.login(ambassador.email)
    form_page = html_of(browser.get("/goede-voorbeelden/nieuw"))
    assert "Aanleiding" in form_page and "Tips voor anderen" in form_page
    assert f"<strong>Organisatie:</strong> {ambassador.organisation.name}" in form_page
    response = browser.submit(
        "/goede-voorbeelden/nieuw",
        {
            "title": "Vijf uur mentoring per week",
            "summary": "Een mentor met echte tijd.",
            "approach": "Elke starter krijgt een mentor.",
            "themes": str(theme.id),
            "visibility": "public",
            "contact_id": str(ambassador.id),
            "organisation_id": str(ambassador.organisation_id),
        },
    )
    assert response.status_code == 302
    post = db.session.scalar(sa.select(Post))
    assert post.is_practice and post.organisation_id == ambassador.organisation_id


def test_author_edits_and_the_history_shows_the_old_text(browser, client):
    theme = create_theme()
    asker = create_user(email="lid@example.nl")
    post = services.ask_question(
        asker,
        {
            "title": "Hoe regelen jullie de eerste werkdag?",
            "body": "Oude tekst",
            "themes": [theme.id],
        },
    )
    browser.login(asker.email)
    assert "Oude tekst</textarea>" in html_of(browser.get(f"/vragen/{post.id}/bewerken"))
    response = browser.submit(
        f"/vragen/{post.id}/bewerken",
        {
            "title": "Hoe regelen jullie de allereerste werkdag?",
            "body": "Nieuwe tekst",
            "themes": str(theme.id),
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    assert (
        response.headers["Location"]
        == f"/vragen/{post.id}-hoe-regelen-jullie-de-allereerste-werkdag"
    )
    page = html_of(browser.get(response.headers["Location"]))
    assert "bewerkt" in page
    history = html_of(browser.get(f"/vragen/{post.id}/geschiedenis"))
    assert "Oude tekst" in history and "Nieuwe tekst" in history
    assert "Hoe regelen jullie de eerste werkdag?" in history


def test_author_deletes_after_confirming(browser):
    asker = create_user(email="lid@example.nl")
    post = create_post(author=asker)
    browser.login(asker.email)
    confirm = html_of(browser.get(f"/vragen/{post.id}/verwijderen"))
    assert "Vraag verwijderen?" in confirm and "Ja, verwijderen" in confirm
    response = browser.submit(f"/vragen/{post.id}/verwijderen", {})
    assert response.status_code == 302 and response.headers["Location"] == "/vragen"
    assert db.session.get(Post, post.id).deleted_at is not None
    assert browser.get(url(post)).status_code == 404


def test_answer_accept_and_vote_through_the_page(browser):
    asker = create_user(email="vraag@example.nl")
    answerer = create_user(email="antwoord@example.nl")
    voter = create_user(email="stem@example.nl")
    question = create_post(author=asker)
    db.session.commit()

    browser.login(answerer.email)
    response = browser.submit(
        f"/vragen/{question.id}/reageren", {"body": "Een buddy helpt."}, form_url=url(question)
    )
    reply = db.session.scalar(sa.select(Reply))
    assert response.headers["Location"] == f"{url(question)}#reactie-{reply.id}"
    browser.logout()

    browser.login(voter.email)
    browser.submit(f"/reacties/{reply.id}/nuttig", {}, form_url=url(question))
    page = html_of(browser.get(url(question)))
    assert 'class="vote-button is-voted" aria-pressed="true"' in page
    assert "Accepteer dit antwoord" not in page
    browser.logout()

    browser.login(asker.email)
    assert "Accepteer dit antwoord" in html_of(browser.get(url(question)))
    browser.submit(f"/reacties/{reply.id}/accepteren", {}, form_url=url(question))
    assert db.session.get(Post, question.id).accepted_reply_id == reply.id
    assert db.session.get(Reply, reply.id).useful_count == 1


def test_voting_on_own_reply_explains_why_not(browser):
    answerer = create_user(email="antwoord@example.nl")
    question = create_post()
    reply = create_reply(question, author=answerer)
    browser.login(answerer.email)
    response = browser.submit(f"/reacties/{reply.id}/nuttig", {}, form_url=url(question))
    assert response.status_code == 302
    page = html_of(browser.get(response.headers["Location"]))
    assert "Je eigen antwoord kun je niet als nuttig markeren." in page


def test_times_are_machine_readable_to_the_second_in_utc(client):
    """HTML allows at most three digits of a second's fraction in <time datetime>; Python's
    isoformat() writes six, which made every page with a date invalid HTML."""
    moment = datetime(2026, 12, 5, 15, 3, 7, 592635, tzinfo=UTC)
    post = create_post(PostKind.QUESTION, title="Wanneer begint de stage?", created_at=moment)
    create_reply(post, created_at=moment + timedelta(minutes=1))
    page = html_of(client.get(url(post)))
    times = re.findall(r'<time datetime="([^"]*)"', page)
    assert times and set(times) == {"2026-12-05T15:03:07Z", "2026-12-05T15:04:07Z"}
    listed = re.findall(r'<time datetime="([^"]*)"', html_of(client.get("/vragen")))
    assert listed == ["2026-12-05T15:03:07Z"]
