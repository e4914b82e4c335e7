"""Merging theme A into B keeps everything that pointed at A, wherever it lives.

Every table with a foreign key to `themes.id` deletes its rows with the theme (ON DELETE
CASCADE), so a merge that forgets one silently loses them: a help request without its theme,
an ambassador's "ik denk mee" offer without the themes they offered. The first test reads the
models' metadata, so a new table that links to themes fails here until it says how its rows are
made (`MAKERS`) and moves them on `theme_merged`, or says why they stay behind (`STAYS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.colleagues import services as colleagues
from community.extensions import db
from community.follows import services as follows
from community.support import services as support
from community.themes import services as themes
from community.themes.models import Theme
from tests.factories import (
    create_organisation,
    create_post,
    create_subscriber,
    create_theme,
    create_user,
)

# Tables whose rows deliberately do not move to the surviving theme: table -> why.
STAYS: dict[str, str] = {}


def _support_input(theme_ids: list[int]) -> support.SupportInput:
    return support.SupportInput(
        goal="We willen nieuwe collega's beter inwerken, maar missen tijd en een plan.",
        tried="Een buddy per starter.",
        theme_ids=theme_ids,
        region="Gelderland",
        help_kind="gesprek",
        urgency="deze_maand",
    )


def _ambassador():
    return create_user(Role.AMBASSADOR, organisation=create_organisation())


# Per table: make one row linked to `themes`, through the feature's own service where it has one.
# Each maker is called twice: with [A] alone, and with [A, B] (B already there: no duplicate).
MAKERS = {
    "post_themes": lambda ts: create_post(themes=ts),
    "follows": lambda ts: [follows.follow(user, theme=t) for user in [create_user()] for t in ts],
    "theme_redirects": lambda ts: themes.update_theme(
        create_user(Role.ADMIN), ts[0], {"name": ts[0].name, "slug": f"{ts[0].slug}-nieuw"}
    ),
    "member_expertise": lambda ts: colleagues.set_expertise(create_user(), [t.id for t in ts]),
    "subscriber_themes": lambda ts: create_subscriber(themes=ts),
    "support_request_themes": lambda ts: support.ask_for_support(
        create_user(organisation=create_organisation()), _support_input([t.id for t in ts])
    ),
    "sparring_offer_themes": lambda ts: support.set_sparring_offer(
        _ambassador(), True, [t.id for t in ts], "Utrecht", 3
    ),
}


@dataclass(frozen=True)
class ThemeLink:
    """A column pointing at themes.id, and the columns that say whose link a row is."""

    table: sa.Table
    column: sa.Column
    owner: tuple[sa.Column, ...]

    def rows(self) -> list[tuple[tuple, int]]:
        """(owner, theme id) for every row."""
        result = db.session.execute(sa.select(*self.owner, self.column)).all()
        return [(tuple(row[:-1]), row[-1]) for row in result]


def theme_links() -> list[ThemeLink]:
    """Every column with a foreign key to themes.id. A row's owner is the rest of the unique
    key the column is part of (post_themes: the post), else the table's primary key."""
    found = []
    for table in db.metadata.tables.values():
        for column in table.columns:
            if not any(fk.target_fullname == "themes.id" for fk in column.foreign_keys):
                continue
            keys = [table.primary_key] + [
                c for c in table.constraints if isinstance(c, sa.UniqueConstraint)
            ]
            with_column = [k for k in keys if column.name in k.columns]
            owner = (
                [c for c in with_column[0].columns if c is not column]
                if with_column
                else list(table.primary_key.columns)
            )
            found.append(ThemeLink(table, column, tuple(owner)))
    return sorted(found, key=lambda link: (link.table.name, link.column.name))


def test_every_table_linking_to_themes_is_covered():
    tables = {link.table.name for link in theme_links()}
    assert tables - set(MAKERS) - set(STAYS) == set(), "say how to make a row, or why it stays"
    assert set(MAKERS) - tables == set() and set(STAYS) - tables == set()


@pytest.mark.parametrize("table_name", sorted(set(MAKERS) - set(STAYS)))
def test_merge_moves_every_row_that_pointed_at_the_merged_theme(app, table_name):
    (link,) = [link for link in theme_links() if link.table.name == table_name]
    source = create_theme("Begeleiding", slug="begeleiding")
    target = create_theme("Mentorschap", slug="mentorschap")
    MAKERS[table_name]([source])
    MAKERS[table_name]([source, target])
    db.session.commit()
    before = link.rows()
    owners_of_source = {owner for owner, theme_id in before if theme_id == source.id}
    assert len(owners_of_source) == 2, "the maker made no row pointing at the theme"
    owners_of_target = {owner for owner, theme_id in before if theme_id == target.id}
    source_id, target_id = source.id, target.id

    themes.merge_themes(create_user(Role.ADMIN), source, target)
    db.session.commit()

    after = link.rows()
    assert db.session.get(Theme, source_id) is None
    for owner in owners_of_source | owners_of_target:
        assert [t for o, t in after if o == owner] == [target_id], (table_name, owner)
    assert len(after) == len(set(after)), f"{table_name}: a row is there twice"


# The user's way: an admin merges on the admin page -----------------------------------------


def _checked_themes(html: str) -> set[int]:
    boxes = re.findall(r'<input[^>]*name="themes"[^>]*>', html)
    return {int(re.search(r'value="(\d+)"', box).group(1)) for box in boxes if " checked" in box}


def test_after_an_admin_merges_help_requests_and_ik_denk_mee_keep_the_theme(app, browser):
    source = create_theme("Begeleiding", slug="begeleiding")
    target = create_theme("Mentorschap", slug="mentorschap")
    other = create_theme("Behouden", slug="behouden")
    ambassador = _ambassador()
    support.set_sparring_offer(ambassador, True, [source.id, other.id], "Gelderland", 3)
    asker = create_user(organisation=create_organisation())
    request = support.ask_for_support(asker, _support_input([source.id]))
    admin = create_user(Role.ADMIN)
    db.session.commit()
    source_id = source.id

    browser.login(admin.email)
    response = browser.submit(
        "/beheer/themas/samenvoegen",
        {"source": str(source_id), "target": str(target.id), "confirm": "y"},
    )
    assert response.status_code == 302
    assert db.session.get(Theme, source_id) is None
    browser.logout()

    browser.login(ambassador.email)
    offer_page = browser.get("/ik-denk-mee").get_data(as_text=True)
    assert _checked_themes(offer_page) == {target.id, other.id}
    browser.logout()

    browser.login(asker.email)
    request_page = browser.get(f"/hulpvragen/{request.id}").get_data(as_text=True)
    assert ">Mentorschap</a>" in request_page
    # And a new request about the surviving theme is put before the ambassador.
    new = support.ask_for_support(create_user(), _support_input([target.id]))
    assert [m.user.id for m in support.matches(new)] == [ambassador.id]
