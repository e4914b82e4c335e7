"""A member deletes their account: personal data goes, what they shared stays as "voormalig lid"
(or goes too, if they choose), and nothing happens without their password and a tick."""

from __future__ import annotations

import re

import sqlalchemy as sa

from community.accounts.models import PasswordResetToken, Role, User
from community.clock import utcnow
from community.digest.models import DeliveryStatus, DigestDelivery
from community.digest.settings import settings_of
from community.errors import DomainError
from community.extensions import db
from community.follows.models import Follow
from community.invites.models import AccessRequest, Invitation
from community.mydata.services import delete_member_account
from community.notifications.models import Notification, NotificationKind
from community.posts.models import Post, PostKind, Reply, Revision, UsefulVote
from tests.factories import (
    PASSWORD,
    create_access_request,
    create_invitation,
    create_post,
    create_reply,
    create_theme,
    create_user,
)

DELETE_URL = "/instellingen/account-verwijderen"
EMAIL = "lotte@example.nl"


def delete_form(**overrides) -> dict:
    return {"content": "keep", "password": PASSWORD, "confirm": "y", **overrides}


def fresh(model, key):
    db.session.expire_all()
    return db.session.get(model, key)


def count(model, *criteria) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*criteria))


def test_deleted_members_posts_stay_as_voormalig_lid_on_the_question_page_and_in_lists(browser):
    theme = create_theme("Inwerken")
    member = create_user(email=EMAIL, name="Lotte de Vries", job_title="Jeugdzorgwerker")
    question = create_post(author=member, title="Hoe werk je starters in?", themes=[theme])
    asker = create_user(name="Sanne Bakker", email="sanne@example.nl")
    other_question = create_post(author=asker, title="Wat helpt tegen werkdruk?")
    reply = create_reply(other_question, author=member, body="Plan samen de week.")
    practice = create_post(PostKind.PRACTICE, author=member, title="Buddy voor elke starter")
    practice.summary = "Elke starter krijgt een buddy."
    browser.login(EMAIL)

    response = browser.submit(DELETE_URL, delete_form())
    assert response.status_code == 302 and response.location.endswith("/")

    for url in (f"/vragen/{question.id}", f"/vragen/{other_question.id}", "/vragen", "/"):
        html = browser.get(url, follow_redirects=True).get_data(as_text=True)
        assert "Lotte de Vries" not in html and "Jeugdzorgwerker" not in html, url
        assert f"/leden/{member.id}" not in html, url
    question_page = browser.get(f"/vragen/{question.id}", follow_redirects=True)
    assert "Gesteld door voormalig lid" in question_page.get_data(as_text=True)
    answer_page = browser.get(f"/vragen/{other_question.id}", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Plan samen de week." in answer_page and "Voormalig lid" in answer_page
    assert f'id="reactie-{reply.id}"' in answer_page
    listing = browser.get("/vragen").get_data(as_text=True)
    assert "Hoe werk je starters in?" in listing and "voormalig lid" in listing
    browser.login("sanne@example.nl")  # a member would see the contact's address
    practice_page = browser.get(f"/goede-voorbeelden/{practice.id}", follow_redirects=True)
    html = practice_page.get_data(as_text=True)
    assert "Buddy voor elke starter" in html
    assert "mailto:verwijderd" not in html and 'class="contact-name"' not in html


def test_deleting_removes_personal_data_and_keeps_the_invitation_tree_edges(browser):
    inviter = create_user(Role.AMBASSADOR, name="Sanne Bakker")
    member = create_user(
        Role.AMBASSADOR,
        email=EMAIL,
        name="Lotte de Vries",
        job_title="Gedragswetenschapper",
        bio="Ik werk met jonge starters.",
        invited_by_id=inviter.id,
    )
    joined = create_user(name="Ahmed Yilmaz", invited_by_id=member.id)
    theme = create_theme()
    others_question = create_post(title="Een vraag van Sanne", author=inviter)
    answer = create_reply(others_question, author=inviter)
    answer.useful_count = 2
    db.session.add_all(
        [
            UsefulVote(reply_id=answer.id, user_id=member.id),
            UsefulVote(reply_id=answer.id, user_id=joined.id),
            Follow(user_id=member.id, theme_id=theme.id),
            Notification(
                user_id=member.id, kind=NotificationKind.NEW_ANSWER, post_id=others_question.id
            ),
            PasswordResetToken(user_id=member.id, token_hash="a" * 64, expires_at=utcnow()),
            DigestDelivery(
                recipient_key=f"member:{member.id}",
                user_id=member.id,
                period_key="weekly:2026-W47",
                status=DeliveryStatus.SENT,
            ),
        ]
    )
    accepted, _ = create_invitation(inviter, email=EMAIL, message="Welkom Lotte!")
    accepted.accepted_at, accepted.accepted_user_id = utcnow(), member.id
    pending, _ = create_invitation(member, email="collega@example.nl")
    create_access_request(email=EMAIL, name="Lotte de Vries")
    practice = create_post(PostKind.PRACTICE, author=inviter, contact_id=member.id)
    browser.login(EMAIL)

    browser.submit(DELETE_URL, delete_form())

    gone = fresh(User, member.id)
    assert gone.email == f"verwijderd-{member.id}" and "@" not in gone.email
    assert gone.name == "Voormalig lid" and gone.password_hash == ""
    assert gone.bio == "" and gone.job_title == "" and gone.organisation_id is None
    assert gone.is_active is False and gone.deleted_at is not None
    assert settings_of(gone.id).enabled is False and gone.notify_by_email is False
    assert gone.invited_by_id == inviter.id  # the tree's edge, without a name
    assert fresh(User, joined.id).invited_by_id == member.id
    assert db.session.scalar(sa.select(User).where(User.email == EMAIL)) is None
    flat = " ".join(str(v) for v in db.session.execute(sa.select(User.__table__)).all())
    assert (
        "Lotte" not in flat and "Gedragswetenschapper" not in flat and "jonge starters" not in flat
    )

    for model in (Follow, Notification, PasswordResetToken, DigestDelivery, UsefulVote):
        assert count(model, model.user_id == member.id) == 0, model
    assert fresh(Reply, answer.id).useful_count == 1  # Ahmed's vote still counts
    assert fresh(Invitation, pending.id).revoked_at is not None
    kept = fresh(Invitation, accepted.id)
    assert kept.accepted_user_id == member.id and kept.email == gone.email and kept.message == ""
    assert count(Invitation, Invitation.email == EMAIL) == 0
    assert count(AccessRequest, AccessRequest.email == EMAIL) == 0
    assert fresh(Post, practice.id).contact_id is None


def test_choosing_to_remove_content_hides_and_blanks_posts_replies_and_their_history(browser):
    member = create_user(email=EMAIL, name="Lotte de Vries")
    own = create_post(author=member, title="Mijn vraag over inwerken", body="Geheime details")
    db.session.add(Revision(post_id=own.id, editor_id=member.id, content={"body": "oude tekst"}))
    asker = create_user()
    question = create_post(author=asker, title="Een vraag die blijft")
    answer = create_reply(question, author=member, body="Mijn antwoord")
    question.accepted_reply_id = answer.id
    kept_answer = create_reply(question, author=asker, body="Een ander antwoord")
    browser.login(EMAIL)

    browser.submit(DELETE_URL, delete_form(content="remove"))

    removed = fresh(Post, own.id)
    assert removed.deleted_at is not None and removed.body == "" and removed.body_html == ""
    assert removed.title == "Verwijderd bericht"
    assert count(Revision, Revision.post_id == own.id) == 0
    blank = fresh(Reply, answer.id)
    assert blank.deleted_at is not None and blank.body == ""
    still = fresh(Post, question.id)
    assert still.reply_count == 1 and still.accepted_reply_id is None
    assert fresh(Reply, kept_answer.id).deleted_at is None
    assert browser.get(f"/vragen/{own.id}", follow_redirects=True).status_code == 404
    listing = browser.get("/vragen").get_data(as_text=True)
    assert "Mijn vraag over inwerken" not in listing and "Een vraag die blijft" in listing
    page = browser.get(f"/vragen/{question.id}", follow_redirects=True).get_data(as_text=True)
    assert "Mijn antwoord" not in page and "Een ander antwoord" in page


def test_what_the_member_deleted_earlier_is_blanked_even_when_the_rest_stays(app):
    member = create_user()
    kept = create_post(author=member, title="Blijft staan")
    earlier = create_post(author=member, title="Al weggehaald", deleted_at=utcnow())
    report = delete_member_account(member, remove_content=False)
    assert (report.posts_kept, report.posts_removed) == (1, 1)
    assert fresh(Post, earlier.id).title == "Verwijderd bericht"
    assert fresh(Post, kept.id).title == "Blijft staan"


def test_after_deleting_the_member_is_logged_out_and_cannot_log_in_again(browser):
    create_user(email=EMAIL)
    browser.login(EMAIL)
    deleted = browser.submit(DELETE_URL, delete_form(), follow_redirects=True)
    assert "Je account is verwijderd en je bent uitgelogd." in deleted.get_data(as_text=True)
    assert browser.get("/instellingen").status_code == 302
    response = browser.submit("/inloggen", {"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 200
    assert "horen niet bij elkaar" in response.get_data(as_text=True)


def test_wrong_password_or_missing_tick_gives_a_dutch_message_and_changes_nothing(browser):
    member = create_user(email=EMAIL, name="Lotte de Vries")
    browser.login(EMAIL)
    wrong = browser.submit(DELETE_URL, delete_form(password="niet-mijn-wachtwoord"))
    assert wrong.status_code == 200
    assert "Dit is niet je wachtwoord. Er is niets verwijderd." in wrong.get_data(as_text=True)
    unticked = browser.submit(DELETE_URL, {"content": "keep", "password": PASSWORD})
    assert unticked.status_code == 200
    assert "Vink aan dat je je account echt wilt verwijderen." in unticked.get_data(as_text=True)
    kept = fresh(User, member.id)
    assert kept.email == EMAIL and kept.name == "Lotte de Vries" and kept.deleted_at is None
    assert browser.get("/instellingen").status_code == 200  # still logged in


def test_without_csrf_token_the_answer_is_400_and_nothing_changes(browser):
    member = create_user(email=EMAIL, name="Lotte de Vries")
    browser.login(EMAIL)
    response = browser.client.post(DELETE_URL, data=delete_form())
    assert response.status_code == 400
    assert "niets opgeslagen" in response.get_data(as_text=True)
    assert fresh(User, member.id).deleted_at is None


def test_the_only_admin_cannot_delete_their_account(app):
    admin = create_user(Role.ADMIN)
    db.session.commit()
    try:
        delete_member_account(admin, remove_content=False)
    except DomainError as error:
        assert "enige beheerder" in error.message
    else:
        raise AssertionError("the last admin deleted their account")
    db.session.rollback()
    create_user(Role.ADMIN)
    delete_member_account(admin, remove_content=False)
    assert admin.deleted_at is not None


def test_a_deleted_account_has_no_profile_and_cannot_be_reactivated(browser):
    admin = create_user(Role.ADMIN, email="beheer@example.nl")
    member = create_user(email=EMAIL)
    delete_member_account(member, remove_content=False)
    browser.login("beheer@example.nl")
    assert browser.get(f"/leden/{member.id}").status_code == 404
    page = browser.get(f"/beheer/leden/{member.id}").get_data(as_text=True)
    assert "zelf het account verwijderd" in page and "heractiveren" not in page
    browser.submit(
        f"/beheer/leden/{member.id}/heractiveren", {}, form_url=f"/beheer/leden/{member.id}"
    )
    assert fresh(User, member.id).is_active is False
    assert admin.is_active


def test_the_delete_page_says_what_goes_and_what_stays(browser):
    member = create_user(email=EMAIL)
    create_post(author=member)
    browser.login(EMAIL)
    html = browser.get(DELETE_URL).get_data(as_text=True)
    assert "Van jou staan nu op de site: 1 vraag." in html
    assert 'name="password"' in html and 'name="confirm"' in html
    assert re.search(r'<input [^>]*checked id="content-0" name="content"[^>]* value="keep">', html)


def test_an_admin_deletes_an_account_on_request_from_the_command_line(app, runner):
    member = create_user(email=EMAIL, name="Lotte de Vries")
    create_post(author=member, title="Blijft staan als voormalig lid")
    result = runner.invoke(args=["privacy", "delete-member", EMAIL, "--yes"])
    assert result.exit_code == 0, result.output
    assert "Blijven staan: 1 berichten" in result.output
    gone = fresh(User, member.id)
    assert gone.deleted_at is not None and gone.email == f"verwijderd-{member.id}"
    again = runner.invoke(args=["privacy", "delete-member", EMAIL, "--yes"])
    assert again.exit_code != 0 and "Er is geen lid met het e-mailadres" in again.output
