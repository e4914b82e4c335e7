"""Every main page passes axe-core (WCAG 2.0/2.1 A and AA, and axe's best practices) with no
serious or critical violation: for a visitor, a member, an ambassador and an admin, at desktop
and phone width (a table that scrolls sideways on a phone, say, must be reachable by keyboard).

Pages of features that are not on this branch yet (search, De beweging) are checked as soon as
their endpoint exists. A failure lists every page's violations at once, with the elements.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.e2e import axe
from tests.e2e.site_content import log_in, seed_site

VISITOR, MEMBER, AMBASSADOR, ADMIN = "visitor", "member", "ambassador", "admin"
PUBLIC = (VISITOR, MEMBER)


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # a path, or "{key}" for one of Site.paths
    endpoint: str
    audiences: tuple[str, ...]
    submit: str = ""  # press this button first: the page with its error messages
    status: int = 200


PAGES = [
    Page("home", "/", "pages.index", PUBLIC),
    Page("practice list", "/goede-voorbeelden", "posts.practices", PUBLIC),
    Page("a practice", "{practice}", "posts.detail", PUBLIC),
    Page("question list", "/vragen", "posts.questions", PUBLIC),
    Page("a question", "{question}", "posts.detail", PUBLIC),
    Page("an open question", "{open-question}", "posts.detail", (MEMBER, ADMIN)),
    Page("search", "/zoeken?q=mentor", "search.index", PUBLIC),
    Page("themes", "/themas", "themes.index", PUBLIC),
    Page("a theme", "{theme}", "themes.detail", PUBLIC),
    Page("organisations", "/organisaties", "organisations.index", PUBLIC),
    Page("an organisation", "{organisation}", "organisations.detail", PUBLIC),
    Page("de beweging", "/de-beweging", "stats.index", PUBLIC),
    Page("follow", "/volgen", "digest.follow", PUBLIC),
    Page("follow, with errors", "/volgen", "digest.follow", (VISITOR,), submit="Volgen"),
    Page("follow: check your mail", "/volgen/kijk-in-je-mail", "digest.follow_sent", (VISITOR,)),
    Page("digest preferences", "{digest-preferences}", "digest.preferences", (VISITOR,)),
    Page("unsubscribe", "{digest-unsubscribe}", "digest.unsubscribe", (VISITOR,)),
    Page("privacy statement", "/privacy", "pages.privacy", PUBLIC),
    Page("login", "/inloggen", "accounts.login", (VISITOR,)),
    Page("login, with errors", "/inloggen", "accounts.login", (VISITOR,), submit="Inloggen"),
    Page("forgot password", "/wachtwoord-vergeten", "accounts.forgot_password", (VISITOR,)),
    Page("request access", "/toegang-aanvragen", "invites.request_access", (VISITOR,)),
    Page("invitation", "{invitation}", "invites.accept", PUBLIC),
    Page("not found", "/bestaat-niet", "pages.index", (VISITOR,), status=404),
    # Members
    Page("a member's profile", "{member-profile}", "accounts.member", (MEMBER,)),
    Page("own profile", "/profiel", "accounts.profile", (MEMBER,)),
    Page("edit profile", "/profiel/bewerken", "accounts.edit_profile", (MEMBER,)),
    Page("settings", "/instellingen", "accounts.settings", (MEMBER,)),
    Page("change password", "/instellingen/wachtwoord", "accounts.change_password", (MEMBER,)),
    Page("digest settings", "/instellingen/nieuwsbrief", "digest.member_settings", (MEMBER,)),
    Page("notifications", "/meldingen", "notifications.index", (MEMBER,)),
    Page("what I follow", "/ik-volg", "follows.index", (MEMBER,)),
    Page("ask a question", "/vragen/nieuw", "posts.create_question", (MEMBER,)),
    Page(
        "ask a question, with errors",
        "/vragen/nieuw",
        "posts.create_question",
        (MEMBER,),
        submit="Vraag plaatsen",
    ),
    Page("report a post", "{flag}", "moderation.flag", (MEMBER,)),
    # Ambassadors
    Page("my invitations", "/uitnodigingen", "invites.index", (AMBASSADOR,)),
    Page("invite form", "/uitnodigingen/nieuw", "invites.create", (AMBASSADOR,)),
    Page(
        "invite form, with errors",
        "/uitnodigingen/nieuw",
        "invites.create",
        (AMBASSADOR,),
        submit="Uitnodiging versturen",
    ),
    Page("my network", "/uitnodigingen/netwerk", "invites.network", (AMBASSADOR,)),
    Page("access requests", "/toegangsverzoeken", "invites.requests", (AMBASSADOR,)),
    Page("share a practice", "/goede-voorbeelden/nieuw", "posts.create_practice", (AMBASSADOR,)),
    # Admins
    Page("admin dashboard", "/beheer/", "admin.index", (ADMIN,)),
    Page("admin: members", "/beheer/leden", "admin.users", (ADMIN,)),
    Page("admin: a member", "{admin-user}", "admin.user", (ADMIN,)),
    Page("admin: organisations", "/beheer/organisaties", "organisations.admin_list", (ADMIN,)),
    Page("admin: new organisation", "/beheer/organisaties/nieuw", "organisations.create", (ADMIN,)),
    Page("admin: edit organisation", "{edit-organisation}", "organisations.edit", (ADMIN,)),
    Page("admin: themes", "/beheer/themas", "themes.admin_list", (ADMIN,)),
    Page("admin: edit theme", "{edit-theme}", "themes.edit", (ADMIN,)),
    Page("admin: merge themes", "/beheer/themas/samenvoegen", "themes.merge", (ADMIN,)),
    Page("moderation queue", "/moderatie", "moderation.queue", (ADMIN,)),
    Page("digest admin", "/beheer/nieuwsbrief", "digest.admin_runs", (ADMIN,)),
    Page("digest preview", "{admin-preview}", "digest.admin_preview", (ADMIN,)),
]


def pages_for(app, audience: str) -> list[Page]:
    return [p for p in PAGES if audience in p.audiences and p.endpoint in app.view_functions]


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
        path = site.paths[spec.path[1:-1]] if spec.path.startswith("{") else spec.path
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
            assert nav.get_by_role("link", name="Vragen", exact=True).is_visible()
            page.locator(".dropdown summary").click()
            assert nav.get_by_role("link", name="Beheer").is_visible()
            found = axe.blocking(axe.violations(page))
            if found:
                failures.append(axe.describe(f"{name}, menus open ({path}, {width} px)", found))
    assert not failures, "\n".join(failures)
