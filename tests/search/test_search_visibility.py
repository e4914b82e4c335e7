"""Visitors never find members-only posts; nobody finds hidden or deleted ones: not in results,
not in counts, not in facets, not in spelling suggestions, not in similar questions."""

from __future__ import annotations

from community.accounts.models import Role
from community.clock import utcnow
from community.extensions import db
from community.posts.models import Visibility
from tests.factories import create_organisation, create_theme, create_user
from tests.search.conftest import post, search_titles
from tests.search.test_finding import facet


def test_visitor_never_finds_members_only_posts(client, browser, indexer):
    theme = create_theme("Moreel letsel", slug="moreel-letsel")
    secret_org = create_organisation("Geheime Instelling", slug="geheim")
    author = create_user(organisation=secret_org)
    post("Openbare vraag over supervisie")
    post("Ledenvraag over supervisie", visibility=Visibility.MEMBERS, themes=[theme], author=author)
    post("Alleen leden: casuïstiekbespreking", visibility=Visibility.MEMBERS)
    member = create_user()
    db.session.commit()

    html = client.get("/zoeken?q=supervisie").get_data(as_text=True)
    assert search_titles(client, q="supervisie") == ["Openbare vraag over supervisie"]
    assert "1 resultaat" in html
    assert facet(html, "Vragen") == 1
    assert "Moreel letsel" not in html and "Geheime Instelling" not in html
    assert search_titles(client, q="supervisie", thema="moreel-letsel") == []
    # No suggestion may reveal a word that only members-only posts contain.
    html = client.get("/zoeken?q=casuistiekbespreeking").get_data(as_text=True)
    assert "casuistiekbespreking" not in html.lower() and "Bedoelde je" not in html

    browser.login(member.email)
    html = client.get("/zoeken?q=supervisie").get_data(as_text=True)
    assert set(search_titles(client, q="supervisie")) == {
        "Openbare vraag over supervisie",
        "Ledenvraag over supervisie",
    }
    assert (
        "2 resultaten" in html
        and facet(html, "Moreel letsel") == 1
        and facet(html, "Geheime Instelling") == 1
    )
    assert "Bedoelde je" in client.get("/zoeken?q=casuistiekbespreeking").get_data(as_text=True)


def test_nobody_finds_hidden_or_deleted_posts(client, browser, indexer):
    post("Verborgen vraag over werkdruk", hidden_at=utcnow())
    post("Verwijderde vraag over werkdruk", deleted_at=utcnow())
    post("Zichtbare vraag over werkdruk")
    moderator = create_user(Role.MODERATOR)
    db.session.commit()
    assert search_titles(client, q="werkdruk") == ["Zichtbare vraag over werkdruk"]
    browser.login(moderator.email)
    html = client.get("/zoeken?q=werkdruk").get_data(as_text=True)
    assert (
        search_titles(client, q="werkdruk") == ["Zichtbare vraag over werkdruk"]
        and "1 resultaat" in html
    )
    assert "Bedoelde je" not in client.get("/zoeken?q=verborgne").get_data(as_text=True)


def test_similar_questions_api_returns_up_to_five_visible_questions(client, browser, indexer):
    for n in range(7):
        post(f"Hoe werk je nieuwe collega's in, deel {n}?")
    post("Nieuwe collega's inwerken (leden)", visibility=Visibility.MEMBERS)
    post("Nieuwe collega's inwerken verborgen", hidden_at=utcnow())
    from community.posts.models import PostKind

    post("Goed voorbeeld: nieuwe collega's inwerken", kind=PostKind.PRACTICE)
    db.session.commit()

    response = client.get(
        "/api/vergelijkbare-vragen", query_string={"titel": "nieuwe collega's inwerken"}
    )
    assert response.status_code == 200 and response.is_json
    questions = response.get_json()["vragen"]
    assert len(questions) == 5
    titles = {q["titel"] for q in questions}
    assert not any("leden" in t or "verborgen" in t or "Goed voorbeeld" in t for t in titles)
    assert {"titel", "url", "beantwoord", "antwoorden"} <= set(questions[0])

    assert client.get("/api/vergelijkbare-vragen?titel=kort").get_json() == {"vragen": []}
    assert client.get("/api/vergelijkbare-vragen").get_json() == {"vragen": []}
    assert (
        client.get(
            "/api/vergelijkbare-vragen", query_string={"titel": '"" OR - * ' * 300}
        ).status_code
        == 200
    )

    browser.login(create_user().email)
    titles = {
        q["titel"]
        for q in client.get("/api/vergelijkbare-vragen?titel=inwerken+leden").get_json()["vragen"]
    }
    assert "Nieuwe collega's inwerken (leden)" in titles
