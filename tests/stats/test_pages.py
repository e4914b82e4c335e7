"""/de-beweging and the organisation figures, as visitors and members get them."""

from __future__ import annotations

import re
from datetime import timedelta

import html5lib
import pytest

from community.accounts.models import Role
from community.clock import utcnow
from community.extensions import db
from community.posts.models import PostKind, Visibility
from community.stats import services
from community.stats.chart import nice_ceiling
from community.stats.views import format_duration
from tests.factories import create_organisation, create_post, create_reply, create_user

SVG = "{http://www.w3.org/2000/svg}"


def parse(response):
    assert response.status_code == 200
    return html5lib.parse(response.get_data(as_text=True), namespaceHTMLElements=False)


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def figure_cards(tree) -> dict[str, str]:
    """{'goede voorbeelden': '2', 'binnen een week beantwoord': '50%', ...}"""
    cards = {}
    for card in tree.iter("li"):
        if "figure-card" in card.get("class", "").split():
            [number] = [s for s in card.iter("span") if "figure-number" in s.get("class").split()]
            cards[text(card.find(".//span[@class='figure-label']"))] = text(number)
    return cards


@pytest.fixture
def movement(app):
    """A small Community: two organisations, an invitation chain, public and members-only posts."""
    now = utcnow()
    molendrift = create_organisation("Molendrift", slug="molendrift")
    west = create_organisation("Jeugdbescherming west", slug="jeugdbescherming-west")
    pioneer = create_user(
        Role.AMBASSADOR,
        organisation=molendrift,
        email="pionier@molendrift.nl",
        created_at=now - timedelta(days=400),
    )
    colleague = create_user(
        Role.AMBASSADOR, organisation=west, invited_by=pioneer, created_at=now - timedelta(days=200)
    )
    member = create_user(
        organisation=west,
        invited_by=colleague,
        email="lid@west.nl",
        created_at=now - timedelta(days=100),
    )
    create_post(PostKind.PRACTICE, author=pioneer, created_at=now - timedelta(days=300))
    create_post(
        PostKind.PRACTICE,
        author=colleague,
        visibility=Visibility.MEMBERS,
        created_at=now - timedelta(days=150),
    )
    asked = now - timedelta(days=30)
    create_post(
        PostKind.QUESTION,
        author=member,
        created_at=asked,
        first_reply_at=asked + timedelta(hours=3),
    )
    create_post(PostKind.QUESTION, author=member, created_at=asked)
    create_post(
        PostKind.QUESTION,
        author=member,
        created_at=asked,
        visibility=Visibility.MEMBERS,
        first_reply_at=asked + timedelta(hours=5),
    )
    create_post(PostKind.QUESTION, author=member, created_at=asked, deleted_at=now)
    db.session.commit()
    return {"member": member, "molendrift": molendrift}


def test_visitor_sees_the_public_figures(client, movement):
    cards = figure_cards(parse(client.get("/de-beweging")))
    assert cards["ambassadeurs"] == "2"
    assert cards["jeugdprofessional"] == "1"
    assert cards["organisaties"] == "2"
    assert cards["goed voorbeeld"] == "1"
    assert cards["vragen"] == "2"
    assert cards["binnen een week beantwoord"] == "50%"
    assert cards["tot een eerste antwoord (mediaan)"] == "3 uur"


def test_member_also_counts_members_only_posts(browser, movement):
    browser.login("lid@west.nl")
    tree = parse(browser.get("/de-beweging"))
    cards = figure_cards(tree)
    assert cards["goede voorbeelden"] == "2"
    assert cards["vragen"] == "3"
    assert cards["binnen een week beantwoord"] == "67%"
    assert cards["tot een eerste antwoord (mediaan)"] == "4 uur"  # 3 h and 5 h
    assert "ook wat alleen voor leden is gedeeld" in text(
        tree.find(".//p[@class='movement-scope meta']")
    )


def test_page_says_exactly_what_the_percentage_means(client, movement):
    page = text(parse(client.get("/de-beweging")))
    assert (
        "Van de 2 vragen die minstens 7 dagen geleden zijn gesteld, kreeg er 1 binnen 7 dagen"
        " (7 × 24 uur) een eerste antwoord." in page
    )
    assert "Jongere vragen tellen nog niet mee" in page


def test_invitation_reach_and_chain_are_shown(client, movement):
    tree = parse(client.get("/de-beweging"))
    section = next(s for s in tree.iter("section") if s.get("aria-labelledby") == "uitnodigingen")
    words = text(section)
    assert "kwamen er 2 collega's bij via een uitnodiging, uit 1 organisatie" in words
    assert "3 generaties in de langste keten" in words
    chain = [
        text(li)
        for li in section.iter("li")
        if li.find("span[@class='chain-generation']") is not None
    ]
    assert chain == ["Molendrift generatie 1", "Jeugdbescherming west generatie 2 tot en met 3"]


