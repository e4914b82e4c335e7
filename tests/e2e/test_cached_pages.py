"""Visitors' pages from the page cache, in a real browser: the follow form on a cached page works
for each visitor, and a question a member asks is on the visitor's next page at once."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from community import pagecache
from community.clock import utcnow
from community.extensions import db
from community.posts.models import PostKind
from tests.e2e.test_questions import log_in
from tests.factories import create_post, create_theme, create_user


def new_page(chromium):
    return chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900}).new_page()


def test_visitors_follow_from_a_cached_page_and_see_new_questions_at_once(
    app, live_server, page, chromium, monkeypatch
):
    now = utcnow().replace(second=30)
    monkeypatch.setattr(pagecache, "utcnow", lambda: now)  # one minute: only content refreshes
    theme = create_theme("Inwerken", slug="inwerken-cache")
    create_post(PostKind.PRACTICE, title="Een mentor in het eerste jaar", themes=[theme])
    create_user(email="sanne@example.nl")
    db.session.commit()

    page.goto(live_server + "/")  # renders the home page and keeps it
    visitor = new_page(chromium)  # another visitor, with a session of their own
    visitor.goto(live_server + "/")
    assert pagecache.page_cache().hits == 1
    expect(visitor.get_by_role("heading", name="Een mentor in het eerste jaar")).to_be_visible()

    # Each visitor's token belongs to their own session: both can follow by e-mail.
    for reader, address in ((visitor, "volger@example.nl"), (page, "collega@example.nl")):
        form = reader.locator("form.follow-form")
        form.get_by_label("Je e-mailadres").fill(address)
        form.get_by_role("button", name="Volgen").click()
        reader.wait_for_url(re.compile(r".*/volgen/kijk-in-je-mail$"))
        expect(reader.get_by_role("heading", level=1)).to_contain_text("mail")

    # A member asks a question; the visitor's next look at the home page shows it.
    member = new_page(chromium)
    log_in(member, live_server, "sanne@example.nl")
    member.goto(live_server + "/vragen/nieuw")
    member.get_by_label("Titel").fill("Hoe regelen jullie de eerste werkdag?")
    member.get_by_label("Je vraag").fill("Wij zoeken tips voor een warme eerste dag.")
    member.get_by_label("Inwerken").check()
    member.get_by_role("button", name="Vraag plaatsen").click()
    member.wait_for_url(re.compile(r".*/vragen/\d+-hoe-regelen-jullie.*"))

    misses = pagecache.page_cache().misses
    visitor.goto(live_server + "/")
    assert pagecache.page_cache().misses == misses + 1  # rendered again: the content changed
    new_question = visitor.get_by_role("link", name="Hoe regelen jullie de eerste werkdag?")
    expect(new_question.first).to_be_visible()
    member.context.close()
    visitor.context.close()
