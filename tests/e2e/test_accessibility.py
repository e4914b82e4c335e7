"""Every main page passes axe-core (WCAG 2.0/2.1 A and AA, and axe's best practices) with no
serious or critical violation: for a visitor, a member, an ambassador and an admin, at desktop
and phone width (a table that scrolls sideways on a phone, say, must be reachable by keyboard).

Pages of features that are not on this branch yet (search, De beweging) are checked as soon as
their endpoint exists. A failure lists every page's violations at once, with the elements.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e import axe
from tests.e2e.site_content import (
    ADMIN,
    AMBASSADOR,
    MEMBER,
    VISITOR,
    log_in,
    pages_for,
    path_of,
    seed_site,
)


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("audience", [VISITOR, MEMBER, AMBASSADOR, ADMIN])
def test_main_pages_have_no_serious_accessibility_violations(
    app, live_server, axe_page, audience, width
):
    site = seed_site()
    page = axe_page
    page.set_viewport_size({"width": width, "height": 900})
    if audience != VISITOR:
        log_in(page, live_server, site.emails[audience])

    checked, failures, notes = [], [], []
    for spec in pages_for(app, audience):
        path = path_of(site, spec)
        response = page.goto(live_server + path)
        assert response.status == spec.status, f"{spec.name} ({path}): HTTP {response.status}"
        if spec.submit:
            page.get_by_role("button", name=spec.submit, exact=True).click()
            page.wait_for_load_state()
            assert page.locator(".error-summary, .error-message").count(), (
                f"{spec.name}: pressing {spec.submit!r} showed no error messages"
            )
        found = axe.violations(page)
        checked.append(spec.name)
        if axe.blocking(found):
            failures.append(axe.describe(f"{spec.name} ({path}, {width} px)", axe.blocking(found)))
        minor = [v for v in found if v not in axe.blocking(found)]
        if minor:
            notes.append(axe.describe(f"{spec.name} ({path}, {width} px)", minor))

    assert len(checked) >= 5, f"too few pages checked for {audience}: {checked}"
    if notes:  # shown by pytest with the failure report, or with -rP
        print(f"Moderate and minor findings for {audience}:\n" + "\n".join(notes))
    assert not failures, (
        f"axe-core found serious or critical violations, seen as {audience}:\n"
        + "\n".join(failures)
    )


def test_opened_menus_have_no_serious_violations(app, live_server, axe_page):
    """What the page checks above never see: the folded phone menu opened with its toggle, and
    the account menu opened, at phone width (its menu folds into the page) and at desktop width."""
    site = seed_site()
    page = axe_page
    log_in(page, live_server, site.emails[ADMIN])
    failures = []
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in [("home", "/"), ("a question", site.paths["question"])]:
            page.goto(live_server + path)
            nav = page.get_by_role("navigation", name="Hoofdmenu")
            toggle = page.get_by_role("button", name="Menu")
            if width == 375:
                assert not nav.is_visible()
                assert toggle.get_attribute("aria-expanded") == "false"
                toggle.click()
                assert toggle.get_attribute("aria-expanded") == "true"
            else:
                assert toggle.is_hidden()
            expect(nav.get_by_role("link", name="Vragen", exact=True)).to_be_visible()
            page.locator(".dropdown summary").click()
            expect(nav.get_by_role("link", name="Beheer")).to_be_visible()
            found = axe.blocking(axe.violations(page))
            if found:
                failures.append(axe.describe(f"{name}, menus open ({path}, {width} px)", found))
    assert not failures, "\n".join(failures)
