"""The layout holds at phone (375 px) and desktop (1280 px) width: no page scrolls sideways, the
main actions are big enough to tap, and every page is saved as a screenshot for people to review
(test-artifacts/screenshots/layout-<page>-<width>.png, kept by CI)."""

from __future__ import annotations

import re

import pytest
from flask import current_app

from community.accounts.models import Role, User
from community.extensions import db
from community.organisations.models import Organisation
from community.posts import services as posts
from community.themes.models import Theme
from tests.e2e.conftest import SCREENSHOT_DIR, screenshot
from tests.e2e.site_content import (
    ADMIN,
    AMBASSADOR,
    MEMBER,
    PAGES,
    VISITOR,
    log_in,
    path_of,
    seed_site,
)
from tests.factories import create_invitation, create_user

WIDTHS = (1280, 375)
MIN_TAP = 44  # px: WCAG 2.5.5's target size, for the actions people came to the page for

# The primary actions on a phone: buttons, the menu toggle and the main menu's links.
SMALL_TARGETS = """(min) => {
  const selectors = ['.button', 'button[type=submit]:not(.link-button):not(.vote-button)',
                     '.nav-toggle', '#hoofdmenu a', '.dropdown summary'];
  const found = [];
  for (const el of document.querySelectorAll(selectors.join(','))) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;  // not shown (folded menu)
    if (box.height < min - 0.5) {
      found.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${
        el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40)}": ${Math.round(box.height)} px`);
    }
  }
  return found;
}"""


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@pytest.mark.parametrize("audience", [VISITOR, MEMBER, AMBASSADOR, ADMIN])
def test_main_pages_fit_phone_and_desktop_and_are_saved_as_screenshots(
    app, live_server, page, audience
):
    site = seed_site()
    if audience != VISITOR:
        log_in(page, live_server, site.emails[audience])
    # Each page once, seen by the first audience it is for.
    specs = [p for p in PAGES if p.audiences[0] == audience]
    sideways, small = [], []
    for spec in specs:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(live_server + path_of(site, spec))
            if spec.submit:
                page.get_by_role("button", name=spec.submit, exact=True).click()
                page.wait_for_load_state()
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                sideways.append(f"{spec.name} at {width} px: {overflow} px too wide")
            if width == 375:
                small += [f"{spec.name}: {t}" for t in page.evaluate(SMALL_TARGETS, MIN_TAP)]
            screenshot(page, f"layout-{slug(spec.name)}-{width}")
    assert not sideways, "pages scroll sideways:\n" + "\n".join(sideways)
    assert not small, f"tap targets under {MIN_TAP} px on a phone:\n" + "\n".join(small)
    assert page.dialogs == []


def test_phone_menu_opens_and_closes(app, live_server, page):
    site = seed_site()
    log_in(page, live_server, site.emails[MEMBER])
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server + "/")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.is_visible() and not nav.is_visible()
    screenshot(page, "layout-menu-closed-375")
    toggle.click()
    assert nav.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    page.locator(".dropdown summary").click()
    assert nav.get_by_role("link", name="Instellingen").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "layout-menu-open-375")
    toggle.click()
    assert not nav.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    # Wider again, the menu is simply there and the toggle is gone.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert nav.is_visible() and not toggle.is_visible()


# The header's top-level entries (the brand, each menu item, "Meldingen", the member's name):
# where each sits and how tall it is, and how tall the whole header is.
HEADER_ROW = """() => {
  const entries = [...document.querySelectorAll('.header-inner > .brand, #hoofdmenu > ul > li')];
  return {
    header: document.querySelector('.site-header').getBoundingClientRect().height,
    inner: document.querySelector('.header-inner').getBoundingClientRect().right,
    entries: entries.map((el) => {
      const box = el.getBoundingClientRect();
      const label = (el.querySelector('summary, a') || el).textContent.trim().replace(/\\s+/g, ' ');
      return {label, top: Math.round(box.top), middle: box.top + box.height / 2,
              height: Math.round(box.height), width: Math.round(box.width),
              right: Math.round(box.right)};
    }),
  };
}"""
ONE_ROW_MAX = 70  # px: the header with one row of entries (it was 88 px with two)


@pytest.mark.parametrize("audience", [MEMBER, AMBASSADOR, ADMIN])
def test_logged_in_header_is_one_row_on_laptop_and_desktop_screens(
    app, live_server, page, audience
):
    """Logged in (an admin has the most entries), the whole header stays on one row from 1024 px
    up: no menu item wraps onto a second line and the account entries do not stack."""
    site = seed_site()
    log_in(page, live_server, site.emails[audience])
    problems = []
    for width in (1024, 1280, 1440):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(live_server + "/")
        row = page.evaluate(HEADER_ROW)
        labels = [e["label"] for e in row["entries"]]
        assert "De beweging" in labels and "Meldingen" in labels[-2], labels
        middles = [e["middle"] for e in row["entries"]]
        if max(middles) - min(middles) > 4:
            tops = ", ".join(f"{e['label']!r} at {e['top']} px" for e in row["entries"])
            problems.append(f"{width} px: entries on more than one row: {tops}")
        for entry in row["entries"]:  # the brand may take two lines; each entry one
            if entry["height"] > 48:
                problems.append(
                    f"{width} px: {entry['label']!r} wraps ({entry['height']} px tall,"
                    f" {entry['width']} px wide)"
                )
        if row["entries"][-1]["right"] > row["inner"] + 0.5:
            problems.append(
                f"{width} px: the header is {row['entries'][-1]['right'] - row['inner']:.0f} px"
                " wider than its row"
            )
        if row["header"] > ONE_ROW_MAX:
            problems.append(f"{width} px: header {row['header']:.0f} px tall")
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.locator(".site-header").screenshot(
            path=str(SCREENSHOT_DIR / f"layout-header-{audience}-{width}.png")
        )
    assert not problems, f"the header as {audience}:\n" + "\n".join(problems)
    # Narrower than that the menu folds behind its toggle, and the header is one row again.
    page.set_viewport_size({"width": 900, "height": 800})
    page.goto(live_server + "/")
    assert page.get_by_role("button", name="Menu").is_visible()
    assert not page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert page.evaluate(HEADER_ROW)["header"] <= ONE_ROW_MAX
    screenshot(page, f"layout-header-{audience}-900")


