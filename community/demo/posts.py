"""Demo posts: good practices with reactions, questions with answers, "nuttig" votes,
accepted answers, and the follows that come with them.

Keyed on title: a post whose title is already there is left alone, replies and all, so a second
run adds nothing and a demo post someone edited or deleted is never brought back or doubled.

Why the rows are built here instead of through `post_reply`, `accept_answer` and `toggle_useful`:
those queue notification mail to every follower (seeding must mail nobody), and stamp
notifications and votes with the wall clock (demo history lies in the past). Everything that
decides what a post *is* still comes from the posts feature: `content.apply_practice` and
`content.apply_question` check the same rules as the forms, run the privacy guard and render the
Markdown once (`body_html`, `sections_html`); replies go through the same rules and
`rules.render`; follows go through `follows.follow`. The counters the lists sort on
(reply_count, first_reply_at, last_activity_at, useful_count) are set from what is inserted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from community.accounts.models import User
from community.demo import content as demo
from community.demo.context import SeedContext
from community.errors import DomainError
from community.extensions import db
from community.follows import services as follows
from community.posts import content, rules
from community.posts.models import Post, PostKind, Reply, UsefulVote

# Replies are written a couple of hours into their day, each next one on a post a little later,
# so replies given "the same day" still have a stable order.
REPLY_TIME = timedelta(hours=2)
NEXT_REPLY = timedelta(minutes=47)
VOTE_DELAY = timedelta(hours=5)
# Ambassadors confirm their practice as current once a year ("bijgewerkt op").
REVIEW_EVERY = timedelta(days=365)


class DemoContentError(ValueError):
    """The demo content breaks a rule of the site: a mistake in demo/content.py."""


def seed_practices(ctx: SeedContext) -> None:
    """Good practices, then the reactions on the practices added now."""
    for data in demo.PRACTICES:
        if _exists(PostKind.PRACTICE, data["title"]):
            continue
        author = ctx.people[data["author"]]
        created = ctx.ago(data["days_ago"])
        post = _new_post(PostKind.PRACTICE, author, created)
        fields = {
            "title": data["title"],
            "summary": data["summary"],
            "context": data["context"],
            "approach": data["approach"],
            "target_group": data["target_group"],
            "results": data["results"],
            "tips": data["tips"],
            "grounding_text": data.get("grounding", ""),
            "grounding_url": data.get("grounding_url", ""),
            "themes": [ctx.themes[slug] for slug in data["themes"]],
            "visibility": data["visibility"],
        }
        _checked(data["title"], content.apply_practice, author, post, fields, now=created, new=True)
        post.reviewed_at = created + (ctx.now - created) // REVIEW_EVERY * REVIEW_EVERY
        _add(ctx, post, data["key"])
        ctx.report.practices += 1
        _follow(ctx, author, post, created)  # as publish_practice does: reactions reach them
    for data in demo.PRACTICE_REACTIONS:
        post = ctx.posts.get(data["practice"])
        if post is None:  # the practice was there before this run: leave its reactions alone
            continue
        _reply(ctx, post, data)
        ctx.report.reactions += 1
    db.session.flush()


def seed_questions(ctx: SeedContext) -> None:
    """Questions with their answers, votes and accepted answer; asker and answerers follow."""
    for data in demo.QUESTIONS:
        if _exists(PostKind.QUESTION, data["title"]):
            continue
        asker = ctx.people[data["author"]]
        created = ctx.ago(data["days_ago"])
        post = _new_post(PostKind.QUESTION, asker, created)
        # An anonymous question must not point at the asker's organisation either.
        post.is_anonymous = bool(data.get("anonymous"))
        post.organisation_id = None if post.is_anonymous else asker.organisation_id
        fields = {
            "title": data["title"],
            "body": data["body"],
            "themes": [ctx.themes[slug] for slug in data["themes"]],
            "visibility": data["visibility"],
        }
        _checked(data["title"], content.apply_question, post, fields)
        _add(ctx, post, data["key"])
        ctx.report.questions += 1
        _follow(ctx, asker, post, created)
        for answer in data.get("answers") or []:
            reply = _reply(ctx, post, answer)
            ctx.report.answers += 1
            _follow(ctx, ctx.people[answer["author"]], post, reply.created_at)
            _votes(ctx, reply, answer.get("useful_by") or [])
            if answer.get("accepted"):
                if post.accepted_reply_id is not None:
                    raise DemoContentError(f"{data['title']!r}: more than one accepted answer")
                post.accepted_reply_id = reply.id
                ctx.report.accepted += 1
    db.session.flush()


def _exists(kind: PostKind, title: str) -> bool:
    return (
        db.session.scalar(
            sa.select(Post.id).where(Post.kind == kind, Post.title == rules.clean_line(title))
        )
        is not None
    )


def _new_post(kind: PostKind, author: User, created: datetime) -> Post:
    return Post(
        kind=kind,
        author_id=author.id,
        created_at=created,
        last_activity_at=created,
        first_reply_at=None,
        reply_count=0,
    )


def _add(ctx: SeedContext, post: Post, key: str) -> None:
    db.session.add(post)
    db.session.flush()
    ctx.posts[key] = post


def _checked(title: str, apply: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one of the posts feature's rules; a broken rule is a bug in the demo content."""
    try:
        return apply(*args, **kwargs)
    except DomainError as error:
        problems = getattr(error, "errors", None) or [error]
        details = "; ".join(f"{p.field}: {p.message}" for p in problems)
        found = [f"{f.label}: {[x.text for x in f.findings]}" for f in getattr(error, "fields", [])]
        if found:  # the privacy guard: say what it found, and where
            details += " " + "; ".join(found)
        raise DemoContentError(f"Demo content {title[:60]!r} breaks a rule: {details}") from error


