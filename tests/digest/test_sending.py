"""The digest job against a real SMTP server: content per recipient, headers, exactly once."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.clock import utcnow
from community.digest import links, sending
from community.digest.models import DeliveryStatus, DigestDelivery, DigestRun, Frequency
from community.extensions import db
from community.follows.models import Follow
from community.posts.models import PostKind, Visibility
from tests.conftest import SMTPServer
from tests.factories import create_post, create_reply, create_subscriber, create_theme, create_user

WEEKLY = Frequency.WEEKLY


@pytest.fixture
def author(app):
    """Writes the posts; has the digest off, so the SMTP server only holds the mails under test."""
    return create_user(Role.AMBASSADOR, digest={"enabled": False})


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(("html",)).get_content()


def deliveries() -> list[DigestDelivery]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(DigestDelivery).order_by(DigestDelivery.id)))


def questions(author, themes, n, **fields):
    return [
        create_post(
            author=author, themes=themes, title=f"{fields.pop('prefix', 'Vraag')} {i}", **fields
        )
        for i in range(n)
    ]


def test_each_follower_gets_their_themes_new_questions_first_then_practices_then_waiting(
    smtp_server, author
):
    inwerken, behouden = create_theme("Inwerken"), create_theme("Behouden")
    now = utcnow()
    create_post(author=author, themes=[inwerken], title="Wie heeft een inwerkprogramma?")
    create_post(author=author, themes=[inwerken], title="Hoe lang duurt jullie inwerken?")
    create_post(
        PostKind.PRACTICE,
        author=author,
        themes=[inwerken],
        title="Buddy voor elke starter",
        summary="Elke nieuwe collega krijgt een buddy uit een ander team.",
    )
    create_post(author=author, themes=[behouden], title="Blijven collega's langer bij jullie?")
    waiting = create_post(
        author=author,
        themes=[inwerken],
        title="Wat doen jullie in week één?",
        created_at=now - timedelta(days=10),
    )
    answered = create_post(
        author=author,
        themes=[inwerken],
        title="Beantwoorde oude vraag",
        created_at=now - timedelta(days=10),
    )
    create_reply(answered, author=author)
    create_subscriber("inwerken@example.nl", themes=[inwerken])
    create_subscriber("behouden@example.nl", themes=[behouden])
    create_subscriber("alles@example.nl", all_themes=True)

    summary = sending.send_digest(WEEKLY, now=now + timedelta(seconds=1))
    assert (summary.sent, summary.skipped, summary.failed) == (2, 1, 0)

    [mail] = smtp_server.to("inwerken@example.nl")
    assert mail["Subject"] == "2 nieuwe vragen en 1 goed voorbeeld"
    text = text_of(mail)
    order = [
        "NIEUWE VRAGEN (2)",
        "Hoe lang duurt jullie inwerken?",
        "Wie heeft een inwerkprogramma?",
        "NIEUWE GOEDE VOORBEELDEN (1)",
        "Buddy voor elke starter",
        "Elke nieuwe collega krijgt",
        "DEZE VRAGEN WACHTEN NOG OP EEN ANTWOORD",
        waiting.title,
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert "Blijven collega's" not in text and "Beantwoorde oude vraag" not in text
    assert "het thema Inwerken, elke week" not in text  # the reason line names it as below
    assert "over het thema Inwerken." in text

    [everything] = smtp_server.to("alles@example.nl")
    assert everything["Subject"] == "3 nieuwe vragen en 1 goed voorbeeld"
    assert not smtp_server.to("behouden@example.nl")  # 1 new item < DIGEST_MIN_ITEMS (3)
    skipped = [d for d in deliveries() if d.status is DeliveryStatus.SKIPPED]
    assert [(d.recipient_key.split(":")[0], d.question_count) for d in skipped] == [
        ("subscriber", 1)
    ]


def test_members_only_posts_reach_members_but_never_followers(smtp_server, author):
    theme = create_theme()
    questions(author, [theme], 3, prefix="Openbare vraag")
    create_post(
        author=author, themes=[theme], title="Alleen voor leden", visibility=Visibility.MEMBERS
    )
    create_post(author=author, themes=[theme], title="Verborgen", hidden_at=utcnow())
    create_subscriber("volger@example.nl", all_themes=True)
    member = create_user(email="lid@example.nl")
    sending.send_digest(WEEKLY, now=utcnow() + timedelta(seconds=1))

    follower_text = text_of(smtp_server.to("volger@example.nl")[0])
    assert "Openbare vraag 0" in follower_text
    assert "Alleen voor leden" not in follower_text and "alleen voor leden" not in follower_text
    [member_mail] = smtp_server.to(member.email)
    assert member_mail["Subject"] == "4 nieuwe vragen"
    assert "Alleen voor leden" in text_of(member_mail) and "alleen voor leden" in html_of(
        member_mail
    )
    assert "lid bent van de Jeugdhulp Community" in text_of(member_mail)
    assert all("Verborgen" not in text_of(m) for m in smtp_server.messages)


def test_member_digest_follows_the_themes_they_follow(smtp_server, author):
    followed, other = create_theme("Leiderschap"), create_theme("Werving")
    questions(author, [followed], 3, prefix="Leiderschapsvraag")
    questions(author, [other], 3, prefix="Wervingsvraag")
    member = create_user(digest={"all_themes": False})
    db.session.add(Follow(user_id=member.id, theme_id=followed.id))
    sending.send_digest(WEEKLY, now=utcnow() + timedelta(seconds=1))
    text = text_of(smtp_server.to(member.email)[0])
    assert "Leiderschapsvraag 0" in text and "Wervingsvraag" not in text


def test_digest_headers_make_unsubscribing_one_click(smtp_server, author):
    questions(author, [], 3)
    subscriber = create_subscriber("kop@example.nl", all_themes=True)
    sending.send_digest(WEEKLY, now=utcnow() + timedelta(seconds=1))
    [mail] = smtp_server.to("kop@example.nl")
    token = links.recipient_token(links.SUBSCRIBER, subscriber.id, subscriber.email)
    assert mail["List-Unsubscribe"] == (
        f"<http://localhost/afmelden/{token}>, "
        "<mailto:nieuwsbrief@jeugdhulp-community.example.nl?subject=unsubscribe>"
    )
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail["List-Id"] == "Nieuwsbrief <nieuwsbrief.jeugdhulp-community.example.nl>"
    assert (
        mail["From"]
        == "Jeugdhulp Community nieuwsbrief <nieuwsbrief@jeugdhulp-community.example.nl>"
    )
    assert re.fullmatch(r"<[^@>]+@jeugdhulp-community\.example\.nl>", mail["Message-ID"].strip())
    assert mail["Date"]
    for body in (text_of(mail), html_of(mail)):
        assert f"http://localhost/afmelden/{token}" in body
        assert f"http://localhost/nieuwsbrief/{token}" in body
        assert "Je krijgt deze nieuwsbrief omdat je de Jeugdhulp Community volgt" in body
    html = html_of(mail)
    assert "<script" not in html and "<img" not in html and "<table" in html
    assert 'href="/' not in html  # every link absolute


@pytest.mark.config(DIGEST_FROM="Nieuwsbrief <brief@example.org>")
def test_digest_from_can_be_configured(smtp_server, author):
    questions(author, [], 3)
    create_subscriber("van@example.nl", all_themes=True)
    sending.send_digest(WEEKLY, now=utcnow() + timedelta(seconds=1))
    assert smtp_server.to("van@example.nl")[0]["From"] == "Nieuwsbrief <brief@example.org>"


def test_second_run_of_the_same_period_sends_nothing(smtp_server, author):
    questions(author, [], 3)
    for n in range(3):
        create_subscriber(f"een{n}@example.nl", all_themes=True)
    now = utcnow() + timedelta(seconds=1)
    assert sending.send_digest(WEEKLY, now=now).sent == 3
    again = sending.send_digest(WEEKLY, now=now + timedelta(hours=1))
    assert (again.sent, again.done_before) == (0, 3)
    assert len(smtp_server.messages) == 3
    # The next week only what is new since the last digest counts.
    later = sending.send_digest(WEEKLY, now=now + timedelta(days=7))
    assert (later.sent, later.skipped) == (0, 3)


def test_smtp_server_down_records_failures_and_the_next_run_delivers_them_once(app, author):
    questions(author, [], 3)
    for n in range(3):
        create_subscriber(f"later{n}@example.nl", all_themes=True)
    server = SMTPServer()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)  # nothing listens yet
    now = utcnow() + timedelta(seconds=1)
    down = sending.send_digest(WEEKLY, now=now)
    assert (down.sent, down.failed) == (0, 3)
    rows = deliveries()
    assert {(d.status, d.attempts) for d in rows} == {(DeliveryStatus.FAILED, 1)}
    assert all("Connection" in d.error or "refused" in d.error.lower() for d in rows)

    server.start()
    try:
        up = sending.send_digest(WEEKLY, now=now + timedelta(minutes=30))
        assert (up.sent, up.failed) == (3, 0)
        again = sending.send_digest(WEEKLY, now=now + timedelta(minutes=60))
        assert again.sent == 0
        messages = server.wait_for(3)
        assert sorted(str(m["To"]) for m in messages) == [f"later{n}@example.nl" for n in range(3)]
        assert {(d.status, d.attempts) for d in deliveries()} == {(DeliveryStatus.SENT, 2)}
    finally:
        server.stop()


def test_a_recipient_failing_five_times_is_not_tried_again(smtp_server, author):
    questions(author, [], 3)
    subscriber = create_subscriber(all_themes=True)
    now = utcnow() + timedelta(seconds=1)
    db.session.add(
        DigestDelivery(
            recipient_key=f"subscriber:{subscriber.id}",
            subscriber_id=subscriber.id,
            period_key=sending.period_key(WEEKLY, now),
            status=DeliveryStatus.FAILED,
            attempts=sending.MAX_ATTEMPTS,
        )
    )
    summary = sending.send_digest(WEEKLY, now=now)
    assert (summary.sent, summary.done_before) == (0, 1) and smtp_server.messages == []


class RefusingSMTPServer(SMTPServer):
    """A real SMTP server that refuses one mailbox and counts its connections."""

    def __init__(self, refused: str):
        super().__init__()
        self.refused = refused
        self.connections = 0

    async def handle_EHLO(self, _server, session, _envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname  # aiosmtpd asks a handler that answers EHLO to set it
        return responses

    async def handle_RCPT(self, _server, _session, envelope, address, _options):
        if address == self.refused:
            return "550 5.1.1 Mailbox bestaat niet"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_one_bad_address_never_stops_the_run_and_one_connection_serves_the_rest(app, author):
    questions(author, [], 3)
    for n in range(5):
        create_subscriber(f"ontvanger{n}@example.nl", all_themes=True)
    server = RefusingSMTPServer(refused="ontvanger1@example.nl")
    server.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
    try:
        summary = sending.send_digest(WEEKLY, now=utcnow() + timedelta(seconds=1))
        server.wait_for(4)
    finally:
        server.stop()
    assert (summary.sent, summary.failed) == (4, 1)
    assert "ontvanger1@example.nl" in summary.errors[0]
    # One connection, reopened once after the refusal dropped it.
    assert server.connections == 2
    failed = [d for d in deliveries() if d.status is DeliveryStatus.FAILED]
    assert len(failed) == 1 and "550" in failed[0].error


class Crash(Exception):
    pass


def test_crash_halfway_then_rerun_gives_every_recipient_exactly_one_digest(smtp_server, author):
    questions(author, [], 3)
    emails = [f"crash{n}@example.nl" for n in range(6)]
    for email in emails:
        create_subscriber(email, all_themes=True)
    now = utcnow() + timedelta(seconds=1)
    handled = []

    def crash_after_three(step: int) -> None:
        handled.append(step)
        if len(handled) == 3:
            raise Crash("the process died")

    with pytest.raises(Crash):
        sending.send_digest(WEEKLY, now=now, progress=crash_after_three)
    db.session.rollback()
    assert len(smtp_server.wait_for(3)) == 3

    rerun = sending.send_digest(WEEKLY, now=now + timedelta(minutes=5))
    assert (rerun.sent, rerun.done_before) == (3, 3)
    smtp_server.wait_for(6)
    assert sorted(str(m["To"]) for m in smtp_server.messages) == emails
    runs = list(db.session.scalars(sa.select(DigestRun).order_by(DigestRun.id)))
    assert [run.finished_at is not None for run in runs] == [False, True]


def test_crash_between_smtp_and_record_means_skip_never_a_duplicate(smtp_server, author):
    questions(author, [], 3)
    for n in range(3):
        create_subscriber(f"tussen{n}@example.nl", all_themes=True)
    now = utcnow() + timedelta(seconds=1)

    def die_after_second_handoff(email: str) -> None:
        if email == "tussen1@example.nl":
            raise Crash("killed after SMTP accepted the message")

    with pytest.raises(Crash):
        sending.send_digest(WEEKLY, now=now, after_smtp=die_after_second_handoff)
    db.session.rollback()
    rerun = sending.send_digest(WEEKLY, now=now + timedelta(minutes=5))
    assert rerun.sent == 1
    smtp_server.wait_for(3)
    assert sorted(str(m["To"]) for m in smtp_server.messages) == [
        f"tussen{n}@example.nl" for n in range(3)
    ]
    statuses = {d.recipient_key: d.status for d in deliveries()}
    assert sorted(statuses.values(), key=lambda s: s.value) == [
        DeliveryStatus.SENDING,
        DeliveryStatus.SENT,
        DeliveryStatus.SENT,
    ]


def test_dry_run_counts_but_sends_and_records_nothing(smtp_server, author):
    questions(author, [], 3)
    create_subscriber(all_themes=True)
    create_subscriber(themes=[create_theme()])  # nothing new in this theme: would be skipped
    summary = sending.send_digest(WEEKLY, now=utcnow() + timedelta(seconds=1), dry_run=True)
    assert (summary.sent, summary.skipped) == (1, 1)
    assert smtp_server.messages == [] and deliveries() == []
    [run] = db.session.scalars(sa.select(DigestRun))
    assert run.dry_run and run.sent_count == 1


def test_cli_sends_with_a_progress_bar_and_prints_a_summary(runner, smtp_server, author):
    questions(author, [], 3)
    for n in range(3):
        create_subscriber(f"cli{n}@example.nl", all_themes=True)
    only = runner.invoke(args=["digest", "send", "--period", "weekly", "--to", "CLI1@example.nl"])
    assert only.exit_code == 0, only.output
    assert "verstuurd 1, overgeslagen 0, mislukt 0" in only.output
    limited = runner.invoke(args=["digest", "send", "--period", "weekly", "--limit", "1"])
    assert "verstuurd 1," in limited.output and "limiet van 1 bereikt" in limited.output
    rest = runner.invoke(args=["digest", "send", "--period", "weekly"])
    assert "verstuurd 1, overgeslagen 0, mislukt 0, al eerder gedaan 2" in rest.output
    assert sorted(str(m["To"]) for m in smtp_server.wait_for(3)) == [
        f"cli{n}@example.nl" for n in range(3)
    ]
    bad = runner.invoke(args=["digest", "send", "--period", "maandelijks"])
    assert bad.exit_code == 2


def test_sql_queries_do_not_grow_with_the_number_of_posts(smtp_server, author):
    themes = [create_theme() for _ in range(4)]
    for n in range(8):
        create_subscriber(themes=themes[n % 4 : n % 4 + 2])
    create_user(digest={"all_themes": True})
    start = utcnow() - timedelta(days=20)
    create_post(author=author, themes=themes, title="Wacht op antwoord", created_at=start)

    def queries_for_run(posts: int, now) -> int:
        for n in range(posts):
            create_post(author=author, themes=[themes[n % 4]], created_at=now)
        db.session.commit()
        statements = []

        def count(_conn, _cursor, statement, *_args) -> None:
            statements.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", count)
        try:
            summary = sending.send_digest(WEEKLY, now=now + timedelta(seconds=1))
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", count)
        assert summary.sent == 9
        return statements

    few = queries_for_run(8, start + timedelta(days=5))  # the same shape twice: new posts, and
    many = queries_for_run(64, start + timedelta(days=13))  # a question waiting since `start`
    assert len(many) == len(few)
