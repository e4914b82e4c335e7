"""Every route and every form field of the app, sent what a hostile visitor or member sends.

Walks the URL map like the role×route tests do, so a route or field added later is covered
without anyone listing it: each page is opened as a visitor and as an admin, its forms are read
from the HTML, and every field of every form gets a NUL byte, control characters, 100,000
characters, 2^64, a file part and a duplicate key; every query string and URL part gets the same.
Nothing may answer 500 (/healthz may say 503: that is its job), and a refused submission
(400/404/413) leaves every table as it was.
Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL (which refuses NUL in text).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.digest.links import recipient_token
from community.extensions import db
from community.follows import services as follows
from community.moderation.models import Flag, FlagReason
from community.notifications.models import Notification, NotificationKind
from community.posts.models import PostKind
from community.readiness import services as readiness
from community.rekentool import services as rekentool
from community.search import synonyms
from community.support import services as support
from tests.conftest import Browser
from tests.factories import (
    create_access_request,
    create_invitation,
    create_organisation,
    create_post,
    create_reply,
    create_subscriber,
    create_theme,
    create_user,
)

FILE = object()  # stands for a file part
DUPLICATE = object()  # stands for the field sent twice
HOSTILE = {
    "nul": "a\x00b",
    "control": "a\x1b[31m\x07\x7fb",
    "long": "x" * 100_000,
    "huge": str(2**64),
    "file": FILE,
    "duplicate": DUPLICATE,
}
QUERY_NAMES = ("pagina", "page", "q", "thema", "tab", "next", "organisatie", "sorteer", "id")
REFUSED = {400, 404, 405, 413}
# Routes that end the session they are walked with.
SKIPPED_POSTS = {"accounts.logout", "mydata.delete_account"}
INT_SENTINEL = 987_654_321
TEXT_SENTINEL = "zzsentinelzz"


# --- Reading forms from pages ---------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: list[str] = field(default_factory=list)


class _FormReader(HTMLParser):
    def __init__(self, page_path: str) -> None:
        super().__init__()
        self.page_path = page_path
        self.forms: list[Form] = []
        self._current: Form | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            action = urlsplit(attributes.get("action") or self.page_path)
            path = action.path or urlsplit(self.page_path).path
            self._current = Form(
                path + (f"?{action.query}" if action.query else ""),
                (attributes.get("method") or "get").lower(),
            )
            self.forms.append(self._current)
        elif self._current and tag in ("input", "textarea", "select", "button"):
            name = attributes.get("name")
            if name and name not in self._current.fields:
                self._current.fields.append(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def forms_on(html: str, page_path: str) -> list[Form]:
    reader = _FormReader(page_path)
    reader.feed(html)
    return [form for form in reader.forms if form.action.startswith("/")]


# --- The world the routes are about -----------------------------------------------------------


def build_world(app) -> dict:
    organisation = create_organisation("Molendrift", slug="molendrift")
    theme = create_theme(slug="inwerken")
    admin = create_user(Role.ADMIN, email="beheer@example.nl", organisation=organisation)
    member = create_user(Role.AMBASSADOR, email="lid@example.nl", organisation=organisation)
    question = create_post(author=admin, themes=[theme])
    practice = create_post(PostKind.PRACTICE, author=admin, summary="Kort", themes=[theme])
    reply = create_reply(question, author=member)
    notification = Notification(
        user_id=admin.id, kind=NotificationKind.NEW_ANSWER, post_id=question.id, reply_id=reply.id
    )
    flag = Flag(post_id=question.id, reporter_id=member.id, reason=FlagReason.SPAM)
    db.session.add_all([notification, flag])
    access_request = create_access_request()
    invitation, invitation_token = create_invitation(admin, email="nieuw@example.nl")
    subscriber = create_subscriber("volger@example.nl", themes=[theme])
    # The action tools and support requests, so their routes are walked with real ids.
    tool_input = rekentool.blank_input()
    tool_input.lines[0].oop = Decimal("1528")
    scenario = rekentool.save_scenario(admin, "Team Noord", tool_input)
    team_round, round_token = readiness.start_round(admin, "Team Noord", 14)
    support_request = support.ask_for_support(
        member,
        support.SupportInput(
            goal="We willen beter inwerken.",
            theme_ids=[theme.id],
            region="Utrecht",
            help_kind="gesprek",
            urgency="snel",
        ),
    )
    follow = follows.follow(admin, theme=theme)
    synonym = synonyms.add(admin, "MDO = multidisciplinair overleg", True)
    db.session.commit()
    return {
        "admin": admin.email,
        "int": {
            "post_id": question.id,
            "reply_id": reply.id,
            "user_id": member.id,
            "notification_id": notification.id,
            "request_id": access_request.id,
            "invitation_id": invitation.id,
            "scenario_id": scenario.id,
            "round_id": team_round.id,
            "follow_id": follow.id,
            "synonym_id": synonym.id,
        },
        # The same argument name meaning another thing in another blueprint.
        "by_blueprint": {("support", "request_id"): support_request.id},
        "id": {"themes.edit": theme.id},
        "slug": {"organisations": organisation.slug, "themes": theme.slug, "feeds": theme.slug},
        "token": {
            "invites.accept": invitation_token,
            "digest": recipient_token("subscriber", subscriber.id, subscriber.email),
            "mydata": recipient_token("subscriber", subscriber.id, subscriber.email),
            "readiness": round_token,
        },
        "practice": practice.id,
    }


def argument_values(rule, world) -> dict:
    blueprint = rule.endpoint.split(".")[0]
    values = {}
    for name in rule.arguments:
        if (blueprint, name) in world["by_blueprint"]:
            values[name] = world["by_blueprint"][(blueprint, name)]
        elif name in world["int"]:
            values[name] = world["int"][name]
        elif name == "id":
            values[name] = world["id"].get(rule.endpoint, world["int"]["post_id"])
        elif name == "slug":
            values[name] = world["slug"].get(blueprint, "een-slug")
        elif name == "token":
            values[name] = world["token"].get(rule.endpoint) or world["token"].get(
                blueprint, "geen-echte-token"
            )
        elif name == "area":
            values[name] = "vragen"
        elif name == "kind":
            values[name] = "post"
        else:
            values[name] = "iets"
    return values


def walkable_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]


def path_for(rule, values) -> str:
    return rule.build(values, append_unknown=False)[1]


def hostile_paths(rule, values) -> list[str]:
    """The rule's URL with each argument in turn made hostile."""
    paths = []
    for name, value in values.items():
        if isinstance(value, int):
            sentinel, replacements = INT_SENTINEL, [str(2**64), "9" * 5000, "0"]
        else:
            sentinel, replacements = TEXT_SENTINEL, ["a%00b", "a%1Bb", "a%0D%0Ab", "x" * 5000]
        try:
            built = path_for(rule, {**values, name: sentinel})
        except ValueError:  # a fixed choice such as <any(vragen, ...):area>
            continue
        paths += [built.replace(str(sentinel), replacement) for replacement in replacements]
    return paths


