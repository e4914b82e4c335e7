"""Organisations: admins create and edit them; everyone sees their page with ambassadors."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.organisations import services
from community.organisations.models import Organisation, OrganisationKind
from community.organisations.services import OrganisationData
from tests.conftest import Browser
from tests.factories import create_organisation, create_user

MOLENDRIFT = OrganisationData(
    name="Molendrift",
    kind=OrganisationKind.YOUTH_CARE_PROVIDER,
    region="Groningen",
    website="molendrift.nl",
    email_domains="Molendrift.nl\n@jeugd.molendrift.nl, molendrift.nl",
)


# --- Services -----------------------------------------------------------------------------


def test_admin_creates_organisation_with_slug_domains_and_website(app):
    admin = create_user(Role.ADMIN)
    organisation = services.create_organisation(admin, MOLENDRIFT)
    assert organisation.slug == "molendrift"
    assert organisation.website == "https://molendrift.nl"
    assert organisation.email_domains == ["jeugd.molendrift.nl", "molendrift.nl"]


def test_slugs_are_unique_and_readable(app):
    admin = create_user(Role.ADMIN)
    create_organisation("Bestaand", slug="raad-voor-de-kinderbescherming")
    data = OrganisationData(
        name="Raad voor de Kinderbescherming", kind=OrganisationKind.CHILD_PROTECTION_BOARD
    )
    assert services.create_organisation(admin, data).slug == "raad-voor-de-kinderbescherming-2"
    assert (
        services.slugify("Jeugdhulp Friesland & Zeeuwse Café’s")
        == "jeugdhulp-friesland-zeeuwse-cafes"
    )


def test_names_are_unique_whatever_the_case(app):
    admin = create_user(Role.ADMIN)
    services.create_organisation(admin, MOLENDRIFT)
    with pytest.raises(DomainError) as caught:
        services.create_organisation(
            admin, OrganisationData(name="MOLENDRIFT", kind=OrganisationKind.OTHER)
        )
    assert caught.value.field == "name"


@pytest.mark.parametrize(
    "website",
    [
        "javascript:alert(1)",
        "ftp://molendrift.nl",
        "data:text/html,hoi",
        "https://",
        "http://a b.nl",
    ],
)
def test_only_http_and_https_websites(app, website):
    admin = create_user(Role.ADMIN)
    data = OrganisationData(name="X", kind=OrganisationKind.OTHER, website=website)
    with pytest.raises(DomainError) as caught:
        services.create_organisation(admin, data)
    assert caught.value.field == "website"


@pytest.mark.parametrize(
    "domains", ["niet een domein!", "molendrift", "a@b@c.nl", "x" * 300 + ".nl"]
)
def test_malformed_email_domains_are_refused(app, domains):
    admin = create_user(Role.ADMIN)
    data = OrganisationData(name="X", kind=OrganisationKind.OTHER, email_domains=domains)
    with pytest.raises(DomainError) as caught:
        services.create_organisation(admin, data)
    assert caught.value.field == "email_domains"


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.AMBASSADOR, Role.MODERATOR])
def test_only_admins_create_and_edit_organisations(app, role):
    actor, organisation = create_user(role), create_organisation("Oud")
    with pytest.raises(NotAllowed):
        services.create_organisation(actor, MOLENDRIFT)
    with pytest.raises(NotAllowed):
        services.update_organisation(actor, organisation, MOLENDRIFT)


def test_renaming_keeps_the_slug(app):
    admin = create_user(Role.ADMIN)
    organisation = services.create_organisation(admin, MOLENDRIFT)
    services.update_organisation(
        admin, organisation, OrganisationData(name="Molendrift Noord", kind=OrganisationKind.OTHER)
    )
    assert organisation.name == "Molendrift Noord" and organisation.slug == "molendrift"


def test_counts_only_active_members_and_ambassador_roles(app):
    organisation = create_organisation("Molendrift")
    create_user(Role.AMBASSADOR, name="Bram", organisation=organisation)
    create_user(Role.MODERATOR, name="Anna", organisation=organisation)
    create_user(Role.PROFESSIONAL, organisation=organisation)
    create_user(Role.AMBASSADOR, organisation=organisation, is_active=False)
    create_user(Role.AMBASSADOR)  # another organisation
    assert services.member_count(organisation) == 3
    assert [u.name for u in db.session.scalars(services.ambassadors_of(organisation))] == [
        "Anna",
        "Bram",
    ]
    rows = {o.name: (m, a) for o, m, a in db.session.execute(services.organisations_with_counts())}
    assert rows["Molendrift"] == (3, 2)


# --- Pages --------------------------------------------------------------------------------


def test_public_organisation_page_lists_ambassadors_and_member_count(app, client):
    organisation = create_organisation("Molendrift", slug="molendrift", region="Groningen")
    create_user(
        Role.AMBASSADOR,
        name="Bram Visser",
        job_title="Gedragswetenschapper",
        organisation=organisation,
    )
    for _ in range(11):
        create_user(organisation=organisation)
    db.session.commit()
    html = client.get("/organisaties/molendrift").get_data(as_text=True)
    assert "Bram Visser" in html and "Gedragswetenschapper" in html
    assert "12 leden" in html and "Jeugdhulpaanbieder" in html and "Groningen" in html
    assert "/leden/" not in html  # visitors do not get links to members-only profiles
    listing = client.get("/organisaties").get_data(as_text=True)
    assert "Molendrift" in listing and "12 leden" in listing and "1 ambassadeur" in listing
    assert client.get("/organisaties/bestaat-niet").status_code == 404


def test_organisation_pages_do_not_load_members_one_by_one(app, client):
    organisation = create_organisation("Groot", slug="groot")
    for n in range(5):
        create_organisation(f"Ander {n}")
    for _ in range(20):
        create_user(Role.AMBASSADOR, organisation=organisation)
    db.session.commit()
    statements: list[str] = []

    def count(*_args):
        statements.append("x")

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        client.get("/organisaties/groot")
        detail_queries = len(statements)
        statements.clear()
        client.get("/organisaties")
        list_queries = len(statements)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    # The detail page: organisation, ambassadors, member count and its figures (stats), plus
    # SQLite's BEGIN.
    assert detail_queries <= 5 and list_queries <= 3


@pytest.fixture
def admin_browser(app, client):
    admin = create_user(Role.ADMIN, email="beheer@example.nl")
    db.session.commit()
    browser = Browser(client)
    browser.login(admin.email)
    return browser


def test_admin_creates_and_edits_an_organisation_through_the_pages(app, admin_browser):
    form = admin_browser.get("/beheer/organisaties/nieuw").get_data(as_text=True)
    assert (
        "Gecertificeerde instelling" in form
        and "één per regel of gescheiden door spaties" in form.lower()
    )
    response = admin_browser.submit(
        "/beheer/organisaties/nieuw",
        {
            "name": "Jeugdbescherming west",
            "kind": "gecertificeerde_instelling",
            "region": "Haaglanden",
            "website": "https://www.jbwest.nl",
            "email_domains": "jbwest.nl",
        },
    )
    assert response.headers["Location"] == "/organisaties/jeugdbescherming-west"
    organisation = db.session.scalars(
        sa.select(Organisation).where(Organisation.slug == "jeugdbescherming-west")
    ).one()
    assert organisation.kind is OrganisationKind.CERTIFIED_INSTITUTION

    admin_browser.submit(
        "/beheer/organisaties/jeugdbescherming-west/bewerken",
        {
            "name": "Jeugdbescherming west",
            "kind": "gecertificeerde_instelling",
            "region": "Zuid-Holland",
            "website": "",
            "email_domains": "jbwest.nl jeugdbeschermingwest.nl",
        },
    )
    db.session.refresh(organisation)
    assert organisation.region == "Zuid-Holland" and organisation.website == ""
    assert organisation.email_domains == ["jbwest.nl", "jeugdbeschermingwest.nl"]
    assert "Jeugdbescherming west" in admin_browser.get("/beheer/organisaties").get_data(
        as_text=True
    )


def count_named(name: str) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Organisation.id)).where(Organisation.name == name)
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"website": "javascript:alert(1)"}, "begint met http:// of https://"),
        ({"kind": "koninkrijk"}, "Kies een soort uit de lijst."),
        ({"name": "x" * 151}, "De naam mag hoogstens 150 tekens zijn."),
        ({"email_domains": "geen domein!"}, "is geen geldig domein"),
    ],
)
def test_bad_organisation_input_is_refused_in_dutch_and_nothing_is_saved(
    app, admin_browser, data, message
):
    valid = {
        "name": "Veilig Thuis Utrecht",
        "kind": "veilig_thuis",
        "region": "",
        "website": "",
        "email_domains": "",
    }
    response = admin_browser.submit("/beheer/organisaties/nieuw", {**valid, **data})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert count_named("Veilig Thuis Utrecht") == count_named("x" * 151) == 0


def test_organisation_form_without_csrf_or_too_big_changes_nothing(app, admin_browser):
    data = {"name": "Veilig Thuis", "kind": "veilig_thuis"}
    assert admin_browser.client.post("/beheer/organisaties/nieuw", data=data).status_code == 400
    big = admin_browser.submit(
        "/beheer/organisaties/nieuw", {**data, "region": "x" * (2 * 1024 * 1024)}
    )
    assert big.status_code == 413
    assert count_named("Veilig Thuis") == 0


def test_kind_select_starts_with_an_empty_choice_and_requires_one(app, admin_browser):
    """A <select required> must begin with an empty placeholder option (HTML): without one the
    first kind was silently preselected on a new organisation."""
    form = admin_browser.get("/beheer/organisaties/nieuw").get_data(as_text=True)
    select = re.search(r'<select[^>]*name="kind"[^>]*>(.*?)</select>', form, re.S)
    assert select and "required" in select.group(0)
    first = re.search(r"<option[^>]*>[^<]*</option>", select.group(1)).group(0)
    assert first == '<option value="">Kies een soort</option>'

    response = admin_browser.submit(
        "/beheer/organisaties/nieuw", {"name": "Veilig Thuis Drenthe", "kind": ""}
    )
    assert "Kies wat voor organisatie het is." in response.get_data(as_text=True)
    assert count_named("Veilig Thuis Drenthe") == 0

    organisation = create_organisation("Molendrift", slug="molendrift")
    db.session.commit()
    edit = admin_browser.get("/beheer/organisaties/molendrift/bewerken").get_data(as_text=True)
    assert f'<option selected value="{organisation.kind.value}">' in edit
