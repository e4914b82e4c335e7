"""The index follows the database: through the outbox, after commit, and by `flask search sync`."""

from __future__ import annotations

import logging
import shutil
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from community.clock import utcnow
from community.extensions import db
from community.posts.models import Post, PostKind, Reply, Visibility
from community.search.models import SearchIndexState, SearchOutbox
from community.themes.models import Theme
from tests.factories import create_reply, create_theme, create_user
from tests.search.conftest import post, search_titles


def indexed_ids(indexer) -> set[int]:
    with indexer.store.searcher() as (searcher, _cache):
        return {int(fields["id"]) for fields in searcher.all_stored_fields()}


def outbox_rows() -> list[tuple[int, str]]:
    return [
        (r.post_id, r.action.value)
        for r in db.session.scalars(sa.select(SearchOutbox).order_by(SearchOutbox.id))
    ]


def test_a_committed_post_is_searchable_at_once(client, indexer):
    question = post("Wie heeft ervaring met duobanen?")
    db.session.commit()
    assert outbox_rows() == [(question.id, "upsert")]
    assert search_titles(client, q="duobanen") == ["Wie heeft ervaring met duobanen?"]
    assert indexer.check().ok


def test_edits_deletes_and_moderation_reach_the_index(client, indexer):
    question = post("Ervaring met duobanen?", body="Twee mensen, een functie.")
    theme = create_theme("Behouden", slug="behouden")
    db.session.commit()

    question.title = "Ervaring met deeltijdbanen?"
    db.session.commit()
    assert search_titles(client, q="duobanen") == []
    assert search_titles(client, q="deeltijdbanen") == ["Ervaring met deeltijdbanen?"]

    question = db.session.scalar(
        sa.select(Post).where(Post.id == question.id).options(selectinload(Post.themes))
    )
    question.themes = [theme]
    db.session.commit()
    assert search_titles(client, q="deeltijdbanen", thema="behouden") == [
        "Ervaring met deeltijdbanen?"
    ]

    question.visibility = Visibility.MEMBERS
    db.session.commit()
    assert search_titles(client, q="deeltijdbanen") == []

    question.visibility = Visibility.PUBLIC
    question.hidden_at = utcnow()  # a moderator hides it
    db.session.commit()
    assert search_titles(client, q="deeltijdbanen") == []
    question.hidden_at = None  # ... and restores it
    db.session.commit()
    assert search_titles(client, q="deeltijdbanen") == ["Ervaring met deeltijdbanen?"]

    question.deleted_at = utcnow()  # the author deletes it
    db.session.commit()
    assert search_titles(client, q="deeltijdbanen") == []
    assert indexer.check().ok


def test_replies_and_accepted_answers_reach_the_index(client, indexer):
    question = post("Hoe houd je het vol?")
    db.session.commit()
    reply = create_reply(question, body="Wij doen wekelijks intervisie.")
    db.session.commit()
    assert search_titles(client, q="intervisie") == ["Hoe houd je het vol?"]
    assert search_titles(client, q="intervisie", status="open") == ["Hoe houd je het vol?"]

    question.accepted_reply_id = reply.id
    db.session.commit()
    assert search_titles(client, q="intervisie", status="beantwoord") == ["Hoe houd je het vol?"]

    reply.hidden_at = utcnow()
    db.session.commit()
    assert search_titles(client, q="intervisie") == []
    assert indexer.check().ok


def test_bulk_statements_and_removed_themes_are_seen(client, indexer):
    theme = create_theme("Zelforganisatie", slug="zelforganisatie")
    first = post("Zelfsturende teams", themes=[theme])
    second = post("Teams zonder manager", themes=[theme])
    db.session.commit()

    db.session.execute(sa.update(Post).where(Post.id == first.id).values(hidden_at=utcnow()))
    db.session.commit()
    assert search_titles(client, q="teams") == ["Teams zonder manager"]

    db.session.delete(db.session.get(Theme, theme.id))
    db.session.commit()
    assert search_titles(client, q="teams", thema="zelforganisatie") == []
    assert indexer.check().ok

    db.session.execute(sa.delete(Reply))  # nothing to do, but must not fail
    db.session.execute(sa.delete(Post).where(Post.id == second.id))
    db.session.commit()
    assert search_titles(client, q="teams") == []
    assert indexer.check().ok


