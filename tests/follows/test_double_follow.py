"""A double click on "Volg deze vraag": two requests at once on two gunicorn workers leave one
follow row and no error page (on PostgreSQL the second insert used to end in a 500)."""

from __future__ import annotations

import sqlalchemy as sa

from community.accounts.models import Role
from community.digest.models import Subscriber
from community.follows.models import Follow
from community.posts.models import PostKind
from tests.factories import create_post, create_theme, create_user
from tests.served import at_once, served  # noqa: F401  (a pytest fixture)

ROUNDS = 5


def test_double_follow_makes_one_follow_and_no_error(served):  # noqa: F811
    questions = [create_post(PostKind.QUESTION) for _ in range(ROUNDS)]
    targets = [(q.id, f"/vragen/{q.id}-{q.slug}") for q in questions]
    member = create_user(Role.PROFESSIONAL)
    email, member_id = member.email, member.id
    served.ready()
    tab = served.session()
    tab.login(email)
    for post_id, page in targets:
        fields = tab.form(page, "/ik-volg")
        fields.update(kind="post", id=str(post_id), action="follow", next=page)

        answers = at_once(
            lambda f=fields: tab.post("/ik-volg", f), lambda f=fields: tab.post("/ik-volg", f)
        )

        assert [a.status for a in answers] == [302, 302], served.log()[-3000:]
        assert {a.location for a in answers} == {page}
        follows = served.scalar(
            sa.select(sa.func.count())
            .select_from(Follow)
            .where(Follow.user_id == member_id, Follow.post_id == post_id)
        )
        assert follows == 1


def test_double_follow_by_email_makes_one_subscriber_and_no_error(served):  # noqa: F811
    """The "volg per e-mail" form (/volgen) sent twice at once by a visitor."""
    theme_id = create_theme().id
    served.ready()
    tab = served.session()
    for round_no in range(ROUNDS):
        email = f"volger{round_no}@example.nl"
        fields = tab.form("/volgen", "/volgen")
        fields.update(email=email, themes=str(theme_id), frequency="weekly")

        answers = at_once(
            lambda f=fields: tab.post("/volgen", f), lambda f=fields: tab.post("/volgen", f)
        )

        assert [a.status for a in answers] == [302, 302], served.log()[-3000:]
        assert {a.location for a in answers} == {"/volgen/kijk-in-je-mail"}
        subscribers = served.scalar(
            sa.select(sa.func.count()).select_from(Subscriber).where(Subscriber.email == email)
        )
        assert subscribers == 1