# --- Counting rows --------------------------------------------------------------------------


def row_counts() -> tuple[int, ...]:
    tables = sorted(db.metadata.tables.values(), key=lambda table: table.name)
    query = sa.select(
        *(sa.select(sa.func.count()).select_from(table).scalar_subquery() for table in tables)
    )
    return tuple(db.session.execute(query).one())


# --- Sending --------------------------------------------------------------------------------


def form_data(form: Form, target: str, kind: str, token: str):
    """(body, content type): every field empty except the hostile one."""
    value = HOSTILE[kind]
    pairs = [("csrf_token", token)] + [(name, "") for name in form.fields if name != "csrf_token"]
    pairs = [(name, v) for name, v in pairs if name != target]
    if value is FILE:
        data = dict(pairs)
        data[target] = (io.BytesIO(b"geen tekst"), "bestand.txt")
        return data, "multipart/form-data"
    if value is DUPLICATE:
        pairs += [(target, "1"), (target, str(2**64))]
    else:
        pairs.append((target, value))
    return urlencode(pairs), "application/x-www-form-urlencoded"


@dataclass
class Walk:
    browser: Browser
    failures: list[str] = field(default_factory=list)
    requests: int = 0

    def check(self, response, what: str) -> None:
        self.requests += 1
        if response.status_code == 500:
            self.failures.append(f"{response.status_code} {what}")

    def get(self, path: str) -> str:
        response = self.browser.client.get(path)
        self.check(response, f"GET {path[:120]}")
        return response.get_data(as_text=True) if response.status_code == 200 else ""

    def post(self, path: str, body, content_type: str, what: str) -> None:
        before = row_counts()
        response = self.browser.client.post(path, data=body, content_type=content_type)
        self.check(response, what)
        if response.status_code in REFUSED:
            db.session.expire_all()
            if row_counts() != before:
                self.failures.append(f"half-written rows after {response.status_code} {what}")