def test_author_name_is_searchable_unless_the_post_is_anonymous(client, indexer):
    author = create_user(name="Fatima Bouzid")
    post("Een vraag over roosters", author=author)
    post("Een anonieme vraag over roosters", author=author, is_anonymous=True)
    db.session.commit()
    assert search_titles(client, q="Bouzid") == ["Een vraag over roosters"]
    author.name = "Fatima El Amrani"
    db.session.commit()
    assert search_titles(client, q="Bouzid") == []
    assert search_titles(client, q="Amrani") == ["Een vraag over roosters"]
    assert indexer.check().ok


def test_a_rolled_back_change_is_never_indexed(client, indexer):
    kept = post("Wat werkt bij werving?")
    db.session.commit()
    post("Een vraag die nooit bestond over werving")
    kept.title = "Wat werkt bij werving en selectie?"
    db.session.flush()
    db.session.rollback()
    db.session.commit()  # an empty commit afterwards must not bring anything back
    assert outbox_rows() == [(kept.id, "upsert")]
    assert search_titles(client, q="werving") == ["Wat werkt bij werving?"]
    assert indexer.check().ok


@pytest.mark.config(SEARCH_WRITER_TIMEOUT=0.2)
def test_a_change_committed_while_the_index_was_busy_is_applied_by_sync(
    client, runner, indexer, caplog
):
    lock = indexer.store.lock(indexer.store.current_generation())
    assert lock.acquire()  # another process is writing the index, for longer than our timeout
    try:
        with caplog.at_level(logging.INFO, logger="community.search"):
            post("Gemaakt terwijl de index bezet was")
            db.session.commit()  # no LockError reaches the user
        assert "search index busy" in caplog.text
        assert search_titles(client, q="bezet") == []
    finally:
        lock.release()
    check = runner.invoke(args=["search", "check"])
    assert (
        check.exit_code == 1
        and "1 missing" in check.output
        and "1 log row(s) pending" in check.output
    )

    result = runner.invoke(args=["search", "sync"])
    assert result.exit_code == 0, result.output
    assert "Applied 1 log row(s)" in result.output
    assert search_titles(client, q="bezet") == ["Gemaakt terwijl de index bezet was"]
    assert runner.invoke(args=["search", "check"]).exit_code == 0


def test_check_lists_stale_and_superfluous_documents(runner, indexer):
    stale = post("Oude titel over mentoring")
    gone = post("Verdwijnt buiten de sessie om")
    db.session.commit()
    # Changes behind the session's back (raw SQL) are invisible to the hooks.
    db.session.execute(
        sa.text("UPDATE posts SET title = 'Nieuwe titel' WHERE id = :id"), {"id": stale.id}
    )
    db.session.execute(
        sa.text("UPDATE posts SET deleted_at = created_at WHERE id = :id"), {"id": gone.id}
    )
    db.session.commit()
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1
    assert (
        f"1 stale: {stale.id}" in result.output
        and f"1 not to be indexed: {gone.id}" in result.output
    )
    assert runner.invoke(args=["search", "reindex"]).exit_code == 0
    assert runner.invoke(args=["search", "check"]).exit_code == 0


def test_reindex_builds_a_new_folder_and_swaps_it_in(client, runner, indexer):
    for n in range(5):
        post(f"Vitaliteit op het werk {n}")
    db.session.commit()
    before = indexer.store.current_generation()
    assert len(search_titles(client, q="vitaliteit")) == 5  # a searcher is open on the old one

    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 5 post(s)" in result.output and "docs/s" in result.output
    after = indexer.store.current_generation()
    assert after != before and (indexer.store.base / after).is_dir()
    assert len(search_titles(client, q="vitaliteit")) == 5
    post("Vitaliteit na de herbouw")
    db.session.commit()
    assert len(search_titles(client, q="vitaliteit")) == 6
    assert indexer.check().ok


def test_applied_rows_are_pruned_and_a_copy_too_far_behind_rebuilds(runner, indexer):
    first = post("Eerste vraag over verloop")
    db.session.commit()
    assert indexer.prune() == 1  # every registered index has applied it
    assert outbox_rows() == []

    # A second copy (another web host) that stopped following the log long ago.
    db.session.add(
        SearchIndexState(name="web-2:/srv/index", last_applied_id=0, updated_at=utcnow())
    )
    first.title = "Eerste vraag over verloop en behoud"
    db.session.commit()
    assert indexer.prune() == 0  # web-2 has not applied it yet
    db.session.execute(sa.update(SearchOutbox).values(created_at=utcnow() - timedelta(days=8)))
    db.session.commit()
    assert indexer.prune() == 1  # ... but after seven days it goes anyway
    names = set(db.session.scalars(sa.select(SearchIndexState.name)))
    assert "web-2:/srv/index" not in names and indexer.store.name in names

    # This copy lost its registration the same way: sync rebuilds it instead of guessing.
    db.session.execute(sa.delete(SearchIndexState))
    db.session.commit()
    result = runner.invoke(args=["search", "sync"])
    assert (
        result.exit_code == 0
        and "Rebuilding the search index: the index is not registered" in result.output
    )


