"""A follower (no account) downloads or deletes their data, starting from the page their digest
links to. That link never expires and a newsletter may be forwarded, so it only ever *asks* for a
fresh, one-hour, single-use link, mailed to the follower's own address; that link does the rest."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from community.clock import utcnow
from community.digest import links
from community.digest.models import DeliveryStatus, DigestDelivery, Subscriber, subscriber_themes
from community.errors import DomainError
from community.extensions import db
from community.mydata import follower_links
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


DATA_LINK_RE = re.compile(r"http://localhost(/nieuwsbrief/gegevens/[A-Za-z0-9_-]+)")


def mailed_link(smtp_server, address: str, count: int = 1) -> str:
    smtp_server.wait_for(count)
    mails = smtp_server.to(address)
    assert len(mails) == count, [m["Subject"] for m in mails]
    text = mails[-1].get_body(("plain",)).get_content()
    match = DATA_LINK_RE.search(text)
    assert match, text
    return match.group(1)


def test_preferences_page_offers_to_mail_a_link_to_followers_only(browser):
    subscriber = create_subscriber(themes=[create_theme()])
    token = token_for(subscriber)
    html = browser.get(f"/nieuwsbrief/{token}").get_data(as_text=True)
    assert f'action="/nieuwsbrief/{token}/mijn-gegevens"' in html
    assert f'action="/nieuwsbrief/{token}/verwijderen"' in html
    assert f'href="/nieuwsbrief/{token}/mijn-gegevens"' not in html  # no direct download

    member = create_user()
    member_token = links.recipient_token(links.MEMBER, member.id, member.email)
    html = browser.get(f"/nieuwsbrief/{member_token}").get_data(as_text=True)
    assert "/mijn-gegevens" not in html  # members use Mijn gegevens after logging in
    assert browser.get(f"/nieuwsbrief/{member_token}/mijn-gegevens").status_code == 404


def test_a_forwarded_newsletter_link_exports_and_deletes_nothing(browser, smtp_server):
    """Whoever holds the newsletter link only gets a mail sent to the follower."""
    subscriber = create_subscriber("volger@example.nl", themes=[create_theme()])
    token, subscriber_id = token_for(subscriber), subscriber.id
    download = browser.get(f"/nieuwsbrief/{token}/mijn-gegevens")
    assert download.status_code == 200
    assert "attachment" not in download.headers.get("Content-Disposition", "")
    assert '"email"' not in download.get_data(as_text=True)
    asked = browser.submit(f"/nieuwsbrief/{token}/mijn-gegevens", {})
    assert asked.status_code == 200 and "Kijk in je mail" in asked.get_data(as_text=True)
    assert "Content-Disposition" not in asked.headers
    browser.submit(f"/nieuwsbrief/{token}/verwijderen", {})
    smtp_server.wait_for(2)
    assert {m["To"] for m in smtp_server.messages} == {"volger@example.nl"}
    db.session.expire_all()
    assert db.session.get(Subscriber, subscriber_id) is not None


def test_follower_downloads_address_themes_consent_and_delivery_log(browser, smtp_server):
    theme = create_theme("Inwerken")
    subscriber = create_subscriber(
        "volger@example.nl", themes=[theme], consent_text_version="2026-11-v1"
    )
    other = create_subscriber("ander@example.nl", themes=[theme])
    delivery(subscriber, "weekly:2026-W47")
    delivery(other, "weekly:2026-W47")
    browser.submit(f"/nieuwsbrief/{token_for(subscriber)}/mijn-gegevens", {})
    link = mailed_link(smtp_server, "volger@example.nl")

    page = browser.get(link)
    assert page.status_code == 200 and "Download je gegevens" in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "no-referrer"
    response = browser.submit(link, {})
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

    # The link works once: a second click (or whoever it was forwarded to) gets nothing.
    again = browser.submit(link, {}, form_url=f"/nieuwsbrief/{token_for(subscriber)}")
    assert again.status_code == 404 and "Content-Disposition" not in again.headers
    assert "werkt niet meer" in again.get_data(as_text=True)


def test_follower_deletes_everything_from_the_mailed_link_and_old_links_say_so(
    browser, smtp_server
):
    theme = create_theme()
    subscriber = create_subscriber("volger@example.nl", themes=[theme])
    other = create_subscriber("ander@example.nl", themes=[theme])
    delivery(subscriber, "weekly:2026-W47")
    delivery(other, "weekly:2026-W47")
    token, subscriber_id = token_for(subscriber), subscriber.id
    browser.submit(f"/nieuwsbrief/{token}/verwijderen", {})
    link = mailed_link(smtp_server, "volger@example.nl")

    page = browser.get(link).get_data(as_text=True)
    assert "volger@example.nl" in page and "Verwijder mijn gegevens" in page
    assert db.session.get(Subscriber, subscriber_id) is not None  # opening the page deletes nothing

    response = browser.submit(link, {})
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
    assert browser.get(link).status_code == 404


def test_old_newsletter_links_keep_unsubscribe_and_preferences_working(browser):
    subscriber = create_subscriber("oud@example.nl", themes=[create_theme()])
    token = token_for(subscriber)
    assert browser.get(f"/nieuwsbrief/{token}").status_code == 200
    one_click = browser.client.post(f"/afmelden/{token}")
    assert one_click.status_code == 200
    db.session.expire_all()
    assert db.session.get(Subscriber, subscriber.id).unsubscribed_at is not None


def test_data_links_expire_after_an_hour_and_work_once(app):
    subscriber = create_subscriber("tijd@example.nl")
    then = utcnow() - timedelta(minutes=61)
    old = follower_links.request_link(subscriber, follower_links.EXPORT, now=then)
    fresh = follower_links.request_link(subscriber, follower_links.EXPORT)
    db.session.commit()
    assert follower_links.open_link(old) is None
    with pytest.raises(DomainError, match="werkt niet meer"):
        follower_links.redeem(old, follower_links.EXPORT)
    assert follower_links.redeem(fresh, follower_links.EXPORT).id == subscriber.id
    with pytest.raises(DomainError, match="werkt niet meer"):
        follower_links.redeem(fresh, follower_links.EXPORT)
    # An export link cannot delete.
    delete = follower_links.request_link(subscriber, follower_links.DELETE)
    with pytest.raises(DomainError):
        follower_links.redeem(delete, follower_links.EXPORT)


def test_asking_again_and_again_sends_at_most_three_mails_an_hour(browser, smtp_server):
    subscriber = create_subscriber("veel@example.nl")
    token = token_for(subscriber)
    for _ in range(5):
        answer = browser.submit(f"/nieuwsbrief/{token}/mijn-gegevens", {})
        assert "Kijk in je mail" in answer.get_data(as_text=True)
    smtp_server.wait_for(3)
    import time

    time.sleep(0.3)
    assert len(smtp_server.to("veel@example.nl")) == 3


def test_asking_for_a_link_needs_the_csrf_token(browser, smtp_server):
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
    assert client.get("/nieuwsbrief/gegevens/verzonnen-token").status_code == 404
    db.session.expire_all()
    assert db.session.get(Subscriber, subscriber.id) is not None
