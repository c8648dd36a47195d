"""Running a search for the portal and shaping its facets into a sidebar.

Deep pages are not worth a full-text engine's time: beyond :data:`MAX_RESULT_WINDOW` results
the search answers with the total and the facets but no hits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from index.backend import FACET_FIELDS, SearchBackend, SearchResult
from portal import labels
from portal.search_params import SearchParams

MAX_RESULT_WINDOW = 10_000
#: Facet values shown before "更多" folds the rest away.
FACET_VISIBLE_VALUES = 10
#: The region drill-down: a level's facet is shown once the level above is chosen.
REGION_PARENT: dict[str, str] = {"city": "province", "county": "city"}


def run_search(backend: SearchBackend, params: SearchParams) -> SearchResult:
    """Search, answering pages past the result window with no hits but the real total."""
    if (params.page - 1) * params.page_size >= MAX_RESULT_WINDOW:
        probe = backend.search(replace(params, page=1, page_size=1).to_request())
        return SearchResult(
            total=probe.total,
            hits=[],
            facets=probe.facets,
            page=params.page,
            page_size=params.page_size,
        )
    return backend.search(params.to_request())


def sidebar_facets(params: SearchParams) -> tuple[str, ...]:
    """The facet fields the sidebar shows: a region level only once the level above is chosen."""
    return tuple(
        name
        for name in FACET_FIELDS
        if name not in REGION_PARENT or params.filters.get(REGION_PARENT[name])
    )


@dataclass
class FacetOption:
    """One value in the sidebar."""

    value: str
    label: str
    count: int | None
    selected: bool
    url: str


@dataclass
class FacetGroup:
    """A facet field with its values."""

    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def visible(self) -> list[FacetOption]:
        """Selected values plus the first few others."""
        return self.options[:FACET_VISIBLE_VALUES]

    @property
    def folded(self) -> list[FacetOption]:
        """Values shown only when the reader unfolds the list."""
        return self.options[FACET_VISIBLE_VALUES:]


@dataclass
class ActiveFilter:
    """A chosen filter shown as a removable chip."""

    name: str
    field_label: str
    value_label: str
    remove_url: str


def facet_groups(
    params: SearchParams, result: SearchResult, link: Callable[[SearchParams], str]
) -> list[FacetGroup]:
    """The sidebar: one group per facet in FACET_FIELDS order, region levels drilled down."""
    groups: list[FacetGroup] = []
    for name in sidebar_facets(params):
        selected = params.filters.get(name, ())
        counts = {value.value: value.count for value in result.facets.get(name, [])}
        options: list[FacetOption] = []
        for value in selected:
            options.append(
                FacetOption(
                    value,
                    labels.value_label(name, value),
                    counts.get(value),
                    True,
                    link(params.with_filter_toggled(name, value)),
                )
            )
        ordered = sorted(
            (item for item in counts.items() if item[0] not in selected and item[0]),
            key=_newest_year_first if name == "year" else _most_frequent_first,
        )
        for value, count in ordered:
            options.append(
                FacetOption(
                    value,
                    labels.value_label(name, value),
                    count,
                    False,
                    link(params.with_filter_toggled(name, value)),
                )
            )
        if options:
            groups.append(FacetGroup(name, labels.FIELD_LABELS.get(name, name), options))
    return groups


def _newest_year_first(item: tuple[str, int]) -> tuple[int, str]:
    return (-int(item[0]) if item[0].isascii() and item[0].isdigit() else 0, item[0])


def _most_frequent_first(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])


def active_filters(params: SearchParams, link: Callable[[SearchParams], str]) -> list[ActiveFilter]:
    """Every chosen filter value with the link that removes it."""
    chips: list[ActiveFilter] = []
    for name in FACET_FIELDS:
        for value in params.filters.get(name, ()):
            chips.append(
                ActiveFilter(
                    name,
                    labels.FIELD_LABELS.get(name, name),
                    labels.value_label(name, value),
                    link(params.with_filter_toggled(name, value)),
                )
            )
    return chips


@dataclass
class PageLink:
    """A link of the pagination bar; ``number`` None is a gap (…)."""

    number: int | None
    url: str = ""
    current: bool = False


@dataclass
class Pagination:
    """Page links around the current page."""

    page: int
    pages: int
    links: list[PageLink]
    previous_url: str | None
    next_url: str | None


def pagination(params: SearchParams, total: int, link: Callable[[SearchParams], str]) -> Pagination:
    """Previous/next and numbered page links, with gaps for long result lists."""
    window_total = min(total, MAX_RESULT_WINDOW)
    pages = max(1, -(-window_total // params.page_size))
    numbers = sorted({1, pages, *range(max(1, params.page - 2), min(pages, params.page + 2) + 1)})
    links: list[PageLink] = []
    previous = 0
    for number in numbers:
        if number - previous > 1:
            links.append(PageLink(None))
        links.append(PageLink(number, link(params.with_page(number)), number == params.page))
        previous = number
    return Pagination(
        page=params.page,
        pages=pages,
        links=links,
        previous_url=link(params.with_page(params.page - 1))
        if 1 < params.page <= pages + 1
        else None,
        next_url=link(params.with_page(params.page + 1)) if params.page < pages else None,
    )
