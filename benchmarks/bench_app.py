"""The app as the benchmarks serve it: the real app plus one trivial route to compare against."""

from __future__ import annotations

from community import create_app


def create():
    app = create_app()

    @app.get("/__bench/trivial")
    def trivial():
        return "ok"

    return app
