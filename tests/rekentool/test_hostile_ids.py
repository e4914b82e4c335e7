"""Scenario ids the rekentool reads from a form or query string are bounded like URL ids: a huge
or non-numeric id names no scenario (a Dutch answer), never a database overflow (500)."""

from __future__ import annotations

import pytest

from community.extensions import db
from tests.factories import create_user
from tests.rekentool.test_pages import text_of, tool_fields

HUGE = str(2**64)


@pytest.fixture
def member(browser):
    user = create_user(email="anna@example.nl")
    db.session.commit()
    browser.login(user.email)
    return user


@pytest.mark.config(PROPAGATE_EXCEPTIONS=False)
@pytest.mark.parametrize("value", [HUGE, "abc", "-1"])
def test_saving_with_a_scenario_id_that_names_nothing_saves_a_new_scenario(
    client, browser, member, value
):
    fields = tool_fields(text_of(client.get("/rekentool/"))) | {"l-0-oop": "1000"}
    response = browser.submit(
        "/rekentool/opslaan",
        fields | {"name": "Nu", "scenario_id": value},
        form_url="/rekentool/",
    )
    assert response.status_code == 302


@pytest.mark.config(PROPAGATE_EXCEPTIONS=False)
@pytest.mark.parametrize("value", [HUGE, "abc"])
def test_comparing_with_an_id_that_names_nothing_asks_for_two_scenarios(client, member, value):
    response = client.get(f"/rekentool/vergelijken?a={value}&b=1")
    assert response.status_code in (302, 404)
