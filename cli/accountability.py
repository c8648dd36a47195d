"""``nianbao accountability``: apply the current accountability rules to every report again."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from archive.accountability import recheck_all
from cli.services import current_services


@click.command("accountability", help="Re-check every report against the accountability rules.")
@with_appcontext
def accountability_command() -> None:
    """Recompute timeliness, completeness, continuity and copying from the previous year for
    every archived report (``nianbao copies`` compares agencies with each other)."""
    checked = recheck_all(current_services())
    click.echo(f"已重新检查 {checked} 份报告。")
