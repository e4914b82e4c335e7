"""`flask search sync|reindex|check`: keep the index true from cron, rebuild it, compare it.

Suggested cron line (every minute; a no-op when nothing is pending):

    * * * * *  cd /srv/community && .venv/bin/flask search sync --quiet
"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from community.search.documents import count_indexable
from community.search.indexer import get_indexer
from community.search.outcomes import ApplyResult, ReindexBusy
from community.search.store import IndexUnavailable

cli = AppGroup("search", help="The search index: sync it with the database, rebuild it, check it.")

SHOW = 20  # ids listed per problem kind


@cli.command("sync")
@click.option("--quiet", is_flag=True, help="Print nothing unless the index had to be rebuilt.")
def sync(quiet: bool) -> None:
    """Apply the changes the index has not seen yet (rebuilds a missing or broken index)."""
    indexer = get_indexer()
    try:
        outcome = indexer.sync(echo=click.echo)
    except ReindexBusy as error:
        raise click.ClickException(
            "another reindex is running; try again when it is done"
        ) from error
    if isinstance(outcome, ApplyResult):
        if outcome.busy:
            raise click.ClickException(
                "the index stayed locked by another process; nothing applied this time"
            )
        if not quiet:
            click.echo(f"Applied {outcome.rows} log row(s) for {outcome.posts} post(s).")
    else:
        click.echo(_rebuilt(outcome))


@cli.command("reindex")
@click.option(
    "--procs", type=int, default=None, help="Writer processes (default: SEARCH_REINDEX_PROCS)."
)
def reindex(procs: int | None) -> None:
    """Rebuild the index from the database into a fresh folder and swap it in."""
    indexer = get_indexer()
    with indexer.read_session() as session:
        total = count_indexable(session)
    with click.progressbar(length=total, label="Indexing posts", show_pos=True) as bar:
        try:
            outcome = indexer.reindex(procs=procs, progress=bar.update)
        except ReindexBusy as error:
            raise click.ClickException("another reindex is running") from error
    click.echo(_rebuilt(outcome))


def _rebuilt(outcome) -> str:
    caught = outcome.caught_up.rows if outcome.caught_up else 0
    return (
        f"Indexed {outcome.documents} post(s) in {outcome.seconds:.1f}s "
        f"({outcome.docs_per_second:,.0f} docs/s, {outcome.procs} writer process(es)); "
        f"applied {caught} change(s) made meanwhile. Index: {outcome.generation}"
    )


@cli.command("check")
def check() -> None:
    """Compare the index with the database; exits 1 when anything is missing or stale."""
    indexer = get_indexer()
    try:
        report = indexer.check()
    except IndexUnavailable as error:
        click.echo(f"The search index cannot be read: {error}", err=True)
        click.echo("Run `flask search reindex` to rebuild it.", err=True)
        raise SystemExit(1) from error
    click.echo(
        f"{report.expected} post(s) should be indexed, {report.indexed} document(s) in the index, "
        f"{report.pending} log row(s) pending."
    )
    for label, ids in (
        ("missing", report.missing),
        ("stale", report.stale),
        ("not to be indexed", report.extra),
    ):
        if ids:
            shown = ", ".join(str(i) for i in ids[:SHOW]) + (" …" if len(ids) > SHOW else "")
            click.echo(f"{len(ids)} {label}: {shown}")
    if not report.ok:
        click.echo("Run `flask search sync` (or `flask search reindex`) to repair.", err=True)
        raise SystemExit(1)
    click.echo("The index matches the database.")
