"""Search tests run against a real Whoosh index in the test's own temporary folder."""

from __future__ import annotations

import pytest

from community.extensions import db
from community.search.indexer import get_indexer


@pytest.fixture
def indexer(app):
    """The app's indexer, with an (empty) index built, so changes flow through the outbox."""
    indexer = get_indexer(app)
    db.session.commit()
    indexer.reindex()
    yield indexer
    indexer.store.close()


def search_titles(client, **args) -> list[str]:
    """Titles on the search page, in the order shown."""
    import re
    from html import unescape

    html = client.get("/zoeken", query_string=args).get_data(as_text=True)
    return [
        unescape(re.sub(r"<[^>]+>", "", t)).strip()
        for t in re.findall(r'<h3 class="hit-title">(.*?)</h3>', html, re.S)
    ]


def post(title: str, body: str = "", **fields):
    """A post with only the text a test gives it (the factory's default body mentions starters)."""
    from tests.factories import create_post

    return create_post(title=title, body=body, **fields)
