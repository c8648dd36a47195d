"""Search: the results page with facets, and the same results as CSV, JSON and an Atom feed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, g, jsonify, render_template, request, url_for

from figures.catalogue import NAMED_FIGURES, RATE_FIGURES
from index.backend import FACET_FIELDS, QuerySyntaxError, SearchResult
from portal import labels, queries
from portal.csv_export import csv_response
from portal.resources import services
from portal.search_params import InvalidSearchArguments, SearchParams, parse_search_args
from portal.searching import (
    MAX_RESULT_WINDOW,
    active_filters,
    facet_groups,
    pagination,
    run_search,
    sidebar_facets,
)
from portal.serializers import SEARCH_COLUMNS, hit_document, search_row
from portal.watch_views import save_form
from portal.xml_text import xml_safe

blueprint = Blueprint("search", __name__)

#: Most rows a CSV or JSON export of a search holds.
MAX_EXPORT_ROWS = MAX_RESULT_WINDOW
EXPORT_PAGE_SIZE = 100
FEED_ENTRIES = 50


#: Characters werkzeug's URL builder leaves unescaped in query strings (kept identical here).
_QUERY_SAFE = "!$'()*,/:;?@"


def search_link(params: SearchParams, endpoint: str = "search.search") -> str:
    """The URL of a search page (or export) for ``params``.

    A results page links to hundreds of facet values: the endpoint's path is built once per
    request and the query string encoded as ``url_for`` would encode it.
    """
    bases: dict[str, str] = g.setdefault("search_link_bases", {})
    base = bases.get(endpoint)
    if base is None:
        base = bases[endpoint] = url_for(endpoint)
    items = [
        (name, value)
        for name, values in _multi(params.url_args(include_page=True)).items()
        for value in values
    ]
    return f"{base}?{urlencode(items, safe=_QUERY_SAFE)}" if items else base


def _multi(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    grouped: dict[str, list[str]] = {}
    for name, value in pairs:
        grouped.setdefault(name, []).append(value)
    return grouped


def _default_page_size() -> int:
    return current_app.config["NIANBAO_SETTINGS"].page_size


#: Sort orders by a figure offered on the results page: each named figure and rate, both ways.
FIGURE_SORTS: list[tuple[str, str]] = [
    (f"figure:{figure.key}{suffix}", f"{figure.label}（{words}）")
    for figure in (*NAMED_FIGURES, *RATE_FIGURES)
    for suffix, words in (("", "高→低"), (":asc", "低→高"))
]


@blueprint.get("/search")
def search() -> tuple[str, int] | str:
    """Show a page of results with facets, active filters, sorting and pagination."""
    try:
        params = parse_search_args(request.args, default_page_size=_default_page_size())
    except InvalidSearchArguments as error:
        return _error_page(SearchParams(query=request.args.get("q", "")), error.message), 400
    params = replace(params, facets=sidebar_facets(params))
    try:
        result = run_search(services().search, params)
    except QuerySyntaxError as error:
        return _error_page(params, f"检索式无法理解：{error}"), 400
    return render_template(
        "search.html",
        params=params,
        result=result,
        facets=facet_groups(params, result, search_link),
        chips=active_filters(params, search_link),
        pages=pagination(params, result.total, search_link),
        sort_links=[
            (key, label, search_link(params.with_sort(key)), key == params.sort)
            for key, label in labels.SORT_LABELS.items()
        ],
        export_args=_multi(params.url_args()),
        clear_url=url_for("search.search", q=params.query)
        if params.query
        else url_for("search.search"),
        without_query_url=search_link(params.without_query()) if params.query else None,
        watch_form=save_form(params),
        figure_sorts=FIGURE_SORTS,
        sort_form_args=[(k, v) for k, v in params.url_args() if k != "sort"],
        error=None,
    )


def _error_page(params: SearchParams, message: str) -> str:
    return render_template(
        "search.html",
        params=params,
        result=None,
        facets=[],
        chips=[],
        pages=None,
        sort_links=[],
        export_args={},
        clear_url=url_for("search.search"),
        without_query_url=None,
        error=message,
    )


def _export_search() -> tuple[SearchParams, SearchResult]:
    """Parse the export's arguments and run the search for its first page."""
    params = parse_search_args(request.args, default_page_size=EXPORT_PAGE_SIZE)
    params = replace(params, page=1, page_size=EXPORT_PAGE_SIZE, facets=())
    return params, run_search(services().search, params)


def _all_hit_ids(params: SearchParams, first: SearchResult) -> Iterator[int]:
    """Ids of every hit of the search, page by page, up to :data:`MAX_EXPORT_ROWS`."""
    result, page, emitted = first, 1, 0
    while result.hits:
        for hit in result.hits:
            if emitted >= MAX_EXPORT_ROWS:
                return
            emitted += 1
            yield hit.id
        page += 1
        if (page - 1) * EXPORT_PAGE_SIZE >= min(result.total, MAX_EXPORT_ROWS):
            return
        result = run_search(services().search, params.with_page(page))


@blueprint.get("/search.csv")
def export_csv() -> Response:
    """Every result of a search as CSV (UTF-8 with BOM): tag columns in TAG_FIELDS order, then
    the key figures and rates."""
    params, first = _export_search()
    ids = list(_all_hit_ids(params, first))
    with services().database.session() as session:
        reports = queries.reports_by_ids(session, ids)
    stamp = dt.date.today().isoformat()
    return csv_response(
        f"nianbao-search-{stamp}.csv",
        SEARCH_COLUMNS,
        (search_row(r) for r in reports),
    )


@blueprint.get("/search.json")
def export_json() -> Response:
    """One page of a search as JSON: total, hits and facet counts (like the API)."""
    params = parse_search_args(request.args, default_page_size=_default_page_size())
    result = run_search(services().search, params)
    return jsonify(search_result_document(params, result))


def search_result_document(params: SearchParams, result: SearchResult) -> dict:
    """The JSON form of a page of results, shared with the API."""
    return {
        "query": params.query,
        "conditions": list(params.conditions),
        "filters": {name: list(values) for name, values in params.filters.items()},
        "sort": params.sort,
        "page": params.page,
        "page_size": params.page_size,
        "total": result.total,
        "hits": [hit_document(hit) for hit in result.hits],
        "facets": {
            name: [{"value": v.value, "count": v.count} for v in values]
            for name, values in result.facets.items()
            if name in FACET_FIELDS
        },
    }


@blueprint.get("/search.atom")
def feed() -> Response:
    """An Atom feed of the newest reports matching a search (by publication date)."""
    params = parse_search_args(request.args)
    params = replace(params, sort="published", page=1, page_size=FEED_ENTRIES, facets=())
    result = run_search(services().search, params)
    with services().database.session() as session:
        reports = queries.reports_by_ids(session, [hit.id for hit in result.hits])
    updated = max((r.last_changed_at or r.first_seen_at for r in reports), default=None)
    body = render_template(
        "feed.atom.xml",
        title=_feed_title(params),
        reports=reports,
        updated=updated or dt.datetime(2000, 1, 1),
        self_url=request.url,
        page_url=url_for("search.search", _external=True, **_multi(params.url_args())),
    )
    return Response(xml_safe(body), mimetype="application/atom+xml")


def _feed_title(params: SearchParams) -> str:
    parts = [
        labels.value_label(name, value)
        for name in FACET_FIELDS
        for value in params.filters.get(name, ())
    ]
    if params.query:
        parts.append(f"“{params.query}”")
    return f"年报：{'、'.join(parts)}的新报告" if parts else "年报：新收录的报告"
