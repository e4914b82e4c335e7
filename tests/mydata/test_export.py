"""A member downloads everything the Community holds about them, and nothing about anyone else."""

from __future__ import annotations

import re
from datetime import timedelta

from community.accounts.models import Role
from community.clock import utcnow
from community.digest.models import DeliveryStatus, DigestDelivery
from community.extensions import db
from community.follows.models import Follow
from community.moderation.models import Flag, FlagReason
from community.mydata.services import export_member_data
from community.notifications.models import Notification, NotificationKind
from community.posts.models import PostKind, Revision, UsefulVote
from tests.factories import (
    create_invitation,
    create_post,
    create_reply,
    create_theme,
    create_user,
)
from tests.mydata.helpers import counted_statements, downloaded


def test_download_is_a_dated_json_attachment_that_is_never_cached(browser):
    create_user(email="lotte@example.nl", name="Lotte de Vries")
    browser.login("lotte@example.nl")
    response = browser.get("/instellingen/mijn-gegevens/download")
    assert response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(
        r'attachment; filename="mijn-gegevens-\d{4}-\d{2}-\d{2}\.json"', disposition
    )
    assert "no-store" in response.headers["Cache-Control"]
    data = downloaded(response)
    assert data["profiel"]["email"] == "lotte@example.nl"
    assert data["profiel"]["name"] == "Lotte de Vries"


def test_download_needs_a_login(client):
    response = client.get("/instellingen/mijn-gegevens/download")
    assert response.status_code == 302 and "/inloggen" in response.location


def test_export_holds_my_posts_and_everything_around_me_but_nothing_of_others(app):
    theme = create_theme("Inwerken")
    inviter = create_user(Role.AMBASSADOR, name="Sanne Bakker")
    me = create_user(Role.AMBASSADOR, name="Lotte de Vries", invited_by_id=inviter.id, bio="Mentor")
    create_user(name="Ahmed Yilmaz", invited_by_id=me.id, organisation=me.organisation)
    other = create_user(name="Iemand Anders")

    mine = create_post(author=me, title="Hoe houd je starters vast?", themes=[theme])
    db.session.add(
        Revision(post_id=mine.id, editor_id=me.id, title="Eerste versie", content={"body": "oud"})
    )
    practice = create_post(PostKind.PRACTICE, author=me, title="Buddy voor elke starter")
    theirs = create_post(author=other, title="Vraag van een ander")
    my_reply = create_reply(theirs, author=me, body="Mijn antwoord")
    their_reply = create_reply(mine, author=other, body="Antwoord van een ander")
    db.session.add_all(
        [
            UsefulVote(reply_id=their_reply.id, user_id=me.id),
            Follow(user_id=me.id, theme_id=theme.id),
            Follow(user_id=other.id, post_id=theirs.id),
            Notification(user_id=me.id, kind=NotificationKind.NEW_ANSWER, post_id=mine.id),
            Notification(user_id=other.id, kind=NotificationKind.NEW_ANSWER, post_id=theirs.id),
            Flag(
                post_id=theirs.id, reporter_id=me.id, reason=FlagReason.SPAM, explanation="reclame"
            ),
            DigestDelivery(
                recipient_key=f"member:{me.id}",
                user_id=me.id,
                period_key="weekly:2026-W47",
                status=DeliveryStatus.SENT,
            ),
        ]
    )
    create_invitation(me, email="nieuw@example.nl", message="Kom erbij!")
    create_invitation(other, email="niet-van-mij@example.nl")
    db.session.flush()

    data = export_member_data(me)

    assert data["profiel"]["name"] == "Lotte de Vries" and data["profiel"]["bio"] == "Mentor"
    assert "password_hash" not in data["profiel"] and "session_epoch" not in data["profiel"]
    assert data["profiel"]["organisation"]["name"] == me.organisation.name
    assert data["uitgenodigd_door"] == "Sanne Bakker"
    assert [m["name"] for m in data["door_jou_uitgenodigd"]] == ["Ahmed Yilmaz"]
    assert [i["email"] for i in data["jouw_uitnodigingen"]] == ["nieuw@example.nl"]
    assert data["jouw_uitnodigingen"][0]["status"] == "open"
    assert "token_hash" not in data["jouw_uitnodigingen"][0]

    titles = [p["title"] for p in data["berichten"]]
    assert titles == ["Hoe houd je starters vast?", "Buddy voor elke starter"]
    assert "Vraag van een ander" not in titles
    question = data["berichten"][0]
    assert question["themes"] == ["Inwerken"]
    assert question["link"].startswith("http://localhost/vragen/")
    assert [r["title"] for r in question["revisions"]] == ["Eerste versie"]
    assert {"body", "visibility", "is_anonymous", "created_at"} <= question.keys()
    assert data["berichten"][1]["kind"] == "practice" and practice.id == data["berichten"][1]["id"]

    assert [r["body"] for r in data["reacties"]] == ["Mijn antwoord"]
    assert data["reacties"][0]["post_title"] == "Vraag van een ander"
    assert [v["reply_id"] for v in data["nuttig_gemarkeerd"]] == [their_reply.id]
    assert [f["theme"] for f in data["volgt"]] == ["Inwerken"]
    assert [n["post_id"] for n in data["meldingen"]] == [mine.id]
    assert [f["explanation"] for f in data["door_jou_gemeld"]] == ["reclame"]
    assert data["nieuwsbrief"]["themes"] == "all"  # digest_all_themes is on by default
    assert [d["period_key"] for d in data["nieuwsbrief"]["deliveries"]] == ["weekly:2026-W47"]
    assert my_reply.id == data["reacties"][0]["id"]

    flat = str(data)
    for foreign in ("Iemand Anders", "niet-van-mij@example.nl", "Antwoord van een ander"):
        assert foreign not in flat


def _member_with_posts(n: int):
    theme = create_theme()
    member = create_user(email=f"schrijver{n}@example.nl")
    for i in range(n):
        post = create_post(author=member, themes=[theme])
        reply = create_reply(post, author=member)
        db.session.add(Revision(reply_id=reply.id, editor_id=member.id, content={"body": f"v{i}"}))
        create_invitation(
            member, email=f"collega{n}-{i}@example.nl", now=utcnow() - timedelta(days=i)
        )
        db.session.add(Follow(user_id=member.id, post_id=post.id))
        db.session.add(
            Notification(user_id=member.id, kind=NotificationKind.NEW_ANSWER, post_id=post.id)
        )
    db.session.commit()
    return member


def test_export_runs_the_same_number_of_queries_for_2_and_20_posts(app):
    counts = []
    for n in (2, 20):
        member = _member_with_posts(n)
        db.session.expire_all()
        member = db.session.get(type(member), member.id)
        with counted_statements() as statements:
            data = export_member_data(member)
        assert len(data["berichten"]) == n and len(data["reacties"]) == n
        assert all(len(r["revisions"]) == 1 for r in data["reacties"])
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
    # 19 before the outbox, log-ins, notify and support tables joined the download; 29 now, and
    # one more (a sparring offer's themes) for a member who offers to think along.
    assert counts[1] <= 30


def test_the_page_links_to_the_download_and_to_deleting(browser):
    create_user(email="lotte@example.nl")
    browser.login("lotte@example.nl")
    settings = browser.get("/instellingen").get_data(as_text=True)
    assert 'href="/instellingen/mijn-gegevens"' in settings
    page = browser.get("/instellingen/mijn-gegevens").get_data(as_text=True)
    assert 'href="/instellingen/mijn-gegevens/download"' in page
    assert 'href="/instellingen/account-verwijderen"' in page