# 45 letters, the kind of compound Dutch professionals write in titles every day.
COMPOUND = "jeugdhulpaanbiedersverantwoordingsformulieren"
LONG_EMAIL = "sanne.van.den.heuvel-verantwoordingsformulieren@molendrift.example.nl"


def seed_long_words(site) -> dict[str, str]:
    """A question and a practice with a 45-letter compound in the title, a member whose e-mail
    address is long, and an invitation to a long address; returns the paths to look at."""
    assert len(COMPOUND) == 45
    ambassador = db.session.execute(
        db.select(User).filter_by(email=site.emails[AMBASSADOR])
    ).scalar_one()
    theme = db.session.execute(db.select(Theme).filter_by(slug="inwerken")).scalar_one()
    organisation = db.session.execute(
        db.select(Organisation).filter_by(slug="molendrift")
    ).scalar_one()
    question = posts.ask_question(
        ambassador,
        {
            "title": f"Wie heeft een goed voorbeeld van {COMPOUND}?",
            "body": f"Onze {COMPOUND} zijn te lang: formulieren vol herhaling. Hoe doe jij dat?",
            "themes": [theme.id],
        },
    )
    practice = posts.publish_practice(
        ambassador,
        {
            "title": f"Kortere {COMPOUND}",
            "summary": f"We schrapten de helft van onze {COMPOUND}.",
            "context": "Medewerkers waren te veel tijd kwijt aan formulieren.",
            "approach": "Elk veld moest zijn nut bewijzen.",
            "target_group": "Teams jeugdbescherming.",
            "results": "Een uur per week minder schrijfwerk.",
            "tips": "Begin met het langste formulier.",
            "themes": [theme.id],
        },
    )
    create_user(
        Role.PROFESSIONAL, email=LONG_EMAIL, name="Sanne van den Heuvel", organisation=organisation
    )
    _invitation, token = create_invitation(ambassador, email="bram." + LONG_EMAIL)
    paths = {
        "question": f"/vragen/{question.id}-{question.slug}",
        "practice": f"/goede-voorbeelden/{practice.id}-{practice.slug}",
        "invitation": f"/uitnodiging/{token}",
    }
    # As in seed_site: touch no model after this commit, or SQLite would block the server.
    db.session.commit()
    current_app.extensions["search"].reindex()
    return paths


SIDEWAYS = """() => {
  const root = document.scrollingElement;
  const wide = [...document.querySelectorAll('main *')]
    .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
    .slice(0, 3)
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
  return {overflow: root.scrollWidth - root.clientWidth, wide};
}"""


def test_long_dutch_words_and_addresses_do_not_scroll_sideways_on_a_phone(app, live_server, page):
    site = seed_site()
    paths = seed_long_words(site)
    pages = {
        VISITOR: [
            ("home", "/"),
            ("question list", "/vragen"),
            ("practice list", "/goede-voorbeelden"),
            ("a question", paths["question"]),
            ("a practice", paths["practice"]),
            # Words over 40 letters are not indexed; both posts have "formulieren" in their text.
            ("search results", "/zoeken?q=formulieren"),
            ("a theme", "/themas/inwerken"),
            ("invitation", paths["invitation"]),
        ],
        LONG_EMAIL: [
            ("home", "/"),
            ("a question", paths["question"]),
            ("a practice", paths["practice"]),
            ("settings", "/instellingen"),
            ("own profile", "/profiel"),
            ("invitation, logged in", paths["invitation"]),
        ],
    }
    page.set_viewport_size({"width": 375, "height": 800})
    sideways = []
    for who, specs in pages.items():
        if who != VISITOR:
            log_in(page, live_server, who)
        for name, path in specs:
            response = page.goto(live_server + path)
            assert response.status == 200, f"{name} ({path}): HTTP {response.status}"
            if name == "search results":
                assert page.get_by_role("link", name=COMPOUND).count() >= 2, "not found"
            if name == "invitation":  # the address one signs up with, readable in full
                address = page.get_by_text("bram." + LONG_EMAIL, exact=True)
                assert address.is_visible()
                assert address.evaluate("(el) => el.scrollWidth <= el.clientWidth")
                assert page.locator("input[autocomplete=username]").is_hidden()
            found = page.evaluate(SIDEWAYS)
            if found["overflow"] > 0:
                sideways.append(
                    f"{name} ({who}): {found['overflow']} px too wide, at {found['wide']}"
                )
            screenshot(
                page,
                f"layout-long-words-{slug(name)}-{'visitor' if who == VISITOR else 'member'}-375",
            )
    assert not sideways, "long words scroll sideways at 375 px:\n" + "\n".join(sideways)