def test_missing_index_keeps_the_site_working_and_sync_builds_it(
    app, client, runner, indexer, caplog
):
    post("Een vraag over begeleiding")
    db.session.commit()
    indexer.store.close()
    shutil.rmtree(indexer.store.base)
    with caplog.at_level(logging.ERROR):
        response = client.get("/zoeken?q=begeleiding")
    assert response.status_code == 200
    assert "Zoeken is tijdelijk niet beschikbaar" in response.get_data(as_text=True)
    assert "search unavailable" in caplog.text
    assert client.get("/").status_code == 200
    post("Nog een vraag over begeleiding")
    db.session.commit()  # nothing to write to, and no error for the user
    assert client.get("/api/vergelijkbare-vragen?titel=vraag+over+begeleiding").get_json() == {
        "vragen": []
    }

    result = runner.invoke(args=["search", "sync"])
    assert (
        result.exit_code == 0
        and "Rebuilding the search index: there is no index yet" in result.output
    )
    assert len(search_titles(client, q="begeleiding")) == 2


def test_corrupt_index_says_so_in_dutch_and_reindex_repairs_it(client, runner, indexer, caplog):
    post("Een vraag over leiderschap")
    db.session.commit()
    indexer.store.close()
    folder = indexer.store.base / indexer.store.current_generation()
    for path in folder.iterdir():
        if path.suffix in (".toc", ".seg", ".trm", ".pst", ".fdt", ".fln", ".dci", ".dcz"):
            path.write_bytes(b"\x00garbage" * 10)
    with caplog.at_level(logging.ERROR):
        html = client.get("/zoeken?q=leiderschap").get_data(as_text=True)
    assert "Zoeken is tijdelijk niet beschikbaar" in html
    assert "search unavailable" in caplog.text
    assert runner.invoke(args=["search", "check"]).exit_code == 1

    post("Een tweede vraag over leiderschap")
    db.session.commit()  # indexing fails (logged), the commit stands

    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert len(search_titles(client, q="leiderschap")) == 2
    assert runner.invoke(args=["search", "check"]).exit_code == 0


def test_posts_made_before_the_index_existed_are_built_on_first_change(app, client):
    """A fresh install: the first change builds the index (below SEARCH_AUTOBUILD_LIMIT)."""
    from community.search.indexer import get_indexer

    indexer = get_indexer(app)
    indexer.autobuild_limit = 100
    post("Al bestaande vraag over inwerken")
    db.session.commit()
    assert indexer.store.exists()
    assert search_titles(client, q="inwerken") == ["Al bestaande vraag over inwerken"]
    indexer.store.close()


def test_practice_sections_are_indexed(client, indexer):
    post(
        "Buddy's voor starters",
        kind=PostKind.PRACTICE,
        summary="Elke starter krijgt een buddy.",
        context="Veel uitstroom in het eerste jaar.",
        approach="Een vaste collega als aanspreekpunt.",
        results="Uitstroom na één jaar van 17% naar 3%.",
        tips="Geef buddy's tijd in hun rooster.",
    )
    db.session.commit()
    html = client.get("/zoeken?q=aanspreekpunt").get_data(as_text=True)
    assert "Buddy&#39;s voor starters" in html and "Aanpak:" in html


def test_marker_waits_at_a_gap_in_the_log_until_it_settles(indexer):
    """PostgreSQL hands out ids at insert time: id 7 may commit before id 6."""
    from types import SimpleNamespace

    from community.search.store import Marker

    now = utcnow()

    def row(id_, age):
        return SimpleNamespace(id=id_, created_at=now - timedelta(seconds=age))

    marker = indexer.advance(Marker(5), [row(7, 1), row(8, 1)], now, settle=300)
    assert marker.last_applied_id == 5 and set(marker.beyond) == {7, 8}
    marker = indexer.advance(marker, [row(6, 0)], now, settle=300)
    assert marker.last_applied_id == 8 and marker.beyond == {}
    # A gap older than the settle time was a rollback: move on.
    marker = indexer.advance(Marker(8), [row(10, 400), row(12, 1)], now, settle=300)
    assert marker.last_applied_id == 10 and set(marker.beyond) == {12}
