"""``nianbao reparse``: re-tag archived reports in place with the current parser."""

from __future__ import annotations

import datetime as dt

import click
from flask.cli import with_appcontext

from archive.reparse import COMPARED_FIELDS, reparse_reports, selected_report_ids
from cli.services import current_services


@click.command(
    "reparse",
    help=(
        "Re-read stored originals with the current parser and update the reports in place "
        "(versions kept, index updated). --since DATE selects reports whose latest version "
        "was fetched on or after DATE (YYYY-MM-DD, UTC)."
    ),
)
@click.option("--all", "everything", is_flag=True, help="Re-read every archived report.")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only reports whose latest version was fetched on or after this date.",
)
@click.option("--dry-run", is_flag=True, help="Report what would change without writing.")
@with_appcontext
def reparse_command(everything: bool, since: dt.datetime | None, dry_run: bool) -> None:
    """Parse each selected report's latest stored version again and print what changed."""
    if everything == (since is not None):
        raise click.UsageError("请指定 --all 或 --since DATE 之一。")
    services = current_services()
    ids = selected_report_ids(services, since.date() if since else None)
    summary = reparse_reports(services, ids, dry_run=dry_run)
    for report_id, reason in summary.failed:
        click.echo(f"失败 #{report_id}: {reason}", err=True)
    prefix = "（试运行，未写入）" if dry_run else ""
    click.echo(
        f"{prefix}读取 {summary.read} 份，变化 {summary.changed} 份，未变 {summary.unchanged} 份，"
        f"失败 {len(summary.failed)} 份。"
    )
    for name in COMPARED_FIELDS:
        if summary.changes_by_field[name]:
            click.echo(f"  {name}: {summary.changes_by_field[name]} changed")
