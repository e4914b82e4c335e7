"""Posting, editing, deleting and restoring, through the services directly."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.clock import utcnow
from community.errors import NotAllowed
from community.extensions import db
from community.follows import services as follows
from community.posts import queries, rules, services
from community.posts.models import PostKind, Revision, Visibility
from tests.factories import create_organisation, create_theme, create_user


def question_data(theme, **overrides):
    return {
        "title": "Hoe werken jullie nieuwe collega's in?",
        "body": "Wij zoeken ideeën voor een **warme** landing.",
        "themes": [theme.id],
        **overrides,
    }


def practice_data(theme, **overrides):
    return {
        "title": "Eerste maand zonder caseload",
        "summary": "Starters lopen een maand mee voordat ze zelf gezinnen begeleiden.",
        "context": "Starters vertrokken snel.",
        "approach": "- Een maand meelopen\n- Vijf uur *mentoring* per week",
        "target_group": "",
        "results": "Uitstroom van **17%** naar 3%.",
        "tips": "Begin klein.",
        "themes": [theme.id],
        **overrides,
    }


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


# Asking and publishing ------------------------------------------------------------------------


def test_member_asks_a_question_and_follows_it(app):
    theme = create_theme()
    asker = create_user()
    post = services.ask_question(asker, question_data(theme))
    assert post.kind is PostKind.QUESTION
    assert post.slug == "hoe-werken-jullie-nieuwe-collega-s-in"
    assert post.body_html == "<p>Wij zoeken ideeën voor een <strong>warme</strong> landing.</p>"
    assert post.themes == [theme]
    assert post.organisation_id == asker.organisation_id
    assert post.visibility is Visibility.PUBLIC
    assert follows.is_following(asker, post=post)


def test_anonymous_question_does_not_point_at_the_askers_organisation(app):
    theme = create_theme()
    post = services.ask_question(create_user(), question_data(theme, is_anonymous=True))
    assert post.is_anonymous
    assert post.organisation_id is None


def test_visitor_cannot_ask(app):
    with pytest.raises(NotAllowed):
        services.ask_question(None, question_data(create_theme()))


@pytest.mark.parametrize(
    ("title", "ok"),
    [
        ("Te kort?!", False),
        ("Tien tekens", True),
        ("x" * 150, True),
        ("x" * 151, False),
        ("   ", False),
    ],
)
def test_title_must_be_10_to_150_characters(app, title, ok):
    theme = create_theme()
    if ok:
        assert services.ask_question(create_user(), question_data(theme, title=title)).id
    else:
        with pytest.raises(rules.InvalidInput) as error:
            services.ask_question(create_user(), question_data(theme, title=title))
        assert [e.field for e in error.value.errors] == ["title"]


def test_body_may_be_20000_characters_not_more(app):
    theme = create_theme()
    assert services.ask_question(create_user(), question_data(theme, body="a" * 20_000)).id
    with pytest.raises(rules.InvalidInput) as error:
        services.ask_question(create_user(), question_data(theme, body="a" * 20_001))
    assert error.value.field == "body"
    assert "20.000" in error.value.message


def test_one_to_three_existing_themes(app):
    themes = [create_theme() for _ in range(4)]
    asker = create_user()
    for chosen, message in [
        ([], "minstens één thema"),
        (themes, "hoogstens 3"),
        ([999_999], "bestaat niet"),
        (["abc"], "uit de lijst"),
    ]:
        with pytest.raises(rules.InvalidInput) as error:
            services.ask_question(asker, question_data(themes[0], themes=chosen))
        assert error.value.field == "themes" and message in error.value.message
    post = services.ask_question(asker, question_data(themes[0], themes=[t.id for t in themes[:3]]))
    assert len(post.themes) == 3


def test_every_broken_rule_is_reported_at_once(app):
    with pytest.raises(rules.InvalidInput) as error:
        services.ask_question(create_user(), {"title": "kort", "body": "", "themes": []})
    assert {e.field for e in error.value.errors} == {"title", "body", "themes"}
    assert count(services.Post) == 0


def test_professional_cannot_publish_a_practice(app):
    with pytest.raises(NotAllowed):
        services.publish_practice(create_user(Role.PROFESSIONAL), practice_data(create_theme()))


def test_ambassador_publishes_a_practice_for_their_own_organisation(app):
    theme = create_theme()
    ambassador = create_user(Role.AMBASSADOR)
    now = utcnow()
    post = services.publish_practice(ambassador, practice_data(theme), now=now)
    assert post.kind is PostKind.PRACTICE
    assert post.organisation_id == ambassador.organisation_id
    assert post.contact_id == ambassador.id
    assert post.reviewed_at == now
    assert post.sections_html["approach"] == (
        "<ul>\n<li>Een maand meelopen</li>\n<li>Vijf uur <em>mentoring</em> per week</li>\n</ul>"
    )
    assert "<strong>17%</strong>" in post.sections_html["results"]
    assert post.sections_html["target_group"] == ""
    assert follows.is_following(ambassador, post=post)


def test_only_admins_publish_for_another_organisation(app):
    theme = create_theme()
    other = create_organisation("Molendrift")
    with pytest.raises(rules.InvalidInput) as error:
        services.publish_practice(
            create_user(Role.AMBASSADOR), practice_data(theme, organisation_id=other.id)
        )
    assert error.value.field == "organisation_id"
    post = services.publish_practice(
        create_user(Role.ADMIN), practice_data(theme, organisation_id=other.id)
    )
    assert post.organisation_id == other.id


def test_contact_person_is_an_ambassador_of_the_organisation(app):
    theme = create_theme()
    organisation = create_organisation()
    author = create_user(Role.AMBASSADOR, organisation=organisation)
    colleague = create_user(Role.AMBASSADOR, organisation=organisation)
    professional = create_user(Role.PROFESSIONAL, organisation=organisation)
    stranger = create_user(Role.AMBASSADOR)
    post = services.publish_practice(author, practice_data(theme, contact_id=colleague.id))
    assert post.contact_id == colleague.id
    for wrong in (professional, stranger):
        with pytest.raises(rules.InvalidInput) as error:
            services.publish_practice(author, practice_data(theme, contact_id=wrong.id))
        assert error.value.field == "contact_id"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.nji.nl/interventies/buddy", True),
        ("http://example.nl", True),
        ("javascript:alert(1)", False),
        ("ftp://example.nl/x", False),
        ("www.nji.nl", False),
        ("https://", False),
        ("https://exa mple.nl", False),
    ],
)
def test_grounding_link_is_http_or_https_only(app, url, ok):
    theme = create_theme()
    data = practice_data(theme, grounding_url=url)
    if ok:
        assert services.publish_practice(create_user(Role.AMBASSADOR), data).grounding_url == url
    else:
        with pytest.raises(rules.InvalidInput) as error:
            services.publish_practice(create_user(Role.AMBASSADOR), data)
        assert error.value.field == "grounding_url"


def test_practice_needs_summary_and_approach_within_limits(app):
    theme = create_theme()
    with pytest.raises(rules.InvalidInput) as error:
        services.publish_practice(
            create_user(Role.AMBASSADOR), practice_data(theme, summary="s" * 501, approach="")
        )
    assert {e.field for e in error.value.errors} == {"summary", "approach"}


def test_markdown_is_rendered_once_and_cleaned(app):
    theme = create_theme()
    post = services.ask_question(
        create_user(),
        question_data(theme, body="Hallo <script>alert(1)</script> [link](javascript:alert(1))"),
    )
    assert "<script" not in post.body_html
    assert "javascript:" not in post.body_html


def test_slugs_fold_accents_to_ascii():
    assert (
        rules.slugify("Geïnspireerd: één buddy per starter!")
        == "geinspireerd-een-buddy-per-starter"
    )
    assert rules.slugify("???") == "bericht"
    assert len(rules.slugify("woord " * 40)) <= rules.SLUG_MAX


# Editing --------------------------------------------------------------------------------------


def test_edit_keeps_the_previous_text_as_a_revision(app):
    theme, other_theme = create_theme(), create_theme()
    asker = create_user()
    post = services.ask_question(asker, question_data(theme))
    db.session.commit()
    later = utcnow() + timedelta(minutes=5)
    services.edit_post(
        asker,
        post,
        question_data(other_theme, title="Hoe werken jullie starters in?", body="Nieuwe tekst"),
        now=later,
    )
    assert post.title == "Hoe werken jullie starters in?"
    assert post.slug == "hoe-werken-jullie-starters-in"
    assert post.body_html == "<p>Nieuwe tekst</p>"
    assert post.edited_at == later
    [revision] = db.session.scalars(sa.select(Revision)).all()
    assert revision.post_id == post.id and revision.editor_id == asker.id
    assert revision.title == "Hoe werken jullie nieuwe collega's in?"
    assert revision.content["body"] == "Wij zoeken ideeën voor een **warme** landing."
    assert revision.content["themes"] == [theme.name]


def test_saving_without_changes_adds_no_revision(app):
    theme = create_theme()
    asker = create_user()
    post = services.ask_question(asker, question_data(theme))
    services.edit_post(asker, post, question_data(theme))
    assert count(Revision) == 0
    assert post.edited_at is None


def test_only_the_author_or_a_moderator_edits(app):
    theme = create_theme()
    post = services.ask_question(create_user(), question_data(theme))
    with pytest.raises(NotAllowed):
        services.edit_post(create_user(Role.AMBASSADOR), post, question_data(theme, body="anders"))
    moderator = create_user(Role.MODERATOR)
    services.edit_post(moderator, post, question_data(theme, body="Door de moderator"))
    assert db.session.scalar(sa.select(Revision.editor_id)) == moderator.id


def test_editing_a_practice_keeps_every_section(app):
    theme = create_theme()
    author = create_user(Role.AMBASSADOR)
    post = services.publish_practice(author, practice_data(theme))
    services.edit_post(
        author, post, practice_data(theme, results="Uitstroom van 17% naar 3% in één jaar.")
    )
    revision = db.session.scalar(sa.select(Revision))
    assert revision.content["results"] == "Uitstroom van **17%** naar 3%."
    assert revision.content["approach"] == practice_data(theme)["approach"]
    assert post.sections_html["results"] == "<p>Uitstroom van 17% naar 3% in één jaar.</p>"


# Deleting, restoring, confirming ----------------------------------------------------------------


def test_author_deletes_softly_and_a_moderator_restores(app):
    theme = create_theme()
    asker = create_user()
    post = services.ask_question(asker, question_data(theme))
    services.delete_post(asker, post)
    assert post.deleted_at is not None and post.deleted_by_id == asker.id
    assert db.session.scalars(queries.visible_posts(asker)).all() == []
    with pytest.raises(NotAllowed):
        services.restore_post(asker, post)
    services.restore_post(create_user(Role.MODERATOR), post)
    assert post.deleted_at is None
    assert db.session.scalars(queries.visible_posts(None)).all() == [post]


def test_others_cannot_delete(app):
    post = services.ask_question(create_user(), question_data(create_theme()))
    with pytest.raises(NotAllowed):
        services.delete_post(create_user(Role.AMBASSADOR), post)


def test_practice_older_than_a_year_shows_a_notice_until_confirmed(app):
    theme = create_theme()
    author = create_user(Role.AMBASSADOR)
    published = utcnow() - timedelta(days=400)
    post = services.publish_practice(author, practice_data(theme), now=published)
    assert services.is_stale(post)
    assert not services.is_stale(post, now=published + timedelta(days=300))
    with pytest.raises(NotAllowed):
        services.confirm_practice_current(create_user(Role.AMBASSADOR), post)
    services.confirm_practice_current(author, post)
    assert not services.is_stale(post)
