"""A web worker in its own process, for the concurrency test: creates posts, one commit each.

    python -m tests.search.concurrent_writer DB_URL INDEX_DIR INSTANCE_DIR AUTHOR_ID COUNT LABEL

Prints one JSON line: how many posts it committed, and every error it saw (a commit that raised,
or anything the search code logged at WARNING or above, such as a lock error).
"""

from __future__ import annotations

import json
import logging
import sys


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.problems: list[str] = []
        self.busy = 0

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += f" ({record.exc_info[1]!r})"
        if record.levelno >= logging.WARNING or "LockError" in text:
            self.problems.append(text)
        elif "busy" in text:
            self.busy += 1


def main(
    database_url: str, index_dir: str, instance: str, author_id: int, count: int, label: str
) -> None:
    from community import create_app
    from community.extensions import db
    from community.posts.models import Post, PostKind

    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": instance,
            "SECRET_KEY": "concurrency",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SEARCH_INDEX_DIR": index_dir,
            "MAIL_OUTBOX_DIR": f"{instance}/outbox",
        }
    )
    collect = Collect()
    logging.getLogger("community.search").addHandler(collect)
    logging.getLogger("community.search").setLevel(logging.INFO)
    committed = 0
    with app.app_context():
        for n in range(count):
            try:
                db.session.add(
                    Post(
                        kind=PostKind.QUESTION,
                        title=f"Gelijktijdig {label} vraag {n} over roosterdruk",
                        slug=f"{label}-{n}",
                        body=f"Vraag {n} van proces {label}.",
                        author_id=author_id,
                    )
                )
                db.session.commit()
                committed += 1
            except Exception as error:  # reported, so the test can show it
                db.session.rollback()
                collect.problems.append(f"commit {n}: {error!r}")
        db.session.remove()
        db.engine.dispose()
    print(
        json.dumps(
            {
                "label": label,
                "committed": committed,
                "problems": collect.problems,
                "busy": collect.busy,
            }
        )
    )


if __name__ == "__main__":
    url, index_dir, instance, author, count, label = sys.argv[1:7]
    main(url, index_dir, instance, int(author), int(count), label)
