"""Two asks by one member at the same moment (two tabs) stay within the limit of five per
question. PostgreSQL only: SQLite's BEGIN IMMEDIATE serialises writers by itself."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from community.accounts.models import User
from community.colleagues import services
from community.colleagues.models import ColleagueAsk
from community.errors import DomainError
from community.extensions import db
from community.posts.models import Post
from tests.factories import create_post, create_user


def test_two_tabs_asking_at_once_ask_five_in_all(app):
    if db.engine.dialect.name == "sqlite":
        pytest.skip("SQLite serialises writers with BEGIN IMMEDIATE; needs PostgreSQL")
    asker = create_user()
    question = create_post(author=asker)
    first = [create_user().id for _ in range(5)]
    second = [create_user().id for _ in range(5)]
    asker_id, question_id = asker.id, question.id
    db.session.commit()
    outcome: list[str] = []

    def other_tab() -> None:
        with app.app_context():
            try:
                services.ask(
                    db.session.get(User, asker_id), db.session.get(Post, question_id), second
                )
                db.session.commit()
                outcome.append("asked")
            except DomainError as error:
                db.session.rollback()
                outcome.append(error.message)
            finally:
                db.session.remove()

    threads: list[threading.Thread] = []

    def before(_conn, _cursor, statement, *_args) -> None:
        # Right before our insert, when our count said "none asked yet", the other tab asks.
        if statement.startswith("INSERT INTO colleague_asks") and not threads:
            thread = threading.Thread(target=other_tab)
            threads.append(thread)
            thread.start()
            thread.join(timeout=2)  # it waits for our commit if the asker's row is locked

    sa.event.listen(db.engine, "before_cursor_execute", before)
    try:
        services.ask(db.session.get(User, asker_id), db.session.get(Post, question_id), first)
        db.session.commit()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", before)
    threads[0].join(timeout=30)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ColleagueAsk)) == 5
    assert outcome and "hoogstens 5" in outcome[0]
