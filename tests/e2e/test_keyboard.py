"""An ambassador invites colleagues with the keyboard only: no clicks, and no field filled that
was not reached with Tab first. Every stop must show where the focus is."""

from __future__ import annotations

import re

import sqlalchemy as sa

from community.accounts.models import Role
from community.extensions import db
from community.invites.models import Invitation
from tests.e2e.conftest import screenshot
from tests.factories import PASSWORD, create_organisation, create_user

# What the focused element is called, the way a person would point at it.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return {tag: 'body', name: '', visible: false};
  const label = e.labels && e.labels.length ? e.labels[0].textContent : '';
  const text = label || e.getAttribute('aria-label') || e.textContent || '';
  const name = text.replace(/\\s+/g, ' ').trim();
  const style = getComputedStyle(e);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
  const box = e.getBoundingClientRect();
  return {tag: e.tagName.toLowerCase(), type: e.type || '', name, outline, shadow,
          visible: box.width > 0 && box.height > 0};
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def assert_focus_visible(page) -> dict:
    now = focused(page)
    assert now["visible"], f"the focused element is not on screen: {now}"
    assert now["outline"] or now["shadow"], f"no visible focus indicator on {now}"
    return now


def tab_to(page, name: str, *, tag: str | None = None, limit: int = 40, back: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the element called `name` has the focus; each stop on the
    way must show its focus too, or a keyboard user would be lost there."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        now = focused(page)
        if now["tag"] != "body":
            assert_focus_visible(page)
        if now["name"].startswith(name) and (tag is None or now["tag"] == tag):
            return now
    raise AssertionError(f"{name!r} not reached with {limit} presses of Tab")


def wait_for_path(page, base: str, path: str) -> None:
    """Wait for `path`; a redirect keeps the #inhoud the skip link added, as browsers do."""
    page.wait_for_url(re.compile(re.escape(base + path) + r"(#inhoud)?$"))


def skip_to_content(page) -> None:
    """The first Tab on a page reaches the skip link; Enter moves the focus into <main>."""
    page.keyboard.press("Tab")
    assert assert_focus_visible(page)["name"] == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def log_in_with_keyboard(page, base: str, email: str) -> None:
    """Skip the menu, type into each field as Tab reaches it, send with Enter."""
    page.goto(base + "/inloggen")
    skip_to_content(page)
    tab_to(page, "E-mailadres", tag="input")
    page.keyboard.type(email)
    tab_to(page, "Wachtwoord", tag="input")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    wait_for_path(page, base, "/")


def test_ambassador_invites_colleagues_with_the_keyboard_only(app, live_server, page, smtp_server):
    org = create_organisation("Molendrift", email_domains_text="molendrift.nl")
    create_user(Role.AMBASSADOR, email="anna@molendrift.nl", name="Anna Bakker", organisation=org)
    db.session.commit()

    # Log in with the keyboard only.
    log_in_with_keyboard(page, live_server, "anna@molendrift.nl")

    # The account menu opens with Enter; Tab goes on into it.
    tab_to(page, "Anna Bakker", tag="summary")
    page.keyboard.press("Enter")
    assert page.locator(".dropdown details").get_attribute("open") is not None
    screenshot(page, "keyboard-account-menu-1280")
    tab_to(page, "Mijn uitnodigingen", tag="a")
    page.keyboard.press("Enter")
    wait_for_path(page, live_server, "/uitnodigingen")

    skip_to_content(page)
    tab_to(page, "Collega's uitnodigen", tag="a")
    page.keyboard.press("Enter")
    wait_for_path(page, live_server, "/uitnodigingen/nieuw")

    # The form: two addresses, one of them private; "Ambassadeur" chosen with the arrow key, as
    # in any radio group; a personal message; Enter on the button sends it.
    skip_to_content(page)
    assert tab_to(page, "E-mailadressen van je collega's")["tag"] == "textarea"
    page.keyboard.type("lotte@molendrift.nl, bram.deboer@gmail.com")
    assert tab_to(page, "Lid")["type"] == "radio"
    page.keyboard.press("ArrowDown")
    assert assert_focus_visible(page)["name"] == "Ambassadeur"
    assert page.get_by_label("Ambassadeur").is_checked()
    tab_to(page, "Persoonlijk bericht")
    page.keyboard.type("Hoi! Jullie buddysysteem is precies wat hier past.")
    tab_to(page, "Uitnodiging versturen", tag="button")
    page.keyboard.press("Enter")

    # The private address needs a yes first. The warning takes the focus, so the next Tab stops
    # go through the form again: the choices are kept, the box is ticked with Space.
    page.wait_for_selector(".notice-warn")
    warning = focused(page)
    assert warning["name"].startswith("Klopt dit adres?"), warning
    assert_focus_visible(page)
    assert smtp_server.messages == []
    screenshot(page, "keyboard-invite-warning-1280")
    tab_to(page, "Ja, nodig deze adressen toch uit", tag="input")
    page.keyboard.press("Space")
    assert page.get_by_label("Ja, nodig deze adressen toch uit").is_checked()
    assert page.get_by_label("Ambassadeur").is_checked()
    tab_to(page, "Uitnodiging versturen", tag="button")
    page.keyboard.press("Enter")
    wait_for_path(page, live_server, "/uitnodigingen")
    assert (
        page.get_by_text("Je uitnodiging is verstuurd").count()
        or page.get_by_text("Je uitnodigingen zijn verstuurd").count()
    )

    # Both invitations arrive on the real SMTP server, as ambassador.
    smtp_server.wait_for(2)
    assert len(smtp_server.to("lotte@molendrift.nl")) == 1
    assert len(smtp_server.to("bram.deboer@gmail.com")) == 1
    db.session.expire_all()
    roles = db.session.scalars(sa.select(Invitation.role)).all()
    assert sorted(r.value for r in roles) == ["ambassador", "ambassador"]
