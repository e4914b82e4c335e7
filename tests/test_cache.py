"""Per-theme counts on busy pages are remembered until content changes, never across audiences."""

from __future__ import annotations

import pytest

from community.extensions import db
from community.posts.models import Visibility
from community.themes.services import post_counts
from tests.factories import create_post, create_theme, create_user


@pytest.mark.config(COUNTS_CACHE_SECONDS=60)
def test_theme_counts_are_remembered_per_audience(app):
    theme = create_theme()
    create_post(themes=[theme])
    create_post(themes=[theme], visibility=Visibility.MEMBERS)
    member = create_user()
    db.session.commit()
    assert post_counts(None)[theme.id].total == 1
    assert post_counts(member)[theme.id].total == 2  # members are counted apart from visitors
    assert post_counts(None)[theme.id].total == 1  # remembered: the memo answers
    create_post(themes=[theme])
    db.session.commit()
    assert post_counts(None)[theme.id].total == 2  # a new post: counted again at once


@pytest.mark.config(COUNTS_CACHE_SECONDS=60)
def test_visitors_see_the_new_count_on_the_home_page_at_once(app, client):
    theme = create_theme("Inwerken")
    create_post(themes=[theme])
    db.session.commit()
    assert "1 bericht<" in client.get("/").get_data(as_text=True)
    create_post(themes=[theme])
    db.session.commit()
    assert "2 berichten<" in client.get("/").get_data(as_text=True)


def test_theme_counts_are_exact_when_the_memo_is_off(app):
    theme = create_theme()
    create_post(themes=[theme])
    assert post_counts(None)[theme.id].total == 1
    create_post(themes=[theme])
    assert post_counts(None)[theme.id].total == 2
