"""Shared pieces for the privacy-rights tests."""

from __future__ import annotations

import json

from tests.sql import counted_statements  # noqa: F401 (the privacy tests import it from here)


def downloaded(response) -> dict:
    assert response.status_code == 200, response.status_code
    return json.loads(response.get_data(as_text=True))
