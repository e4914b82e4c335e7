"""A follower (no account) downloads or deletes their data from the page their digest links to."""

from __future__ import annotations

import re

import sqlalchemy as sa

from community.digest import links
from community.digest.models import DeliveryStatus, DigestDelivery, Subscriber, subscriber_themes
from community.extensions import db
from tests.factories import create_subscriber, create_theme, create_user
from tests.mydata.helpers import downloaded


def token_for(subscriber: Subscriber) -> str:
    return links.recipient_token(links.SUBSCRIBER, subscriber.id, subscriber.email)


def delivery(subscriber: Subscriber, period: str) -> DigestDelivery:
    row = DigestDelivery(
        recipient_key=f"subscriber:{subscriber.id}",
        subscriber_id=subscriber.id,
        period_key=period,
        status=DeliveryStatus.SENT,
        question_count=3,
    )
    db.session.add(row)
    return row


def test_preferences_page_offers_download_and_delete_to_followers_only(browser):
    subscriber = create_subscriber(themes=[create_theme()])
    token = token_for(subscriber)
    html = browser.get(f"/nieuwsbrief/{token}").get_data(as_text=True)
    assert f'href="/nieuwsbrief/{token}/mijn-gegevens"' in html
    assert f'href="/nieuwsbrief/{token}/verwijderen"' in html

    member = create_user()
    member_token = links.recipient_token(links.MEMBER, member.id, member.email)
    html = browser.get(f"/nieuwsbrief/{member_token}").get_data(as_text=True)
    assert "/mijn-gegevens" not in html  # members use Mijn gegevens after logging in
    assert browser.get(f"/nieuwsbrief/{member_token}/mijn-gegevens").status_code == 404


def test_follower_downloads_address_themes_consent_and_delivery_log(client):
    theme = create_theme("Inwerken")
    subscriber = create_subscriber(
        "volger@example.nl", themes=[theme], consent_text_version="2026-11-v1"
    )
    other = create_subscriber("ander@example.nl", themes=[theme])
    delivery(subscriber, "weekly:2026-W47")
    delivery(other, "weekly:2026-W47")
    response = client.get(f"/nieuwsbrief/{token_for(subscriber)}/mijn-gegevens")
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(
        r'attachment; filename="mijn-gegevens-\d{4}-\d{2}-\d{2}\.json"', disposition
    )
    assert "no-store" in response.headers["Cache-Control"]
    data = downloaded(response)
    assert data["email"] == "volger@example.nl" and data["themes"] == ["Inwerken"]
    assert data["frequency"] == "weekly"
    assert data["consent"]["text_version"] == "2026-11-v1"
    assert data["consent"]["confirmed_at"] and data["consent"]["text"]
    assert [d["period"] for d in data["deliveries"]] == ["weekly:2026-W47"]
    assert "ander@example.nl" not in str(data)


def test_follower_deletes_everything_after_confirming_and_the_old_links_say_so(browser):
    theme = create_theme()
    subscriber = create_subscriber("volger@example.nl", themes=[theme])
    other = create_subscriber("ander@example.nl", themes=[theme])
    delivery(subscriber, "weekly:2026-W47")
    delivery(other, "weekly:2026-W47")
    token, subscriber_id = token_for(subscriber), subscriber.id
    url = f"/nieuwsbrief/{token}/verwijderen"

    page = browser.get(url).get_data(as_text=True)
    assert "volger@example.nl" in page and "Verwijder mijn gegevens" in page
    assert db.session.get(Subscriber, subscriber_id) is not None  # opening the page deletes nothing

    response = browser.submit(url, {})
    assert response.status_code == 200
    assert "Je gegevens zijn verwijderd" in response.get_data(as_text=True)
    db.session.expire_all()
    assert (
        db.session.scalar(sa.select(Subscriber).where(Subscriber.email == "volger@example.nl"))
        is None
    )
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(DigestDelivery)
            .where(DigestDelivery.subscriber_id == subscriber_id)
        )
        == 0
    )
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(subscriber_themes)
            .where(subscriber_themes.c.subscriber_id == subscriber_id)
        )
        == 0
    )
    assert db.session.get(Subscriber, other.id) is not None
    assert len(db.session.scalars(sa.select(DigestDelivery)).all()) == 1

    # The unsubscribe link in an old mail still answers kindly (RFC 8058: no error for a POST).
    one_click = browser.client.post(f"/afmelden/{token}")
    assert one_click.status_code == 200
    assert "Je staat niet meer op de lijst" in one_click.get_data(as_text=True)
    assert browser.get(f"/nieuwsbrief/{token}").status_code == 404


def test_deleting_a_followers_data_needs_the_csrf_token(browser):
    subscriber = create_subscriber()
    response = browser.client.post(f"/nieuwsbrief/{token_for(subscriber)}/verwijderen")
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Subscriber, subscriber.id) is not None


def test_a_forged_token_reaches_nobodys_data(client):
    subscriber = create_subscriber()
    forged = links.recipient_token(links.SUBSCRIBER, subscriber.id, "iemand@anders.nl")
    for url in (f"/nieuwsbrief/{forged}/mijn-gegevens", f"/nieuwsbrief/{forged}/verwijderen"):
        response = client.get(url)
        assert response.status_code == 404 and "Deze link klopt niet" in response.get_data(
            as_text=True
        )
    assert client.post(f"/nieuwsbrief/{forged}/verwijderen").status_code in (400, 404)
    db.session.expire_all()
    assert db.session.get(Subscriber, subscriber.id) is not None
