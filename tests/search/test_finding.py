"""What a professional types finds what the Community knows: on a real index, through /zoeken."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from community.clock import utcnow
from community.extensions import db
from community.posts.models import PostKind
from tests.factories import create_organisation, create_reply, create_theme, create_user
from tests.search.conftest import post, search_titles

NASTY_QUERIES = [
    '"unbalanced',
    'inwerken "',
    '""',
    "OR",
    "OR OR OR",
    "inwerken OR",
    "-",
    "- -",
    "--inwerken",
    "-inwerken",
    "*",
    "inwerk*",
    "?",
    "(",
    ")",
    "[inwerken]",
    "{}",
    "title:inwerken",
    "AND NOT",
    "\\",
    "%",
    "'; DROP TABLE posts; --",
    "<script>alert(1)</script>",
    "x" * 2000,
    "inwerken " * 300,
    "\x00\x01\x02inwerken\x7f",
    "\u200b\u202e",
    "😀 inwerken",
    "ĳ ß ø",
    "1" * 100,
    "a",
    "é",
]


def page(client, **args) -> str:
    response = client.get("/zoeken", query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_other_word_forms_are_found(client, indexer):
    post(title="Begeleiding van stagiairs", body="Vragen die starters stellen.")
    assert search_titles(client, q="begeleiden vraag") == ["Begeleiding van stagiairs"]


def test_accents_do_not_matter(client, indexer):
    post(title="Geïnspireerd door de praktijk")
    post(title="Geinspireerd zonder trema")
    assert set(search_titles(client, q="geinspireerd")) == {
        "Geïnspireerd door de praktijk",
        "Geinspireerd zonder trema",
    }
    assert set(search_titles(client, q="geïnspireerd")) == {
        "Geïnspireerd door de praktijk",
        "Geinspireerd zonder trema",
    }


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("GI", "Samenwerken met de gecertificeerde instelling"),
        ("gecertificeerde instelling", "Wachtlijsten bij de GI"),
        ("RvdK", "Stage bij de Raad voor de Kinderbescherming"),
        ("Raad voor de Kinderbescherming", "Een gesprek met de RvdK"),
        ("JB", "Werken in de jeugdbescherming"),
        ("AZW", "Cijfers over de arbeidsmarkt zorg en welzijn"),
        ("POH-jeugd", "De praktijkondersteuner jeugd in de huisartsenpraktijk"),
        ("VT", "Een melding bij Veilig Thuis"),
    ],
)
def test_synonyms_find_each_other(client, indexer, query, text):
    post(title=text)
    post(title="Iets heel anders over roosters")
    assert search_titles(client, q=query) == [text]


def test_compound_finds_its_parts(client, indexer):
    post(title="Een hulpverlener in de jeugdhulp vertelt")
    post(title="Hulp bij huiswerk")
    assert search_titles(client, q="jeugdhulpverlener") == [
        "Een hulpverlener in de jeugdhulp vertelt"
    ]


def test_compound_finds_posts_about_its_first_part(client, indexer):
    post(title="Zo pakken wij het inwerken aan")
    post(title="Een programma voor de zomer")
    html = page(client, q="inwerkprogramma")
    assert "Zo pakken wij het inwerken aan" in html


def test_word_finds_compounds_that_start_with_it(client, indexer):
    post(title="Ons inwerkprogramma in vier weken")
    assert search_titles(client, q="inwerken") == ["Ons inwerkprogramma in vier weken"]


def test_title_counts_more_than_body_and_summary_more_than_sections(client, indexer):
    post(title="Over roosters", body="Het ging ook even over werkdruk.")
    post(title="Werkdruk verlagen")
    assert search_titles(client, q="werkdruk") == ["Werkdruk verlagen", "Over roosters"]
    post(
        kind=PostKind.PRACTICE,
        title="Practice A",
        summary="Samen leren",
        approach="Intervisie elke week",
    )
    post(
        kind=PostKind.PRACTICE,
        title="Practice B",
        summary="Intervisie als basis",
        approach="Samen leren",
    )
    assert search_titles(client, q="intervisie", soort="goed-voorbeeld") == [
        "Practice B",
        "Practice A",
    ]


def test_a_matching_answer_leads_to_its_question(client, indexer):
    question = post(title="Wat doen jullie in de eerste week?")
    create_reply(question, body="Wij koppelen iedere starter aan een ervaren maatje.")
    html = page(client, q="ervaren maatje")
    assert "Wat doen jullie in de eerste week?" in html
    assert "Uit een antwoord" in html and "<mark>ervaren</mark> <mark>maatje</mark>" in html


def test_quoted_phrase_minus_word_and_or(client, indexer):
    post(title="Een warme overdracht naar het team")
    post(title="Overdracht bij warme dagen")
    post(title="Mentor voor starters")
    post(title="Een buddy voor starters")
    assert search_titles(client, q='"warme overdracht"') == ["Een warme overdracht naar het team"]
    assert set(search_titles(client, q="warme overdracht")) == {
        "Een warme overdracht naar het team",
        "Overdracht bij warme dagen",
    }
    assert search_titles(client, q="overdracht -team") == ["Overdracht bij warme dagen"]
    assert set(search_titles(client, q="mentor OR buddy")) == {
        "Mentor voor starters",
        "Een buddy voor starters",
    }
    assert search_titles(client, q="starters -mentor -buddy") == []


def test_facets_count_kinds_themes_organisations_and_status(client, indexer):
    inwerken, behouden = (
        create_theme("Inwerken", slug="inwerken"),
        create_theme("Behouden", slug="behouden"),
    )
    molendrift = create_organisation("Molendrift", slug="molendrift")
    author = create_user(organisation=molendrift)
    answered = post(title="Inwerken met een buddy", themes=[inwerken], author=author)
    reply = create_reply(answered)
    answered.accepted_reply_id = reply.id
    post(title="Inwerken zonder caseload", themes=[inwerken, behouden])
    post(kind=PostKind.PRACTICE, title="Inwerken bij Molendrift", themes=[inwerken], author=author)
    db.session.commit()

    html = page(client, q="inwerken")
    assert "3 resultaten" in html
    assert facet(html, "Vragen") == 2 and facet(html, "Goede voorbeelden") == 1
    assert facet(html, "Inwerken") == 3 and facet(html, "Behouden") == 1
    assert facet(html, "Molendrift") == 2
    assert facet(html, "Nog open") == 1 and facet(html, "Beantwoord") == 1

    html = page(client, q="inwerken", thema="behouden")
    assert "1 resultaat" in html and "Inwerken zonder caseload" in html
    # Other facets count within the chosen theme; the theme facet still shows its siblings.
    assert facet(html, "Vragen") == 1 and facet(html, "Inwerken") == 3
    assert search_titles(client, q="inwerken", status="beantwoord") == ["Inwerken met een buddy"]
    assert search_titles(
        client, q="inwerken", organisatie="molendrift", soort="goed-voorbeeld"
    ) == ["Inwerken bij Molendrift"]
    assert "We vonden niets" in page(client, q="inwerken", thema="bestaat-niet")


def facet(html: str, label: str) -> int | None:
    match = re.search(
        r">(?:<span class=\"facet-check\" aria-hidden=\"true\">✓</span> )?"
        rf"{re.escape(label)}</a>\s*"
        r"<span class=\"facet-count\">([\d.]+)</span>",
        html,
    )
    return int(match.group(1).replace(".", "")) if match else None


def test_period_filter_and_newest_first(client, indexer):
    now = utcnow()
    post(title="Werkdruk in 2020", created_at=now - timedelta(days=400))
    post(title="Werkdruk deze maand", created_at=now - timedelta(days=10))
    post(title="Werkdruk vandaag, werkdruk altijd werkdruk", created_at=now)
    assert search_titles(client, q="werkdruk", periode="maand", sorteer="nieuwste") == [
        "Werkdruk vandaag, werkdruk altijd werkdruk",
        "Werkdruk deze maand",
    ]
    assert search_titles(client, q="werkdruk", sorteer="nieuwste")[-1] == "Werkdruk in 2020"
    assert search_titles(client, q="werkdruk", periode="week") == [
        "Werkdruk vandaag, werkdruk altijd werkdruk"
    ]


def test_results_are_paginated(client, indexer):
    author = create_user()
    for n in range(23):
        post(title=f"Intervisie ronde {n}", author=author, created_at=utcnow() - timedelta(hours=n))
    first = search_titles(client, q="intervisie", sorteer="nieuwste")
    third = search_titles(client, q="intervisie", sorteer="nieuwste", pagina=3)
    assert len(first) == 10 and first[0] == "Intervisie ronde 0"
    assert third == ["Intervisie ronde 20", "Intervisie ronde 21", "Intervisie ronde 22"]
    html = page(client, q="intervisie", pagina=2)
    assert "23 resultaten" in html and 'rel="prev"' in html and 'rel="next"' in html
    assert (
        page(client, q="intervisie", pagina=999).count('class="search-hit"') == 3
    )  # clamped to the last page


def test_results_come_from_the_database_without_a_query_per_result(client, indexer):
    from sqlalchemy import event

    author = create_user()
    for n in range(10):
        question = post(title=f"Buddy nummer {n}", author=author)
        create_reply(question, body="Een buddy helpt echt.")
    db.session.commit()
    search_titles(client, q="mentor")  # a worker's first search also loads the synonyms once
    statements: list[str] = []

    def count(*_args):
        statements.append("x")

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert len(search_titles(client, q="buddy")) == 10
        few = len(statements)
        statements.clear()
        post(title="Nog een buddy", author=author)
        db.session.commit()
        statements.clear()
        search_titles(client, q="buddy")
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert few <= 12 and len(statements) == few


def test_snippets_are_escaped_and_highlighted(client, indexer):
    post(
        title="Veiligheid",
        body='Let op <script>alert("x")</script> als 3 < 5 bij het inwerken & daarna.',
    )
    html = page(client, q="inwerken")
    assert "<script>" not in html.split("<main")[1]
    assert "3 &lt; 5 bij het <mark>inwerken</mark> &amp; daarna." in html


def test_did_you_mean_suggests_a_word_from_the_index(client, indexer):
    post(title="Ervaringen met intervisie")
    html = page(client, q="intervisei")
    assert "Bedoelde je" in html and ">intervisie</a>?" in html
    assert "Bedoelde je" not in page(client, q="intervisie")


def test_empty_result_explains_what_to_do(client, indexer):
    post(title="Werkdruk")
    html = page(client, q="zeppelin")
    assert "0 resultaten" in html and "We vonden niets" in html and "Kijk de spelling na" in html


def test_a_member_who_finds_nothing_is_offered_to_ask_the_question(browser, indexer):
    post(title="Werkdruk")
    browser.login(create_user().email)
    html = browser.get("/zoeken", query_string={"q": "zeppelin"}).get_data(as_text=True)
    assert "We vonden niets" in html
    assert '<a href="/vragen/nieuw">Stel hem aan je collega\'s</a>' in html


def test_relaxed_results_when_not_all_words_match(client, indexer):
    post(title="Werkdruk verlagen met zelforganisatie")
    html = page(client, q="werkdruk zeppelin")
    assert "Niets gevonden met al je woorden samen" in html
    assert "Werkdruk verlagen met zelforganisatie" in html


def test_search_page_without_a_query_explains_searching(client, indexer):
    html = page(client)
    assert "Zo vind je wat collega's al weten" in html and "resultaten" not in html


def test_filters_without_words_list_the_newest(client, indexer):
    theme = create_theme("Leiderschap", slug="leiderschap")
    post(title="Oud", themes=[theme], created_at=utcnow() - timedelta(days=3))
    post(title="Nieuw", themes=[theme])
    post(title="Ander thema")
    assert search_titles(client, thema="leiderschap") == ["Nieuw", "Oud"]


@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_any_query_gives_a_page(client, indexer, query):
    post(title="Inwerken met een buddy")
    response = client.get(
        "/zoeken", query_string={"q": query, "pagina": "x", "sorteer": "<b>", "periode": "eeuw"}
    )
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", query):
        # Control characters are refused for every URL (community/input_guard.py), in Dutch.
        assert response.status_code == 400
        assert "stuurtekens" in response.get_data(as_text=True)
        return
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


def test_garbage_parameters_give_a_page(client, indexer):
    for args in (
        {"pagina": "-5"},
        {"pagina": "99999999999"},
        {"q": "x", "soort": "iets"},
        {"q": "x", "thema": "'"},
    ):
        assert client.get("/zoeken", query_string=args).status_code == 200
    assert client.get("/zoeken?q=%ff%fe&pagina=-").status_code == 200
    assert client.get("/zoeken?q=%ff%fe&pagina=%00").status_code == 400  # input_guard.py


def test_question_form_offers_similar_questions_while_typing(app, browser):
    from tests.factories import create_user

    member = create_user()
    browser.login(member.email)
    html = browser.get("/vragen/nieuw").get_data(as_text=True)
    assert 'data-similar-questions="/api/vergelijkbare-vragen' in html
    assert "js/similar-questions.js" in html
