"""One pending invitation per address per organisation, one open access request per address.

The services check before they insert; the database's partial unique indexes make that check
hold when two requests pass it at the same moment (PostgreSQL, READ COMMITTED), and the loser
gets the answer a sequential duplicate gets: never a 500, never a second mail.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from sqlalchemy.exc import IntegrityError

from community import PROJECT_ROOT, create_app
from community.accounts.models import Role, User
from community.clock import utcnow
from community.errors import DomainError
from community.extensions import db
from community.invites.access_requests import decline_access_request, request_access
from community.invites.models import AccessRequest, AccessRequestStatus, Invitation
from community.invites.services import invite_colleagues
from community.organisations.models import Organisation, OrganisationKind
from tests.factories import (
    create_access_request,
    create_invitation,
    create_organisation,
    create_user,
)

ADDRESS = "bram@molendrift.nl"


def pending_invitations(address: str = ADDRESS) -> list[Invitation]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            sa.select(Invitation).where(
                Invitation.email == address,
                Invitation.accepted_at.is_(None),
                Invitation.revoked_at.is_(None),
            )
        )
    )


def open_requests(address: str) -> list[AccessRequest]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            sa.select(AccessRequest).where(
                AccessRequest.email == address, AccessRequest.status == AccessRequestStatus.OPEN
            )
        )
    )


# The database's own rule


@pytest.mark.parametrize("close", ["accepted_at", "revoked_at"])
def test_a_second_pending_invitation_is_refused_until_the_first_is_closed(app, ambassador, close):
    first, _ = create_invitation(ambassador, email=ADDRESS)
    db.session.commit()
    colleague = create_user(Role.AMBASSADOR, organisation=ambassador.organisation)
    db.session.commit()
    with pytest.raises(IntegrityError):
        create_invitation(colleague, email=ADDRESS)
    db.session.rollback()
    setattr(first, close, utcnow())
    db.session.commit()
    create_invitation(colleague, email=ADDRESS)
    db.session.commit()
    assert [i.inviter_id for i in pending_invitations()] == [colleague.id]


def test_an_expired_invitation_holds_its_place_in_its_own_organisation_only(app, ambassador):
    create_invitation(ambassador, email=ADDRESS, now=utcnow() - timedelta(days=20))
    db.session.commit()
    with pytest.raises(IntegrityError):
        create_invitation(ambassador, email=ADDRESS)
    db.session.rollback()
    elsewhere = create_organisation("Raad voor de Kinderbescherming")
    create_invitation(create_user(Role.ADMIN), email=ADDRESS, organisation=elsewhere)
    db.session.commit()
    assert len(pending_invitations()) == 2


@pytest.mark.parametrize("decided", [AccessRequestStatus.APPROVED, AccessRequestStatus.DECLINED])
def test_a_second_open_access_request_is_refused_until_the_first_is_decided(app, org, decided):
    first = create_access_request(email="fatima@molendrift.nl", organisation=org)
    db.session.commit()
    with pytest.raises(IntegrityError):
        create_access_request(email="fatima@molendrift.nl", organisation=None)
    db.session.rollback()
    first.status, first.decided_at = decided, utcnow()
    db.session.commit()
    create_access_request(email="fatima@molendrift.nl", organisation=None)
    db.session.commit()
    (still_open,) = open_requests("fatima@molendrift.nl")
    assert still_open.id != first.id


# Two requests at the same moment (PostgreSQL only: SQLite's BEGIN IMMEDIATE serialises writers)


def needs_postgresql() -> None:
    if db.engine.dialect.name == "sqlite":
        pytest.skip("SQLite serialises writers with BEGIN IMMEDIATE; needs PostgreSQL")


@contextmanager
def racing(statement_start: str, other_request) -> Iterator[list[str]]:
    """Run `other_request` to its commit, in its own thread and session, right before our
    statement starting with `statement_start` runs: the worst interleaving, made certain."""
    raced: list[str] = []

    def before(_conn, _cursor, statement, *_args) -> None:
        if statement.startswith(statement_start) and not raced:
            raced.append(statement)
            thread = threading.Thread(target=other_request)
            thread.start()
            thread.join(timeout=30)

    sa.event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield raced
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", before)


@pytest.mark.parametrize(
    ("second", "told"),
    [
        ("colleague", "bram@molendrift.nl: al uitgenodigd door Bram de Vries."),
        ("self", "bram@molendrift.nl: al uitgenodigd in de afgelopen 24 uur"),
    ],
    ids=["two-ambassadors", "double-click"],
)
def test_inviting_an_address_twice_at_once_makes_one_invitation_and_one_mail(
    app, browser, ambassador, org, outbox, second, told
):
    needs_postgresql()
    colleague = create_user(
        Role.AMBASSADOR, email="bram.vries@molendrift.nl", name="Bram de Vries", organisation=org
    )
    db.session.commit()
    first_inviter_id = colleague.id if second == "colleague" else ambassador.id
    browser.login("anna@molendrift.nl")

    def other_request() -> None:
        with app.app_context():
            inviter = db.session.get(User, first_inviter_id)
            invite_colleagues(inviter, [ADDRESS], Role.PROFESSIONAL, "")
            db.session.commit()
            db.session.remove()

    with racing("INSERT INTO invitations", other_request) as raced:
        # Chris goes in first; Bram is taken by the other request before ours gets to him.
        response = browser.submit(
            "/uitnodigingen/nieuw",
            {"emails": f"chris@molendrift.nl\n{ADDRESS}", "role": "professional", "message": ""},
        )
    assert raced, "the other request ran while ours was about to insert"
    assert response.status_code == 302
    page = browser.get("/uitnodigingen").get_data(as_text=True)
    assert "Je uitnodiging is verstuurd naar chris@molendrift.nl." in page and told in page
    (invitation,) = pending_invitations()
    assert invitation.inviter_id == first_inviter_id
    assert len(pending_invitations("chris@molendrift.nl")) == 1
    # One mail each: Bram's from the other request only, Chris's not lost with our savepoint.
    assert sorted(m["To"] for m in outbox()) == [ADDRESS, "chris@molendrift.nl"]


def test_an_access_request_sent_twice_at_once_is_stored_once(app, browser, org):
    needs_postgresql()
    fields = {
        "name": "Fatima Yilmaz",
        "email": "fatima@molendrift.nl",
        "organisation_name": "",
        "motivation": "Ik wil leren van andere gezinsvoogden.",
    }

    def other_request() -> None:
        with app.app_context():
            request_access(organisation=db.session.get(Organisation, org.id), **fields)
            db.session.commit()
            db.session.remove()

    with racing("INSERT INTO access_requests", other_request) as raced:
        response = browser.submit("/toegang-aanvragen", {**fields, "organisation": str(org.id)})
    assert raced
    assert response.status_code == 200
    assert "Je aanvraag met dit e-mailadres hebben we al." in response.get_data(as_text=True)
    assert len(open_requests("fatima@molendrift.nl")) == 1


# Migration 0008 closes the duplicates an older version could leave


@pytest.fixture
def migrated_app(tmp_path, database_url):
    """An app on an empty database of its own, and an Alembic config for it."""
    if database_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'migrated.db'}"
    else:
        schema = "migration_0008"
        url = f"{database_url}{'&' if '?' in database_url else '?'}options=-csearch_path%3D{schema}"
        engine = sa.create_engine(database_url)
        with engine.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
        engine.dispose()
    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "SQLALCHEMY_DATABASE_URI": url}
    )
    config = AlembicConfig(str(PROJECT_ROOT / "migrations" / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    with app.app_context():
        yield config
        db.session.remove()
        db.engine.dispose()


def test_migration_009_keeps_the_newest_and_closes_the_other_duplicates(migrated_app):
    config = migrated_app
    command.upgrade(config, "008")
    now = datetime.now(UTC)
    days = lambda n: now - timedelta(days=n)  # noqa: E731
    # The invitations table as 008/009 know it: later revisions add columns.
    later = {"mail_failed_at", "mail_error"}
    invitations = sa.table(
        "invitations",
        *(sa.column(c.name, c.type) for c in Invitation.__table__.c if c.name not in later),
    )
    requests = AccessRequest.__table__
    with db.engine.begin() as connection:
        kind = OrganisationKind.OTHER
        connection.execute(
            sa.insert(Organisation.__table__),
            [
                {"id": 1, "name": "Molendrift", "slug": "molendrift", "kind": kind},
                {"id": 2, "name": "Elders", "slug": "elders", "kind": kind},
            ],
        )

        def invitation(id_, org_id, email, sent, **closed):
            return {
                "id": id_, "organisation_id": org_id, "email": email, "token_hash": f"{id_:064d}",
                "created_at": sent, "last_sent_at": sent, "expires_at": sent + timedelta(days=14),
                "accepted_at": None, "revoked_at": None, "role": Role.PROFESSIONAL,
                "message": "", "send_count": 1, **closed,
            }  # fmt: skip

        connection.execute(
            sa.insert(invitations),
            [
                invitation(1, 1, "a@x.nl", days(20)),  # expired: closed
                invitation(2, 1, "a@x.nl", days(2)),  # the most recently sent: stays
                invitation(3, 1, "a@x.nl", days(5)),  # open, but older: closed
                invitation(4, 1, "a@x.nl", days(1), accepted_at=days(1)),  # accepted: untouched
                invitation(5, 2, "a@x.nl", days(9)),  # another organisation: stays
                invitation(6, 1, "b@x.nl", days(30)),  # alone, expired: stays renewable
                invitation(7, 1, "c@x.nl", days(3), revoked_at=days(30)),  # revoked: untouched
            ],
        )

        def request(id_, email, created, status="open"):
            return {"id": id_, "name": "N", "email": email, "status": status, "created_at": created}

        connection.execute(
            sa.insert(requests),
            [
                request(1, "f@x.nl", days(3)),  # older duplicate: declined
                request(2, "f@x.nl", days(1)),  # newest: stays open
                request(3, "f@x.nl", days(9), "approved"),  # decided: untouched
                request(4, "g@x.nl", days(4)),  # alone: stays open
            ],
        )

    command.upgrade(config, "009")

    with db.engine.connect() as connection:
        rows = connection.execute(sa.select(invitations).order_by(invitations.c.id)).all()
        revoked = {row.id for row in rows if row.revoked_at is not None}
        assert revoked == {1, 3, 7}
        assert rows[0].revoked_at > rows[6].revoked_at, "closed now, 7 keeps its own date"
        decided = connection.execute(
            sa.select(requests.c.id, requests.c.status, requests.c.decided_at).order_by(
                requests.c.id
            )
        ).all()
        assert [(r.id, r.status) for r in decided] == [
            (1, AccessRequestStatus.DECLINED),
            (2, AccessRequestStatus.OPEN),
            (3, AccessRequestStatus.APPROVED),
            (4, AccessRequestStatus.OPEN),
        ]
        assert decided[0].decided_at is not None
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(sa.insert(invitations), [invitation(8, 1, "a@x.nl", now)])
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(sa.insert(requests), [request(5, "g@x.nl", now)])

    command.downgrade(config, "008")
    with db.engine.begin() as connection:
        connection.execute(sa.insert(requests), [request(5, "g@x.nl", now)])


def test_two_deciders_at_once_one_decision_and_one_mail(app, browser, org, outbox):
    """A moderator declines while an ambassador approves: the applicant must not get both an
    invitation and a refusal. The second decider waits for the first and is told it is done."""
    needs_postgresql()
    access_request = create_access_request(
        name="Fatima Yilmaz", email="fatima@molendrift.nl", organisation=org
    )
    create_user(Role.AMBASSADOR, email="anna.decides@molendrift.nl", organisation=org)
    moderator = create_user(Role.MODERATOR, email="mod@example.nl")
    db.session.commit()
    request_id, moderator_id = access_request.id, moderator.id
    browser.login("anna.decides@molendrift.nl")
    outcome: dict[str, str] = {}

    def other_decider() -> None:
        with app.app_context():
            try:
                decline_access_request(
                    db.session.get(User, moderator_id), db.session.get(AccessRequest, request_id)
                )
                db.session.commit()
                outcome["declined"] = "yes"
            except DomainError as error:
                db.session.rollback()
                outcome["told"] = error.message
            finally:
                db.session.remove()

    other = threading.Thread(target=other_decider)

    def before(_conn, _cursor, statement, *_args) -> None:
        # Our approval has passed its check and is about to invite: the other decider starts
        # now and gets two seconds to get in between.
        if statement.startswith("INSERT INTO invitations") and other.ident is None:
            other.start()
            other.join(timeout=2)

    sa.event.listen(db.engine, "before_cursor_execute", before)
    try:
        response = browser.submit(
            f"/toegangsverzoeken/{request_id}/goedkeuren",
            {f"goedkeuren-{request_id}-role": "professional"},
            form_url="/toegangsverzoeken",
        )
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", before)
    assert other.ident is not None, "the other decider ran while our approval was inviting"
    other.join(timeout=30)
    assert response.status_code == 302
    assert outcome == {"told": "Over de aanvraag van Fatima Yilmaz is al beslist."}
    decided = db.session.get(AccessRequest, request_id)
    assert decided.status is AccessRequestStatus.APPROVED
    assert [m["To"] for m in outbox()] == ["fatima@molendrift.nl"]  # the invitation only


def test_a_database_stamped_before_the_renumbering_upgrades(migrated_app):
    """The migration files were renumbered in chain order; a database that an earlier release
    stamped with an old id ("0019", now "015") is restamped and upgrades to the head."""
    config = migrated_app
    command.upgrade(config, "015")
    with db.engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0019'"))
    command.upgrade(config, "head")
    with db.engine.connect() as connection:
        version = connection.scalar(sa.text("SELECT version_num FROM alembic_version"))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert version == head  # the newest migration, whichever that is now
