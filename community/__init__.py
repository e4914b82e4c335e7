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

# The blueprints, in the order their routes should be matched. Each feature package has views.bp.
FEATURES = (
    "pages",
    "accounts",
    "organisations",
    "invites",
    "admin",
    "posts",
    "follows",
    "notifications",
    "notify",
    "themes",
    "moderation",
    "feeds",
    "digest",
    "stats",
    "health",
    "mydata",
    "search",
    "support",
    "rekentool",
    "readiness",
    "mentions",
    "alerts",
    "colleagues",
)


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
    _register_blueprints(app)

    from community import errors, formatting, mail, pagecache, security

    errors.init_app(app)
    formatting.init_app(app)
    mail.init_app(app)
    pagecache.init_app(app)
    security.init_app(app)
    _register_cli(app)

    from community.accounts.models import Role

    app.jinja_env.globals["Role"] = Role

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
    # Importing the models registers them on the metadata (Alembic and create_all need that).
    from community import models  # noqa: F401
    from community.accounts import services as account_services

    login_manager.user_loader(account_services.load_user_from_session)


def _register_blueprints(app: Flask) -> None:
    from importlib import import_module

    for feature in FEATURES:
        app.register_blueprint(import_module(f"community.{feature}.views").bp)


def _register_cli(app: Flask) -> None:
    from importlib import import_module
    from importlib.util import find_spec

    for feature in (*FEATURES, "demo"):
        if find_spec(f"community.{feature}") and find_spec(f"community.{feature}.cli"):
            app.cli.add_command(import_module(f"community.{feature}.cli").cli)
