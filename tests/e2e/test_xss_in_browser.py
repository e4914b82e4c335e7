"""The XSS corpus, posted everywhere, opened in headless Chromium: no dialog ever opens."""

from __future__ import annotations

import pytest

from tests.posts.xss_content import post_every_payload


@pytest.mark.config(POSTS_PER_PAGE=500)
def test_no_payload_opens_a_dialog(app, live_server, page):
    question, practice = post_every_payload()
    for path in (
        "/",
        "/vragen",
        "/goede-voorbeelden",
        f"/vragen/{question.id}-{question.slug}",
        f"/goede-voorbeelden/{practice.id}-{practice.slug}",
    ):
        page.goto(live_server + path)
        page.wait_for_load_state("load")
        page.mouse.move(200, 300)
        page.mouse.move(600, 600)
    page.wait_for_timeout(500)
    assert page.dialogs == []
