"""Demo following: members who follow themes, and followers without an account.

Followers are built as confirmed `Subscriber` rows: `digest.services.follow_by_email` would
queue a confirmation mail, and the double opt-in itself is not what a demo needs to show. Their
addresses are all under example.nl. Keyed on e-mail address (and on member + theme for
follows), so a second run adds nothing.
"""

from __future__ import annotations

from datetime import timedelta

from community.accounts.services import normalise_email, user_by_email
from community.demo import content as demo
from community.demo.context import SeedContext
from community.digest.models import Frequency, Subscriber
from community.digest.services import CONSENT_TEXT_VERSION, subscriber_by_email
from community.extensions import db
from community.follows import services as follows

# How long the confirmation link sat in a follower's inbox before they clicked it.
CONFIRMED_AFTER = timedelta(minutes=12)


def seed_theme_follows(ctx: SeedContext) -> None:
    """A few members follow themes, from a day after they joined."""
    for key, slugs in demo.THEME_FOLLOWS.items():
        user = ctx.people[key]
        if not user.is_active:
            continue
        for index, slug in enumerate(slugs):
            theme = ctx.themes[slug]
            if follows.is_following(user, theme=theme):
                continue
            since = min(user.created_at + timedelta(days=1 + index), ctx.now)
            follows.follow(user, theme=theme).created_at = since
            ctx.report.follows += 1
    db.session.flush()


def seed_followers(ctx: SeedContext) -> None:
    """Confirmed followers of some themes (or all), weekly or daily; no digest sent yet."""
    for data in demo.DEMO_FOLLOWERS:
        email = normalise_email(data["email"])
        if subscriber_by_email(email) is not None or user_by_email(email) is not None:
            continue
        confirmed = ctx.ago(data["days_ago"])
        all_themes = data["themes"] == "all"
        subscriber = Subscriber(
            email=email,
            frequency=Frequency(data["frequency"]),
            all_themes=all_themes,
            consent_text_version=CONSENT_TEXT_VERSION,
            created_at=confirmed - CONFIRMED_AFTER,
            confirmed_at=confirmed,
        )
        subscriber.themes = [] if all_themes else [ctx.themes[slug] for slug in data["themes"]]
        db.session.add(subscriber)
        ctx.report.followers += 1
    db.session.flush()