def walk(app, browser: Browser, world: dict, *, logged_in: bool) -> Walk:
    walker = Walk(browser)
    rules = walkable_rules(app)
    forms: dict[tuple[str, str], Form] = {}
    for rule in rules:
        values = argument_values(rule, world)
        path = path_for(rule, values)
        if "GET" in rule.methods:
            html = walker.get(path)
            for form in forms_on(html, path):
                forms.setdefault((form.method, urlsplit(form.action).path), form)
            names = set(QUERY_NAMES)
            names.update(*(f.fields for f in forms_on(html, path) if f.method == "get"))
            for kind in ("nul", "control", "long", "huge"):
                value = HOSTILE[kind][:5000] if kind == "long" else HOSTILE[kind]
                walker.get(f"{path}?{urlencode({name: value for name in sorted(names)})}")
            walker.get(f"{path}?{urlencode([('pagina', '2'), ('pagina', str(2**64))])}")
        for hostile_path in hostile_paths(rule, values):
            if "GET" in rule.methods:
                walker.get(hostile_path)
            else:
                walker.post(hostile_path, {}, "application/x-www-form-urlencoded", hostile_path)
    token = browser.token("/instellingen" if logged_in else "/inloggen")
    adapter = app.url_map.bind("localhost")
    posted = set()
    for (method, action), form in sorted(forms.items()):
        if method != "post":
            continue
        try:
            endpoint, _ = adapter.match(action, method="POST")
        except Exception:  # noqa: BLE001 (a form pointing elsewhere is not ours to walk)
            continue
        posted.add(endpoint)
        if endpoint in SKIPPED_POSTS:
            continue
        for target in form.fields:
            for kind in HOSTILE:
                if target == "csrf_token" and kind == "duplicate":
                    continue  # a valid token twice is a valid submission
                body, content_type = form_data(form, target, kind, token)
                walker.post(form.action, body, content_type, f"POST {action} {target}={kind}")
    # POST routes no page showed a form for: the usual field names.
    generic = Form("", "post", ["id", "kind", "body", "name", "email", "action"])
    for rule in rules:
        if "POST" not in rule.methods or rule.endpoint in posted | SKIPPED_POSTS:
            continue
        path = path_for(rule, argument_values(rule, world))
        for target in generic.fields:
            for kind in ("nul", "long", "huge", "file", "duplicate"):
                body, content_type = form_data(generic, target, kind, token)
                walker.post(path, body, content_type, f"POST {path} {target}={kind}")
    return walker


@pytest.mark.parametrize("role", ["visitor", "admin"])
def test_no_hostile_input_anywhere_gives_a_500_or_half_a_row(app, role):
    world = build_world(app)
    browser = Browser(app.test_client())
    if role == "admin":
        browser.login(world["admin"])
    result = walk(app, browser, world, logged_in=role == "admin")
    assert result.requests > 500
    assert result.failures == [], "\n".join(result.failures)


def test_the_walk_reaches_the_forms_that_broke(app):
    """Guards the walker itself: it must find these forms and their fields on the pages."""
    world = build_world(app)
    browser = Browser(app.test_client())
    browser.login(world["admin"])
    found = {}
    for path in ("/vragen/nieuw", "/profiel/bewerken", "/beheer/organisaties/nieuw"):
        for form in forms_on(browser.get(path).get_data(as_text=True), path):
            found.setdefault(form.action, set()).update(form.fields)
    assert {"title", "body", "themes"} <= found["/vragen/nieuw"]
    assert {"name", "bio"} <= found["/profiel/bewerken"]
    assert {"website"} <= found["/beheer/organisaties/nieuw"]
    assert re.fullmatch(r"[0-9]+", str(world["practice"]))
