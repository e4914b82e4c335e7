"""Good practices (/goede-voorbeelden) and questions (/vragen): lists, pages, forms, replies.

Views parse, call a service, commit once and redirect; the rules live in services.py and
replies.py, the visibility rule in queries.py.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user
from sqlalchemy.orm import joinedload
from wtforms import SelectChoice

from community import pagecache
from community.accounts.models import User
from community.accounts.permissions import ambassador_required, member_required, moderator_required
from community.extensions import db
from community.input_guard import page_number
from community.organisations.models import Organisation
from community.posts import forms_flow, lists, presenters, services
from community.posts.forms import (
    DRAFT_SESSION_KEY,
    ConfirmForm,
    NewPracticeForm,
    NewQuestionForm,
    NewReplyForm,
    PracticeForm,
    QuestionForm,
    ReplyForm,
)
from community.posts.models import PRACTICE_SECTIONS, Post, Reply, Revision
from community.posts.queries import can_view, is_member, needs_login
from community.unit_of_work import unit_of_work
from community.urls import AREA, KIND_BY_AREA, post_path, post_url, reply_anchor

bp = Blueprint("posts", __name__)

AREAS = 'any(vragen, "goede-voorbeelden")'
PRACTICE_PREVIEW = tuple(PRACTICE_SECTIONS)
QUESTION_PREVIEW = ("body",)
REVISION_LABELS = {
    "body": "Tekst",
    "summary": "Samenvatting",
    **PRACTICE_SECTIONS,
    "grounding_url": "Link naar de onderbouwing",
    "grounding_text": "Onderbouwing",
    "themes": "Thema's",
    "visibility": "Zichtbaar voor",
}

bp.add_app_template_global(post_url)
bp.add_app_template_global(reply_anchor)
bp.add_app_template_global(post_path)
bp.add_app_template_global(PRACTICE_SECTIONS, "PRACTICE_SECTIONS")


class MembersOnly(Exception):
    """A visitor opened a members-only post: show "log in om dit te lezen", not the post."""


@bp.errorhandler(MembersOnly)
def _members_only(_error):
    return render_template("posts/members_only.html"), 200


def _user() -> User:
    return current_user._get_current_object()


def _page() -> int:
    return request.args.get("pagina", 1, type=page_number)


def _per_page() -> int:
    return current_app.config["POSTS_PER_PAGE"]


def _themes() -> list:
    return db.session.scalars(lists.all_themes()).all()


def _load(post_id: int, area: str | None = None, *, eager: bool = True) -> Post:
    """The post, if the viewer may open it; else "log in om dit te lezen" or 404.

    eager=False loads only the post's own row: enough to decide, and all a cached page needs.
    """
    post = lists.post_for_page(post_id) if eager else db.session.get(Post, post_id)
    if post is None:
        abort(404)
    if needs_login(current_user, post):
        raise MembersOnly()
    if not can_view(current_user, post):
        abort(404)
    if area is not None and KIND_BY_AREA[area] is not post.kind:
        abort(404)
    return post


def _load_reply(reply_id: int) -> tuple[Reply, Post]:
    reply = db.session.get(Reply, reply_id)
    if reply is None or reply.deleted_at is not None:
        abort(404)
    post = _load(reply.post_id)
    if reply.hidden_at is not None and not (
        is_member(current_user)
        and (current_user.is_moderator or current_user.id == reply.author_id)
    ):
        abort(404)
    return reply, post


def _back_to(post: Post, reply: Reply | None = None):
    return redirect(post_path(post, reply))


# Lists ----------------------------------------------------------------------------------------


@bp.route("/goede-voorbeelden")
@pagecache.for_visitors
def practices():
    theme = lists.theme_by_slug(request.args.get("thema"))
    pagination = db.paginate(
        lists.practices(current_user, theme), page=_page(), per_page=_per_page(), error_out=False
    )
    return render_template(
        "posts/practices.html", pagination=pagination, theme=theme, themes=_themes()
    )


@bp.route("/vragen")
@pagecache.for_visitors
def questions():
    tab = request.args.get("tab", "nieuw")
    if tab not in lists.QUESTION_TABS:
        tab = "nieuw"
    theme = lists.theme_by_slug(request.args.get("thema"))
    pagination = db.paginate(
        lists.questions(current_user, tab, theme),
        page=_page(),
        per_page=_per_page(),
        error_out=False,
    )
    return render_template(
        "posts/questions.html",
        pagination=pagination,
        tab=tab,
        tabs=lists.QUESTION_TABS,
        theme=theme,
        themes=_themes(),
    )


# One post -------------------------------------------------------------------------------------


@bp.route(f"/<{AREAS}:area>/<int:post_id>", defaults={"slug": None})
@bp.route(f"/<{AREAS}:area>/<int:post_id>-<slug>")
@pagecache.for_visitors
def detail(area: str, post_id: int, slug: str | None):
    # A visitor's page is loaded in one go (lists.post_for_page) once the own row says it exists.
    visitor = not current_user.is_authenticated
    post = _load(post_id, eager=not visitor)
    if slug != post.slug or AREA[post.kind] != area:
        return redirect(post_url(post), code=301)
    return _render_detail(lists.post_for_page(post_id) if visitor else post, NewReplyForm())


def _render_detail(post: Post, reply_form: ReplyForm, outcome: forms_flow.Outcome | None = None):
    if post.is_question:
        reply_form.body.label.text = "Je antwoord"
    return render_template(
        "posts/detail.html",
        reply_form=reply_form,
        outcome=outcome or forms_flow.Outcome(),
        **presenters.page_context(current_user, post),
    )


@bp.route(f"/<{AREAS}:area>/<int:post_id>/geschiedenis")
@member_required
def history(area: str, post_id: int):
    post = _load(post_id, area)
    revisions = db.session.scalars(
        sa.select(Revision)
        .where(Revision.post_id == post.id)
        .options(joinedload(Revision.editor))
        .order_by(Revision.created_at.desc(), Revision.id.desc())
    ).all()
    return render_template(
        "posts/history.html",
        post=post,
        revisions=revisions,
        current=services.snapshot(post),
        labels=REVISION_LABELS,
    )


# Writing --------------------------------------------------------------------------------------


def _prepare_practice_form(form: PracticeForm, post: Post | None) -> None:
    user = _user()
    form.set_theme_choices(_themes())
    if user.is_admin:
        organisations = db.session.scalars(
            sa.select(Organisation).order_by(Organisation.name)
        ).all()
    else:
        own = post.organisation_id if post is not None else user.organisation_id
        organisations = [o for o in [db.session.get(Organisation, own)] if o is not None]
    form.organisation_id.choices = [SelectChoice(o.id, o.name) for o in organisations]
    if not form.is_submitted():
        form.organisation_id.data = post.organisation_id if post else user.organisation_id
    contacts = db.session.scalars(services.contact_candidates(user, post)).all()
    if not any(c.id == user.id for c in contacts) and post is None:
        contacts.insert(0, user)
    form.contact_id.choices = [SelectChoice(c.id, c.name) for c in contacts]
    if not form.is_submitted():
        form.contact_id.data = post.contact_id if post else user.id


@bp.route("/goede-voorbeelden/nieuw", methods=["GET", "POST"])
@ambassador_required
def create_practice():
    form = NewPracticeForm()
    _prepare_practice_form(form, None)
    if not form.is_submitted() and (draft := session.pop(DRAFT_SESSION_KEY, None)):
        form.fill_from_draft(draft)
    outcome = forms_flow.run(
        form, lambda data: services.publish_practice(_user(), data), PRACTICE_PREVIEW
    )
    if outcome.saved:
        flash("Dank je wel! Je goede voorbeeld staat online.", "success")
        return redirect(post_url(outcome.saved))
    return render_template("posts/practice_form.html", form=form, outcome=outcome, post=None)


@bp.route("/vragen/nieuw", methods=["GET", "POST"])
@member_required
def create_question():
    form = NewQuestionForm()
    form.set_theme_choices(_themes())
    outcome = forms_flow.run(
        form, lambda data: services.ask_question(_user(), data), QUESTION_PREVIEW
    )
    if outcome.saved:
        flash("Je vraag staat online. Je krijgt bericht zodra iemand antwoordt.", "success")
        return redirect(post_url(outcome.saved))
    return render_template("posts/question_form.html", form=form, outcome=outcome, post=None)


@bp.route(f"/<{AREAS}:area>/<int:post_id>/bewerken", methods=["GET", "POST"])
@member_required
def edit(area: str, post_id: int):
    post = _load(post_id, area)
    if not services.may_edit(current_user, post) or post.deleted_at is not None:
        abort(403)
    if post.is_practice:
        form, template, fields = PracticeForm(), "posts/practice_form.html", PRACTICE_PREVIEW
        _prepare_practice_form(form, post)
    else:
        form, template, fields = QuestionForm(), "posts/question_form.html", QUESTION_PREVIEW
        form.set_theme_choices(_themes())
    if not form.is_submitted():
        form.fill_from(post)
    outcome = forms_flow.run(form, lambda data: services.edit_post(_user(), post, data), fields)
    if outcome.saved:
        flash("Je wijzigingen zijn opgeslagen.", "success")
        return redirect(post_url(post))
    return render_template(template, form=form, outcome=outcome, post=post)


@bp.route(f"/<{AREAS}:area>/<int:post_id>/verwijderen", methods=["GET", "POST"])
@member_required
def delete(area: str, post_id: int):
    post = _load(post_id, area)
    if not services.may_delete(current_user, post):
        abort(403)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.delete_post(_user(), post)
        db.session.commit()
        flash("Het bericht is verwijderd.", "success")
        return redirect(url_for("posts.questions" if post.is_question else "posts.practices"))
    return render_template("posts/delete.html", form=form, post=post, reply=None)


@bp.route(f"/<{AREAS}:area>/<int:post_id>/terugzetten", methods=["POST"])
@moderator_required
def restore(area: str, post_id: int):
    post = _load(post_id, area)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with unit_of_work("Het bericht is teruggezet."):
        services.restore_post(_user(), post)
    return _back_to(post)


@bp.route("/goede-voorbeelden/<int:post_id>/actueel", methods=["POST"])
@member_required
def confirm_current(post_id: int):
    post = _load(post_id, "goede-voorbeelden")
    if not services.may_confirm_current(current_user, post):
        abort(403)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with unit_of_work("Dank je! We tonen dat dit voorbeeld vandaag nog actueel is."):
        services.confirm_practice_current(_user(), post)
    return _back_to(post)


# Replies --------------------------------------------------------------------------------------


@bp.route(f"/<{AREAS}:area>/<int:post_id>/reageren", methods=["POST"])
@member_required
def reply(area: str, post_id: int):
    post = _load(post_id, area)
    form = NewReplyForm()
    outcome = forms_flow.run(
        form,
        lambda data: services.post_reply(
            _user(), post, data["body"], privacy_confirmed=bool(data.get("privacy_confirmed"))
        ),
        ("body",),
    )
    if outcome.saved:
        flash(
            "Dank je wel voor je antwoord!" if post.is_question else "Dank je wel voor je reactie!",
            "success",
        )
        return _back_to(post, outcome.saved)
    return _render_detail(post, form, outcome)


@bp.route("/reacties/<int:reply_id>/bewerken", methods=["GET", "POST"])
@member_required
def edit_reply(reply_id: int):
    reply, post = _load_reply(reply_id)
    if not services.may_edit_reply(current_user, reply):
        abort(403)
    form = ReplyForm()
    if not form.is_submitted():
        form.body.data = reply.body
    outcome = forms_flow.run(
        form,
        lambda data: services.edit_reply(
            _user(), reply, data["body"], privacy_confirmed=bool(data.get("privacy_confirmed"))
        ),
        ("body",),
    )
    if outcome.saved:
        flash("Je reactie is bijgewerkt.", "success")
        return _back_to(post, reply)
    return render_template(
        "posts/reply_form.html", form=form, outcome=outcome, post=post, reply=reply
    )


@bp.route("/reacties/<int:reply_id>/verwijderen", methods=["GET", "POST"])
@member_required
def delete_reply(reply_id: int):
    reply, post = _load_reply(reply_id)
    if not services.may_edit_reply(current_user, reply):
        abort(403)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.delete_reply(_user(), reply)
        db.session.commit()
        flash("De reactie is verwijderd.", "success")
        return _back_to(post)
    return render_template("posts/delete.html", form=form, post=post, reply=reply)


@bp.route("/reacties/<int:reply_id>/accepteren", methods=["POST"])
@member_required
def accept(reply_id: int):
    reply, post = _load_reply(reply_id)
    if not services.may_accept(current_user, post):
        abort(403)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with unit_of_work("Dank je! Dit antwoord staat nu bovenaan als geaccepteerd antwoord."):
        services.accept_answer(_user(), reply)
    return _back_to(post, reply)


@bp.route("/reacties/<int:reply_id>/nuttig", methods=["POST"])
@member_required
def useful(reply_id: int):
    reply, post = _load_reply(reply_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with unit_of_work() as work:
        marked = services.toggle_useful(_user(), reply)
    if work.ok:
        flash("Gemarkeerd als nuttig." if marked else "Niet meer gemarkeerd als nuttig.", "success")
    return _back_to(post, reply)
