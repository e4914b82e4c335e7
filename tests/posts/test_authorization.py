"""Who may open or post each route of posts, follows and notifications.

Each route × visitor, professional, ambassador, moderator, admin and author → the status code.
"author" is whoever wrote the thing the route is about (the question, the practice or the reply;
for accepting, the asker). 302 for a visitor means "sent to log in"; 302 for a member means the
action was done and they were sent back.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from community import create_app
from community.accounts.models import Role
from community.clock import utcnow
from community.extensions import db
from community.notifications.models import Notification, NotificationKind
from community.posts.models import PostKind
from tests.factories import create_post, create_reply, create_theme, create_user

ROLES = ("visitor", "professional", "ambassador", "moderator", "admin", "author")


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    url: str  # formatted with the world's ids
    expected: tuple[int, int, int, int, int, int]  # in the order of ROLES
    author: str = "asker"  # which user of the world is "author"
    data: tuple = ()

    def __str__(self) -> str:
        return self.name


ALL_200 = (200,) * 6
MEMBERS = (302, 200, 200, 200, 200, 200)
OWNER_OR_MODERATOR = (302, 403, 403, 200, 200, 200)
ROUTES = [
    Route("home", "GET", "/", ALL_200),
    Route("practice list", "GET", "/goede-voorbeelden", ALL_200),
    Route("question list", "GET", "/vragen?tab=onbeantwoord", ALL_200),
    Route("question", "GET", "/vragen/{question}-{question_slug}", ALL_200),
    Route(
        "practice",
        "GET",
        "/goede-voorbeelden/{practice}-{practice_slug}",
        ALL_200,
        author="ambassador_author",
    ),
    Route(
        "new practice",
        "GET",
        "/goede-voorbeelden/nieuw",
        (302, 403, 200, 200, 200, 200),
        author="ambassador_author",
    ),
    Route("new question", "GET", "/vragen/nieuw", MEMBERS),
    Route("edit question", "GET", "/vragen/{question}/bewerken", OWNER_OR_MODERATOR),
    Route(
        "edit practice",
        "GET",
        "/goede-voorbeelden/{practice}/bewerken",
        OWNER_OR_MODERATOR,
        author="ambassador_author",
    ),
    Route("delete question page", "GET", "/vragen/{question}/verwijderen", OWNER_OR_MODERATOR),
    Route("history", "GET", "/vragen/{question}/geschiedenis", MEMBERS),
    Route("edit reply", "GET", "/reacties/{reply}/bewerken", OWNER_OR_MODERATOR, author="replier"),
    Route(
        "delete reply page",
        "GET",
        "/reacties/{reply}/verwijderen",
        OWNER_OR_MODERATOR,
        author="replier",
    ),
    Route("notifications", "GET", "/meldingen", MEMBERS),
    Route("following", "GET", "/ik-volg", MEMBERS),
    # Empty forms: members who may post see the form again with what to fix (200).
    Route(
        "post new practice",
        "POST",
        "/goede-voorbeelden/nieuw",
        (302, 403, 200, 200, 200, 200),
        author="ambassador_author",
    ),
    Route("post new question", "POST", "/vragen/nieuw", MEMBERS),
    Route("post question edit", "POST", "/vragen/{question}/bewerken", OWNER_OR_MODERATOR),
    Route(
        "post practice edit",
        "POST",
        "/goede-voorbeelden/{practice}/bewerken",
        OWNER_OR_MODERATOR,
        author="ambassador_author",
    ),
    Route(
        "post reply edit",
        "POST",
        "/reacties/{reply}/bewerken",
        OWNER_OR_MODERATOR,
        author="replier",
    ),
    Route(
        "reply",
        "POST",
        "/vragen/{question}/reageren",
        (302,) * 6,
        data=(("body", "Een buddy helpt."),),
    ),
    Route("accept", "POST", "/reacties/{reply}/accepteren", (302, 403, 403, 403, 403, 302)),
    Route("useful", "POST", "/reacties/{reply}/nuttig", (302,) * 6, author="replier"),
    Route(
        "delete question", "POST", "/vragen/{question}/verwijderen", (302, 403, 403, 302, 302, 302)
    ),
    Route(
        "delete reply",
        "POST",
        "/reacties/{reply}/verwijderen",
        (302, 403, 403, 302, 302, 302),
        author="replier",
    ),
    Route(
        "restore",
        "POST",
        "/goede-voorbeelden/{deleted_practice}/terugzetten",
        (302, 403, 403, 302, 302, 403),
        author="ambassador_author",
    ),
    Route(
        "confirm current",
        "POST",
        "/goede-voorbeelden/{practice}/actueel",
        (302, 403, 403, 302, 302, 302),
        author="ambassador_author",
    ),
    Route("follow", "POST", "/ik-volg", (302,) * 6, data=(("kind", "theme"), ("id", "{theme}"))),
    Route("open notification", "POST", "/meldingen/{notification}", (302, 404, 404, 404, 404, 302)),
    Route("read all", "POST", "/meldingen/gelezen", (302,) * 6),
    Route(
        "mail preference",
        "POST",
        "/meldingen/e-mail",
        (302,) * 6,
        data=(("notify_by_email", "uit"),),
    ),
]


def build_world() -> SimpleNamespace:
    theme = create_theme()
    asker = create_user(Role.PROFESSIONAL, email="asker@example.nl")
    replier = create_user(Role.PROFESSIONAL, email="replier@example.nl")
    ambassador_author = create_user(Role.AMBASSADOR, email="ambassador-author@example.nl")
    question = create_post(author=asker, themes=[theme])
    reply = create_reply(question, author=replier)
    practice = create_post(
        PostKind.PRACTICE, author=ambassador_author, summary="Kort", themes=[theme]
    )
    deleted = create_post(
        PostKind.PRACTICE, author=ambassador_author, summary="Weg", deleted_at=utcnow()
    )
    users = {
        "professional": create_user(Role.PROFESSIONAL, email="professional@example.nl"),
        "ambassador": create_user(Role.AMBASSADOR, email="ambassador@example.nl"),
        "moderator": create_user(Role.MODERATOR, email="moderator@example.nl"),
        "admin": create_user(Role.ADMIN, email="admin@example.nl"),
        "asker": asker,
        "replier": replier,
        "ambassador_author": ambassador_author,
    }
    notification = Notification(
        user_id=asker.id, kind=NotificationKind.NEW_ANSWER, post_id=question.id, reply_id=reply.id
    )
    db.session.add(notification)
    db.session.commit()
    return SimpleNamespace(
        users=users,
        ids={
            "question": question.id,
            "question_slug": question.slug,
            "practice": practice.id,
            "practice_slug": practice.slug,
            "deleted_practice": deleted.id,
            "reply": reply.id,
            "theme": theme.id,
            "notification": notification.id,
        },
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_route_answers_each_role(browser, route: Route, role: str):
    world = build_world()
    if role != "visitor":
        user = world.users[route.author if role == "author" else role]
        browser.login(user.email)
    target = route.url.format(**world.ids)
    if route.method == "GET":
        response = browser.get(target)
    else:
        data = {key: value.format(**world.ids) for key, value in route.data}
        response = browser.submit(target, data, form_url="/inloggen" if role == "visitor" else "/")
    expected = route.expected[ROLES.index(role)]
    assert response.status_code == expected, f"{route.method} {target} as {role}"
    if role == "visitor" and expected == 302:
        assert response.headers["Location"].startswith("/inloggen?next=")


def test_matrix_covers_every_route_of_these_features(tmp_path):
    """A new route in posts, follows or notifications must be added to the matrix."""
    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    )
    adapter = app.url_map.bind("localhost")
    ids = {
        name: "1"
        for name in ("question", "practice", "deleted_practice", "reply", "theme", "notification")
    }
    ids.update(question_slug="vraag", practice_slug="voorbeeld")
    covered = {
        (route.method, adapter.match(route.url.format(**ids).split("?")[0], method=route.method)[0])
        for route in ROUTES
    }
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] in ("posts", "follows", "notifications"):
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert (method, rule.endpoint) in covered, (
                    f"{method} {rule.endpoint} is not in the matrix"
                )
