"""A follower who chose "direct" hears of a new question the way a person sees it happen: a
member asks over HTTP on a served app, the real worker fans out and delivers, and the mail's
bytes arrive at a real SMTP server. Nobody calls a job or a CLI command in between."""

from __future__ import annotations

import time

from community.extensions import db
from community.follows.models import Delivery, Follow
from tests.factories import create_theme, create_user


def test_a_direct_follower_gets_one_mail_for_a_question_asked_over_http(
    app,
    smtp_server,
    worker,
    served,
):
    theme = create_theme("Inwerken")
    direct = create_user(email="direct@example.nl", name="Fatima Bakker")
    newsletter = create_user(email="nieuwsbrief@example.nl")
    asker = create_user(email="vraagsteller@example.nl", name="Sanne de Vries")
    for user, delivery in ((direct, Delivery.DIRECT), (newsletter, Delivery.DIGEST)):
        db.session.add(Follow(user_id=user.id, theme_id=theme.id, delivery=delivery))
    db.session.add(Follow(user_id=asker.id, theme_id=theme.id, delivery=Delivery.DIRECT))
    theme_id = theme.id
    served.ready()
    worker.start()

    browser = served.session()
    browser.login("vraagsteller@example.nl")
    fields = browser.form("/vragen/nieuw")
    answer = browser.post(
        "/vragen/nieuw",
        {
            **fields,
            "title": "Wie heeft een inwerkplan voor nieuwe jeugdhulpverleners?",
            "body": "Bij ons schiet het inwerken er in drukke weken bij in.",
            "themes": str(theme_id),
        },
    )
    assert answer.status == 302

    [mail] = smtp_server.wait_for(1, timeout=30)
    assert mail["To"] == "direct@example.nl"
    assert "Wie heeft een inwerkplan voor nieuwe jeugdhulpverleners?" in mail["Subject"]
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    time.sleep(2)  # the asker (never told of their own question) and the newsletter-only follower
    assert [str(m["To"]) for m in smtp_server.messages] == ["direct@example.nl"]
