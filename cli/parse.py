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

from parsers import ParseError, parse_document


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
def parse_command(path: Path | None, url: str | None, manifest: Path | None) -> None:
    """Parse a report file (or a batch of them) and print the result as JSON."""
    if (path is None) == (manifest is None):
        raise click.UsageError("give either PATH or --batch MANIFEST.jsonl")
    if manifest is not None:
        for line in _batch_results(manifest):
            click.echo(json.dumps(line, ensure_ascii=False))
        return
    assert path is not None
    if not path.is_file():
        raise click.BadParameter(f"no such file: {path}", param_hint="PATH")
    try:
        report = parse_document(path.read_bytes(), filename=path.name, url=url)
    except ParseError as error:
        raise click.ClickException(f"{path}: {error}") from error
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False))


def _batch_results(manifest: Path) -> list[dict[str, Any]]:
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
        results.append(_parse_one(file_path, entry["path"], entry.get("url")))
    return results


def _parse_one(file_path: Path, shown_path: str, url: str | None) -> dict[str, Any]:
    try:
        data = file_path.read_bytes()
        return parse_document(data, filename=file_path.name, url=url).to_dict()
    except (OSError, ParseError) as error:
        return {"path": shown_path, "error": str(error)}
