"""Mail leaves the request: a real worker process delivers it from the outbox to real SMTP.

Everything here is real: gunicorn serves the test's database, `flask jobs worker` (Huey's
consumer) runs as a subprocess on a SqliteHuey file, and aiosmtpd receives the mail.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import time
from email.message import EmailMessage

import pytest
import sqlalchemy as sa

from community import database, jobs, mail, mail_outbox
from community.accounts.models import PasswordResetToken
from community.extensions import db
from community.mail_outbox import MailStatus, OutgoingMail
from tests.conftest import SMTPServer
from tests.factories import create_user
from tests.worker import wait_until

RESET_LINK_RE = re.compile(r"https?://[^/\s]+(/wachtwoord-herstellen/[A-Za-z0-9_-]+)")


def message(to: str, subject: str = "Test") -> EmailMessage:
    result = mail.new_message()
    result["From"], result["To"], result["Subject"] = "site@example.nl", to, subject
    result.set_content("Hallo")
    return result


def rows() -> list[OutgoingMail]:
    """The outbox as it is now, read without holding SQLite's write lock (the worker writes)."""
    db.session.commit()
    token = database.read_only_transactions.set(True)
    try:
        found = list(db.session.scalars(sa.select(OutgoingMail).order_by(OutgoingMail.id)))
        db.session.close()
    finally:
        database.read_only_transactions.reset(token)
    return found


def ask_reset(session, email: str):
    fields = session.form("/wachtwoord-vergeten")
    return session.post("/wachtwoord-vergeten", {**fields, "email": email})


def test_a_reset_requested_over_http_reaches_smtp_through_the_worker(
    app, smtp_server, worker, served
):
    create_user(email="sanne@example.nl")
    served.ready()
    worker.start()

    browser = served.session()
    answer = ask_reset(browser, "sanne@example.nl")
    assert answer.status == 302 and answer.location == "/inloggen"

    # Nobody calls anything: the worker looks the address up, makes the token and sends.
    [sent] = smtp_server.wait_for(1, timeout=30)
    assert sent["To"] == "sanne@example.nl"
    link = RESET_LINK_RE.search(sent.get_body(("plain",)).get_content())
    assert link, "the mail holds an absolute reset link"
    assert browser.get(link.group(1)).status == 200, "the mailed link opens the reset form"
    [row] = wait_until(lambda: [r for r in rows() if r.status is MailStatus.SENT], 10, "sent")
    assert row.raw == b"", "a sent mail's bytes (its reset link) are not kept"


def test_known_and_unknown_addresses_get_the_same_answer_and_the_request_does_the_same_work(
    app, smtp_server, worker, served
):
    create_user(email="bekend@example.nl")
    served.ready()  # the worker is not running yet: what the request itself did is visible

    known = served.session()
    unknown = served.session()
    answers = [ask_reset(known, "bekend@example.nl"), ask_reset(unknown, "onbekend@example.nl")]
    assert answers[0].status == answers[1].status == 302
    assert answers[0].location == answers[1].location == "/inloggen"
    pages = [known.get("/inloggen").body, unknown.get("/inloggen").body]
    strip = re.compile(r'name="csrf_token"[^>]*>')
    assert strip.sub("", pages[0]) == strip.sub("", pages[1])
    assert "Als er een account bij dit e-mailadres hoort" in pages[0]

    # The request only enqueued one job per address: no token, no mail yet, for either.
    assert served.scalar(sa.select(sa.func.count(PasswordResetToken.id))) == 0
    assert served.scalar(sa.select(sa.func.count(OutgoingMail.id))) == 0
    assert worker.huey.pending_count() == 2

    worker.start()
    [sent] = smtp_server.wait_for(1, timeout=30)
    assert sent["To"] == "bekend@example.nl"
    time.sleep(1.5)
    assert len(smtp_server.messages) == 1, "the unknown address gets nothing"


@pytest.mark.config(RESET_RATE_LIMIT="1000 per minute")
def test_reset_timing_known_and_unknown_address(app, smtp_server, worker, served):
    """Reported, not asserted (the machine is shared): medians over 50 requests each."""
    for i in range(50):  # one request per address: the hourly cap per account never kicks in
        create_user(email=f"tijd{i}@example.nl")
    served.ready()
    worker.start()
    browser = served.session()
    fields = browser.form("/wachtwoord-vergeten")
    timings: dict[str, list[float]] = {"bekend": [], "onbekend": []}
    for i in range(50):
        pair = (("bekend", f"tijd{i}@example.nl"), ("onbekend", f"niemand{i}@example.nl"))
        for label, email in pair:
            start = time.perf_counter()
            answer = browser.post("/wachtwoord-vergeten", {**fields, "email": email})
            timings[label].append(time.perf_counter() - start)
            assert answer.status == 302
    medians = {k: statistics.median(v) * 1000 for k, v in timings.items()}
    print(
        f"\nreset request median: known {medians['bekend']:.1f} ms, "
        f"unknown {medians['onbekend']:.1f} ms (50 each)"
    )


def test_a_rolled_back_transaction_enqueues_nothing(app, worker):
    mail.queue(db.session, message("weg@example.nl"))
    with db.session.begin_nested():
        mail.queue(db.session, message("binnen@example.nl"))
    db.session.rollback()
    db.session.commit()
    assert worker.huey.pending_count() == 0
    assert rows() == []

    mail.queue(db.session, message("wel@example.nl"))
    with pytest.raises(ValueError), db.session.begin_nested():
        mail.queue(db.session, message("savepoint@example.nl"))
        raise ValueError
    assert worker.huey.pending_count() == 0, "nothing before the commit"
    db.session.commit()
    assert worker.huey.pending_count() == 1
    assert [r.recipient for r in rows()] == ["wel@example.nl"]


