"""Demo step: the demo ambassadors say "ik denk mee", so a support request finds a helper.

No requests are seeded: offering one mails ambassadors, and seeding mails nobody.
"""

from __future__ import annotations

from community.accounts.models import Role
from community.demo.context import SeedContext
from community.support import services as support

# Per ambassador key: the themes they think along about (by slug). Others get the first two
# curated themes; everyone offers two requests a month in their organisation's region.
EXPERTISE = {
    "demo_ambassador": ["inwerken", "mentorschap-en-begeleiding"],
    "amb_rvdk": ["behouden", "leiderschap"],
}
DEFAULT_EXPERTISE = ["inwerken", "behouden"]


def seed_sparring_offers(ctx: SeedContext) -> None:
    for key, person in ctx.people.items():
        if person.role is not Role.AMBASSADOR or support.sparring_offer(person) is not None:
            continue
        themes = [
            ctx.themes[s].id for s in EXPERTISE.get(key, DEFAULT_EXPERTISE) if s in ctx.themes
        ]
        if not themes:
            continue
        region = person.organisation.region if person.organisation else ""
        support.set_sparring_offer(person, True, themes, region or "Landelijk", 2, now=ctx.now)
        ctx.report.sparring_offers += 1
