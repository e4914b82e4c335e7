"""Following without an account: double opt-in, and nothing revealed about who follows."""

from __future__ import annotations

import re
from datetime import timedelta
from email import message_from_bytes
from email import policy as email_policy

import pytest
import sqlalchemy as sa

from community.clock import utcnow
from community.digest import sending, services
from community.digest.models import DigestDelivery, Frequency, Subscriber
from community.extensions import db
from community.mail_outbox import OutgoingMail
from tests.factories import create_post, create_subscriber, create_theme, create_user

CONFIRM_LINK = re.compile(r"http://localhost(/volgen/bevestigen/[\w-]+)")


def subscribers() -> list[Subscriber]:
    return list(db.session.scalars(sa.select(Subscriber)))


def confirm_path(message) -> str:
    return CONFIRM_LINK.search(message.get_body(("plain",)).get_content()).group(1)


def test_follower_gets_nothing_but_the_confirmation_until_they_click(browser, smtp_server):
    theme = create_theme("Inwerken")
    for n in range(4):
        create_post(title=f"Nieuwe vraag {n}", themes=[theme])
    response = browser.submit(
        "/volgen", {"email": " Sanne@Example.NL ", "themes": [str(theme.id)], "frequency": "weekly"}
    )
    assert response.status_code == 302 and response.location.endswith("/volgen/kijk-in-je-mail")
    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == "sanne@example.nl"
    assert "Bevestig" in mail["Subject"]
    assert confirm_path(mail) in mail.get_body(("html",)).get_content()
    [subscriber] = subscribers()
    assert subscriber.confirmed_at is None and subscriber.confirm_token_hash
    assert subscriber.consent_text_version == services.CONSENT_TEXT_VERSION
    assert confirm_path(mail).rsplit("/", 1)[1] not in subscriber.confirm_token_hash

    sending.send_digest(Frequency.WEEKLY)  # the posts' authors (members) get theirs…
    assert len(smtp_server.to("sanne@example.nl")) == 1  # …but nothing before the click

    path = confirm_path(mail)
    page = browser.get(path)
    assert page.status_code == 200 and "Ja, stuur mij de nieuwsbrief" in page.get_data(as_text=True)
    assert subscribers()[0].confirmed_at is None  # opening the link (GET) confirms nothing
    done = browser.submit(path, {})
    assert done.status_code == 200 and "Gelukt" in done.get_data(as_text=True)
    subscriber = subscribers()[0]
    assert subscriber.confirmed_at is not None

    again = browser.submit(path, {}, form_url="/volgen")
    assert again.status_code == 200 and "Je volgt de Community al" in again.get_data(as_text=True)

    assert sending.send_digest(Frequency.DAILY).sent == 0  # she chose weekly
    db.session.execute(sa.delete(DigestDelivery))  # as if a week went by
    assert sending.send_digest(Frequency.WEEKLY, only_email="sanne@example.nl").sent == 1
    assert "4 nieuwe vragen" in smtp_server.to("sanne@example.nl")[-1]["Subject"]


def test_resubmitting_an_unconfirmed_address_sends_a_fresh_link_and_keeps_one_row(
    browser, smtp_server
):
    theme = create_theme()
    data = {"email": "jamal@example.nl", "themes": [str(theme.id)]}
    browser.submit("/volgen", data)
    browser.submit("/volgen", {**data, "frequency": "daily"})
    first, second = smtp_server.wait_for(2)
    assert len(subscribers()) == 1 and subscribers()[0].frequency is Frequency.DAILY
    assert browser.submit(confirm_path(first), {}, form_url="/volgen").status_code == 400
    assert browser.submit(confirm_path(second), {}, form_url="/volgen").status_code == 200


