"""The theme pages: every theme with what it holds, and one theme's practices and questions."""

from __future__ import annotations

import re

import pytest

from community.clock import utcnow
from community.extensions import db
from community.posts.models import PostKind, Visibility
from community.themes import services
from tests.factories import create_post, create_theme, create_user


def counts_on_index(html: str, name: str) -> str:
    """The count line of one theme card on /themas."""
    card = html.split(f">{name}</a></h2>", 1)[1].split("</li>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", card.split('class="theme-counts">', 1)[1]).split())


def test_theme_counts_follow_the_visibility_rule(app, browser):
    theme = create_theme("Inwerken")
    create_post(PostKind.PRACTICE, themes=[theme])
    create_post(PostKind.PRACTICE, themes=[theme], visibility=Visibility.MEMBERS)
    create_post(themes=[theme])
    create_post(themes=[theme], visibility=Visibility.MEMBERS)
    create_post(themes=[theme], hidden_at=utcnow())
    create_post(themes=[theme], deleted_at=utcnow())
    member = create_user()
    db.session.commit()

    visitor_html = browser.get("/themas").get_data(as_text=True)
    assert counts_on_index(visitor_html, "Inwerken").startswith("1 goed voorbeeld 1 vraag")

    browser.login(member.email)
    member_html = browser.get("/themas").get_data(as_text=True)
    assert counts_on_index(member_html, "Inwerken").startswith("2 goede voorbeelden 2 vragen")


def test_counts_come_from_one_grouped_query(app):
    first, second = create_theme(), create_theme()
    create_post(themes=[first, second])
    create_post(PostKind.PRACTICE, themes=[second])
    counts = services.post_counts(None)
    assert counts[first.id] == services.ThemeCounts(practices=0, questions=1)
    assert counts[second.id] == services.ThemeCounts(practices=1, questions=1)
    assert create_theme().id not in counts


def test_theme_page_lists_its_visible_posts_newest_first(app, browser):
    theme = create_theme("Moreel letsel", description="Als je niet kunt doen wat goed is.")
    other = create_theme("Leiderschap")
    older = create_post(title="Oudere vraag over moreel letsel", themes=[theme])
    older.created_at = utcnow().replace(year=2025)
    create_post(title="Nieuwere vraag over moreel letsel", themes=[theme])
    create_post(PostKind.PRACTICE, title="Intervisie na een zware casus", themes=[theme])
    create_post(title="Vraag alleen voor leden hier", themes=[theme], visibility=Visibility.MEMBERS)
    create_post(title="Verborgen vraag over moreel letsel", themes=[theme], hidden_at=utcnow())
    create_post(title="Vraag over leiderschap", themes=[other])
    db.session.commit()

    response = browser.get(f"/themas/{theme.slug}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Als je niet kunt doen wat goed is." in html
    assert "Intervisie na een zware casus" in html
    assert html.index("Nieuwere vraag") < html.index("Oudere vraag")
    for absent in ("Vraag alleen voor leden hier", "Verborgen vraag", "Vraag over leiderschap"):
        assert absent not in html
    assert (
        f'type="application/atom+xml" title="Moreel letsel · Jeugdhulp Community" '
        f'href="/feeds/themas/{theme.slug}.atom"' in html
    )


def test_theme_page_paginates_each_list_on_its_own(app, browser):
    theme = create_theme()
    for n in range(12):
        create_post(title=f"Vraag nummer {n:02d} over starters", themes=[theme])
    create_post(PostKind.PRACTICE, title="Het enige goede voorbeeld", themes=[theme])
    db.session.commit()

    first = browser.get(f"/themas/{theme.slug}").get_data(as_text=True)
    assert "Vraag nummer 11" in first and "Vraag nummer 01" not in first
    assert f'href="/themas/{theme.slug}?vragen=2"' in first
    second = browser.get(f"/themas/{theme.slug}?vragen=2").get_data(as_text=True)
    assert "Vraag nummer 01" in second and "Vraag nummer 11" not in second
    assert "Het enige goede voorbeeld" in second
    for odd in ("?vragen=abc", "?vragen=-4", "?vragen=99999999999999999999", "?voorbeelden=500"):
        assert browser.get(f"/themas/{theme.slug}{odd}").status_code == 200


def test_unknown_theme_gets_dutch_404(app, client):
    response = client.get("/themas/bestaat-niet")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


@pytest.mark.config(PAGE_CACHE_MB=0)  # the rendering path; tests/test_pagecache.py: hits
def test_queries_on_theme_page_do_not_grow_with_posts(app, client):
    from sqlalchemy import event

    theme = create_theme()

    def count_queries() -> int:
        statements: list[str] = []

        def record(*_args):
            statements.append(_args[2])

        event.listen(db.engine, "before_cursor_execute", record)
        try:
            assert client.get(f"/themas/{theme.slug}").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
        return len(statements)

    create_post(PostKind.PRACTICE, themes=[theme])
    create_post(themes=[theme])
    db.session.commit()  # count the page's queries, not the test's own commit
    few = count_queries()
    for _ in range(8):
        create_post(PostKind.PRACTICE, themes=[theme])
        create_post(themes=[theme])
    db.session.commit()
    assert count_queries() == few