def _check_reply_body(body: str) -> str:
    """The rules post_reply applies: a body within the limit, and nothing the guard flags."""
    body = rules.clean_text(body)
    problems = rules.Problems()
    rules.check_length(problems, "body", body, rules.BODY_MAX, required="Schrijf een reactie.")
    problems.check()
    rules.guard_privacy({"body": body}, confirmed=False)
    return body


def _reply(ctx: SeedContext, post: Post, data: dict) -> Reply:
    """An answer or reaction `days_after` the post (never in the future), with its counters."""
    body = _checked(post.title, _check_reply_body, data["body"])
    created = min(
        post.created_at
        + timedelta(days=data.get("days_after", 0))
        + REPLY_TIME
        + NEXT_REPLY * post.reply_count,
        ctx.now,
    )
    reply = Reply(
        post_id=post.id,
        author_id=ctx.people[data["author"]].id,
        body=body,
        body_html=rules.render(body),
        useful_count=0,
        created_at=created,
    )
    db.session.add(reply)
    db.session.flush()
    post.reply_count += 1
    post.first_reply_at = min(post.first_reply_at or created, created)
    post.last_activity_at = max(post.last_activity_at, created)
    return reply


def _votes(ctx: SeedContext, reply: Reply, voter_keys: list[str]) -> None:
    """ "Nuttig" votes: once per member, never on their own reply, after reply and joining."""
    if len(set(voter_keys)) != len(voter_keys):
        raise DemoContentError(f"reply {reply.id}: a member marks it nuttig twice")
    for index, key in enumerate(voter_keys):
        voter = ctx.people[key]
        if voter.id == reply.author_id:
            raise DemoContentError(f"{key} marks their own reply nuttig")
        voted = max(reply.created_at + VOTE_DELAY * (index + 1), voter.created_at)
        db.session.add(
            UsefulVote(reply_id=reply.id, user_id=voter.id, created_at=min(voted, ctx.now))
        )
    reply.useful_count = len(voter_keys)
    ctx.report.useful_votes += len(voter_keys)


def _follow(ctx: SeedContext, user: User, post: Post, since: datetime) -> None:
    """Follow a post, dated; inactive members follow nothing (as in posts.events)."""
    if not user.is_active or follows.is_following(user, post=post):
        return
    follows.follow(user, post=post).created_at = since
    ctx.report.follows += 1
