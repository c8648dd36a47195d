"""``nianbao ingest``: import local report files (offline archives) through the same pipeline."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from cli.services import current_services
from crawler.pipeline import ArchivePipeline, FetchedDocument
from parsers.model import ParseError

SUPPORTED_SUFFIXES = {".html", ".htm", ".shtml", ".txt", ".docx", ".pdf", ".doc", ".wps"}


def iter_report_files(paths: tuple[Path, ...]) -> list[Path]:
    """The files named, and the supported files inside named directories, in a stable order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES)
            )
        else:
            files.append(path)
    return files


@click.command("ingest", help="Import local report files (HTML, TXT, DOCX, PDF) as reports.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@with_appcontext
def ingest_command(paths: tuple[Path, ...]) -> None:
    """Parse, store and index each file; unreadable files are reported and skipped."""
    stored = skipped = 0
    with ArchivePipeline(current_services()) as pipeline:
        for path in iter_report_files(paths):
            try:
                data = path.read_bytes()
                outcome = pipeline.archive(
                    FetchedDocument(
                        identity=f"file:{path.resolve()}",
                        data=data,
                        filename=path.name,
                        role="file",
                    )
                )
            except (OSError, ParseError) as error:
                skipped += 1
                click.echo(f"跳过 {path}: {error}", err=True)
                continue
            stored += 1
            parsed = outcome.parsed
            click.echo(f"{outcome.outcome:9} #{outcome.report_id} {parsed.title} ({path})")
    click.echo(f"导入 {stored} 个文件，跳过 {skipped} 个。")
    if skipped and not stored:
        raise click.exceptions.Exit(1)
