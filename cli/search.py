"""``nianbao search``: search the archive from the command line (text or JSON output)."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import click
from flask.cli import with_appcontext

from cli.services import current_services
from index.backend import FACET_FIELDS, QuerySyntaxError, SearchRequest, SearchResult

_MARK = re.compile(r"</?mark>")
#: Facet values shown per field in text output.
TEXT_FACET_VALUES = 5


def parse_filters(pairs: tuple[str, ...]) -> dict[str, list[str]]:
    """``("year=2023", "year=2022", "province=宁夏回族自治区")`` → ``{"year": [...], ...}``."""
    filters: dict[str, list[str]] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip() or not value.strip():
            raise click.BadParameter(f"{pair!r}: write FIELD=VALUE", param_hint="--filter")
        filters.setdefault(name.strip(), []).append(value.strip())
    return filters


def result_as_json(result: SearchResult) -> dict[str, Any]:
    """The JSON form of a search result: total, hits and facet counts."""
    hits = []
    for hit in result.hits:
        hits.append(
            {
                "id": hit.id,
                "title": hit.title,
                "agency": hit.agency,
                "year": hit.year,
                "snippet": hit.snippet,
                "score": hit.score,
                "agency_kind": hit.agency_kind,
                "province": hit.province,
                "city": hit.city,
                "county": hit.county,
                "level": hit.level,
                "template": hit.template,
                "published": hit.published.isoformat() if hit.published else None,
                "consistency": hit.consistency,
                "url": hit.url,
            }
        )
    facets = {
        name: [{"value": value.value, "count": value.count} for value in values]
        for name, values in result.facets.items()
    }
    return {"total": result.total, "page": result.page, "hits": hits, "facets": facets}


def _plain(snippet: str) -> str:
    """A snippet for the terminal: marks shown as 【】, entities decoded."""
    return html.unescape(_MARK.sub(lambda m: "】" if m.group().startswith("</") else "【", snippet))


def _echo_text(result: SearchResult) -> None:
    click.echo(f"共 {result.total} 份报告")
    for hit in result.hits:
        click.echo(f"\n[{hit.id}] {hit.title}（{hit.agency}，{hit.year or '年份不详'}）")
        click.echo(f"    {_plain(hit.snippet)}")
    for name, values in result.facets.items():
        if values:
            shown = "，".join(f"{v.value} {v.count}" for v in values[:TEXT_FACET_VALUES])
            more = " …" if len(values) > TEXT_FACET_VALUES else ""
            click.echo(f"\n{name}: {shown}{more}")


@click.command("search", help="Search the reports, e.g. nianbao search '依申请公开 year:2023'.")
@click.argument("query", default="")
@click.option(
    "--filter",
    "filters",
    multiple=True,
    metavar="FIELD=VALUE",
    help=f"Facet filter, repeatable; fields: {', '.join(FACET_FIELDS)}.",
)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option(
    "--sort",
    type=click.Choice(["relevance", "year", "published"]),
    default="relevance",
    show_default=True,
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@with_appcontext
def search_command(
    query: str, filters: tuple[str, ...], limit: int, page: int, sort: str, as_json: bool
) -> None:
    """Run one search against the configured backend and print the result."""
    request = SearchRequest(
        query=query,
        filters=parse_filters(filters),
        sort=sort,
        page=page,
        page_size=limit,
    )
    try:
        result = current_services().search.search(request)
    except QuerySyntaxError as error:
        raise click.UsageError(str(error)) from error
    if as_json:
        click.echo(json.dumps(result_as_json(result), ensure_ascii=False, indent=2))
    else:
        _echo_text(result)
