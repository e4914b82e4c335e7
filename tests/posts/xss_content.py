"""Every payload of the public XSS corpus (tests/data/xss_payloads.txt) posted as question
titles and bodies, as replies, and as every section of a good practice, through the services."""

from __future__ import annotations

from pathlib import Path

from community.accounts.models import Role
from community.extensions import db
from community.posts import services
from tests.factories import create_theme, create_user

PAYLOAD_FILE = Path(__file__).resolve().parents[1] / "data" / "xss_payloads.txt"
PAYLOADS = [
    line
    for line in PAYLOAD_FILE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def post_every_payload():
    """Returns (the question with a reply per payload, the practice made of payloads)."""
    theme = create_theme()
    asker, answerer = create_user(), create_user()
    ambassador = create_user(Role.AMBASSADOR)
    for payload in PAYLOADS:
        services.ask_question(
            asker,
            {
                "title": f"XSS-test: {payload}"[:150],
                "body": payload,
                "themes": [theme.id],
                "privacy_confirmed": True,
            },
        )
    question = services.ask_question(
        asker,
        {
            "title": "Een vraag met alle antwoorden",
            "body": "\n\n".join(PAYLOADS),
            "themes": [theme.id],
            "privacy_confirmed": True,
        },
    )
    for payload in PAYLOADS:
        services.post_reply(answerer, question, payload, privacy_confirmed=True)
    everything = "\n\n".join(PAYLOADS)
    practice = services.publish_practice(
        ambassador,
        {
            "title": f"XSS-test: {PAYLOADS[0]}"[:150],
            "summary": everything[:500],
            "context": everything,
            "approach": everything,
            "target_group": everything,
            "results": everything,
            "tips": everything,
            "grounding_text": PAYLOADS[1][:500],
            "themes": [theme.id],
            "privacy_confirmed": True,
        },
    )
    db.session.commit()
    return question, practice