class StallingSMTPServer(SMTPServer):
    """A real SMTP server whose first RCPT hangs: the worker is inside a send when it dies."""

    def __init__(self):
        super().__init__()
        self.stalls = 1
        self.rcpts = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.rcpts += 1
        if self.stalls:
            self.stalls -= 1
            await asyncio.sleep(60)
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.mark.config(MAIL_SENDING_LEASE_SECONDS=1)
def test_a_worker_killed_mid_send_is_replaced_and_the_mail_goes_out_once(app, worker):
    smtp = StallingSMTPServer()
    smtp.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_TIMEOUT=90)
    try:
        worker.start()
        mail.queue(db.session, message("eenmaal@example.nl"))
        db.session.commit()
        wait_until(lambda: smtp.rcpts == 1, 30, "the first attempt to reach RCPT")
        [row] = rows()
        assert row.status is MailStatus.SENDING

        worker.stop(kill=True)  # a crash in the middle of the job
        time.sleep(1.2)  # the claim's lease runs out
        worker.start()  # the new worker frees the row and sends it

        [sent] = smtp.wait_for(1, timeout=30)
        assert sent["To"] == "eenmaal@example.nl"
        [row] = wait_until(lambda: [r for r in rows() if r.status is MailStatus.SENT], 10, "sent")
        assert row.attempts == 2
        time.sleep(1.5)
        assert len(smtp.messages) == 1
    finally:
        smtp.stop()


@pytest.mark.config(MAIL_RETRY_DELAYS=(6,))
def test_a_refused_mail_is_retried_with_back_off_and_duplicate_jobs_send_it_once(app, worker):
    smtp = SMTPServer()  # not started: nothing listens, the server refuses the connection
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_TIMEOUT=2)
    worker.start()
    mail.queue(db.session, message("later@example.nl"))
    db.session.commit()
    # The claim counts the attempt before the connection is tried: wait for the refusal itself.
    [row] = wait_until(
        lambda: [r for r in rows() if r.attempts == 1 and r.status is not MailStatus.SENDING],
        30,
        "a first attempt, refused",
    )
    assert row.status is MailStatus.PENDING and "Connection" in row.last_error
    smtp.start()
    try:
        # The same mail's job enqueued three more times, beside the retry the worker scheduled in
        # 6 seconds: a duplicate never mails twice.
        for _ in range(3):
            mail_outbox.deliver(row.id)
        [sent] = smtp.wait_for(1, timeout=30)
        assert sent["To"] == "later@example.nl"
        time.sleep(1.5)
        assert len(smtp.messages) == 1
        [row] = rows()
        assert row.status is MailStatus.SENT and row.attempts == 2
    finally:
        smtp.stop()


def test_mail_committed_while_no_worker_ran_and_whose_job_was_lost_goes_out_at_start(
    app, smtp_server, worker
):
    mail.queue(db.session, message("bewaard@example.nl"))
    mail.queue(db.session, message("verloren@example.nl"))
    db.session.commit()
    assert worker.huey.pending_count() == 2
    worker.huey.dequeue()  # one job is lost (an emptied queue, a crash after the commit)
    assert worker.huey.pending_count() == 1

    worker.start()
    smtp_server.wait_for(2, timeout=30)
    time.sleep(1.5)
    assert sorted(str(m["To"]) for m in smtp_server.messages) == [
        "bewaard@example.nl",
        "verloren@example.nl",
    ]
    assert {r.status for r in rows()} == {MailStatus.SENT}


def test_after_commit_enqueues_a_job_only_for_the_outermost_commit(app, worker):
    from community.accounts import password_reset

    jobs.after_commit(db.session, password_reset.send_password_reset, "a@example.nl")
    with db.session.begin_nested():
        jobs.after_commit(db.session, password_reset.send_password_reset, "b@example.nl")
    assert worker.huey.pending_count() == 0
    db.session.commit()
    assert worker.huey.pending_count() == 2


def test_four_jobs_for_one_mail_send_it_once(app, smtp_server, worker):
    mail.queue(db.session, message("een@example.nl"))
    db.session.commit()
    [row] = rows()
    for _ in range(3):  # the same job again: a retry by hand, a sweep, a duplicated enqueue
        mail_outbox.deliver(row.id)
    assert worker.huey.pending_count() == 4

    worker.start()
    smtp_server.wait_for(1, timeout=30)
    wait_until(lambda: worker.huey.pending_count() == 0, 30, "the queue to empty")
    time.sleep(1)
    assert len(smtp_server.messages) == 1
    [row] = rows()
    assert row.status is MailStatus.SENT and row.attempts == 1


def test_a_job_declared_outside_the_factorys_list_is_refused(app):
    """The factory lists every module that declares jobs; a job the list misses would never be
    known to the worker, so building the queue says so instead of losing it quietly."""
    from community.jobs import _declared

    @jobs.task(name="tests.a_forgotten_job")
    def forgotten() -> None:  # declared here, in a module the factory does not list
        pass

    try:
        with pytest.raises(RuntimeError, match="tests.a_forgotten_job"):
            jobs.init_app(app)
    finally:
        del _declared["tests.a_forgotten_job"]
    jobs.init_app(app)  # without it, the queue builds again
