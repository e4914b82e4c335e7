"""The app's foundation: security headers, Dutch error pages, limits, configuration, migrations."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig

from community import PROJECT_ROOT, create_app
from community.config import database_url, load_config
from community.extensions import db


def test_every_response_carries_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_base_layout_is_dutch_and_accessible(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="nl">' in html
    assert 'class="skip-link" href="#inhoud"' in html
    assert '<main id="inhoud"' in html
    assert 'aria-label="Hoofdmenu"' in html
    assert "Privacyverklaring" in html
    assert "http://" not in html.split("<body>")[0].replace('content="width', "")  # no CDN in head


def test_unknown_page_gets_dutch_404(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_body_over_one_megabyte_gets_413(client):
    response = client.post("/inloggen", data={"email": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "groter dan 1 MB" in response.get_data(as_text=True)


def test_post_without_csrf_token_is_refused_in_dutch(client):
    response = client.post("/inloggen", data={"email": "a@b.nl", "password": "x"})
    assert response.status_code == 400
    assert "Je formulier is verlopen" in response.get_data(as_text=True)


def test_secret_key_is_generated_once_into_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_config(tmp_path)["SECRET_KEY"]
    second = load_config(tmp_path)["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_database_url_uses_psycopg3_for_postgres(tmp_path):
    assert database_url("postgres://u@h/db", tmp_path) == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql://u@h/db", tmp_path) == "postgresql+psycopg://u@h/db"
    assert database_url(None, tmp_path).startswith("sqlite:///")


def test_sqlite_connections_use_wal_and_foreign_keys(app):
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_migrations_build_exactly_the_models_schema(tmp_path, database_url):
    """`flask db upgrade` on an empty database gives the schema the models describe."""
    if database_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'migrated.db'}"
    else:
        url = (
            database_url
            + ("&" if "?" in database_url else "?")
            + "options=-csearch_path%3Dmigration_check"
        )
        engine = sa.create_engine(database_url)
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA IF EXISTS migration_check CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA migration_check")
        engine.dispose()
    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "SQLALCHEMY_DATABASE_URI": url}
    )
    with app.app_context():
        config = AlembicConfig(str(PROJECT_ROOT / "migrations" / "alembic.ini"))
        config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
        command.upgrade(config, "head")
        command.check(config)  # raises if models and migrations disagree
        tables = set(sa.inspect(db.engine).get_table_names())
        assert {"users", "organisations", "invitations"} <= tables
        command.downgrade(config, "base")
        db.engine.dispose()
