"""Admins add, edit and merge themes; nobody else can, and old links keep working."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.follows.models import Follow
from community.themes import services
from community.themes.models import Theme, ThemeRedirect, post_themes
from tests.factories import create_post, create_subscriber, create_theme, create_user

ADMIN_PAGES = (
    "/beheer/themas",
    "/beheer/themas/nieuw",
    "/beheer/themas/{id}/bewerken",
    "/beheer/themas/samenvoegen",
)


@pytest.fixture
def admin(app, browser):
    user = create_user(Role.ADMIN)
    db.session.commit()
    browser.login(user.email)
    return user


def theme_ids_of(post_id: int) -> set[int]:
    rows = db.session.execute(
        sa.select(post_themes.c.theme_id).where(post_themes.c.post_id == post_id)
    )
    return {theme_id for (theme_id,) in rows}


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.AMBASSADOR, Role.MODERATOR])
def test_only_admins_reach_theme_administration(app, browser, role):
    theme = create_theme()
    user = create_user(role)
    db.session.commit()
    browser.login(user.email)
    for page in ADMIN_PAGES:
        assert browser.get(page.format(id=theme.id)).status_code == 403, page
    token = browser.token("/")
    for page in ADMIN_PAGES[1:]:
        response = browser.client.post(
            page.format(id=theme.id), data={"csrf_token": token, "name": "Overgenomen"}
        )
        assert response.status_code == 403, page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Theme)) == 1
    assert db.session.get(Theme, theme.id).name != "Overgenomen"


def test_visitors_are_sent_to_log_in(app, client):
    theme = create_theme()
    db.session.commit()
    for page in ADMIN_PAGES:
        response = client.get(page.format(id=theme.id))
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/inloggen?next=")


def test_admin_adds_theme_with_slug_made_from_its_name(app, browser, admin):
    response = browser.submit(
        "/beheer/themas/nieuw",
        {
            "name": "  Werken   in het Caribisch deel & Saba ",
            "description": "Over jeugdhulp op de eilanden.",
        },
    )
    assert response.status_code == 302
    theme = db.session.scalar(sa.select(Theme))
    assert theme.name == "Werken in het Caribisch deel & Saba"
    assert theme.slug == "werken-in-het-caribisch-deel-en-saba"
    assert "is toegevoegd" in browser.get("/beheer/themas").get_data(as_text=True)
    assert browser.get(f"/themas/{theme.slug}").status_code == 200


def test_slugify_folds_accents_and_ampersands():
    assert (
        services.slugify("Duurzame inzetbaarheid & vitaliteit")
        == "duurzame-inzetbaarheid-en-vitaliteit"
    )
    assert services.slugify("Geïnspireerd café!") == "geinspireerd-cafe"
    assert services.slugify("???") == ""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "Geef het thema een naam."),
        ({"name": "x" * 81}, "Een naam is hoogstens 80 tekens."),
        ({"name": "Goed", "description": "d" * 501}, "Een beschrijving is hoogstens 500 tekens."),
        ({"name": "Goed", "position": "vijf"}, "Vul een heel getal in, zoals 5."),
        ({"name": "Goed", "position": "-1"}, "Kies een volgorde tussen 0 en 10.000."),
        ({"name": "Goed", "slug": "Met Spaties"}, "alleen kleine letters, cijfers en streepjes"),
        ({"name": "!!!"}, "Kies een naam met letters of cijfers."),
        ({"name": "inwerken"}, "Er is al een thema met deze naam."),
        ({"name": "Anders", "slug": "inwerken"}, "Er is al een thema met dit webadres."),
    ],
)
def test_bad_theme_input_gets_a_dutch_message(app, browser, admin, data, message):
    create_theme("Inwerken", slug="inwerken")
    db.session.commit()
    response = browser.submit("/beheer/themas/nieuw", data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Theme)) == 1


def test_editing_a_slug_keeps_the_old_link_working(app, browser, admin):
    theme = create_theme("Werkdruk", slug="werkdruk")
    db.session.commit()
    response = browser.submit(
        f"/beheer/themas/{theme.id}/bewerken",
        {
            "name": "Werkdruk & administratieve last",
            "slug": "werkdruk-en-administratieve-last",
            "description": "Minder papier.",
            "position": "3",
        },
    )
    assert response.status_code == 302
    db.session.refresh(theme)
    assert (theme.slug, theme.position) == ("werkdruk-en-administratieve-last", 3)
    old = browser.get("/themas/werkdruk?vragen=2&_external=1")
    assert old.status_code == 301
    assert old.headers["Location"] == "/themas/werkdruk-en-administratieve-last?vragen=2"
    assert browser.get("/feeds/themas/werkdruk.atom").headers["Location"] == (
        "/feeds/themas/werkdruk-en-administratieve-last.atom"
    )


def test_new_theme_may_take_an_old_slug(app):
    admin = create_user(Role.ADMIN)
    first = create_theme("Eerste", slug="eerste")
    services.update_theme(admin, first, {"name": "Eerste", "slug": "nieuw-adres"})
    again = services.create_theme(admin, {"name": "Weer eerste", "slug": "eerste"})
    assert services.find_theme("eerste") == (again, None)
    assert db.session.get(ThemeRedirect, "eerste") is None


def test_unknown_theme_id_gets_404(app, browser, admin):
    assert browser.get("/beheer/themas/999999/bewerken").status_code == 404
    assert browser.get("/beheer/themas/99999999999999999999/bewerken").status_code == 404


def test_merge_moves_posts_and_follows_without_duplicates(app, browser, admin):
    source = create_theme("Begeleiding", slug="begeleiding")
    target = create_theme("Mentorschap", slug="mentorschap")
    other = create_theme("Leiderschap", slug="leiderschap")
    only_source = create_post(themes=[source, other])
    both = create_post(themes=[source, target])
    only_target = create_post(themes=[target])
    follows_source, follows_both, follows_target = create_user(), create_user(), create_user()
    db.session.add_all(
        [
            Follow(user_id=follows_source.id, theme_id=source.id),
            Follow(user_id=follows_both.id, theme_id=source.id),
            Follow(user_id=follows_both.id, theme_id=target.id),
            Follow(user_id=follows_target.id, theme_id=target.id),
        ]
    )
    db.session.commit()
    source_id = source.id

    response = browser.submit(
        "/beheer/themas/samenvoegen",
        {"source": str(source_id), "target": str(target.id), "confirm": "y"},
    )
    assert response.status_code == 302
    assert db.session.get(Theme, source_id) is None
    assert theme_ids_of(only_source.id) == {target.id, other.id}
    assert theme_ids_of(both.id) == {target.id}
    assert theme_ids_of(only_target.id) == {target.id}
    follows = db.session.execute(sa.select(Follow.user_id, Follow.theme_id)).all()
    assert sorted(follows) == sorted(
        [
            (follows_source.id, target.id),
            (follows_both.id, target.id),
            (follows_target.id, target.id),
        ]
    )
    assert "‘Begeleiding’ is opgegaan in ‘Mentorschap’: 2 berichten en 1 volger verhuisd." in (
        browser.get("/beheer/themas").get_data(as_text=True)
    )
    moved = browser.get("/themas/begeleiding")
    assert (moved.status_code, moved.headers["Location"]) == (301, "/themas/mentorschap")


def test_merging_twice_keeps_every_old_slug_pointing_at_the_survivor(app):
    admin = create_user(Role.ADMIN)
    a, b, c = (
        create_theme(slug="a-thema"),
        create_theme(slug="b-thema"),
        create_theme(slug="c-thema"),
    )
    services.merge_themes(admin, a, b)
    services.merge_themes(admin, b, c)
    assert services.find_theme("a-thema") == (None, c)
    assert services.find_theme("b-thema") == (None, c)


def test_merge_keeps_the_theme_choice_of_followers_by_e_mail(app):
    from community.digest.models import subscriber_themes

    admin = create_user(Role.ADMIN)
    source = create_theme("Begeleiding", slug="begeleiding")
    target = create_theme("Mentorschap", slug="mentorschap")
    other = create_theme("Leiderschap", slug="leiderschap")
    only_source = create_subscriber(themes=[source, other])
    both = create_subscriber(themes=[source, target])
    services.merge_themes(admin, source, target)
    db.session.commit()

    rows = db.session.execute(sa.select(subscriber_themes)).all()
    assert sorted((row.subscriber_id, row.theme_id) for row in rows) == sorted(
        [(only_source.id, other.id), (only_source.id, target.id), (both.id, target.id)]
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"source": "1", "target": "1", "confirm": "y"}, "Kies twee verschillende thema&#39;s"),
        ({"source": "987654", "target": "1", "confirm": "y"}, "Kies een thema uit de lijst."),
        ({"source": "abc", "target": "1", "confirm": "y"}, "Kies een thema uit de lijst."),
        (
            {"source": "0", "target": "1", "confirm": "y"},
            "Kies het thema dat opgaat in het andere.",
        ),
        ({"source": "1", "target": "2"}, "Vink aan dat je de thema&#39;s echt wilt samenvoegen."),
    ],
)
def test_bad_merge_input_gets_a_dutch_message(app, browser, admin, data, message):
    first, second = create_theme(), create_theme()
    db.session.commit()
    ids = {"1": str(first.id), "2": str(second.id)}
    data = {k: ids.get(v, v) if k != "confirm" else v for k, v in data.items()}
    response = browser.submit("/beheer/themas/samenvoegen", data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Theme)) == 2


def test_theme_services_refuse_non_admins(app):
    moderator = create_user(Role.MODERATOR)
    a, b = create_theme(), create_theme()
    with pytest.raises(NotAllowed):
        services.merge_themes(moderator, a, b)
    with pytest.raises(NotAllowed):
        services.create_theme(moderator, {"name": "Nieuw"})
    with pytest.raises(DomainError):
        services.merge_themes(create_user(Role.ADMIN), a, a)


def test_merge_without_csrf_token_changes_nothing(app, browser, admin):
    a, b = create_theme(), create_theme()
    db.session.commit()
    response = browser.client.post(
        "/beheer/themas/samenvoegen", data={"source": a.id, "target": b.id, "confirm": "y"}
    )
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Theme)) == 2


def test_bad_edit_keeps_the_theme_as_it_was(app, browser, admin):
    create_theme("Leiderschap", slug="leiderschap")
    theme = create_theme("Zelforganisatie", slug="zelforganisatie")
    theme.position = 4
    db.session.commit()
    for data, message in (
        ({"name": "leiderschap", "position": "4"}, "Er is al een thema met deze naam."),
        (
            {"name": "Zelforganisatie", "slug": "leiderschap"},
            "Er is al een thema met dit webadres.",
        ),
        ({"name": "Zelforganisatie", "position": "1e6"}, "Vul een heel getal in, zoals 5."),
    ):
        response = browser.submit(f"/beheer/themas/{theme.id}/bewerken", data)
        assert response.status_code == 200 and message in response.get_data(as_text=True)
    db.session.refresh(theme)
    assert (theme.name, theme.slug, theme.position) == ("Zelforganisatie", "zelforganisatie", 4)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ThemeRedirect)) == 0


def test_renaming_back_and_forth_leaves_one_redirect(app):
    admin = create_user(Role.ADMIN)
    theme = create_theme("Vitaliteit", slug="vitaliteit")
    services.update_theme(admin, theme, {"name": "Vitaliteit", "slug": "fit-blijven"})
    services.update_theme(admin, theme, {"name": "Vitaliteit", "slug": "vitaliteit"})
    assert services.find_theme("vitaliteit") == (theme, None)
    assert services.find_theme("fit-blijven") == (None, theme)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ThemeRedirect)) == 1
