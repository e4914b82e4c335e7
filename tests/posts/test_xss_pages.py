"""The public XSS corpus posted as titles, bodies, replies and practice sections: the rendered
pages, parsed as a browser parses them, hold no script element of their own, no on* attribute
and no javascript: URL. (tests/e2e/test_xss_in_browser.py opens the same pages in Chromium.)"""

from __future__ import annotations

import re

import html5lib
import pytest

from tests.posts.xss_content import PAYLOADS, post_every_payload

NOISE = re.compile(r"[\x00-\x20\x7f-\xa0\s]+")


def dangers(html: str) -> list[str]:
    document = html5lib.parse(html, namespaceHTMLElements=False)
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        ours = element.tag == "script" and element.get("src", "").startswith("/static/")
        if (
            element.tag in ("script", "iframe", "object", "embed", "svg", "math", "style", "base")
            and not ours
        ):
            found.append(f"<{element.tag}>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{element.tag} {name}=")
            if NOISE.sub("", value).lower().startswith(("javascript:", "vbscript:", "data:")):
                found.append(f"{element.tag} {name}={value[:40]}")
    return found


@pytest.mark.config(POSTS_PER_PAGE=500)
def test_pages_with_every_payload_stay_inert(client):
    question, practice = post_every_payload()
    pages = [
        "/",
        "/vragen",
        "/vragen?tab=onbeantwoord",
        "/goede-voorbeelden",
        f"/vragen/{question.id}-{question.slug}",
        f"/goede-voorbeelden/{practice.id}-{practice.slug}",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert dangers(response.get_data(as_text=True)) == [], url
    list_page = client.get("/vragen").get_data(as_text=True)
    assert list_page.count("XSS-test: ") == len(PAYLOADS)  # every title is there, as text
    page = client.get(f"/vragen/{question.id}-{question.slug}").get_data(as_text=True)
    assert page.count('class="reply"') == len(PAYLOADS)
