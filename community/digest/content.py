"""What goes into a digest, and the mail it becomes.

Recipients share their content: every recipient with the same audience (public or members), the
same "since" and the same set of themes gets the same digest. So the posts are loaded once per
audience and "since" (a pool), filtered per theme set in Python, and rendered once per distinct
digest; per recipient only the token in the links and the To header differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr

import sqlalchemy as sa
from flask import current_app, render_template
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from community import mail, urls
from community.digest.models import Frequency
from community.digest.recipients import MEMBERS, Recipient
from community.extensions import db
from community.formatting import format_date, plural
from community.posts.models import Post, PostKind
from community.posts.queries import visible_posts
from community.themes.models import Theme

WAITING_AFTER = timedelta(days=3)  # a question without any answer after this long "waits"
WAITING_WINDOW = timedelta(days=30)  # …until it is this old: older ones are not news any more
SHOWN_PER_SECTION = 10
SHOWN_WAITING = 5
EXCERPT_LENGTH = 220
# Stands in for the recipient's token while a digest is rendered once for many recipients.
TOKEN_PLACEHOLDER = "RECIPIENT-TOKEN-PLACEHOLDER"


@dataclass(frozen=True)
class Item:
    id: int
    kind: str
    title: str
    url: str
    excerpt: str
    theme_ids: frozenset[int]
    theme_names: tuple[str, ...]
    created_at: datetime
    members_only: bool
    organisation: str


@dataclass
class Pool:
    """The posts one audience may see: new since a moment, and questions still waiting."""

    new: list[Item]
    waiting: list[Item]


@dataclass
class DigestContent:
    questions: list[Item] = field(default_factory=list)
    practices: list[Item] = field(default_factory=list)
    waiting: list[Item] = field(default_factory=list)

    @property
    def new_count(self) -> int:
        return len(self.questions) + len(self.practices)


@dataclass(frozen=True)
class RenderedDigest:
    subject: str
    text: str
    html: str


def _excerpt(post: Post) -> str:
    source = post.summary if post.kind is PostKind.PRACTICE and post.summary else post.body_html
    text = " ".join(Markup(source).striptags().split())
    if len(text) > EXCERPT_LENGTH:
        text = text[: EXCERPT_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return text


def _item(post: Post) -> Item:
    return Item(
        id=post.id,
        kind=post.kind.value,
        title=post.title,
        url=urls.absolute_post_url(post),
        excerpt=_excerpt(post),
        theme_ids=frozenset(theme.id for theme in post.themes),
        theme_names=tuple(theme.name for theme in post.themes),
        created_at=post.created_at,
        members_only=not post.is_public,
        organisation=""
        if post.is_anonymous or post.organisation is None
        else post.organisation.name,
    )


def load_pool(viewer, since: datetime, cutoff: datetime) -> Pool:
    """Two queries (plus eager loads), whatever the number of recipients that share the pool.

    `viewer` is None for followers, so members-only posts never enter their pool; for members it
    is a member, and queries.visible_posts() decides what they may see.
    """
    options = (selectinload(Post.themes), selectinload(Post.organisation))
    new = list(
        db.session.scalars(
            visible_posts(viewer)
            .where(Post.created_at > since, Post.created_at <= cutoff)
            .options(*options)
            .order_by(Post.created_at.desc(), Post.id.desc())
        )
    )
    waiting = list(
        db.session.scalars(
            visible_posts(viewer, PostKind.QUESTION)
            .where(
                Post.reply_count == 0,
                Post.accepted_reply_id.is_(None),
                Post.created_at <= cutoff - WAITING_AFTER,
                Post.created_at > cutoff - WAITING_WINDOW,
            )
            .options(*options)
            .order_by(Post.created_at.asc(), Post.id.asc())
        )
    )
    return Pool(new=[_item(p) for p in new], waiting=[_item(p) for p in waiting])


def select_content(pool: Pool, theme_ids: frozenset[int] | None) -> DigestContent:
    """The part of the pool for these themes (None: all themes, also posts without a theme)."""

    def wanted(item: Item) -> bool:
        return theme_ids is None or bool(item.theme_ids & theme_ids)

    content = DigestContent()
    new_ids = set()
    for item in pool.new:
        if wanted(item):
            new_ids.add(item.id)
            (content.questions if item.kind == "question" else content.practices).append(item)
    content.waiting = [i for i in pool.waiting if wanted(i) and i.id not in new_ids]
    return content


def subject_for(content: DigestContent) -> str:
    """'5 nieuwe vragen en 2 goede voorbeelden', '1 nieuwe vraag', '3 nieuwe goede voorbeelden'."""
    questions = len(content.questions)
    practices = len(content.practices)
    parts = []
    if questions:
        parts.append(plural(questions, "nieuwe vraag", "nieuwe vragen"))
    if practices:
        label = plural(practices, "goed voorbeeld", "goede voorbeelden")
        if not questions:
            label = plural(practices, "nieuw goed voorbeeld", "nieuwe goede voorbeelden")
        parts.append(label)
    return " en ".join(parts) or "Nieuws uit de Jeugdhulp Community"


def themes_phrase(theme_names: list[str] | None) -> str:
    """ "alle thema's", "het thema Inwerken", "de thema's Inwerken, Behouden en Leiderschap"."""
    if theme_names is None:
        return "alle thema's"
    if not theme_names:
        return "de thema's die je volgt"
    if len(theme_names) == 1:
        return f"het thema {theme_names[0]}"
    return f"de thema's {', '.join(theme_names[:-1])} en {theme_names[-1]}"


def reason_line(audience: str, theme_names: list[str] | None, frequency: Frequency) -> str:
    """Why the reader gets this mail, in one sentence."""
    how_often = "elke dag" if frequency is Frequency.DAILY else "elke week"
    site_name = current_app.config["SITE_NAME"]
    scope = themes_phrase(theme_names)
    if audience == MEMBERS:
        return (
            f"Je krijgt deze nieuwsbrief omdat je lid bent van de {site_name} en de "
            f"nieuwsbrief aan hebt staan: {how_often}, over {scope}."
        )
    return (
        f"Je krijgt deze nieuwsbrief omdat je de {site_name} volgt en dat zelf hebt "
        f"bevestigd: {how_often}, over {scope}."
    )


def render_digest(
    content: DigestContent,
    *,
    audience: str,
    theme_names: list[str] | None,
    frequency: Frequency,
    since: datetime,
    token: str = TOKEN_PLACEHOLDER,
) -> RenderedDigest:
    """Render the text and HTML once; links carry `token` (the placeholder, when shared)."""
    members = audience == MEMBERS
    context = {
        "subject": subject_for(content),
        "content": content,
        "shown": SHOWN_PER_SECTION,
        "shown_waiting": SHOWN_WAITING,
        "since_label": f"sinds {format_date(since)}",
        "reason": reason_line(audience, theme_names, frequency),
        "waiting_intro": (
            "Weet jij het antwoord, of ken je iemand die het weet? Daar help je een collega mee."
            if members
            else "Ken je iemand die het antwoord weet? Stuur de vraag gerust door."
        ),
        "site_url": current_app.config["SITE_URL"],
        "site_name": current_app.config["SITE_NAME"],
        "questions_url": urls.absolute_url("posts.questions"),
        "practices_url": urls.absolute_url("posts.practices"),
        "preferences_url": urls.absolute_url("digest.preferences", token=token),
        "unsubscribe_url": urls.absolute_url("digest.unsubscribe", token=token),
    }
    return RenderedDigest(
        subject=context["subject"],
        text=render_template("mail/digest.txt", **context),
        html=render_template("mail/digest.html", **context),
    )


def digest_sender(config) -> str:
    """DIGEST_FROM, or "Jeugdhulp Community nieuwsbrief <nieuwsbrief@…>" on MAIL_FROM's domain."""
    if config.get("DIGEST_FROM"):
        return config["DIGEST_FROM"]
    domain = parseaddr(config["MAIL_FROM"])[1].rpartition("@")[2] or "localhost"
    return formataddr((f"{config['SITE_NAME']} nieuwsbrief", f"nieuwsbrief@{domain}"))


