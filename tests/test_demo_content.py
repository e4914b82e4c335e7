"""`flask demo seed`: the practices, questions, answers, votes, follows and followers that make a
fresh install look like a living Community, without mailing anyone."""

from __future__ import annotations

import importlib.util
import re
from datetime import UTC, datetime

import sqlalchemy as sa
from markupsafe import escape

from community import PROJECT_ROOT, privacy
from community.accounts.models import User
from community.demo import content
from community.demo.services import seed_demo
from community.digest.models import Subscriber
from community.extensions import db
from community.follows.models import Follow
from community.notifications.models import Notification
from community.posts.models import PRACTICE_SECTIONS, Post, PostKind, Reply, UsefulVote, Visibility
from community.themes.models import Theme

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
PEOPLE = {p["key"]: p for p in content.PEOPLE}


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def posts(kind: PostKind | None = None) -> list[Post]:
    query = sa.select(Post).order_by(Post.id)
    if kind is not None:
        query = query.where(Post.kind == kind)
    return list(db.session.scalars(query))


def by_title() -> dict[str, Post]:
    return {post.title: post for post in posts()}


def replies_of(post: Post) -> list[Reply]:
    return list(db.session.scalars(sa.select(Reply).where(Reply.post_id == post.id)))


def user(key: str) -> User:
    return db.session.scalar(sa.select(User).where(User.email == PEOPLE[key]["email"]))


def members_only_titles() -> list[str]:
    items = [*content.PRACTICES, *content.QUESTIONS]
    return [item["title"] for item in items if item["visibility"] == "members"]


# The content itself -------------------------------------------------------------------------


def demo_texts() -> list[tuple[str, str]]:
    """Every text the seed writes where people read it, named by where it comes from."""
    texts = []
    for p in content.PRACTICES:
        fields = ("title", "summary", *PRACTICE_SECTIONS, "grounding")
        texts += [(f"{p['key']}.{name}", p[name]) for name in fields]
    for reaction in content.PRACTICE_REACTIONS:
        texts.append((f"reaction on {reaction['practice']}", reaction["body"]))
    for q in content.QUESTIONS:
        texts += [(f"{q['key']}.title", q["title"]), (f"{q['key']}.body", q["body"])]
        texts += [(f"{q['key']} answer {n}", a["body"]) for n, a in enumerate(q["answers"])]
    texts += [(f"{p['key']}.bio", p["bio"]) for p in content.PEOPLE]
    texts += [(f"invitation to {i['email']}", i["message"]) for i in content.OPEN_INVITATIONS]
    return texts


def test_no_demo_text_trips_the_privacy_guard():
    texts = demo_texts()
    assert len(texts) > 150
    result = privacy.check(*texts)
    assert not result, [(f.field, f.kind.value, f.text) for f in result.findings]


