"""A worker loads the Dutch lexicons beside its first request, so the first visitor who searches
does not wait two seconds for them."""

from __future__ import annotations

import time

from community import create_app
from community.search import lexicon
from tests.conftest import make_config


def test_a_workers_first_request_loads_the_lexicons_in_the_background(tmp_path, database_url, app):
    lexicon.frequencies.cache_clear()
    lexicon._known.cache_clear()
    served = create_app(make_config(tmp_path / "served", database_url, TESTING=False))
    assert served.test_client().get("/privacy").status_code == 200
    deadline = time.monotonic() + 30
    while lexicon._known.cache_info().currsize == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert lexicon.frequencies.cache_info().currsize == 1
    assert lexicon._known.cache_info().currsize == 1
