"""``nianbao reindex``: rebuild the search index from the database and swap it in atomically."""

from __future__ import annotations

import time

import click
from flask.cli import with_appcontext

from archive.indexing import READ_BATCH
from archive.reindex import reindex_all
from cli.services import current_services


@click.command("reindex", help="Rebuild the search index from the database (atomic swap).")
@click.option("--batch-size", type=click.IntRange(1), default=READ_BATCH, show_default=True)
@with_appcontext
def reindex_command(batch_size: int) -> None:
    """Index every stored report into a new index directory, then swap it in."""
    services = current_services()
    settings = services.settings
    started = time.monotonic()
    count = reindex_all(services, batch_size)
    elapsed = time.monotonic() - started
    click.echo(f"已重建 {settings.search_backend} 索引：{count} 份报告，用时 {elapsed:.1f} 秒。")
