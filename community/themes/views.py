"""Theme pages (public) and their administration (admins only)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from community import pagecache
from community.accounts.models import Role
from community.accounts.permissions import role_required
from community.extensions import db
from community.input_guard import page_number, to_id
from community.posts.models import Post, PostKind
from community.themes import services
from community.themes.forms import MergeForm, ThemeForm
from community.themes.models import Theme
from community.unit_of_work import Work, unit_of_work

bp = Blueprint("themes", __name__)

PER_PAGE = 10
MAX_PAGE = 10_000
PAGE_ARGS = ("voorbeelden", "vragen")


def page_arg(name: str) -> int:
    """A page number from the query string; anything odd means page 1."""
    return min(request.args.get(name, 1, type=page_number), MAX_PAGE)


def theme_or_redirect(slug: str, endpoint: str):
    """The theme for `slug`, or a 301 to where an old slug went, or a 404."""
    theme, moved = services.find_theme(slug)
    if theme is not None:
        return theme, None
    if moved is not None:
        pages = {k: v for k, v in request.args.items() if k in PAGE_ARGS}
        return None, redirect(url_for(endpoint, slug=moved.slug, **pages), 301)
    abort(404)


@bp.route("/themas")
def index():
    return render_template(
        "themes/index.html",
        themes=services.all_themes(),
        counts=services.post_counts(current_user),
        empty=services.ThemeCounts(),
    )


@bp.route("/themas/<slug>")
@pagecache.for_visitors
def detail(slug: str):
    theme, moved = theme_or_redirect(slug, "themes.detail")
    if moved:
        return moved
    return _render_detail(theme)


def _render_detail(theme) -> str:
    pages = {}
    for kind, arg in ((PostKind.PRACTICE, "voorbeelden"), (PostKind.QUESTION, "vragen")):
        stmt = services.theme_posts(current_user, theme, kind).options(
            selectinload(Post.organisation)
        )
        pages[arg] = db.paginate(stmt, page=page_arg(arg), per_page=PER_PAGE, error_out=False)

    def page_url(arg: str, number: int) -> str:
        """This page with one list moved to page `number`; the other list stays where it is."""
        wanted = {name: pagination.page for name, pagination in pages.items()} | {arg: number}
        return url_for(
            "themes.detail", slug=theme.slug, **{k: v for k, v in wanted.items() if v > 1}
        )

    return render_template(
        "themes/detail.html",
        theme=theme,
        practices=pages["voorbeelden"],
        questions=pages["vragen"],
        page_url=page_url,
    )


# --- administration -------------------------------------------------------------------------


@bp.route("/beheer/themas")
@role_required(Role.ADMIN)
def admin_list():
    return render_template(
        "themes/admin_list.html",
        themes=services.all_themes(),
        counts=services.post_counts(current_user),
        followers=services.follower_counts(),
        empty=services.ThemeCounts(),
    )


@bp.route("/beheer/themas/nieuw", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def create():
    form = ThemeForm()
    work = Work()
    if form.validate_on_submit():
        with unit_of_work(form=form) as work:
            theme = services.create_theme(current_user, form.data)
        if work.ok:
            flash(f"Het thema ‘{theme.name}’ is toegevoegd.", "success")
            return redirect(url_for("themes.admin_list"))
    return render_template("themes/form.html", form=form, theme=None, privacy=work.privacy)


@bp.route("/beheer/themas/<int:id>/bewerken", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit(id: int):
    theme = db.get_or_404(Theme, id)
    form = ThemeForm(obj=theme)
    work = Work()
    if form.validate_on_submit():
        with unit_of_work(form=form) as work:
            services.update_theme(current_user, theme, form.data)
        if work.ok:
            flash(f"Het thema ‘{theme.name}’ is opgeslagen.", "success")
            return redirect(url_for("themes.admin_list"))
    return render_template("themes/form.html", form=form, theme=theme, privacy=work.privacy)


@bp.route("/beheer/themas/samenvoegen", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def merge():
    themes = services.all_themes()
    form = MergeForm()
    choices = [SelectChoice(0, "Kies een thema")] + [SelectChoice(t.id, t.name) for t in themes]
    form.source.choices = form.target.choices = choices
    if request.method == "GET":
        form.source.data = request.args.get("bron", type=to_id) or 0
    if form.validate_on_submit():
        by_id = {t.id: t for t in themes}
        source, target = by_id.get(form.source.data), by_id.get(form.target.data)
        if source is None:
            form.source.errors.append("Kies het thema dat opgaat in het andere.")
        if target is None:
            form.target.errors.append("Kies het thema dat blijft.")
        if source is not None and target is not None:
            source_name = source.name
            with unit_of_work(form=form) as work:
                result = services.merge_themes(current_user, source, target)
            if work.ok:
                flash(
                    f"‘{source_name}’ is opgegaan in ‘{result.target.name}’: "
                    f"{result.posts} {'bericht' if result.posts == 1 else 'berichten'} en "
                    f"{result.follows} {'volger' if result.follows == 1 else 'volgers'} verhuisd.",
                    "success",
                )
                return redirect(url_for("themes.admin_list"))
    return render_template("themes/merge.html", form=form)
