"""The sector's Dutch, kind by kind, through /zoeken over HTTP: compounds, diminutives,
abbreviations both ways, separable verbs, term frequency and the title.

Posts are created through the factories and committed; the app's after-commit hook brings the
index up to date (no sync call), as it does after a member posts.
"""

from __future__ import annotations

import pytest

from tests.search.conftest import post, search_titles

FILLER = "Een verhaal uit de praktijk van ons team."


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("hulpverlener", "Ervaringen als jeugdhulpverlener in de wijk"),
        ("begeleiding", "Hoe wij werkbegeleiding organiseren"),
    ],
)
def test_a_part_finds_the_compound(client, indexer, query, title):
    post(title=title, body=FILLER)
    post(title="Roosters voor de zomer", body=FILLER)
    assert search_titles(client, q=query) == [title]


def test_two_words_find_the_compound(client, indexer):
    post(title="Nieuwe collega in de jeugdbescherming", body=FILLER)
    post(title="Roosters voor de zomer", body=FILLER)
    assert search_titles(client, q="jeugd bescherming") == ["Nieuwe collega in de jeugdbescherming"]


def test_the_whole_word_ranks_above_a_part_only_match(client, indexer):
    post(title="Een jeugdhulpverlener vertelt", body=FILLER)
    post(title="Een hulpverlener vertelt", body=FILLER)
    assert search_titles(client, q="hulpverlener") == [
        "Een hulpverlener vertelt",
        "Een jeugdhulpverlener vertelt",
    ]


def test_the_diminutive_finds_the_base_and_back(client, indexer):
    post(title="Een kort gesprekje met de ouders", body=FILLER)
    post(title="Het gesprek met de rechter", body=FILLER)
    post(title="Roosters voor de zomer", body=FILLER)
    assert set(search_titles(client, q="gesprek")) == {
        "Een kort gesprekje met de ouders",
        "Het gesprek met de rechter",
    }
    assert set(search_titles(client, q="gesprekje")) == {
        "Een kort gesprekje met de ouders",
        "Het gesprek met de rechter",
    }


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("kinderbescherming", "Stage lopen bij de RvdK"),
        ("Raad voor de Kinderbescherming", "Stage lopen bij de RvdK"),
        ("RvdK", "Werken voor de Raad voor de Kinderbescherming"),
        ("RvdK", "Onderzoek door de kinderbescherming"),
    ],
)
def test_the_full_name_finds_the_abbreviation_and_back(client, indexer, query, title):
    post(title=title, body=FILLER)
    post(title="Roosters voor de zomer", body=FILLER)
    assert search_titles(client, q=query) == [title]


@pytest.mark.parametrize("written", ["Hoe snel was je ingewerkt?", "Zo inwerkt ons team starters"])
def test_inwerken_finds_the_inflected_separable_verb(client, indexer, written):
    post(title=written, body=FILLER)
    post(title="Roosters voor de zomer", body=FILLER)
    assert search_titles(client, q="inwerken") == [written]


@pytest.mark.parametrize("query", ["werkte in", "werkte hij in", "werkt in"])
def test_a_split_separable_verb_finds_the_joined_verb(client, indexer, query):
    # "werkte in" is "inwerken" typed as a main clause writes it; "in" alone is a stop word.
    post(title="Hoe snel was je ingewerkt?", body=FILLER)
    post(title="Roosters voor de zomer", body=FILLER)
    assert search_titles(client, q=query) == ["Hoe snel was je ingewerkt?"]


def test_the_split_verb_ranks_its_joined_verb_above_the_plain_verb(client, indexer):
    # The plain verb still matches ("in" may be a preposition: "werkte in Utrecht"), below it.
    # The plain-verb post is written first, so a tie would put it first.
    post(title="Werken in de wijk", body=FILLER)
    post(title="Ingewerkt in de wijk", body=FILLER)
    assert search_titles(client, q="werkte in") == ["Ingewerkt in de wijk", "Werken in de wijk"]


def test_a_word_used_five_times_ranks_above_once(client, indexer):
    # Same length in every field: only how often "werkdruk" occurs differs.
    once = "werkdruk " + " ".join(["rooster"] * 9)
    five = " ".join(["werkdruk"] * 5) + " " + " ".join(["rooster"] * 5)
    # The five-times post is written first, so a tie would put it second.
    post(title="Verhaal B", body=five)
    post(title="Verhaal A", body=once)
    assert search_titles(client, q="werkdruk") == ["Verhaal B", "Verhaal A"]


def test_the_title_beats_the_body(client, indexer):
    post(title="Supervisie voor de zomer", body="Tips en meer.")
    post(title="Tips voor de zomer", body="Over supervisie en meer.")
    assert search_titles(client, q="supervisie") == [
        "Supervisie voor de zomer",
        "Tips voor de zomer",
    ]


def test_did_you_mean_never_offers_another_form_of_a_correct_word(client, indexer):
    # "begeleidingen" is spelled right; titles only know "begeleiding", two letters away.
    post(title="Over begeleiding", body=FILLER)
    post(title="Een verhaal", body="Twee begeleidingen tegelijk.")
    html = client.get("/zoeken", query_string={"q": "begeleidingen"}).get_data(as_text=True)
    assert "Een verhaal" in html
    assert "Bedoelde je" not in html


def test_words_side_by_side_rank_above_words_apart(client, indexer):
    # Same words, same length; only their distance differs. The close one is written first,
    # so a tie would put it second.
    post(title="Verhaal B", body="Warme overdracht van het dossier aan een collega en koffie dag.")
    post(title="Verhaal A", body="Overdracht van het dossier aan een collega, warme dag en koffie.")
    assert search_titles(client, q="warme overdracht") == ["Verhaal B", "Verhaal A"]


def test_a_recent_question_ranks_above_an_old_one_alike(client, indexer):
    from datetime import timedelta

    from community.clock import utcnow

    post(title="Supervisie in het team", body=FILLER, created_at=utcnow())
    post(title="Supervisie in het team?", body=FILLER, created_at=utcnow() - timedelta(days=900))
    titles = search_titles(client, q="supervisie")
    assert titles == ["Supervisie in het team", "Supervisie in het team?"]
