"""The privacy guard against a wide set of spellings (tests/data/privacy_variants.py):
every identifying variant caught, ordinary text with figures left alone."""

from __future__ import annotations

from datetime import date

from community.privacy import find_personal_data, is_valid_bsn
from tests.data import privacy_variants as v

TODAY = date(2025, 6, 1)


def _misses(cases, *, url=False):
    return [
        (kind, text)
        for kind, text in cases
        if kind not in {f.kind for f in find_personal_data(text, today=TODAY, url=url)}
    ]


def test_the_variant_set_is_large_and_its_bsns_pass_the_elfproef():
    assert len(v.IDENTIFYING) + len(v.IDENTIFYING_URLS) >= 150
    assert len(v.ORDINARY) + len(v.ORDINARY_URLS) >= 100
    assert all(is_valid_bsn(bsn) for bsn in v.B)
    assert all(not is_valid_bsn(v.failing(bsn)) for bsn in v.B)


def test_every_identifying_variant_is_caught():
    assert _misses(v.IDENTIFYING) == []


def test_identifying_data_in_a_web_address_is_caught():
    assert _misses(v.IDENTIFYING_URLS, url=True) == []


def test_ordinary_text_full_of_figures_raises_at_most_one_false_alarm():
    alarms = [
        (text, [(f.kind.value, f.text) for f in find_personal_data(text, today=TODAY)])
        for text in v.ORDINARY
    ]
    alarms += [
        (url, [(f.kind.value, f.text) for f in find_personal_data(url, today=TODAY, url=True)])
        for url in v.ORDINARY_URLS
    ]
    false_alarms = [alarm for alarm in alarms if alarm[1]]
    assert len(false_alarms) <= 1, false_alarms  # none today; one would be tolerated
