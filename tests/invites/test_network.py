"""'Mijn netwerk': the tree of people who joined through me, counted per level, in one query."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from community.accounts.models import Role
from community.extensions import db
from community.invites.network import invitation_network
from tests.factories import create_organisation, create_user


@pytest.fixture
def tree():
    """me -> anna -> (bram -> dirk), chris ; me -> eva ; someone else's branch stays out."""
    org = create_organisation()
    me = create_user(Role.AMBASSADOR, name="Ik", organisation=org)
    anna = create_user(Role.AMBASSADOR, name="Anna", organisation=org, invited_by_id=me.id)
    eva = create_user(name="Eva", organisation=org, invited_by_id=me.id)
    bram = create_user(Role.AMBASSADOR, name="Bram", organisation=org, invited_by_id=anna.id)
    chris = create_user(name="Chris", organisation=org, invited_by_id=anna.id)
    dirk = create_user(name="Dirk", organisation=org, invited_by_id=bram.id)
    stranger = create_user(Role.AMBASSADOR, name="Vreemd", organisation=org)
    create_user(name="Van vreemd", organisation=org, invited_by_id=stranger.id)
    db.session.commit()
    return {u.name: u for u in (me, anna, eva, bram, chris, dirk)}


def test_network_holds_everyone_who_joined_through_me_per_level(app, tree):
    network = invitation_network(tree["Ik"])
    assert network.per_level == [2, 2, 1]
    assert network.total == 5
    assert [n.user.name for n in network.roots] == ["Anna", "Eva"]
    anna = network.roots[0]
    assert [n.user.name for n in anna.children] == ["Bram", "Chris"]
    assert [n.user.name for n in anna.children[0].children] == ["Dirk"]
    assert anna.size == 3 and network.roots[1].size == 0


def test_network_is_loaded_in_one_query(app, tree):
    statements: list[str] = []

    def count(*_args):
        statements.append(_args[2])

    db.session.expire_all()
    me = db.session.get(type(tree["Ik"]), tree["Ik"].id)
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        network = invitation_network(me)
        names = [n.user.organisation.name for n in network.roots]  # organisations come along
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 1, statements
    assert len(names) == 2


def test_empty_network(app):
    loner = create_user(Role.AMBASSADOR)
    network = invitation_network(loner)
    assert network.total == 0 and network.roots == [] and network.per_level == []
