"""Atom feeds: valid Atom 1.0, public posts only, whoever asks."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

from community.accounts.models import Role
from community.clock import utcnow
from community.extensions import db
from community.posts.models import PostKind, Visibility
from tests.conftest import Browser
from tests.factories import create_post, create_theme, create_user

A = "{http://www.w3.org/2005/Atom}"


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.get_data())
    assert root.tag == f"{A}feed"
    return root


def entries(root: ET.Element) -> dict[str, ET.Element]:
    """Entries by title (without the 'Vraag: ' / 'Goed voorbeeld: ' prefix)."""
    return {e.findtext(f"{A}title").split(": ", 1)[1]: e for e in root.findall(f"{A}entry")}


def test_recent_feed_is_valid_atom_with_absolute_links(app, client):
    theme = create_theme("Inwerken", slug="inwerken")
    practice = create_post(
        PostKind.PRACTICE,
        title="Werven, selecteren en landen",
        themes=[theme],
        summary="Uitstroom na één jaar van 17% naar 3% & meer.",
    )
    question = create_post(
        title="Hoe lang duurt inwerken bij jullie?", body="Bij ons <drie> maanden."
    )
    db.session.commit()

    root = parse(client.get("/feeds/recent.atom"))
    assert root.findtext(f"{A}id") == "http://localhost/feeds/recent.atom"
    assert root.findtext(f"{A}title") == "Nieuw in de Jeugdhulp Community"
    assert root.findtext(f"{A}updated").endswith("Z")
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")}
    assert links == {"self": "http://localhost/feeds/recent.atom", "alternate": "http://localhost/"}

    found = entries(root)
    assert set(found) == {"Werven, selecteren en landen", "Hoe lang duurt inwerken bij jullie?"}
    entry = found["Werven, selecteren en landen"]
    assert (
        entry.findtext(f"{A}id")
        == f"tag:localhost,{practice.created_at:%Y-%m-%d}:post-{practice.id}"
    )
    assert entry.findtext(f"{A}published") and entry.findtext(f"{A}updated")
    assert entry.findtext(f"{A}author/{A}name") == practice_author_name(practice)
    assert (
        entry.find(f"{A}link").get("href")
        == f"http://localhost/goede-voorbeelden/{practice.id}-{practice.slug}"
    )
    assert entry.findtext(f"{A}summary") == "Uitstroom na één jaar van 17% naar 3% & meer."
    assert entry.find(f"{A}category").get("term") == "inwerken"
    assert (
        found["Hoe lang duurt inwerken bij jullie?"].findtext(f"{A}summary")
        == "Bij ons <drie> maanden."
    )
    assert (
        found["Hoe lang duurt inwerken bij jullie?"]
        .find(f"{A}link")
        .get("href")
        .startswith(f"http://localhost/vragen/{question.id}-")
    )


def practice_author_name(post) -> str:
    from community.accounts.models import User

    return db.session.get(User, post.author_id).name


def test_feed_never_holds_members_only_hidden_or_deleted_posts_whoever_asks(app):
    create_post(title="Openbare vraag over werkdruk")
    create_post(title="Vraag alleen voor leden", visibility=Visibility.MEMBERS)
    create_post(title="Verborgen vraag", hidden_at=utcnow())
    create_post(title="Verwijderde vraag", deleted_at=utcnow())
    admin = create_user(Role.ADMIN)
    db.session.commit()

    visitor = app.test_client()
    logged_in = Browser(app.test_client())
    logged_in.login(admin.email)
    for client in (visitor, logged_in.client):
        assert set(entries(parse(client.get("/feeds/recent.atom")))) == {
            "Openbare vraag over werkdruk"
        }


def test_anonymous_asker_is_masked(app, client):
    create_post(
        title="Durf ik dit te vragen over mijn team?",
        is_anonymous=True,
        author=create_user(name="Geheime Gerrit"),
    )
    db.session.commit()
    body = client.get("/feeds/recent.atom").get_data(as_text=True)
    assert "Geheime Gerrit" not in body
    entry = entries(ET.fromstring(body.encode()))["Durf ik dit te vragen over mijn team?"]
    assert entry.findtext(f"{A}author/{A}name") == "Een lid van de Community"


def test_feed_holds_the_fifty_newest(app, client):
    start = utcnow() - timedelta(days=100)
    for n in range(55):
        create_post(title=f"Vraag {n:02d} over behouden", created_at=start + timedelta(days=n))
    db.session.commit()
    titles = [
        e.findtext(f"{A}title")
        for e in parse(client.get("/feeds/recent.atom")).findall(f"{A}entry")
    ]
    assert len(titles) == 50
    assert (
        titles[0] == "Vraag: Vraag 54 over behouden"
        and titles[-1] == "Vraag: Vraag 05 over behouden"
    )


def test_theme_feed_holds_only_that_themes_public_posts(app, client):
    theme = create_theme("Moreel letsel", slug="moreel-letsel")
    other = create_theme("Leiderschap", slug="leiderschap")
    create_post(title="Praten na een uithuisplaatsing", themes=[theme])
    create_post(
        title="Alleen voor leden over moreel letsel", themes=[theme], visibility=Visibility.MEMBERS
    )
    create_post(title="Teamleider die ruimte geeft", themes=[other])
    db.session.commit()
    root = parse(client.get("/feeds/themas/moreel-letsel.atom"))
    assert set(entries(root)) == {"Praten na een uithuisplaatsing"}
    assert root.findtext(f"{A}title") == "Moreel letsel · Jeugdhulp Community"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")}
    assert links["alternate"] == "http://localhost/themas/moreel-letsel"
    assert links["self"] == "http://localhost/feeds/themas/moreel-letsel.atom"
    assert client.get("/feeds/themas/bestaat-niet.atom").status_code == 404


def test_empty_feed_is_still_valid(app, client):
    create_theme(slug="leeg")
    db.session.commit()
    root = parse(client.get("/feeds/themas/leeg.atom"))
    assert root.findall(f"{A}entry") == [] and root.findtext(f"{A}updated")


def test_hostile_text_is_escaped_and_control_characters_dropped(app, client):
    create_post(
        title='</title><script>alert("x")</script> & co\x0b',
        body="Tekst met \x0c nul & <b>vet</b>",
        body_html="<p>Tekst met\x0c nul &amp; &lt;b&gt;vet&lt;/b&gt;</p>",
    )
    db.session.commit()
    response = client.get("/feeds/recent.atom")
    raw = response.get_data(as_text=True)
    assert "<script>" not in raw
    entry = parse(response).find(f"{A}entry")
    assert entry.findtext(f"{A}title") == 'Vraag: </title><script>alert("x")</script> & co'
    assert entry.findtext(f"{A}summary") == "Tekst met nul & <b>vet</b>"


def test_feed_answers_not_modified_to_a_reader_that_has_it(app, client):
    create_post()
    db.session.commit()
    first = client.get("/feeds/recent.atom")
    again = client.get("/feeds/recent.atom", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_every_page_links_the_recent_feed(app, client):
    html = client.get("/").get_data(as_text=True)
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Nieuw in de Jeugdhulp Community" href="/feeds/recent.atom">' in html
    )
