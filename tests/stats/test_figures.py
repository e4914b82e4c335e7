"""The movement's figures, computed by the database on data whose answers we know."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flask_login import AnonymousUserMixin

from community.accounts.models import Role
from community.extensions import db
from community.posts.models import PostKind, Visibility
from community.stats import services
from tests.factories import create_organisation, create_post, create_reply, create_user

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def question(author, asked: datetime, first_reply_after: timedelta | None = None, **fields):
    return create_post(
        PostKind.QUESTION,
        author=author,
        created_at=asked,
        first_reply_at=None if first_reply_after is None else asked + first_reply_after,
        **fields,
    )


def test_people_and_organisations_are_counted_by_role_and_membership(app):
    molendrift = create_organisation("Molendrift")
    create_user(Role.AMBASSADOR, organisation=molendrift)
    create_user(Role.MODERATOR, organisation=molendrift)
    create_user(Role.ADMIN, organisation=molendrift)
    create_user(Role.PROFESSIONAL, organisation=molendrift)
    create_user(Role.PROFESSIONAL, organisation=molendrift, is_active=False)
    create_user(Role.AMBASSADOR, organisation=create_organisation("Gesloten"), is_active=False)
    create_organisation("Nog zonder leden")
    create_user(Role.PROFESSIONAL, organisation=create_organisation("Jeugdbescherming west"))

    figures = services.movement_figures(None, now=NOW)

    assert figures.ambassadors == 3  # moderators and admins count as ambassadors
    assert figures.professionals == 2
    assert figures.members == 5
    assert figures.organisations == 2  # only organisations with an active member


def test_members_only_posts_count_for_members_and_removed_posts_for_nobody(app):
    author = create_user(Role.AMBASSADOR)
    create_post(PostKind.PRACTICE, author=author)
    create_post(PostKind.PRACTICE, author=author, visibility=Visibility.MEMBERS)
    create_post(PostKind.PRACTICE, author=author, hidden_at=NOW)
    create_post(PostKind.QUESTION, author=author)
    create_post(PostKind.QUESTION, author=author, visibility=Visibility.MEMBERS)
    create_post(PostKind.QUESTION, author=author, deleted_at=NOW)
    create_post(PostKind.QUESTION, author=author, visibility=Visibility.MEMBERS, hidden_at=NOW)
    member = create_user()

    for visitor in (None, AnonymousUserMixin()):
        figures = services.movement_figures(visitor, now=NOW)
        assert (figures.practices, figures.questions) == (1, 1)
    figures = services.movement_figures(member, now=NOW)
    assert (figures.practices, figures.questions) == (2, 2)
    moderator = create_user(Role.MODERATOR)
    assert services.movement_figures(moderator, now=NOW).questions == 2  # hidden stays out


def test_answered_within_a_week_counts_only_questions_a_week_old(app):
    asker = create_user()
    question(asker, NOW - 10 * DAY, 6 * DAY + 23 * HOUR)  # in time
    question(asker, NOW - 10 * DAY, 7 * DAY + HOUR)  # too late
    question(asker, NOW - 20 * DAY)  # never answered
    question(asker, NOW - 8 * DAY, timedelta(minutes=30))  # in time
    question(asker, NOW - 3 * DAY, HOUR)  # too young to count either way
    question(asker, NOW - 3 * DAY)  # too young to count either way
    question(asker, NOW - 30 * DAY, HOUR, deleted_at=NOW)  # removed: never counted
    question(asker, NOW - 30 * DAY, HOUR, visibility=Visibility.MEMBERS)

    visitor = services.movement_figures(None, now=NOW)
    assert (visitor.settled_questions, visitor.answered_in_time) == (4, 2)
    assert visitor.answered_in_time_percent == 50
    member = services.movement_figures(create_user(), now=NOW)
    assert (member.settled_questions, member.answered_in_time) == (5, 3)
    assert member.answered_in_time_percent == 60


def test_share_answered_in_time_is_rounded_and_absent_without_old_questions(app):
    asker = create_user()
    question(asker, NOW - DAY, HOUR)
    assert services.movement_figures(None, now=NOW).answered_in_time_percent is None
    for answered in (True, True, False):  # 2 of 3 -> 66.7% -> 67%
        question(asker, NOW - 9 * DAY, HOUR if answered else None)
    assert services.movement_figures(None, now=NOW).answered_in_time_percent == 67


def test_median_first_answer_with_an_odd_number_of_questions(app):
    asker = create_user()
    for wait in (5 * HOUR, timedelta(minutes=20), 3 * DAY):
        question(asker, NOW - 10 * DAY, wait)
    question(asker, NOW - 10 * DAY)  # no answer: not part of the median
    question(asker, NOW - 10 * DAY, timedelta(minutes=1), hidden_at=NOW)  # removed
    figures = services.movement_figures(None, now=NOW)
    assert figures.replied_questions == 3
    assert figures.median_first_answer == 5 * HOUR


def test_median_first_answer_with_an_even_number_of_questions_is_the_middle_two_averaged(app):
    asker = create_user()
    for wait in (HOUR, 2 * HOUR, 4 * HOUR, 10 * DAY):
        question(asker, NOW - 20 * DAY, wait)
    question(asker, NOW - 20 * DAY, 30 * DAY, visibility=Visibility.MEMBERS)
    assert services.movement_figures(None, now=NOW).median_first_answer == 3 * HOUR
    # The member also counts the members-only question: 1h 2h [4h] 10d 30d.
    assert services.movement_figures(create_user(), now=NOW).median_first_answer == 4 * HOUR


def test_without_answers_there_is_no_median(app):
    question(create_user(), NOW - 20 * DAY)
    figures = services.movement_figures(None, now=NOW)
    assert figures.median_first_answer is None and figures.replied_questions == 0


def test_growth_has_24_months_and_buckets_across_the_year_boundary(app):
    org = create_organisation()
    author = create_user(
        Role.AMBASSADOR, organisation=org, created_at=datetime(2023, 5, 1, tzinfo=UTC)
    )
    for moment in (
        datetime(2025, 12, 31, 23, 59, 59, tzinfo=UTC),
        datetime(2026, 1, 1, 0, 0, 1, tzinfo=UTC),
        datetime(2026, 1, 14, tzinfo=UTC),
    ):
        create_user(organisation=org, created_at=moment)
    create_user(organisation=org, created_at=datetime(2025, 12, 2, tzinfo=UTC), is_active=False)
    create_post(PostKind.QUESTION, author=author, created_at=datetime(2025, 12, 31, 22, tzinfo=UTC))
    create_post(PostKind.QUESTION, author=author, created_at=datetime(2026, 1, 1, 1, tzinfo=UTC))
    create_post(PostKind.PRACTICE, author=author, created_at=datetime(2026, 1, 2, tzinfo=UTC))
    create_post(
        PostKind.PRACTICE, author=author, created_at=datetime(2024, 2, 1, 0, 0, 1, tzinfo=UTC)
    )
    create_post(PostKind.PRACTICE, author=author, created_at=datetime(2024, 1, 31, 23, tzinfo=UTC))
    create_post(
        PostKind.QUESTION,
        author=author,
        created_at=datetime(2025, 6, 3, tzinfo=UTC),
        visibility=Visibility.MEMBERS,
    )

    growth = services.movement_figures(None, now=NOW).growth

    assert len(growth) == 24
    assert growth[0].month == date(2024, 2, 1) and growth[-1].month == date(2026, 1, 1)
    by_month = {g.month: (g.members, g.practices, g.questions) for g in growth}
    assert by_month[date(2025, 12, 1)] == (1, 0, 1)  # the closed account is not counted
    assert by_month[date(2026, 1, 1)] == (2, 1, 1)
    assert by_month[date(2024, 2, 1)] == (0, 1, 0)  # January 2024 is outside the window
    assert by_month[date(2025, 6, 1)] == (0, 0, 0)  # members only: not for a visitor
    assert sum(g.practices for g in growth) == 2
    member_growth = services.movement_figures(create_user(created_at=NOW), now=NOW).growth
    assert {g.month: g.questions for g in member_growth}[date(2025, 6, 1)] == 1


def test_invitation_tree_depth_follows_a_four_level_chain(app):
    molendrift = create_organisation("Molendrift", slug="molendrift")
    west = create_organisation("Jeugdbescherming west", slug="west")
    pioneer = create_user(Role.AMBASSADOR, organisation=molendrift)
    second = create_user(Role.AMBASSADOR, organisation=molendrift, invited_by=pioneer)
    third = create_user(Role.AMBASSADOR, organisation=west, invited_by=second, is_active=False)
    create_user(organisation=west, invited_by=third)
    other_pioneer = create_user(Role.AMBASSADOR, organisation=west)
    create_user(organisation=west, invited_by=other_pioneer)
    create_user(Role.AMBASSADOR)  # invited nobody: not a pioneer of a chain

    reach = services.movement_figures(None, now=NOW).reach

    assert reach.generations == 4  # the closed account in the middle does not break the chain
    assert [link.generation for link in reach.chain] == [1, 2, 3, 4]
    assert [
        (s.first_generation, s.last_generation, s.organisation_slug)
        for s in reach.chain_organisations
    ] == [
        (1, 2, "molendrift"),
        (3, 4, "west"),
    ]
    assert reach.pioneers == 2
    assert reach.invited_members == 3  # active members with an inviter
    assert reach.invited_organisations == 2


def test_without_people_there_is_no_tree(app):
    reach = services.movement_figures(None, now=NOW).reach
    assert (reach.generations, reach.chain, reach.pioneers, reach.invited_members) == (0, (), 0, 0)


def test_organisations_whose_first_member_joined_this_month_are_new(app):
    month_start = datetime(2026, 1, 1, tzinfo=UTC)
    new = create_organisation("Nieuw Begin", slug="nieuw-begin")
    create_user(organisation=new, created_at=month_start + 3 * DAY)
    create_user(organisation=new, created_at=month_start + 5 * DAY)
    newer = create_organisation("Als Laatste", slug="als-laatste")
    create_user(organisation=newer, created_at=month_start + 10 * DAY)
    old = create_organisation("Al Lang Bezig")
    create_user(organisation=old, created_at=month_start - HOUR)
    create_user(organisation=old, created_at=month_start + DAY)
    closed = create_organisation("Alleen Gesloten Accounts")
    create_user(organisation=closed, created_at=month_start + DAY, is_active=False)

    new_organisations = services.movement_figures(None, now=NOW).new_organisations

    assert [(o.slug, o.members) for o in new_organisations] == [
        ("nieuw-begin", 2),
        ("als-laatste", 1),
    ]
    assert new_organisations[0].first_member_at == month_start + 3 * DAY


def test_organisation_figures_honour_visibility_and_anonymity(app):
    org = create_organisation("Molendrift")
    ambassador = create_user(Role.AMBASSADOR, organisation=org)
    professional = create_user(organisation=org)
    create_user(organisation=org, is_active=False)
    elsewhere = create_user(Role.AMBASSADOR)
    create_post(PostKind.PRACTICE, author=ambassador)
    create_post(PostKind.PRACTICE, author=ambassador, visibility=Visibility.MEMBERS)
    create_post(PostKind.PRACTICE, author=ambassador, deleted_at=NOW)
    create_post(PostKind.PRACTICE, author=elsewhere)
    asked = create_post(PostKind.QUESTION, author=professional)
    create_post(PostKind.QUESTION, author=professional, visibility=Visibility.MEMBERS)
    create_post(PostKind.QUESTION, author=professional, is_anonymous=True, organisation_id=None)
    # Anonymous even if it kept its organisation:
    create_post(PostKind.QUESTION, author=professional, is_anonymous=True)
    outside = create_post(PostKind.QUESTION, author=elsewhere)
    members_only = create_post(PostKind.QUESTION, author=elsewhere, visibility=Visibility.MEMBERS)
    create_reply(outside, author=professional)
    create_reply(outside, author=ambassador, hidden_at=NOW)
    create_reply(members_only, author=ambassador)
    create_reply(asked, author=elsewhere)  # given to, not by, the organisation
    practice = create_post(PostKind.PRACTICE, author=elsewhere)
    create_reply(practice, author=professional)  # a reaction to a practice is no answer

    visitor = services.organisation_figures(org, None)
    assert (visitor.members, visitor.ambassadors) == (2, 1)
    assert (visitor.practices, visitor.questions, visitor.answers) == (1, 1, 1)
    member = services.organisation_figures(org, elsewhere)
    assert (member.practices, member.questions, member.answers) == (2, 2, 2)


def test_movement_figures_run_a_fixed_number_of_queries(app, count_queries):
    author = create_user(Role.AMBASSADOR)
    for n in range(3):
        create_user(invited_by=author)
        question(author, NOW - (n + 8) * DAY, HOUR)
    db.session.flush()
    with count_queries() as log:
        services.movement_figures(None, now=NOW)
    assert len(log.queries) == services.MOVEMENT_QUERIES


def test_followers_are_confirmed_subscribers_who_did_not_leave(app):
    from community.clock import utcnow
    from community.stats.services import movement_figures
    from tests.factories import create_subscriber

    create_subscriber("volger1@example.nl", all_themes=True)
    create_subscriber("volger2@example.nl", all_themes=True)
    create_subscriber("nog-niet@example.nl", all_themes=True, confirmed_at=None)
    create_subscriber("weg@example.nl", all_themes=True, unsubscribed_at=utcnow())
    assert movement_figures(None).followers == 2
