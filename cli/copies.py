"""``nianbao copies``: which reports copy another agency's report of the same year."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from archive.copies import archive_years, check_copies
from cli.services import current_services


@click.command("copies", help="Check every report for text copied from another agency (by year).")
@click.option("--year", "years", type=int, multiple=True, help="Only these years (repeatable).")
@with_appcontext
def copies_command(years: tuple[int, ...]) -> None:
    """Compare each report's 总体情况 and 存在的问题 with the same year's other agencies and
    store the ``copying.others`` finding (shown on the report page and /rules)."""
    services = current_services()
    chosen = list(years) or archive_years(services.database)
    for year, copies in check_copies(services.database, chosen).items():
        click.echo(f"{year}年：发现 {copies} 份照抄其他机关的报告。")