def test_demo_theme_slugs_are_the_curated_themes_of_migration_002():
    path = next((PROJECT_ROOT / "migrations" / "versions").glob("002_*.py"))
    spec = importlib.util.spec_from_file_location("migration_0002", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    curated = [(slug, name) for slug, name, _description in migration.CURATED_THEMES]
    assert [(t["slug"], t["name"]) for t in content.THEMES] == curated
    used = {slug for item in [*content.PRACTICES, *content.QUESTIONS] for slug in item["themes"]}
    used |= {slug for slugs in content.THEME_FOLLOWS.values() for slug in slugs}
    used |= {s for f in content.DEMO_FOLLOWERS if f["themes"] != "all" for s in f["themes"]}
    assert used <= {slug for slug, _name in curated}


def test_practices_belong_to_their_authors_organisation():
    for practice in content.PRACTICES:
        author = PEOPLE[practice["author"]]
        assert author["role"] in ("ambassador", "moderator", "admin"), practice["key"]
        assert author["organisation"] == practice["organisation"], practice["key"]


# Seeding ------------------------------------------------------------------------------------


def test_seed_adds_practices_and_answered_questions_across_the_themes(app):
    report = seed_demo(now=NOW)
    db.session.commit()
    practices, questions = posts(PostKind.PRACTICE), posts(PostKind.QUESTION)
    assert len(practices) == report.practices == len(content.PRACTICES) >= 8
    assert len(questions) == report.questions == len(content.QUESTIONS)
    answered = [q for q in questions if q.reply_count]
    assert len(answered) >= 15
    answered_themes = {
        theme.slug
        for q in db.session.scalars(
            sa.select(Post)
            .where(Post.id.in_([q.id for q in answered]))
            .options(sa.orm.selectinload(Post.themes))
        )
        for theme in q.themes
    }
    assert len(answered_themes) >= 8
    assert count(Theme) == len(content.THEMES)
    assert count(Reply) == report.answers + report.reactions
    assert report.answers == sum(len(q["answers"]) for q in content.QUESTIONS)
    assert report.reactions == len(content.PRACTICE_REACTIONS)


def test_second_run_adds_nothing(app, runner):
    first = runner.invoke(args=["demo", "seed"])
    assert first.exit_code == 0, first.output
    line = first.output.splitlines()[0]
    for part in ("12 goede voorbeelden", "21 vragen", "32 antwoorden", "5 volgers zonder account"):
        assert part in line
    tables = (Post, Reply, UsefulVote, Follow, Subscriber, Theme, Notification)
    before = [count(table) for table in tables]

    second = runner.invoke(args=["demo", "seed"])
    assert second.exit_code == 0, second.output
    assert "niets toegevoegd" in second.output
    assert [count(table) for table in tables] == before
    assert seed_demo().added_anything is False


def test_a_demo_post_someone_changed_is_left_alone(app):
    seed_demo(now=NOW)
    question = by_title()[content.QUESTIONS[0]["title"]]
    db.session.delete(replies_of(question)[0])
    db.session.commit()
    replies = count(Reply)
    report = seed_demo(now=NOW)
    assert report.questions == report.answers == 0 and count(Reply) == replies


def test_dates_and_counters_agree_with_the_replies(app):
    seed_demo(now=NOW)
    db.session.commit()
    for post in posts():
        replies = replies_of(post)
        assert post.created_at <= NOW and post.reply_count == len(replies), post.title
        if replies:
            times = [r.created_at for r in replies]
            assert post.created_at < min(times) and max(times) <= NOW
            assert post.first_reply_at == min(times)
            assert post.last_activity_at == max(times)
        else:
            assert post.first_reply_at is None and post.last_activity_at == post.created_at
    item = content.QUESTIONS[0]
    question = by_title()[item["title"]]
    assert (NOW - question.created_at).days == item["days_ago"]
    first = min(replies_of(question), key=lambda r: r.created_at)
    assert (first.created_at - question.created_at).days == item["answers"][0]["days_after"]


def test_accepted_answers_belong_to_their_question(app):
    seed_demo(now=NOW)
    db.session.commit()
    accepted = [q for q in posts(PostKind.QUESTION) if q.accepted_reply_id]
    expected = [q for q in content.QUESTIONS if any(a["accepted"] for a in q["answers"])]
    assert len(accepted) == len(expected) >= 8
    for question in accepted:
        reply = db.session.get(Reply, question.accepted_reply_id)
        assert reply.post_id == question.id and reply.author_id != question.author_id
    assert all(p.accepted_reply_id is None for p in posts(PostKind.PRACTICE))


def test_useful_counts_equal_the_votes(app):
    report = seed_demo(now=NOW)
    db.session.commit()
    assert count(UsefulVote) == report.useful_votes > 20
    for reply in db.session.scalars(sa.select(Reply)):
        votes = list(
            db.session.scalars(sa.select(UsefulVote).where(UsefulVote.reply_id == reply.id))
        )
        assert reply.useful_count == len(votes)
        assert all(v.user_id != reply.author_id for v in votes)
        assert all(reply.created_at <= v.created_at <= NOW for v in votes)


def test_markdown_is_rendered_once_into_the_stored_html(app):
    seed_demo(now=NOW)
    db.session.commit()
    practice = by_title()[content.PRACTICES[0]["title"]]
    assert set(practice.sections_html) == set(PRACTICE_SECTIONS)
    assert "<strong>Werven doe je altijd.</strong>" in practice.sections_html["approach"]
    assert "<li>" in practice.sections_html["approach"]
    assert practice.summary == content.PRACTICES[0]["summary"]
    assert practice.grounding_text == content.PRACTICES[0]["grounding"]
    assert all(q.body_html.startswith("<p>") for q in posts(PostKind.QUESTION))
    assert all(
        r.body_html.startswith(("<p>", "<ul>")) for r in db.session.scalars(sa.select(Reply))
    )
    assert not any(p.privacy_confirmed for p in posts())  # nothing for the guard to confirm


def test_visibility_anonymity_and_authors_follow_the_content(app):
    seed_demo(now=NOW)
    db.session.commit()
    found = by_title()
    for item in [*content.PRACTICES, *content.QUESTIONS]:
        post = found[item["title"]]
        assert post.visibility is Visibility(item["visibility"])
        assert post.author_id == user(item["author"]).id
        if item.get("anonymous"):
            assert post.is_anonymous and post.organisation_id is None
        else:
            assert not post.is_anonymous and post.organisation_id is not None
    assert any(p.visibility is Visibility.MEMBERS for p in posts(PostKind.PRACTICE))
    assert any(p.visibility is Visibility.MEMBERS for p in posts(PostKind.QUESTION))


def test_askers_answerers_and_some_members_follow(app):
    seed_demo(now=NOW)
    db.session.commit()
    follows = {(f.user_id, f.post_id) for f in db.session.scalars(sa.select(Follow))}
    for question in posts(PostKind.QUESTION):
        assert (question.author_id, question.id) in follows
        for reply in replies_of(question):
            assert (reply.author_id, question.id) in follows
    for practice in posts(PostKind.PRACTICE):
        assert (practice.author_id, practice.id) in follows
    theme_follows = list(db.session.scalars(sa.select(Follow).where(Follow.theme_id.is_not(None))))
    assert len(theme_follows) == sum(len(slugs) for slugs in content.THEME_FOLLOWS.values())
    assert all(f.created_at <= NOW for f in db.session.scalars(sa.select(Follow)))


def test_followers_are_confirmed_example_addresses_with_themes(app):
    seed_demo(now=NOW)
    db.session.commit()
    subscribers = list(
        db.session.scalars(sa.select(Subscriber).options(sa.orm.selectinload(Subscriber.themes)))
    )
    assert len(subscribers) == len(content.DEMO_FOLLOWERS) >= 3
    for subscriber in subscribers:
        assert subscriber.is_active and subscriber.confirmed_at <= NOW
        assert subscriber.email.endswith("@example.nl")
        assert subscriber.all_themes or 1 <= len(subscriber.themes) <= 3


def test_seeding_mails_and_notifies_nobody(app, runner, outbox):
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    assert count(Reply) > 0 and count(Follow) > 0
    assert outbox() == []
    assert count(Notification) == 0


# The site with the demo data ----------------------------------------------------------------


def test_visitors_see_the_demo_content_but_no_members_only_titles(app, client):
    seed_demo()
    db.session.commit()
    practice = next(p for p in content.PRACTICES if p["visibility"] == "public")
    post = by_title()[practice["title"]]
    pages = ["/", "/vragen", "/goede-voorbeelden", "/themas", "/themas/inwerken"]
    pages.append(f"/goede-voorbeelden/{post.id}-{post.slug}")
    hidden = [str(escape(title)) for title in members_only_titles()]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert not [title for title in hidden if title in html], url
    home = client.get("/").get_data(as_text=True)
    public = [p for p in content.PRACTICES if p["visibility"] == "public"]
    latest = min(public, key=lambda p: p["days_ago"])
    assert str(escape(latest["title"])) in home
    questions = client.get("/vragen").get_data(as_text=True)
    for meta in re.findall(r'<p class="meta">(.*?)</p>', questions, re.S):
        visible = re.sub(
            r"<[^>]+>", "", re.sub(r'<span class="visually-hidden">.*?</span>', "", meta)
        )
        assert not visible.strip().endswith("·"), meta  # no separator before a missing status
    detail = client.get(pages[-1]).get_data(as_text=True)
    assert "Aanleiding" in detail and PEOPLE[practice["author"]]["name"] in detail


def test_members_see_members_only_posts_in_the_lists(app, browser):
    seed_demo()
    db.session.commit()
    browser.login(PEOPLE["demo_professional"]["email"], app.config["DEMO_PASSWORD"])
    html = browser.get("/vragen").get_data(as_text=True)
    members_questions = [q["title"] for q in content.QUESTIONS if q["visibility"] == "members"]
    assert any(str(escape(title)) in html for title in members_questions)


def test_an_anonymous_question_does_not_name_its_asker(app, client):
    seed_demo()
    db.session.commit()
    item = next(q for q in content.QUESTIONS if q["anonymous"] and q["visibility"] == "public")
    post = by_title()[item["title"]]
    html = client.get(f"/vragen/{post.id}-{post.slug}").get_data(as_text=True)
    assert "een lid van de Community" in html
    assert PEOPLE[item["author"]]["name"] not in html


def test_digest_dry_run_finds_recipients_with_content(app, runner):
    seed_demo()  # the digest job reads the real clock, so the demo is dated from it too
    db.session.commit()
    result = runner.invoke(args=["digest", "send", "--period", "weekly", "--dry-run"])
    assert result.exit_code == 0, result.output
    sent = int(re.search(r"verstuurd (\d+)", result.output).group(1))
    assert sent >= len(content.DEMO_FOLLOWERS) - 1
    weekly = [f["email"] for f in content.DEMO_FOLLOWERS if f["frequency"] == "weekly"]
    for email in weekly:
        one = runner.invoke(
            args=["digest", "send", "--period", "weekly", "--dry-run", "--to", email]
        )
        assert "verstuurd 1," in one.output, (email, one.output)


def test_demo_people_joined_before_they_voted_or_followed(app):
    seed_demo(now=NOW)
    db.session.commit()
    joined = dict(db.session.execute(sa.select(User.id, User.created_at)).all())
    for vote in db.session.scalars(sa.select(UsefulVote)):
        assert joined[vote.user_id] <= vote.created_at
    for follow in db.session.scalars(sa.select(Follow)):
        assert joined[follow.user_id] <= follow.created_at
