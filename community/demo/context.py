"""What the seeding steps share (SeedContext) and what `flask demo seed` reports (SeedReport)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta

from community.accounts.models import Role, User
from community.organisations.models import Organisation
from community.posts.models import Post
from community.themes.models import Theme

# The demo Community started this long before the seed ran; people joined one by one since.
HISTORY = timedelta(days=730)


@dataclass(frozen=True)
class DemoLogin:
    role: Role
    name: str
    email: str
    # None when the account no longer accepts the demo password (changed, or deactivated).
    password: str | None


@dataclass
class SeedReport:
    organisations: list[str] = field(default_factory=list)  # names of those added
    people: list[str] = field(default_factory=list)  # e-mail addresses of those added
    invitations: int = 0
    themes: int = 0
    practices: int = 0
    questions: int = 0
    answers: int = 0  # on questions
    reactions: int = 0  # on practices
    useful_votes: int = 0
    accepted: int = 0
    follows: int = 0  # members following a post or a theme
    followers: int = 0  # followers without an account (digest subscribers)
    sparring_offers: int = 0  # ambassadors who think along with support requests
    logins: list[DemoLogin] = field(default_factory=list)

    @property
    def added_anything(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "logins")


@dataclass
class SeedContext:
    """What the steps share: the clock, the password, and the rows by their content key."""

    now: datetime
    password: str
    report: SeedReport
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, User] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)  # by slug
    posts: dict[str, Post] = field(default_factory=dict)  # only those added in this run

    @property
    def start(self) -> datetime:
        """When the demo Community began."""
        return self.now - HISTORY

    def ago(self, days: int) -> datetime:
        return self.now - timedelta(days=days)
