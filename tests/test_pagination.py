"""Every paged list pages the same way (templates/macros/pagination.html): "Pagina 2 van 3",
previous and next, and every nearby page by its number, each link leading to that page. Before,
six renderings did this differently: the question and practice lists, a theme's lists,
notifications and invitations offered only previous and next."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

from community.clock import utcnow
from tests.factories import create_post, create_theme


def pager_links(html: str) -> dict[str, str]:
    """Link text -> address, inside each pagination <nav> of the page."""
    navs = re.findall(r'<nav class="pagination"[^>]*>(.*?)</nav>', html, flags=re.S)
    assert navs, "no pagination on the page"
    links = {}
    for nav in navs:
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', nav, flags=re.S):
            links[" ".join(re.sub(r"<[^>]+>", "", text).split())] = unescape(href)
    return links


def test_question_list_offers_previous_next_and_each_page_by_number(app, client):
    app.config["POSTS_PER_PAGE"] = 2
    theme = create_theme("Inwerken", slug="inwerken")
    for n in range(5):
        create_post(
            title=f"Vraag nummer {n} over inwerken",
            themes=[theme],
            created_at=utcnow() - timedelta(hours=n),
        )
    second = client.get("/vragen?thema=inwerken&pagina=2").get_data(as_text=True)
    assert "Pagina 2 van 3" in second
    links = pager_links(second)
    assert set(links) == {"‹ Vorige", "Pagina 1", "Pagina 2", "Pagina 3", "Volgende ›"}
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>2<' in second
    for label, shown in (("‹ Vorige", 0), ("Pagina 1", 0), ("Volgende ›", 4)):
        page = client.get(links[label]).get_data(as_text=True)
        assert f"Vraag nummer {shown} over inwerken" in page, label
        assert "thema=inwerken" in links[label], "the filter is kept"


def test_theme_page_pages_its_questions_by_number_and_keeps_the_practices_page(app, client):
    theme = create_theme()
    for n in range(12):
        create_post(
            title=f"Vraag nummer {n:02d} over starters",
            themes=[theme],
            created_at=utcnow() - timedelta(hours=n),
        )
    first = client.get(f"/themas/{theme.slug}").get_data(as_text=True)
    links = pager_links(first)
    assert links["Pagina 2"] == f"/themas/{theme.slug}?vragen=2"
    assert links["Ouder ›"] == links["Pagina 2"]
    second = client.get(links["Pagina 2"]).get_data(as_text=True)
    assert "Vraag nummer 11" in second and "Vraag nummer 01" not in second
    assert pager_links(second)["‹ Nieuwer"] == f"/themas/{theme.slug}"
