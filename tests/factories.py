"""Plain builders for test data: each returns a flushed model with sensible defaults."""

from __future__ import annotations

import itertools

from community.accounts.models import Role, User
from community.accounts.services import hash_password
from community.extensions import db
from community.organisations.models import Organisation, OrganisationKind

PASSWORD = "wachtwoord-voor-tests"
_seq = itertools.count(1)
_theme_positions = itertools.count(1)


def create_organisation(name: str | None = None, **fields) -> Organisation:
    n = next(_seq)
    name = name or f"Jeugdhulp Regio {n}"
    org = Organisation(
        name=name,
        slug=fields.pop("slug", f"org-{n}"),
        kind=fields.pop("kind", OrganisationKind.YOUTH_CARE_PROVIDER),
        region=fields.pop("region", "Utrecht"),
        **fields,
    )
    if "email_domains_text" not in fields:
        org.email_domains = [f"org{n}.example.nl"]
    db.session.add(org)
    db.session.flush()
    return org


def create_user(
    role: Role = Role.PROFESSIONAL,
    *,
    email: str | None = None,
    name: str | None = None,
    organisation: Organisation | None = None,
    password: str = PASSWORD,
    digest: dict | None = None,
    **fields,
) -> User:
    """A member; `digest` saves newsletter settings (MemberDigest columns), else the defaults."""
    n = next(_seq)
    if organisation is None:
        organisation = create_organisation()
    user = User(
        email=(
            email or f"{role.value}{n}@{(organisation.email_domains or ['example.nl'])[0]}"
        ).lower(),
        name=name or f"{role.label} {n}",
        password_hash=hash_password(password),
        role=role,
        organisation=organisation,
        **fields,
    )
    db.session.add(user)
    db.session.flush()
    if digest is not None:
        from community.digest.models import MemberDigest

        db.session.add(MemberDigest(user_id=user.id, **digest))
        db.session.flush()
    return user


def create_theme(name: str | None = None, **fields):
    from community.themes.models import Theme

    n = next(_seq)
    # Positions count themes only: the shared counter passes 10,000 (the highest position the
    # admin form accepts) somewhere in a full run.
    position = fields.pop("position", next(_theme_positions))
    theme = Theme(
        name=name or f"Thema {n}",
        slug=fields.pop("slug", f"thema-{n}"),
        position=position,
        **fields,
    )
    db.session.add(theme)
    db.session.flush()
    return theme


def create_post(
    kind=None,
    *,
    author: User | None = None,
    title: str | None = None,
    themes=(),
    **fields,
):
    """A post written straight to the database (no privacy guard); body_html set from body."""
    from markupsafe import escape

    from community.posts.models import Post, PostKind

    kind = kind or PostKind.QUESTION
    author = author or create_user(
        Role.AMBASSADOR if kind is PostKind.PRACTICE else Role.PROFESSIONAL
    )
    n = next(_seq)
    title = title or f"Hoe werk je nieuwe collega's goed in, deel {n}?"
    body = fields.pop("body", "Wij zoeken ideeën om starters een warme landing te geven.")
    post = Post(
        kind=kind,
        title=title,
        slug=fields.pop("slug", f"post-{n}"),
        body=body,
        body_html=fields.pop("body_html", f"<p>{escape(body)}</p>"),
        author_id=author.id,
        organisation_id=fields.pop("organisation_id", author.organisation_id),
        **fields,
    )
    post.themes = list(themes)
    db.session.add(post)
    db.session.flush()
    return post


def create_reply(
    post, *, author: User | None = None, body: str = "Bij ons werkt een buddy goed.", **fields
):
    from markupsafe import escape

    from community.posts.models import Reply

    author = author or create_user()
    reply = Reply(
        post_id=post.id,
        author_id=author.id,
        body=body,
        body_html=f"<p>{escape(body)}</p>",
        **fields,
    )
    db.session.add(reply)
    post.reply_count += 1
    db.session.flush()
    return reply


def create_invitation(
    inviter: User,
    *,
    email: str | None = None,
    role: Role = Role.PROFESSIONAL,
    organisation: Organisation | None = None,
    message: str = "",
    now=None,
    **fields,
):
    """An open invitation straight in the database (no mail); returns (invitation, token)."""
    from datetime import timedelta

    from community import tokens
    from community.clock import utcnow
    from community.invites.models import Invitation

    now = now or utcnow()
    organisation = organisation or inviter.organisation
    token, token_hash = tokens.new_token()
    invitation = Invitation(
        inviter=inviter,
        organisation=organisation,
        email=(email or f"collega{next(_seq)}@{organisation.email_domains[0]}").lower(),
        role=role,
        message=message,
        token_hash=token_hash,
        created_at=fields.pop("created_at", now),
        last_sent_at=fields.pop("last_sent_at", now),
        expires_at=fields.pop("expires_at", now + timedelta(days=14)),
        **fields,
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation, token


def create_access_request(
    *, email: str | None = None, organisation: Organisation | None = None, **fields
):
    from community.invites.models import AccessRequest

    n = next(_seq)
    access_request = AccessRequest(
        name=fields.pop("name", f"Aanvrager {n}"),
        email=(email or f"aanvrager{n}@example.nl").lower(),
        organisation=organisation,
        organisation_name=fields.pop(
            "organisation_name", "" if organisation else "Stichting Elders"
        ),
        motivation=fields.pop(
            "motivation", "Ik werk als jeugdzorgwerker en wil graag leren van anderen."
        ),
        **fields,
    )
    db.session.add(access_request)
    db.session.flush()
    return access_request


def create_subscriber(email: str | None = None, *, themes=(), all_themes: bool = False, **fields):
    """A confirmed follower (no account) of `themes`, or of all themes."""
    from community.clock import utcnow
    from community.digest.models import Subscriber

    n = next(_seq)
    subscriber = Subscriber(
        email=(email or f"volger{n}@example.nl").lower(),
        all_themes=all_themes,
        consent_text_version=fields.pop("consent_text_version", "test"),
        confirmed_at=fields.pop("confirmed_at", utcnow()),
        **fields,
    )
    subscriber.themes = list(themes)
    db.session.add(subscriber)
    db.session.flush()
    return subscriber
