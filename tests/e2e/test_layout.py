"""The layout holds at phone (375 px) and desktop (1280 px) width: no page scrolls sideways, the
main actions are big enough to tap, and every page is saved as a screenshot for people to review
(test-artifacts/screenshots/layout-<page>-<width>.png, kept by CI)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import screenshot
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
    specs = [p for p in PAGES if p.audiences[0] == audience and p.endpoint in app.view_functions]
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