def test_the_form_says_the_same_for_new_followers_members_and_existing_followers(
    browser, smtp_server
):
    theme, other = create_theme(), create_theme()
    create_subscriber("al@example.nl", themes=[theme])
    create_user(email="lid@example.nl")
    answers = [
        browser.submit("/volgen", {"email": email, "themes": [str(other.id)]})
        for email in ("nieuw@example.nl", "al@example.nl", "lid@example.nl")
    ]
    assert {(r.status_code, r.location) for r in answers} == {(302, "/volgen/kijk-in-je-mail")}
    smtp_server.wait_for(3)
    assert "Bevestig" in smtp_server.to("nieuw@example.nl")[0]["Subject"]
    known = smtp_server.to("al@example.nl")[0]
    assert "al" in known["Subject"] and "/nieuwsbrief/" in known.get_body(("plain",)).get_content()
    member = smtp_server.to("lid@example.nl")[0].get_body(("plain",)).get_content()
    assert "/instellingen/nieuwsbrief" in member
    assert [t.id for t in services.subscriber_by_email("al@example.nl").themes] == [theme.id]
    assert {s.email for s in subscribers()} == {"al@example.nl", "nieuw@example.nl"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "geen-adres", "all_themes": "y"}, "Dat lijkt geen geldig e-mailadres"),
        ({"email": "a@b@c.nl", "all_themes": "y"}, "Dat lijkt geen geldig e-mailadres"),
        ({"email": "", "all_themes": "y"}, "Vul je e-mailadres in."),
        ({"email": "ok@example.nl"}, "Kies minstens één thema"),
        ({"email": "ok@example.nl", "themes": ["abc"]}, "Kies thema&#39;s uit de lijst."),
        ({"email": "ok@example.nl", "themes": ["99999"]}, "Kies minstens één thema"),
        ({"email": "ok@example.nl", "all_themes": "y", "frequency": "elk uur"}, "Kies wekelijks"),
    ],
)
def test_bad_follow_input_gets_a_dutch_message_and_stores_nothing(
    browser, smtp_server, data, message
):
    response = browser.submit("/volgen", data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert subscribers() == [] and smtp_server.messages == []


def test_confirmation_link_expires_after_seven_days(app):
    theme = create_theme()
    prefs = services.Preferences(Frequency.WEEKLY, False, [theme])
    start = utcnow()
    services.follow_by_email("later@example.nl", prefs, now=start)
    token = _token_from_queue()
    assert services.confirm_subscription(token, now=start + timedelta(days=7, seconds=1)) is None
    assert services.confirm_subscription(token, now=start + timedelta(days=6)) is not None


def _token_from_queue() -> str:
    """The link in the mail waiting in the outbox (written, not yet committed or sent)."""
    [row] = db.session.scalars(sa.select(OutgoingMail)).all()
    message = message_from_bytes(row.raw, policy=email_policy.default)
    return confirm_path(message).rsplit("/", 1)[1]


def test_follow_form_macro_renders_on_its_own_page_and_compact(client):
    theme = create_theme("Moreel letsel", slug="moreel-letsel")
    html = client.get(f"/volgen?thema={theme.id}").get_data(as_text=True)
    assert 'name="csrf_token"' in html and 'action="/volgen"' in html
    assert f'value="{theme.id}" checked' in html
    assert "Alle thema's, ook thema's die er later bij komen" in html
    assert services.CONSENT_TEXT.replace("'", "&#39;") in html
    from flask import render_template_string

    with client.application.test_request_context("/"):
        compact = render_template_string(
            '{% from "digest/_follow_form.html" import follow_form %}'
            "{{ follow_form(theme=theme, compact=True) }}{{ follow_form() }}",
            theme=theme,
        )
    assert "Volg Moreel letsel per e-mail" in compact
    assert f'<input type="hidden" name="themes" value="{theme.id}">' in compact
    assert 'id="volg-moreel-letsel-kort-email"' in compact and 'id="volg-site-email"' in compact


PREFERENCES_LINK = re.compile(r'href="(/nieuwsbrief/[^"]+)"')


def test_a_second_click_on_the_confirmation_link_says_you_already_follow(browser, smtp_server):
    """People click a mail's link twice (or confirm on their phone, then on their laptop)."""
    theme = create_theme("Inwerken")
    browser.submit("/volgen", {"email": "twee@example.nl", "themes": [str(theme.id)]})
    path = confirm_path(smtp_server.wait_for(1)[0])
    assert browser.submit(path, {}).status_code == 200
    confirmed_at = subscribers()[0].confirmed_at

    for again in (browser.get(path), browser.submit(path, {}, form_url="/volgen")):
        html = again.get_data(as_text=True)
        assert again.status_code == 200, html
        assert "Je volgt de Community al" in html and "twee@example.nl" in html
        assert "werkt niet meer" not in html and "Ja, stuur mij de nieuwsbrief" not in html
        preferences = browser.get(PREFERENCES_LINK.search(html).group(1))
        assert preferences.status_code == 200 and "Inwerken" in preferences.get_data(as_text=True)
    db.session.expire_all()
    assert subscribers()[0].confirmed_at == confirmed_at  # nothing confirmed a second time

    # Unsubscribed since: the old link neither re-subscribes nor pretends they follow.
    services.unsubscribe(services.Addressee("subscriber", subscriber=subscribers()[0]))
    db.session.commit()
    for gone in (browser.get(path), browser.submit(path, {}, form_url="/volgen")):
        assert gone.status_code in (400, 404)
        assert "werkt niet meer" in gone.get_data(as_text=True)
    assert not subscribers()[0].is_active


def test_an_expired_confirmation_link_says_so_even_after_it_was_used(app):
    theme = create_theme()
    prefs = services.Preferences(Frequency.WEEKLY, False, [theme])
    start = utcnow()
    services.follow_by_email("verlopen@example.nl", prefs, now=start)
    token = _token_from_queue()
    assert services.confirm_subscription(token, now=start + timedelta(days=1)) is not None
    assert services.already_following(token, now=start + timedelta(days=6)) is not None
    assert services.already_following(token, now=start + timedelta(days=7, seconds=1)) is None
    assert services.confirm_subscription(token, now=start + timedelta(days=2)) is None
