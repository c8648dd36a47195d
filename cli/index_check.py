"""``nianbao index verify [--repair]``: compare the search index with the database, fix it."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from archive.index_check import repair_index, verify_index
from cli.services import current_services


@click.group("index", help="Check the search index against the database.")
def index_group() -> None:
    """Index maintenance commands."""


@index_group.command(
    "verify",
    help="List reports the index lacks, holds in an old form, or holds though they are not stored.",
)
@click.option("--repair", is_flag=True, help="Index what is missing or stale, delete the extra.")
@click.option("--show", type=click.IntRange(0), default=20, show_default=True, help="Ids listed.")
@with_appcontext
def verify_command(repair: bool, show: int) -> None:
    """Exit status 1 when the index differs from the database and was not repaired."""
    services = current_services()
    difference = verify_index(services)
    click.echo(difference.summary())
    for label, ids in (
        ("缺少", difference.missing),
        ("过期", difference.stale),
        ("多出", difference.extra),
    ):
        if ids and show:
            more = f" …（共 {len(ids)} 份）" if len(ids) > show else ""
            click.echo(f"  {label}：{', '.join(map(str, ids[:show]))}{more}")
    if difference.consistent:
        click.echo("索引与数据库一致。")
        return
    if not repair:
        click.echo("使用 --repair 修复。")
        raise SystemExit(1)
    changed = repair_index(services, difference)
    after = verify_index(services)
    click.echo(f"已修复 {changed} 份；复查：{after.summary()}")
    if not after.consistent:
        raise SystemExit(1)
