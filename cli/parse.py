"""``nianbao parse``: parse report files and print them as JSON (one object per line).

``nianbao parse PATH [--url URL]`` prints one ParsedReport; ``nianbao parse --batch MANIFEST.jsonl``
reads lines ``{"path": ..., "url": ...}`` (paths relative to the manifest's directory) and prints
one JSON object per line, in order; a file that fails gives ``{"path": ..., "error": ...}`` and
the batch goes on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from archive.parsing import PARSE_TIMEOUT_SECONDS, ParseJob, ParseWorkerCrashed, ParseWorkers
from parsers import ParseError


@click.command("parse")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--url", default=None, help="The URL the file was published at.")
@click.option(
    "--batch",
    "manifest",
    default=None,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='A JSON-lines manifest of {"path": ..., "url": ...} objects.',
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=PARSE_TIMEOUT_SECONDS,
    show_default=True,
    help="Seconds one file may take; a parse that takes longer is stopped and reported.",
)
def parse_command(
    path: Path | None, url: str | None, manifest: Path | None, timeout: float
) -> None:
    """Parse a report file (or a batch of them) and print the result as JSON.

    Each file is parsed in a worker process that is killed when it exceeds ``--timeout``.
    """
    if (path is None) == (manifest is None):
        raise click.UsageError("give either PATH or --batch MANIFEST.jsonl")
    workers = ParseWorkers(1, timeout=timeout)
    try:
        if manifest is not None:
            for line in _batch_results(manifest, workers):
                click.echo(json.dumps(line, ensure_ascii=False))
            return
        assert path is not None
        if not path.is_file():
            raise click.BadParameter(f"no such file: {path}", param_hint="PATH")
        try:
            report = _parse(workers, path.read_bytes(), path.name, url)
        except (ParseError, ParseWorkerCrashed) as error:
            raise click.ClickException(f"{path}: {error}") from None
        click.echo(json.dumps(report, ensure_ascii=False))
    finally:
        workers.close(wait=False)


def _parse(workers: ParseWorkers, data: bytes, filename: str, url: str | None) -> dict[str, Any]:
    job = ParseJob(data, filename=filename, url=url)
    return workers.result(workers.submit(job)).to_dict()


def _batch_results(manifest: Path, workers: ParseWorkers) -> list[dict[str, Any]]:
    """One result object per non-empty manifest line, in order."""
    results: list[dict[str, Any]] = []
    base = manifest.parent
    for number, raw in enumerate(manifest.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            entry = json.loads(raw)
            file_path = base / entry["path"]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            results.append({"line": number, "error": f"invalid manifest line: {error}"})
            continue
        results.append(_parse_one(workers, file_path, entry["path"], entry.get("url")))
    return results


def _parse_one(
    workers: ParseWorkers, file_path: Path, shown_path: str, url: str | None
) -> dict[str, Any]:
    try:
        return _parse(workers, file_path.read_bytes(), file_path.name, url)
    except (OSError, ParseError, ParseWorkerCrashed) as error:
        return {"path": shown_path, "error": str(error)}
