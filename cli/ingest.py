"""``nianbao ingest``: import local report files (offline archives) through the same pipeline."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from archive.parsing import PARSE_TIMEOUT_SECONDS, ParseWorkerCrashed, ParseWorkers
from archive.pipeline import ArchivePipeline, FetchedDocument
from cli.services import current_services
from crawler.report_pages import parse_job_for
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


@click.command(
    "ingest", help="Import local report files (HTML, TXT, DOCX, PDF, DOC/WPS, images) as reports."
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=PARSE_TIMEOUT_SECONDS,
    show_default=True,
    help="Seconds one file may take to parse; a slower file is skipped and reported.",
)
@with_appcontext
def ingest_command(paths: tuple[Path, ...], timeout: float) -> None:
    """Parse, store and index each file; unreadable files are reported and skipped.

    Files are parsed in a worker process that is killed when one exceeds ``--timeout``.
    """
    stored = skipped = 0
    workers = ParseWorkers(1, timeout=timeout)
    with ArchivePipeline(current_services()) as pipeline:
        for path in iter_report_files(paths):
            try:
                document = FetchedDocument(
                    identity=f"file:{path.resolve()}",
                    data=path.read_bytes(),
                    filename=path.name,
                    role="file",
                )
                parsed = workers.result(workers.submit(parse_job_for(document)))
                outcome = pipeline.archive(document, parsed)
            except (OSError, ParseError, ParseWorkerCrashed) as error:
                skipped += 1
                click.echo(f"跳过 {path}: {error}", err=True)
                continue
            stored += 1
            parsed = outcome.parsed
            click.echo(f"{outcome.outcome:9} #{outcome.report_id} {parsed.title} ({path})")
    workers.close(wait=False)
    click.echo(f"导入 {stored} 个文件，跳过 {skipped} 个。")
    if skipped and not stored:
        raise click.exceptions.Exit(1)
