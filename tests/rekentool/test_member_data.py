"""Saved scenarios and team rounds are a member's own data: in their export, gone with their
account (the user row stays, anonymised, so ON DELETE CASCADE alone would keep them)."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from community.accounts.models import Role
from community.extensions import db
from community.mydata.deletion import delete_member_account
from community.mydata.export import export_member_data
from community.readiness import services as readiness
from community.readiness.models import Response, Round
from community.rekentool import services as rekentool
from community.rekentool.models import Scenario
from tests.factories import create_user


def _fill(user):
    data = rekentool.blank_input()
    data.lines[0].oop = Decimal("1528")
    rekentool.save_scenario(user, "Zoals het nu gaat", data)
    round_, _ = readiness.start_round(user, "Team Noord", 14)
    readiness.answer_round(round_, {q.key: True for q in readiness.QUESTIONS})


def test_export_holds_scenarios_and_rounds_but_no_answers(app):
    anna = create_user(Role.AMBASSADOR)
    _fill(anna)
    exported = export_member_data(anna)
    (scenario,) = exported["rekentool_scenarios"]
    assert scenario["name"] == "Zoals het nu gaat"
    assert scenario["data"]["lines"][0]["oop"] == "1528"
    (round_,) = exported["teamrondes"]
    assert round_["title"] == "Team Noord" and round_["antwoorden"] == 1
    assert "token_hash" not in round_


def test_deleting_the_account_removes_scenarios_rounds_and_their_answers(app):
    anna = create_user(Role.AMBASSADOR)
    _fill(anna)
    delete_member_account(anna, remove_content=True)
    for model in (Scenario, Round, Response):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(model)) == 0, model