def test_chart_and_table_hold_the_same_numbers(client, movement):
    tree = parse(client.get("/de-beweging"))
    table = tree.find(".//table[@class='growth-table']")
    assert text(table.find("caption")).startswith(
        "Nieuwe leden, goede voorbeelden en vragen per maand, van "
    )
    assert [th.get("scope") for th in table.find("thead").iter("th")] == ["col"] * 4
    rows = table.find("tbody").findall("tr")
    assert len(rows) == 24 and {row.find("th").get("scope") for row in rows} == {"row"}
    column = {"members": 0, "practices": 1, "questions": 2}

    svgs = list(tree.iter(f"{SVG}svg"))
    assert [svg.get("class") for svg in svgs] == [
        "growth-chart growth-chart-wide",
        "growth-chart growth-chart-narrow",
    ]
    for svg in svgs:  # the wide and the narrow drawing
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert svg.get("aria-labelledby") == title.get("id") and svg.get(
            "aria-describedby"
        ) == desc.get("id")
        assert "Nieuwe leden: 3 in totaal" in desc.text
        for panel in svg.findall(f"{SVG}g"):
            series = panel.get("data-series")
            from_chart = {
                rect.find(f"{SVG}title").text.split(":")[0]: int(rect.get("data-value"))
                for rect in panel.iter(f"{SVG}rect")
            }
            from_table = {
                text(row.find("th")): int(text(row.findall("td")[column[series]]))
                for row in rows
                if text(row.findall("td")[column[series]]) != "0"
            }
            assert from_chart == from_table, series
            total = int(text(table.find("tfoot").findall(".//td")[column[series]]))
            assert sum(from_chart.values()) == total
            assert f"{total} in totaal" in text(panel.find(f"{SVG}text"))
    assert sum(int(text(row.findall("td")[2])) for row in rows) == 2  # the 2 public questions


def test_bars_are_as_tall_as_their_numbers(client, app):
    author = create_user(Role.AMBASSADOR)
    now = utcnow()
    for days in (0, 0, 0, 0, 40):
        create_post(PostKind.QUESTION, author=author, created_at=now - timedelta(days=days))
    db.session.commit()
    svg = parse(client.get("/de-beweging")).find(f".//{SVG}svg")
    questions = next(g for g in svg.findall(f"{SVG}g") if g.get("data-series") == "questions")
    heights = sorted(float(rect.get("height")) for rect in questions.iter(f"{SVG}rect"))
    assert len(heights) == 2  # 40 days apart: always two months
    assert heights[1] == pytest.approx(4 * heights[0])


def test_page_uses_no_inline_styles_or_scripts(client, movement):
    html = client.get("/de-beweging").get_data(as_text=True)
    assert "style=" not in html
    assert "<script>" not in html and not re.search(r"\son[a-z]+=", html)


def test_empty_community_gets_a_friendly_page(client):
    tree = parse(client.get("/de-beweging"))
    cards = figure_cards(tree)
    assert cards["binnen een week beantwoord"] == "–"
    assert cards["tot een eerste antwoord"] == "–"
    assert "Nog niemand is via een uitnodiging binnengekomen" in text(tree)
    assert "Deze maand is er nog geen nieuwe organisatie bijgekomen" in text(tree)


def test_organisations_new_this_month_link_to_their_page(client, app):
    org = create_organisation("Stichting Nieuw", slug="stichting-nieuw")
    create_user(organisation=org)
    db.session.commit()
    tree = parse(client.get("/de-beweging"))
    section = next(
        s for s in tree.iter("section") if s.get("aria-labelledby") == "nieuw-deze-maand"
    )
    [link] = section.findall(".//ul/li/a")
    assert (link.get("href"), text(link)) == ("/organisaties/stichting-nieuw", "Stichting Nieuw")
    assert "1 lid" in text(section)


def test_navigation_links_to_the_movement(client):
    tree = parse(client.get("/"))
    nav = tree.find(".//nav[@id='hoofdmenu']")
    assert any(a.get("href") == "/de-beweging" and text(a) == "De beweging" for a in nav.iter("a"))


