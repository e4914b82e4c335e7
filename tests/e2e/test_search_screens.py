"""Search in a real browser: the search page, and similar questions while a title is typed."""

from __future__ import annotations

import time

from flask import render_template_string
from playwright.sync_api import expect

from community.extensions import db
from community.search.indexer import get_indexer
from community.themes.models import Theme
from tests.e2e.conftest import screenshot
from tests.factories import create_theme
from tests.search.conftest import post

# The question form belongs to the posts feature; this stands in for it with the same markup.
QUESTION_FORM = """{% extends "base.html" %}
{% block head %}
  <script src="{{ url_for('static', filename='js/similar-questions.js') }}" defer></script>
{% endblock %}
{% block content %}
  <form method="post">
    <label for="title">Je vraag in één zin</label>
    <input id="title" name="title" type="text"
           data-similar-questions="{{ url_for('search.similar_questions') }}">
  </form>
{% endblock %}"""


def test_searching_filtering_and_paging_in_the_browser(app, live_server, page):
    get_indexer(app).reindex()
    theme = db.session.scalar(db.select(Theme).where(Theme.slug == "inwerken")) or create_theme(
        "Inwerken", slug="inwerken"
    )
    for n in range(12):
        post(
            f"Inwerken van nieuwe collega's, ervaring {n}",
            body="Een buddy en een vast aanspreekpunt in de eerste weken.",
            themes=[theme] if n % 2 else [],
        )
    post("Werkdruk in het wijkteam", body="Minder administratie, meer tijd voor gezinnen.")
    db.session.commit()

    page.goto(live_server + "/zoeken")
    page.get_by_label("Waar zoek je naar?").fill("inwerken buddy")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_selector(".search-hit")
    assert "12 resultaten" in page.locator(".result-count").inner_text()
    assert page.locator(".search-hit mark").first.inner_text().lower() in ("inwerken", "buddy")
    screenshot(page, "search-results-1280")

    page.locator(".search-facets").get_by_role("link", name="Inwerken").click()
    page.wait_for_url("**thema=inwerken**")
    assert "6 resultaten" in page.locator(".result-count").inner_text()

    page.goto(live_server + "/zoeken?q=inwerken")
    page.get_by_role("link", name="Volgende").click()
    page.wait_for_url("**pagina=2**")
    assert page.locator(".search-hit").count() == 2

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server + "/zoeken?q=zeppelin")
    assert "We vonden niets" in page.content()
    screenshot(page, "search-empty-390")


def test_similar_questions_appear_while_typing_a_title(app, live_server, page):
    get_indexer(app).reindex()
    post("Hoe werk je nieuwe collega's in zonder caseload?")
    post("Nieuwe collega's en een buddy: wie heeft ervaring?")
    post("Werkdruk verlagen in het wijkteam")
    db.session.commit()
    app.add_url_rule(
        "/test/vraag-stellen", "test_question_form", lambda: render_template_string(QUESTION_FORM)
    )

    requests: list[str] = []
    page.on(
        "request", lambda r: requests.append(r.url) if "vergelijkbare-vragen" in r.url else None
    )
    page.goto(live_server + "/test/vraag-stellen")
    title = page.get_by_label("Je vraag in één zin")

    title.press_sequentially("Nieuwe co", delay=20)  # 9 characters: nothing is asked yet
    page.wait_for_timeout(700)
    assert requests == []

    title.press_sequentially("llega's inwerken", delay=30)  # typing on: one request after the pause
    box = page.locator(".similar-questions")
    box.wait_for(state="visible")
    assert len(requests) == 1
    assert "Hoe werk je nieuwe collega's in zonder caseload?" in box.inner_text()
    screenshot(page, "similar-questions-1280")

    # The next answer is slow: the old list stays on screen until it has arrived.
    def slow(route):
        time.sleep(1.0)
        route.continue_()

    page.route("**/api/vergelijkbare-vragen**", slow)
    title.fill("Werkdruk verlagen, hoe dan?")
    title.dispatch_event("input")
    page.wait_for_timeout(700)
    assert "Hoe werk je nieuwe collega's in zonder caseload?" in box.inner_text()
    expect(box).to_contain_text("Werkdruk verlagen in het wijkteam", timeout=5000)
