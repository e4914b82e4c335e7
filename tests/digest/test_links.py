"""The links in every digest: preferences without a login, and one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

import sqlalchemy as sa

from community.digest import links, services
from community.digest.models import Frequency, Subscriber
from community.digest.settings import settings_of
from community.extensions import db
from community.follows.models import Follow
from tests.factories import create_subscriber, create_theme, create_user


def token_for(subscriber: Subscriber) -> str:
    return links.recipient_token(links.SUBSCRIBER, subscriber.id, subscriber.email)


def fresh(subscriber: Subscriber) -> Subscriber:
    db.session.expire_all()
    return db.session.get(Subscriber, subscriber.id)


def test_one_click_post_unsubscribes_without_login_or_csrf_and_repeating_is_harmless(client):
    subscriber = create_subscriber(themes=[create_theme()])
    other = create_subscriber()
    url = f"/afmelden/{token_for(subscriber)}"
    response = client.post(url, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200  # never a redirect: mail providers do not follow one
    assert "Je bent afgemeld" in response.get_data(as_text=True)
    stopped_at = fresh(subscriber).unsubscribed_at
    assert stopped_at is not None
    assert fresh(other).unsubscribed_at is None  # only the one the token names

    again = client.post(url, data={"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200
    assert fresh(subscriber).unsubscribed_at == stopped_at


def test_opening_the_unsubscribe_link_only_shows_a_button(client):
    subscriber = create_subscriber()
    response = client.get(f"/afmelden/{token_for(subscriber)}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ja, meld mij af" in html and 'method="post"' in html
    assert fresh(subscriber).unsubscribed_at is None


def test_tampered_tokens_change_nothing_and_get_a_dutch_page(client, browser):
    subscriber = create_subscriber()
    token = token_for(subscriber)
    forged = links.recipient_token(links.SUBSCRIBER, subscriber.id, "iemand@anders.nl")
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged, "zomaar"):
        posted = client.post(f"/afmelden/{bad}")
        assert posted.status_code == 400 and "Deze link klopt niet" in posted.get_data(as_text=True)
        assert client.get(f"/afmelden/{bad}").status_code == 404
        saved = browser.submit(f"/nieuwsbrief/{bad}", {"frequency": "daily"}, form_url="/volgen")
        assert saved.status_code == 404 and "Deze link klopt niet" in saved.get_data(as_text=True)
    kept = fresh(subscriber)
    assert kept.unsubscribed_at is None and kept.frequency is Frequency.WEEKLY


def test_preferences_page_changes_themes_and_frequency_without_a_login(browser):
    first, second = create_theme("Inwerken"), create_theme("Behouden")
    subscriber = create_subscriber(themes=[first])
    url = f"/nieuwsbrief/{token_for(subscriber)}"
    html = browser.get(url).get_data(as_text=True)
    assert subscriber.email in html and f'value="{first.id}" checked' in html
    response = browser.submit(url, {"themes": [str(second.id)], "frequency": "daily"})
    assert response.status_code == 302
    changed = services.subscriber_by_email(subscriber.email)
    assert changed.frequency is Frequency.DAILY and [t.name for t in changed.themes] == ["Behouden"]


def test_preferences_without_any_theme_are_refused_and_nothing_changes(browser):
    theme = create_theme()
    subscriber = create_subscriber(themes=[theme])
    url = f"/nieuwsbrief/{token_for(subscriber)}"
    response = browser.submit(url, {"frequency": "daily"})
    assert "Kies minstens één thema" in response.get_data(as_text=True)
    kept = services.subscriber_by_email(subscriber.email)
    assert kept.frequency is Frequency.WEEKLY and [t.id for t in kept.themes] == [theme.id]


def test_saving_preferences_after_unsubscribing_turns_the_digest_back_on(browser):
    subscriber = create_subscriber(all_themes=True)
    url = f"/nieuwsbrief/{token_for(subscriber)}"
    browser.client.post(f"/afmelden/{token_for(subscriber)}")
    assert "je bent afgemeld" in browser.get(url).get_data(as_text=True)
    browser.submit(url, {"all_themes": "y"})
    assert fresh(subscriber).unsubscribed_at is None


def test_member_chooses_digest_themes_in_settings_as_the_themes_they_follow(browser):
    member = create_user(email="lid@example.nl")
    keep, drop, add = create_theme(), create_theme(), create_theme()
    db.session.add_all([Follow(user_id=member.id, theme_id=t.id) for t in (keep, drop)])
    browser.login("lid@example.nl")
    html = browser.get("/instellingen/nieuwsbrief").get_data(as_text=True)
    assert 'id="digest_enabled"' in html and "checked" in html
    response = browser.submit(
        "/instellingen/nieuwsbrief",
        {"digest_enabled": "y", "frequency": "daily", "themes": [str(keep.id), str(add.id)]},
    )
    assert response.status_code == 302
    db.session.expire_all()
    followed = set(
        db.session.scalars(sa.select(Follow.theme_id).where(Follow.user_id == member.id))
    )
    assert followed == {keep.id, add.id}
    assert (
        settings_of(member.id).frequency is Frequency.DAILY
        and settings_of(member.id).all_themes is False
    )

    browser.submit("/instellingen/nieuwsbrief", {"all_themes": "y"})  # digest off: box unticked
    db.session.expire_all()
    assert settings_of(member.id).enabled is False and settings_of(member.id).all_themes is True


def test_member_settings_need_a_login(client):
    response = client.get("/instellingen/nieuwsbrief")
    assert response.status_code == 302 and "/inloggen" in response.location


def test_members_unsubscribe_link_switches_their_digest_off(client):
    member = create_user()
    token = links.recipient_token(links.MEMBER, member.id, member.email)
    assert client.post(f"/afmelden/{token}").status_code == 200
    db.session.expire_all()
    assert settings_of(member.id).enabled is False
