"""Synonyms the sector adds on /beheer/zoekwoorden: a moderator adds a group with the real form
(CSRF on), and the next search over /zoeken uses it both ways, with no reindex.

"MDO" is used because it is not in the shipped set (synonyms.txt already has BOA, so adding
"BOA = buitengewoon opsporingsambtenaar" is refused as already known).
"""

from __future__ import annotations

import sqlalchemy as sa

from community.accounts.models import Role
from community.extensions import db
from community.search.models import SearchSynonym
from tests.factories import create_user
from tests.search.conftest import post, search_titles

FILLER = "Een verhaal uit de praktijk van ons team."
FULL = "Na het multidisciplinair overleg"
SHORT = "Verslag van het MDO"
OTHER = "Roosters voor de zomer"
PAGE = "/beheer/zoekwoorden"


def _moderator(browser):
    moderator = create_user(Role.MODERATOR)
    db.session.commit()
    browser.login(moderator.email)
    return moderator


def _add(browser, terms: str):
    return browser.submit(PAGE, {"terms": terms})


def test_a_moderator_adds_a_group_and_search_finds_both_ways(client, browser, indexer):
    post(title=FULL, body=FILLER)
    post(title=SHORT, body=FILLER)
    post(title=OTHER, body=FILLER)
    _moderator(browser)
    assert search_titles(client, q="mdo") == [SHORT]
    assert search_titles(client, q="multidisciplinair overleg") == [FULL]

    response = _add(browser, "MDO = multidisciplinair overleg")
    assert response.status_code == 302
    page = client.get(PAGE).get_data(as_text=True)
    assert "MDO = multidisciplinair overleg" in page

    assert set(search_titles(client, q="mdo")) == {FULL, SHORT}
    assert set(search_titles(client, q="multidisciplinair overleg")) == {FULL, SHORT}


def test_a_removed_group_no_longer_widens_a_search(client, browser, indexer):
    post(title=FULL, body=FILLER)
    post(title=SHORT, body=FILLER)
    _moderator(browser)
    _add(browser, "MDO = multidisciplinair overleg")
    assert set(search_titles(client, q="mdo")) == {FULL, SHORT}
    row_id = db.session.scalar(sa.select(SearchSynonym.id))

    response = browser.submit(f"{PAGE}/{row_id}/verwijderen", {}, form_url=PAGE)
    assert response.status_code == 302
    assert search_titles(client, q="mdo") == [SHORT]
    assert "MDO = multidisciplinair overleg" not in client.get(PAGE).get_data(as_text=True)


def test_an_added_word_joins_a_shipped_group(client, browser, indexer):
    post(title="Een buitengewoon opsporingsambtenaar belt", body=FILLER)
    post(title=OTHER, body=FILLER)
    _moderator(browser)
    assert search_titles(client, q="handhaver") == []
    _add(browser, "BOA = handhaver")
    assert search_titles(client, q="handhaver") == ["Een buitengewoon opsporingsambtenaar belt"]


def test_members_who_are_not_moderators_get_403(client, browser, indexer):
    member = create_user(Role.AMBASSADOR)
    db.session.commit()
    token = browser.token("/")
    browser.login(member.email)
    assert client.get(PAGE).status_code == 403
    response = client.post(PAGE, data={"csrf_token": token, "terms": "MDO = multidisciplinair"})
    assert response.status_code == 403
    assert client.post(f"{PAGE}/1/verwijderen", data={"csrf_token": token}).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchSynonym)) == 0


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"]


def test_without_the_csrf_token_nothing_is_added(client, browser):
    _moderator(browser)
    response = client.post(PAGE, data={"terms": "MDO = multidisciplinair overleg"})
    assert response.status_code in (200, 400)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchSynonym)) == 0


def test_a_wrong_group_gets_a_dutch_message(client, browser):
    _moderator(browser)
    cases = {
        "": "Vul minstens twee woorden in",
        "MDO": "Zet een =-teken tussen woorden",
        "MDO = de": "Op ‘de’ kan de zoekfunctie niet zoeken",
        "overleg = Overleggen": "zijn voor de zoekfunctie al hetzelfde woord",
        "BOA = buitengewoon opsporingsambtenaar": "Deze woorden zijn al synoniemen van elkaar",
        " = ".join(f"woord{n}" for n in range(11)): "Hoogstens 10 woorden per groep",
    }
    for terms, message in cases.items():
        response = _add(browser, terms)
        assert response.status_code == 200, terms
        html = response.get_data(as_text=True)
        assert message in html, terms
        assert 'aria-invalid="true"' in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchSynonym)) == 0


def test_a_change_of_synonyms_is_a_change_of_content(client, browser):
    """Visitors' pages and remembered search results are kept per content generation: adding or
    removing a group must start a new one, or a cached /zoeken page would miss the change."""
    from community import pagecache

    _moderator(browser)
    before = pagecache.current_generation()
    _add(browser, "MDO = multidisciplinair overleg")
    db.session.expire_all()
    added = pagecache.current_generation()
    assert added > before
    row_id = db.session.scalar(sa.select(SearchSynonym.id))
    browser.submit(f"{PAGE}/{row_id}/verwijderen", {}, form_url=PAGE)
    db.session.expire_all()
    assert pagecache.current_generation() > added