class MessageFactory:
    """Builds each recipient's message from a shared rendering: a few string replacements."""

    def __init__(self, config):
        self.sender = digest_sender(config)
        self.address = parseaddr(self.sender)[1]
        self.domain = self.address.rpartition("@")[2] or "localhost"
        self.list_id = f"Nieuwsbrief <nieuwsbrief.{self.domain}>"
        self.unsubscribe_base = urls.absolute_url("digest.unsubscribe", token=TOKEN_PLACEHOLDER)

    def build(self, rendered: RenderedDigest, to: str, token: str) -> EmailMessage:
        message = mail.new_message()
        message["Subject"] = rendered.subject
        message["From"] = self.sender
        message["To"] = to
        message["Message-ID"] = make_msgid(idstring="digest", domain=self.domain)
        message["List-Id"] = self.list_id
        unsubscribe = self.unsubscribe_base.replace(TOKEN_PLACEHOLDER, token)
        message["List-Unsubscribe"] = (
            f"<{unsubscribe}>, <mailto:{self.address}?subject=unsubscribe>"
        )
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        message["Auto-Submitted"] = "auto-generated"
        message.set_content(rendered.text.replace(TOKEN_PLACEHOLDER, token))
        message.add_alternative(rendered.html.replace(TOKEN_PLACEHOLDER, token), subtype="html")
        return message


class DigestBuilder:
    """Pools, selections and renderings for one run, each made once and shared."""

    def __init__(self, period: Frequency, cutoff: datetime):
        self.period = period
        self.cutoff = cutoff
        themes = db.session.execute(sa.select(Theme.id, Theme.name).order_by(Theme.position)).all()
        self.theme_names = dict(themes)
        self.theme_order = {theme_id: n for n, (theme_id, _name) in enumerate(themes)}
        self._pools: dict[tuple, Pool] = {}
        self._contents: dict[tuple, DigestContent] = {}
        self._renders: dict[tuple, RenderedDigest] = {}

    def key(self, recipient: Recipient) -> tuple:
        return (recipient.audience, recipient.since(self.period, self.cutoff), recipient.theme_ids)

    def content(self, recipient: Recipient) -> DigestContent:
        key = self.key(recipient)
        if key not in self._contents:
            audience, since, theme_ids = key
            if (audience, since) not in self._pools:
                self._pools[audience, since] = load_pool(
                    recipient.viewer if audience == MEMBERS else None, since, self.cutoff
                )
            self._contents[key] = select_content(self._pools[audience, since], theme_ids)
        return self._contents[key]

    def rendered(self, recipient: Recipient) -> RenderedDigest:
        key = self.key(recipient)
        if key not in self._renders:
            audience, since, theme_ids = key
            self._renders[key] = render_digest(
                self.content(recipient),
                audience=audience,
                theme_names=self.names(theme_ids),
                frequency=self.period,
                since=since,
            )
        return self._renders[key]

    @property
    def rendered_count(self) -> int:
        return len(self._renders)

    def names(self, theme_ids: frozenset[int] | None) -> list[str] | None:
        if theme_ids is None:
            return None
        ids = sorted(theme_ids & self.theme_names.keys(), key=lambda i: self.theme_order[i])
        return [self.theme_names[i] for i in ids]
