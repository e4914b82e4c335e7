"""Settings from environment variables, with embedded defaults that work on a fresh machine.

Every variable is optional: without any, the site runs on SQLite in the instance folder, writes mail
as .eml files to instance/outbox/, and keeps a secret key it generated once in instance/.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _ints(name: str, default: tuple[int, ...]) -> tuple[int, ...]:
    value = os.environ.get(name)
    if value is None:
        return default
    return tuple(int(part) for part in value.replace(",", " ").split())


def database_url(raw: str | None, instance_path: Path) -> str:
    """Normalise DATABASE_URL so `postgres://` and `postgresql://` both use psycopg 3."""
    if not raw:
        return f"sqlite:///{instance_path / 'community.db'}"
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw[len("postgres://") :]
    if raw.startswith("postgresql://"):
        raw = "postgresql+psycopg://" + raw[len("postgresql://") :]
    return raw


def secret_key(instance_path: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the instance folder."""
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_hex(32)
    key_file.touch(mode=0o600)
    key_file.write_text(key)
    return key


def load_config(instance_path: Path) -> dict:
    env = os.environ.get
    site_url = env("SITE_URL", "http://127.0.0.1:5000").rstrip("/")
    secure = site_url.startswith("https://")
    return {
        "SECRET_KEY": secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url(env("DATABASE_URL"), instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SEARCH_INDEX_DIR": env("SEARCH_INDEX_DIR") or str(instance_path / "search-index"),
        # Search (see docs/search.md): this index copy's name in search_index_state, how long a
        # worker waits for the index lock after a commit (and a search for a worker applying the
        # log), reindex processes, log retention.
        "SEARCH_INDEX_NAME": env("SEARCH_INDEX_NAME", ""),
        "SEARCH_WRITER_TIMEOUT": _int("SEARCH_WRITER_TIMEOUT", 2),
        "SEARCH_CATCH_UP_TIMEOUT": _int("SEARCH_CATCH_UP_TIMEOUT", 2),
        "SEARCH_REINDEX_PROCS": _int("SEARCH_REINDEX_PROCS", 2),
        "SEARCH_OUTBOX_RETENTION_DAYS": _int("SEARCH_OUTBOX_RETENTION_DAYS", 7),
        "SEARCH_OUTBOX_SETTLE_SECONDS": _int("SEARCH_OUTBOX_SETTLE_SECONDS", 300),
        # Answers of repeated searches kept per worker until content changes (0: off).
        "SEARCH_RESULT_MEMO_ENTRIES": _int("SEARCH_RESULT_MEMO_ENTRIES", 2000),
        # A site without an index builds one on its first change up to this many posts (tests,
        # app.testing, build theirs explicitly); how often old log rows are pruned, and how often
        # a worker records in search_index_state how far it has applied the log.
        "SEARCH_AUTOBUILD_LIMIT": _int("SEARCH_AUTOBUILD_LIMIT", 2000),
        "SEARCH_PRUNE_INTERVAL_SECONDS": 600,
        "SEARCH_REGISTER_INTERVAL_SECONDS": 30,
        "SITE_URL": site_url,
        "SITE_NAME": "Jeugdhulp Community",
        # Mail: without MAIL_SERVER, mails are written to MAIL_OUTBOX_DIR as .eml files.
        "MAIL_SERVER": env("MAIL_SERVER", ""),
        "MAIL_PORT": _int("MAIL_PORT", 25),
        "MAIL_USERNAME": env("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": env("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool(env("MAIL_USE_TLS")),
        "MAIL_FROM": env(
            "MAIL_FROM", "Jeugdhulp Community <noreply@jeugdhulp-community.example.nl>"
        ),
        "MAIL_TIMEOUT": _int("MAIL_TIMEOUT", 10),
        "MAIL_OUTBOX_DIR": env("MAIL_OUTBOX_DIR") or str(instance_path / "outbox"),
        # No content mail 22:00-07:00 Amsterdam time (community.notify); off only in tests whose
        # subject is not the night, so they do not depend on the hour they run at.
        "NOTIFY_QUIET_HOURS": _bool(env("NOTIFY_QUIET_HOURS", "1")),
        # A failed mail is tried again after these many seconds (then given up: 5 attempts), and
        # a mail a killed worker left half-sent is due again after the lease (mail_outbox.py).
        "MAIL_RETRY_DELAYS": _ints("MAIL_RETRY_DELAYS", (60, 300, 1800, 7200)),
        "MAIL_SENDING_LEASE_SECONDS": _int("MAIL_SENDING_LEASE_SECONDS", 600),
        # Background jobs (docs/jobs.md): Redis when JOBS_REDIS_URL is set, else a SQLite file in
        # the instance folder. JOBS_IMMEDIATE runs each job in the process that enqueues it
        # (view tests only: nothing then runs on a schedule or is retried).
        "JOBS_REDIS_URL": env("JOBS_REDIS_URL", ""),
        "JOBS_SQLITE_PATH": env("JOBS_SQLITE_PATH") or str(instance_path / "jobs.db"),
        "JOBS_IMMEDIATE": _bool(env("JOBS_IMMEDIATE")),
        "DIGEST_FROM": env("DIGEST_FROM", ""),
        "DIGEST_MIN_ITEMS": _int("DIGEST_MIN_ITEMS", 3),
        # Seconds the figures of De beweging may be old, and per-theme counts kept between content
        # changes (0: always count afresh).
        "COUNTS_CACHE_SECONDS": _int("COUNTS_CACHE_SECONDS", 60),
        "POSTS_PER_PAGE": 20,  # questions and practices per list page
        # Megabytes of visitors' pages each worker keeps rendered (community.pagecache); 0: off.
        "PAGE_CACHE_MB": _int("PAGE_CACHE_MB", 32),
        "INVITES_MAX_OPEN": _int("INVITES_MAX_OPEN", 20),
        "INVITES_MAX_PER_DAY": _int("INVITES_MAX_PER_DAY", 50),
        # Rate limits count per process with memory://; point this at redis:// in production.
        "RATELIMIT_STORAGE_URI": env("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Password checks outside the log-in page (password change, account deletion), per address.
        "LOGIN_RATE_LIMIT": env("LOGIN_RATE_LIMIT", "10 per minute;50 per hour"),
        # Forms that send a mail or take a stranger's request, per address: password-reset and
        # data links, access requests, and following the newsletter from a digest link.
        "RESET_RATE_LIMIT": env("RESET_RATE_LIMIT", "5 per minute;20 per hour"),
        "ACCESS_REQUEST_RATE_LIMIT": env("ACCESS_REQUEST_RATE_LIMIT", "10 per hour"),
        "DIGEST_FOLLOW_RATE_LIMIT": env("DIGEST_FOLLOW_RATE_LIMIT", "20 per hour"),
        # Password hashing, argon2id: OWASP's minimum is 19 MiB and two passes.
        "ARGON2_TIME_COST": 2,
        "ARGON2_MEMORY_COST": 19 * 1024,
        # Failed log-ins (community.accounts.login_limits), counted in the database over the
        # window: so many against one account lock its log-in, so many from one address stop it.
        "LOGIN_FAILURES_PER_ACCOUNT": _int("LOGIN_FAILURES_PER_ACCOUNT", 10),
        "LOGIN_FAILURES_PER_ADDRESS": _int("LOGIN_FAILURES_PER_ADDRESS", 100),
        "LOGIN_FAILURE_WINDOW_MINUTES": _int("LOGIN_FAILURE_WINDOW_MINUTES", 15),
        # Reverse proxies in front of the app that set X-Forwarded-*; 0 trusts none.
        "TRUSTED_PROXIES": _int("TRUSTED_PROXIES", 0),
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_DURATION": timedelta(days=30),
        "REMEMBER_COOKIE_NAME": "remember_token",
        "PREFERRED_URL_SCHEME": "https" if secure else "http",
        "WTF_CSRF_TIME_LIMIT": None,  # a form left open over lunch must still submit
        # The one password of every demo account `flask demo seed` creates (never on a real site).
        "DEMO_PASSWORD": env("DEMO_PASSWORD", "jeugdhulp-demo-2026"),
    }