def test_organisation_page_shows_its_own_figures(client, browser, movement):
    org = movement["molendrift"]
    other = create_user(organisation=org)
    create_reply(create_post(PostKind.QUESTION, author=movement["member"]), author=other)
    db.session.commit()

    def figures(response):
        section = next(
            s
            for s in parse(response).iter("section")
            if s.get("aria-labelledby") == "organisatie-in-cijfers"
        )
        return [text(li) for li in section.iter("li")]

    assert figures(client.get("/organisaties/molendrift")) == [
        "2 leden",
        "1 ambassadeur",
        "1 goed voorbeeld",
        "0 vragen gesteld",
        "1 antwoord gegeven",
    ]
    west = figures(client.get("/organisaties/jeugdbescherming-west"))
    assert west[2:4] == ["0 goede voorbeelden", "3 vragen gesteld"]
    browser.login("lid@west.nl")
    west = figures(browser.get("/organisaties/jeugdbescherming-west"))
    assert west[2:4] == ["1 goed voorbeeld", "4 vragen gesteld"]


@pytest.mark.parametrize("logged_in", [False, True])
def test_page_queries_do_not_grow_with_the_number_of_posts(browser, app, count_queries, logged_in):
    author = create_user(Role.AMBASSADOR, email="auteur@example.nl")
    if logged_in:
        db.session.commit()
        browser.login(author.email)

    def add(count: int) -> None:
        now = utcnow()
        for n in range(count):
            post = create_post(
                PostKind.QUESTION if n % 2 else PostKind.PRACTICE,
                author=author,
                created_at=now - timedelta(days=n * 7),
                first_reply_at=now - timedelta(days=n * 7) + timedelta(hours=n),
            )
            create_user(invited_by=author, created_at=now - timedelta(days=n * 5))
            if n % 3 == 0:
                create_reply(post, author=author)
        db.session.commit()

    def page_queries() -> int:
        with count_queries() as log:
            assert browser.get("/de-beweging").status_code == 200
        return len(log.queries)

    add(10)
    with_10 = page_queries()
    add(90)
    assert page_queries() == with_10
    # A visitor's page is the figures' queries and nothing else; a member's also loads the user
    # and counts their unread notifications for the header (and, for this ambassador, support
    # requests and access requests waiting for them). One more counts support requests helped.
    assert with_10 == services.MOVEMENT_QUERIES + 1 + (4 if logged_in else 0)


def test_organisation_page_queries_do_not_grow_with_its_posts(client, app, count_queries):
    org = create_organisation("Molendrift", slug="molendrift")
    author = create_user(Role.AMBASSADOR, organisation=org)

    def page_queries() -> int:
        with count_queries() as log:
            assert client.get("/organisaties/molendrift").status_code == 200
        return len(log.queries)

    def add(count: int) -> None:
        for _ in range(count):
            create_reply(create_post(PostKind.QUESTION, author=author), author=author)
            create_post(PostKind.PRACTICE, author=author)
        db.session.commit()

    add(10)
    with_10 = page_queries()
    add(90)
    assert page_queries() == with_10


def test_waits_read_as_dutch_durations():
    assert format_duration(None) == ""
    assert format_duration(timedelta(seconds=30)) == "minder dan een minuut"
    assert format_duration(timedelta(minutes=1)) == "1 minuut"
    assert format_duration(timedelta(minutes=45)) == "45 minuten"
    assert format_duration(timedelta(hours=3)) == "3 uur"
    assert format_duration(timedelta(hours=3, minutes=20, seconds=59)) == "3 uur en 20 minuten"
    assert format_duration(timedelta(days=1, hours=4, minutes=5)) == "1 dag en 4 uur"
    assert format_duration(timedelta(days=2, minutes=5)) == "2 dagen"


def test_chart_scale_ends_on_a_round_number():
    scale = {0: 1, 1: 1, 2: 2, 3: 5, 6: 10, 11: 20, 20: 20, 21: 50, 99: 100, 101: 200, 4999: 5000}
    assert {n: nice_ceiling(n) for n in scale} == scale


@pytest.mark.config(COUNTS_CACHE_SECONDS=60)
def test_figures_are_remembered_for_a_minute_apart_for_visitors_and_members(
    browser, app, count_queries
):
    author = create_user(Role.AMBASSADOR, email="auteur@example.nl")
    create_post(PostKind.QUESTION, author=author)
    create_post(PostKind.QUESTION, author=author, visibility=Visibility.MEMBERS)
    db.session.commit()

    def questions_shown() -> tuple[str, int]:
        with count_queries() as log:
            cards = figure_cards(parse(browser.get("/de-beweging")))
        return cards.get("vragen") or cards["vraag"], len(log.queries)

    # (+1: support requests helped)
    assert questions_shown() == ("1", services.MOVEMENT_QUERIES + 1)
    create_post(PostKind.QUESTION, author=author)
    db.session.commit()
    assert questions_shown() == ("1", 0)  # remembered: no query at all
    browser.login(author.email)
    number, queries = questions_shown()
    # members: their own entry (+ loading the user, the header's unread count and, for an
    # ambassador, support and access requests waiting for them; + support requests helped)
    assert number == "3" and queries == services.MOVEMENT_QUERIES + 1 + 4
