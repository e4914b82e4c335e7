"""The Jeugdhulp Community: a Flask app where youth-care professionals keep each other."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from flask import Flask, request

from community import database
from community.config import load_config
from community.extensions import csrf, db, limiter, login_manager, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    instance_path = Path(
        (test_config or {}).get("INSTANCE_PATH")
        or os.environ.get("INSTANCE_PATH")
        or PROJECT_ROOT / "instance"
    )
    instance_path.mkdir(parents=True, exist_ok=True)
    app = Flask(
        __name__,
        instance_path=str(instance_path),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.update(load_config(instance_path))
    if test_config:
        app.config.update(test_config)

    _trust_proxies(app)
    from community import input_guard

    input_guard.init_app(app)  # before the blueprints: their `<int:...>` parts use its converter
    _init_extensions(app)
    # community.models imports every feature's models: Alembic and create_all see every table.
    from community.models import Role

    app.jinja_env.globals["Role"] = Role
    _register_blueprints(app)
    _connect_hooks(app)
    _register_cli(app)

    @app.before_request
    def _transaction_mode() -> None:
        database.read_only_transactions.set(request.method in ("GET", "HEAD", "OPTIONS"))

    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO)
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXIES reverse proxies, take client address and scheme from X-Forwarded-*.

    Without it, every visitor would share the proxy's address (and its login rate limit).
    """
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Log in om verder te gaan."
    login_manager.login_message_category = "info"
    from community.accounts import services as account_services

    login_manager.user_loader(account_services.load_user_from_session)


def _register_blueprints(app: Flask) -> None:
    """Every feature's blueprint, in the order their routes should be matched."""
    from community.accounts.views import bp as accounts
    from community.admin.views import bp as admin
    from community.alerts.views import bp as alerts
    from community.colleagues.views import bp as colleagues
    from community.digest.views import bp as digest
    from community.feeds.views import bp as feeds
    from community.follows.views import bp as follows
    from community.health.views import bp as health
    from community.invites.views import bp as invites
    from community.mentions.views import bp as mentions
    from community.moderation.views import bp as moderation
    from community.mydata.views import bp as mydata
    from community.notifications.views import bp as notifications
    from community.notify.views import bp as notify
    from community.organisations.views import bp as organisations
    from community.pages.views import bp as pages
    from community.posts.views import bp as posts
    from community.readiness.views import bp as readiness
    from community.rekentool.views import bp as rekentool
    from community.search.views import bp as search
    from community.stats.views import bp as stats
    from community.support.views import bp as support
    from community.themes.views import bp as themes

    for blueprint in (
        pages,
        accounts,
        organisations,
        invites,
        admin,
        posts,
        follows,
        notifications,
        notify,
        themes,
        moderation,
        feeds,
        digest,
        stats,
        health,
        mydata,
        search,
        support,
        rekentool,
        readiness,
        mentions,
        alerts,
        colleagues,
    ):
        app.register_blueprint(blueprint)


def _connect_hooks(app: Flask) -> None:
    """Request hooks, Jinja filters, and the hooks on every session and signal, in this order.

    The session listeners are all connected by community.commit_hooks, which lists them in the
    order they run.
    """
    from community import (
        colleagues,
        commit_hooks,
        digest,
        errors,
        formatting,
        jobs,
        mail,
        pagecache,
        search,
        security,
        support,
    )

    errors.init_app(app)
    formatting.init_app(app)
    commit_hooks.init_app(app)
    pagecache.init_app(app)
    mail.init_app(app)
    jobs.init_app(app, _job_modules())
    security.init_app(app)
    search.init_app(app)
    # The receivers of themes.merging.theme_merged: each feature moves its own rows.
    digest.init_app(app)
    support.init_app(app)
    colleagues.init_app(app)


def _job_modules() -> tuple:
    """Every module that declares background jobs (community.jobs): the queue learns its jobs
    from this list, and refuses a job declared anywhere else."""
    from community import mail_outbox
    from community.accounts import password_reset
    from community.jobs import schedule
    from community.notify import jobs as notify_jobs

    return (mail_outbox, password_reset, schedule, notify_jobs)


def _register_cli(app: Flask) -> None:
    """The `flask` command groups (README, "Command groups", says which package each is in)."""
    from community.accounts.cli import cli as users
    from community.alerts.cli import cli as alerts
    from community.demo.cli import cli as demo
    from community.digest.cli import cli as digest
    from community.invites.cli import cli as invites
    from community.jobs.cli import cli as jobs
    from community.mydata.cli import cli as privacy
    from community.notify.cli import cli as notify
    from community.search.cli import cli as search
    from community.support.cli import cli as support

    for group in (users, invites, notify, digest, privacy, search, support, alerts, demo, jobs):
        app.cli.add_command(group)
