"""The Dutch analyser, the synonym list and compound splitting, without an index."""

from __future__ import annotations

from community.search import analysis
from community.search.query import parse
from community.search.snippets import highlight


def test_words_are_folded_stemmed_and_stop_words_dropped():
    assert analysis.stems("Geïnspireerde collega's in de jeugdhulp") == [
        "geinspireerd",
        "collega",
        "jeugdhulp",
    ]
    assert analysis.stems("vragen") == analysis.stems("vraag")
    assert analysis.stems("begeleiding") == analysis.stems("begeleiden")
    assert analysis.stems("de het een en van") == []


def test_synonym_list_is_data_with_the_field_abbreviations():
    labels = {label.lower() for group in analysis.synonym_groups() for label in group.labels}
    for expected in (
        "gi",
        "gecertificeerde instelling",
        "rvdk",
        "raad voor de kinderbescherming",
        "jb",
        "jeugdbescherming",
        "azw",
        "poh-jeugd",
        "praktijkondersteuner jeugd",
        "vt",
        "skj",
    ):
        assert expected in labels
    assert all(len(group.variants) > 1 for group in analysis.synonym_groups())


def test_a_synonym_matches_across_stop_words():
    terms = analysis.stems("Raad voor de Kinderbescherming")
    length, group = analysis.match_synonym(terms, 0)
    assert length == 2 and ("rvdk",) in group.variants


def test_compound_is_split_into_parts_the_vocabulary_knows():
    vocabulary = {"jeugdhulp", "hulpverlener", "inwerk", "programma", "arbeid", "markt"}
    assert ["jeugdhulp", "hulpverlener"] in analysis.split_compound(
        "jeugdhulpverlener", vocabulary.__contains__
    )
    assert analysis.split_compound("inwerkprogramma", vocabulary.__contains__) == [
        ["inwerk", "programma"]
    ]
    assert analysis.split_compound("arbeidsmarkt", vocabulary.__contains__) == [["arbeid", "markt"]]
    # Unknown parts are never invented.
    assert analysis.split_compound("inwerktraject", vocabulary.__contains__) == []
    assert analysis.known_parts("inwerktraject", vocabulary.__contains__) == ["inwerk"]
    assert analysis.split_compound("kort", vocabulary.__contains__) == []


def test_query_parser_reads_phrases_negation_and_or():
    parsed = parse('"warme overdracht" inwerken -stage mentor OR buddy')
    assert [[c.to_string() for c in group] for group in parsed.groups] == [
        ['"warme overdracht"'],
        ["inwerken"],
        ["mentor", "buddy"],
    ]
    assert [c.to_string() for c in parsed.negated] == ["-stage"]


def test_query_parser_survives_broken_input():
    assert parse('"unbalanced quote').groups[0][0].text == "unbalanced quote"
    for raw in [
        "OR",
        "-",
        "*",
        '""',
        "- OR -",
        "\x00\x07",
        "",
        None,
        "a" * 5000,
        "OR OR inwerken OR",
    ]:
        parse(raw)  # no exception
    assert parse("OR OR inwerken OR").to_string() == "inwerken"
    assert len(parse("woord " * 1000).text) <= 200


def test_snippet_escapes_text_and_marks_matching_words():
    snippet, score = highlight("Eerst <script>x</script> vragen over inwerken.", {"vrag", "inwerk"})
    assert (
        snippet
        == "Eerst &lt;script&gt;x&lt;/script&gt; <mark>vragen</mark> over <mark>inwerken</mark>."
    )
    assert "<mark>vragen</mark>" in snippet and "<mark>inwerken</mark>" in snippet
    assert score == 2


def test_lemmas_reach_diminutives_and_separable_verbs():
    assert analysis.stems("ingewerkt") == analysis.stems("inwerken") == analysis.stems("inwerkt")
    assert analysis.stems("gesprekje") == analysis.stems("gesprek")
    assert analysis.stems("belletjes") == analysis.stems("bel")
    assert analysis.stems("opgepakt") == analysis.stems("oppakken")


def test_compounds_are_split_by_the_lexicon_at_index_time():
    from community.search import lexicon

    assert lexicon.split("jeugdhulpverlener") == ("jeugd", "hulpverlener")
    assert lexicon.split("gezinsvoogd") == ("gezin", "voogd")
    assert lexicon.split("werkbegeleiding") == ("werk", "begeleiding")
    # Derived words and common words stay whole.
    assert lexicon.split("onderzoek") == () and lexicon.split("begeleiding") == ()
    indexed = [t.text for t in analysis.dutch_analyzer(parts=True)("jeugdhulpverleners")]
    assert indexed == ["jeugdhulpverlener", "~jeugd", "~hulpverlener"]
    assert analysis.stems("jeugdhulpverleners") == ["jeugdhulpverlener"]
