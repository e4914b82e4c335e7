"""`flask demo seed`: the demo Community a newcomer logs into after `make run`."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from community import PROJECT_ROOT
from community.accounts.models import Role, User
from community.demo import content
from community.demo.services import seed_demo
from community.extensions import db
from community.invites.models import Invitation
from community.organisations.models import Organisation, OrganisationKind

DEMO_PASSWORD = "jeugdhulp-demo-2026"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def demo_email(role: str) -> str:
    """The demo login of a role: the first person with it in the content."""
    return next(p["email"] for p in content.PEOPLE if p["role"] == role)


ADMIN, AMBASSADOR, PROFESSIONAL = (demo_email(r) for r in ("admin", "ambassador", "professional"))


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def users_by_email() -> dict[str, User]:
    return {u.email: u for u in db.session.scalars(sa.select(User))}


def depth(user: User, users_by_id: dict[int, User]) -> int:
    """Invitation steps from someone who joined without an invitation."""
    steps = 0
    while user.invited_by_id is not None:
        user = users_by_id[user.invited_by_id]
        steps += 1
    return steps


def test_seed_creates_the_organisations_from_the_report(app):
    report = seed_demo(now=NOW)
    db.session.commit()
    orgs = {o.slug: o for o in db.session.scalars(sa.select(Organisation))}
    assert {
        "molendrift",
        "raad-voor-de-kinderbescherming",
        "jeugdbescherming-west",
        "jeugdbescherming-gelderland",
    } <= set(orgs)
    assert len(orgs) >= 5 and len(report.organisations) == len(orgs)
    assert orgs["molendrift"].name == "Molendrift"
    assert orgs["molendrift"].kind is OrganisationKind.YOUTH_CARE_PROVIDER
    assert orgs["molendrift"].region == "Groningen"
    assert orgs["raad-voor-de-kinderbescherming"].kind is OrganisationKind.CHILD_PROTECTION_BOARD
    assert orgs["jeugdbescherming-west"].kind is OrganisationKind.CERTIFIED_INSTITUTION
    assert all(o.email_domains and o.website.startswith("https://") for o in orgs.values())


def test_seed_creates_every_role_with_the_demo_password(app):
    seed_demo(now=NOW)
    db.session.commit()
    users = list(db.session.scalars(sa.select(User)))
    roles = [u.role for u in users]
    assert roles.count(Role.ADMIN) == 1
    assert roles.count(Role.MODERATOR) >= 1
    assert roles.count(Role.AMBASSADOR) >= 3
    assert roles.count(Role.PROFESSIONAL) >= 3
    # Nothing real is ever mailed: every address is under example.nl.
    assert all(u.email.endswith(".example.nl") for u in users)
    assert all(u.password_hash.startswith("$argon2id$") for u in users)
    assert len({u.password_hash for u in users}) == len(users)  # salted one by one
    ambassador = users_by_email()[AMBASSADOR]
    assert ambassador.role is Role.AMBASSADOR
    assert ambassador.organisation.slug == "molendrift" and ambassador.bio and ambassador.job_title


def test_invitation_tree_is_three_deep_and_matches_the_invitations(app):
    seed_demo(now=NOW)
    db.session.commit()
    users = {u.id: u for u in db.session.scalars(sa.select(User))}
    depths = {u.email: depth(u, users) for u in users.values()}
    assert max(depths.values()) == 3
    # Only ambassadors (and those above them) invite; professionals do not.
    assert all(
        users[u.invited_by_id].role >= Role.AMBASSADOR for u in users.values() if u.invited_by_id
    )

    # An invitation is always into an organisation: the moderator, who has none, has an inviter
    # but no invitation row.
    invited = [u for u in users.values() if u.invited_by_id is not None and u.organisation_id]
    accepted = {
        i.accepted_user_id: i
        for i in db.session.scalars(
            sa.select(Invitation).where(Invitation.accepted_at.is_not(None))
        )
    }
    assert set(accepted) == {u.id for u in invited}
    for user in invited:
        invitation = accepted[user.id]
        assert invitation.inviter_id == user.invited_by_id
        assert invitation.email == user.email
        assert invitation.organisation_id == user.organisation_id
        assert invitation.accepted_at == user.created_at
        assert invitation.created_at < invitation.accepted_at < invitation.expires_at
        assert users[user.invited_by_id].created_at < user.created_at
    hashes = [i.token_hash for i in db.session.scalars(sa.select(Invitation))]
    assert all(len(h) == 64 for h in hashes) and len(set(hashes)) == len(hashes)


def test_some_invitations_are_still_open(app):
    seed_demo(now=NOW)
    db.session.commit()
    open_ = list(db.session.scalars(sa.select(Invitation).where(Invitation.accepted_at.is_(None))))
    assert len(open_) == len(content.OPEN_INVITATIONS) >= 1
    for invitation in open_:
        assert invitation.revoked_at is None and invitation.expires_at > NOW
        assert invitation.email.endswith(".example.nl")
        assert invitation.inviter.role >= Role.AMBASSADOR
        assert invitation.organisation_id == invitation.inviter.organisation_id


def test_second_run_adds_nothing_and_still_prints_the_logins(app, runner):
    first = runner.invoke(args=["demo", "seed"])
    assert first.exit_code == 0, first.output
    assert "demo data added" in first.output
    before = (count(Organisation), count(User), count(Invitation))
    assert before[1] == len(content.PEOPLE)

    second = runner.invoke(args=["demo", "seed"])
    assert second.exit_code == 0, second.output
    assert "niets toegevoegd" in second.output and "nothing added" in second.output
    assert (count(Organisation), count(User), count(Invitation)) == before
    for output in (first.output, second.output):
        for email in (
            ADMIN,
            AMBASSADOR,
            PROFESSIONAL,
        ):
            assert email in output
        assert f"wachtwoord/password: {DEMO_PASSWORD}" in output
        assert "Ambassadeur (ambassador)" in output and "Lid (professional)" in output


def test_seed_completes_a_partly_seeded_database_and_keeps_what_is_there(app):
    molendrift = Organisation(
        name="Molendrift", slug="molendrift-groningen", kind=OrganisationKind.OTHER
    )
    db.session.add(molendrift)
    db.session.commit()
    report = seed_demo(now=NOW)
    db.session.commit()
    assert "Molendrift" not in report.organisations  # found by name, not added twice
    assert db.session.get(Organisation, molendrift.id).kind is OrganisationKind.OTHER
    assert users_by_email()[AMBASSADOR].organisation_id == molendrift.id
    assert seed_demo(now=NOW).added_anything is False


def test_demo_ambassador_can_log_in(app, runner, browser):
    assert runner.invoke(args=["demo", "seed"]).exit_code == 0
    response = browser.login(AMBASSADOR, DEMO_PASSWORD)
    assert response.headers["Location"] == "/"
    home = browser.get("/").get_data(as_text=True)
    assert users_by_email()[AMBASSADOR].name in home and "Uitloggen" in home


@pytest.mark.config(DEMO_PASSWORD="een-ander-demo-wachtwoord")
def test_demo_password_comes_from_config(app, runner, browser):
    result = runner.invoke(args=["demo", "seed"])
    assert "wachtwoord/password: een-ander-demo-wachtwoord" in result.output
    browser.login(PROFESSIONAL, "een-ander-demo-wachtwoord")


def test_a_changed_demo_password_is_not_printed_as_working(app, runner):
    seed_demo(now=NOW)
    from community.accounts.services import set_password

    set_password(users_by_email()[AMBASSADOR], "mijn-eigen-wachtwoord")
    db.session.commit()
    output = runner.invoke(args=["demo", "seed"]).output
    line = next(line for line in output.splitlines() if AMBASSADOR in line)
    assert "demo password no longer works" in line and DEMO_PASSWORD not in line


@pytest.mark.config(DEMO_PASSWORD="kort")
def test_a_too_short_demo_password_is_refused_and_nothing_is_added(app, runner):
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code != 0
    assert "DEMO_PASSWORD" in result.output and "minstens" in result.output
    assert count(User) == 0 and count(Organisation) == 0


@pytest.mark.config(SITE_URL="https://jeugdhulp-community.example.nl")
def test_seed_refuses_a_public_site_unless_forced(app, runner):
    refused = runner.invoke(args=["demo", "seed"])
    assert refused.exit_code != 0 and "--force" in refused.output
    assert count(User) == 0
    forced = runner.invoke(args=["demo", "seed", "--force"])
    assert forced.exit_code == 0 and count(User) == len(content.PEOPLE)


def test_readme_lists_the_demo_logins_the_seed_prints():
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert all(email in readme for email in (ADMIN, AMBASSADOR, PROFESSIONAL))
    assert DEMO_PASSWORD in readme


def test_people_joined_in_the_past_before_their_first_demo_post(app):
    from community.demo.services import _first_post_days_ago

    seed_demo(now=NOW)
    db.session.commit()
    by_key = {p["key"]: users_by_email()[p["email"]] for p in content.PEOPLE}
    assert all(user.created_at < NOW for user in by_key.values())
    for key, days_ago in _first_post_days_ago().items():
        assert (NOW - by_key[key].created_at).days > days_ago, key


def test_the_seeded_database_has_planner_statistics_from_the_start(app, runner):
    # `make run` seeds once; without statistics SQLite plans search's lookups badly until the
    # nightly job runs (community/database.py).
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's autovacuum keeps its own statistics")
    db.session.execute(sa.text("DROP TABLE IF EXISTS sqlite_stat1"))
    db.session.commit()
    assert runner.invoke(args=["demo", "seed"]).exit_code == 0
    analysed = set(db.session.scalars(sa.text("SELECT tbl FROM sqlite_stat1")))
    assert {"posts", "users", "replies"} <= analysed
