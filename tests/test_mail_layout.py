"""Every mail looks like it comes from one sender: each HTML mail extends mail/_layout.html and
each text mail mail/_layout.txt (the same background, card, footer and site address). There were
three HTML layouts with different backgrounds: _layout.html, _digest_layout.html and a copy
written out in full in each of answer_accepted, colleague_asked, new_answer and digest."""

from __future__ import annotations

import re
from pathlib import Path

MAIL = Path(__file__).resolve().parents[1] / "templates" / "mail"


def extended(template: Path) -> str | None:
    found = re.search(r'{%-?\s*extends\s+"([^"]+)"', template.read_text())
    return found.group(1) if found else None


def test_every_mail_extends_the_one_layout():
    mails = [p for p in MAIL.iterdir() if not p.name.startswith("_")]
    assert len(mails) > 40
    wrong = [f"{p.name}: {extended(p)}" for p in mails if extended(p) != f"mail/_layout{p.suffix}"]
    assert not wrong, "mails that do not extend mail/_layout:\n" + "\n".join(sorted(wrong))
    layouts = sorted(p.name for p in MAIL.glob("_*layout*"))
    assert layouts == ["_layout.html", "_layout.txt"]


def test_the_layout_has_one_background(app):
    from flask import render_template

    with app.test_request_context():
        html = render_template(
            "mail/answer_accepted.html",
            subject="Je antwoord is geaccepteerd",
            site_url="https://community.example.nl",
            site_name="Jeugdhulp Community",
            recipient={"name": "Sanne"},
            post={"title": "Mentorschap"},
            link="https://community.example.nl/vragen/1",
            settings_link="https://community.example.nl/instellingen",
        )
    assert set(re.findall(r"background(?:-color)?:\s*(#[0-9a-f]{6})", html)) >= {"#fbfaf7"}
    assert "#f3f1ec" not in html
    assert html.count("<body") == 1 and "https://community.example.nl</a>" in html
