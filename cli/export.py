"""``nianbao export``: every report's tag fields as JSON Lines or CSV on standard output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from cli.services import current_services
from parsers.model import TAG_FIELDS
from portal.csv_export import csv_lines
from storage.models import Report

EXPORT_COLUMNS: tuple[str, ...] = ("id", *TAG_FIELDS, "url")


def report_tag_rows(batch_size: int = 500) -> Iterator[dict[str, Any]]:
    """One dict of EXPORT_COLUMNS per report, in id order, read in batches."""
    database = current_services().database
    last_id = 0
    while True:
        with database.session() as session:
            reports = session.scalars(
                select(Report).where(Report.id > last_id).order_by(Report.id).limit(batch_size)
            ).all()
        if not reports:
            return
        for report in reports:
            row = {column: getattr(report, column) for column in EXPORT_COLUMNS}
            row["published"] = report.published.isoformat() if report.published else None
            yield row
        last_id = reports[-1].id


@click.command("export", help="Write every report's tag fields to standard output.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="JSON Lines (one object per report) or CSV with a header row.",
)
@with_appcontext
def export_command(output_format: str) -> None:
    """Export tags of all reports."""
    rows = report_tag_rows()
    if output_format == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = ([row[column] for column in EXPORT_COLUMNS] for row in rows)
    for line in csv_lines(EXPORT_COLUMNS, table, bom=False):
        sys.stdout.write(line)
