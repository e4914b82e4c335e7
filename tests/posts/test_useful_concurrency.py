""" "Nuttig" clicked in two tabs of one member at the same moment, against a served app.

Found in use: the count drifted to -8 and -9 against 0 and 1 vote rows, without any error.
"""

from __future__ import annotations

import sqlalchemy as sa

from community.accounts.models import Role
from community.posts.models import PostKind, Reply, UsefulVote
from tests.factories import create_post, create_reply, create_user
from tests.served import at_once, served  # noqa: F401  (a pytest fixture)

ROUNDS = 20


def test_simultaneous_useful_clicks_keep_the_count_equal_to_the_votes(served):  # noqa: F811
    question = create_post(PostKind.QUESTION)
    reply_id = create_reply(question).id
    question_path = f"/vragen/{question.id}-{question.slug}"
    voter = create_user(Role.PROFESSIONAL).email
    served.ready()

    tabs = [served.session(), served.session()]  # two logged-in sessions of one member
    for tab in tabs:
        tab.login(voter)
    action = f"/reacties/{reply_id}/nuttig"
    forms = [tab.form(question_path, action) for tab in tabs]

    def count_and_rows() -> tuple[int, int]:
        count = served.scalar(sa.select(Reply.useful_count).where(Reply.id == reply_id))
        rows = served.scalar(
            sa.select(sa.func.count())
            .select_from(UsefulVote)
            .where(UsefulVote.reply_id == reply_id)
        )
        return count, rows

    statuses = []
    for round_no in range(ROUNDS):
        answers = at_once(
            *[
                lambda t=tab, f=fields: t.post(action, f)
                for tab, fields in zip(tabs, forms, strict=True)
            ]
        )
        statuses += [a.status for a in answers]
        assert all(a.status == 302 for a in answers), (round_no, statuses, served.log()[-3000:])
        count, rows = count_and_rows()
        assert rows in (0, 1)
        assert count == rows, f"round {round_no + 1}: count {count}, vote rows {rows}"
    # The page shows the same figure the rows give.
    page = tabs[0].get(question_path)
    assert page.status == 200
    assert "Internal Server Error" not in served.log()
