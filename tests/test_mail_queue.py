"""Queued mail leaves only when the whole transaction commits, savepoints included."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from community import mail
from community.extensions import db


def message(to: str) -> EmailMessage:
    result = EmailMessage()
    result["From"], result["To"], result["Subject"] = "site@example.nl", to, "Test"
    result.set_content("Hallo")
    return result


def recipients(outbox) -> list[str]:
    return sorted(m["To"] for m in outbox())


def test_releasing_a_savepoint_sends_nothing_before_the_commit(app, outbox):
    mail.queue(db.session, message("eerst@example.nl"))
    with db.session.begin_nested():
        mail.queue(db.session, message("binnen@example.nl"))
    assert outbox() == []
    db.session.commit()
    assert recipients(outbox) == ["binnen@example.nl", "eerst@example.nl"]


def test_a_rolled_back_savepoint_drops_only_the_mail_queued_inside_it(app, outbox):
    mail.queue(db.session, message("eerst@example.nl"))
    with pytest.raises(ValueError), db.session.begin_nested():
        mail.queue(db.session, message("binnen@example.nl"))
        raise ValueError
    mail.queue(db.session, message("daarna@example.nl"))
    db.session.commit()
    assert recipients(outbox) == ["daarna@example.nl", "eerst@example.nl"]


def test_a_rollback_drops_the_mail_of_released_savepoints_too(app, outbox):
    with db.session.begin_nested():
        mail.queue(db.session, message("binnen@example.nl"))
    db.session.rollback()
    db.session.commit()
    assert outbox() == []
