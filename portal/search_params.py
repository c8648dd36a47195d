"""The state of a search as it travels in a URL: parsed, validated and turned back into links.

``/search``, its CSV/JSON/Atom twins and ``/api/v1/search`` all read their arguments here, so
the page, the exports and the API agree on what a URL means. Filters use the public field names
of REPORT_SCHEMA.md (``province``, ``year`` …); several values of one field are OR-ed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from werkzeug.datastructures import MultiDict

from index.backend import FACET_FIELDS, QuerySyntaxError, SearchRequest
from index.query import NumericCondition, parse_query
from index.shared import parse_sort
from index.vocabulary import exact_value

#: The plain sort orders; ``figure:<key>`` and ``figure:<key>:asc`` sort by a figure.
SORT_ORDERS: tuple[str, ...] = ("relevance", "year", "published")
#: Most numeric conditions one search may carry as ``cond`` arguments.
MAX_CONDITIONS = 20
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 500
MAX_VALUES_PER_FILTER = 50
#: Years a filter or a comparison may name.
MIN_YEAR, MAX_YEAR = 1900, 2100
#: Arguments that are not filters.
CONTROL_ARGS = frozenset({"q", "sort", "page", "page_size", "facets", "cond"})
ALLOWED_VALUES: dict[str, frozenset[str]] = {
    "level": frozenset({"central", "province", "city", "county", "township"}),
    "consistency": frozenset({"pass", "fail", "unchecked", "not_assessable", "doubtful"}),
    "template": frozenset({"2021", "2019", "pre2019"}),
    "timeliness": frozenset({"pass", "fail", "unknown"}),
    "changed_after_publication": frozenset({"true", "false"}),
}


class InvalidSearchArguments(ValueError):
    """A search URL holds an argument that cannot be used; ``code`` names the problem."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class SearchParams:
    """A validated search: query text, filters, sort order and page."""

    query: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    facets: tuple[str, ...] = FACET_FIELDS
    #: Numeric conditions given apart from the query text (``cond=复议纠正>0``), as written.
    conditions: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when neither a query, a condition nor a filter was given."""
        return not self.query and not self.filters and not self.conditions

    @property
    def full_query(self) -> str:
        """The query text with the ``cond`` conditions AND-ed to it."""
        parts = [f"({self.query})" if self.query and self.conditions else self.query]
        return " ".join(part for part in (*parts, *self.conditions) if part)

    def to_request(self) -> SearchRequest:
        """The backend request for these parameters."""
        return SearchRequest(
            query=self.full_query,
            filters={name: list(values) for name, values in self.filters.items()},
            facets=self.facets,
            sort=self.sort,
            page=self.page,
            page_size=self.page_size,
        )

    def url_args(self, *, include_page: bool = False) -> list[tuple[str, str]]:
        """The query-string pairs that reproduce this search (default page and sort left out)."""
        pairs: list[tuple[str, str]] = []
        if self.query:
            pairs.append(("q", self.query))
        pairs.extend(("cond", condition) for condition in self.conditions)
        for name in FACET_FIELDS:
            pairs.extend((name, value) for value in self.filters.get(name, ()))
        if self.sort != "relevance":
            pairs.append(("sort", self.sort))
        if include_page and self.page != 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def with_filter_toggled(self, name: str, value: str) -> SearchParams:
        """The same search with ``value`` of ``name`` added or removed, back on page 1.

        Removing a province also removes the city and county below it (the drill-down).
        """
        filters = {key: tuple(values) for key, values in self.filters.items()}
        current = filters.get(name, ())
        if value in current:
            remaining = tuple(v for v in current if v != value)
            if remaining:
                filters[name] = remaining
            else:
                filters.pop(name, None)
            for lower in _below(name):
                if not remaining:
                    filters.pop(lower, None)
        else:
            filters[name] = (*current, value)
        return replace(self, filters=filters, page=1)

    def with_sort(self, sort: str) -> SearchParams:
        """The same search in another order, back on page 1."""
        return replace(self, sort=sort, page=1)

    def with_page(self, page: int) -> SearchParams:
        """Another page of the same search."""
        return replace(self, page=page)

    def without_condition(self, condition: str) -> SearchParams:
        """The same search without one of its ``cond`` conditions, back on page 1."""
        kept = tuple(c for c in self.conditions if c != condition)
        return replace(self, conditions=kept, page=1)

    def without_query(self) -> SearchParams:
        """The same filters without query text."""
        return replace(self, query="", page=1)


def _below(name: str) -> tuple[str, ...]:
    hierarchy = ("province", "city", "county")
    if name not in hierarchy:
        return ()
    return hierarchy[hierarchy.index(name) + 1 :]


def parse_search_args(
    args: MultiDict[str, str],
    *,
    default_page_size: int = 20,
    strict: bool = False,
    extra_allowed: Iterable[str] = (),
) -> SearchParams:
    """Read a search from request arguments.

    With ``strict`` (the API), an argument that is neither a filter field nor a known control
    raises :class:`InvalidSearchArguments`; the HTML pages ignore such arguments.
    """
    allowed_extra = set(extra_allowed)
    filters: dict[str, tuple[str, ...]] = {}
    for name in args:
        if name in CONTROL_ARGS or name in allowed_extra:
            continue
        if name not in FACET_FIELDS:
            if strict:
                raise InvalidSearchArguments(
                    "unknown_filter",
                    f"未知的筛选字段 “{name}”。可用字段：{'、'.join(FACET_FIELDS)}。",
                )
            continue
        values = tuple(
            dict.fromkeys(_stored_value(name, v.strip()) for v in args.getlist(name) if v.strip())
        )
        if not values:
            continue
        if len(values) > MAX_VALUES_PER_FILTER:
            raise InvalidSearchArguments(
                "too_many_values", f"筛选字段 “{name}” 最多可选 {MAX_VALUES_PER_FILTER} 个值。"
            )
        _validate_values(name, values)
        filters[name] = values
    query = (args.get("q") or "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidSearchArguments(
            "query_too_long", f"检索词过长（最多 {MAX_QUERY_LENGTH} 个字符）。"
        )
    sort = args.get("sort") or "relevance"
    try:
        parse_sort(sort)
    except QuerySyntaxError as error:
        raise InvalidSearchArguments("invalid_sort", str(error)) from None
    conditions = _conditions(args.getlist("cond"))
    page = _positive_int(args.get("page"), "page", default=1)
    page_size = _positive_int(args.get("page_size"), "page_size", default=default_page_size)
    if page_size > MAX_PAGE_SIZE:
        raise InvalidSearchArguments("invalid_page_size", f"每页条数不能超过 {MAX_PAGE_SIZE}。")
    facets = FACET_FIELDS
    if "facets" in args:
        requested = [
            f.strip() for raw in args.getlist("facets") for f in raw.split(",") if f.strip()
        ]
        unknown = [name for name in requested if name not in FACET_FIELDS]
        if unknown:
            raise InvalidSearchArguments("unknown_facet", f"未知的分面字段：{'、'.join(unknown)}。")
        facets = tuple(requested)
    return SearchParams(
        query=query,
        filters=filters,
        sort=sort,
        page=page,
        page_size=page_size,
        facets=facets,
        conditions=conditions,
    )


def _stored_value(name: str, value: str) -> str:
    """A filter value as stored: ``level=县级`` is ``level=county``."""
    if name in ALLOWED_VALUES:
        return exact_value(name, value) or value
    return value


def _conditions(raw: list[str]) -> tuple[str, ...]:
    """The ``cond`` arguments, each checked to be one numeric condition (``复议纠正>0``)."""
    conditions = tuple(dict.fromkeys(c.strip() for c in raw if c.strip()))
    if len(conditions) > MAX_CONDITIONS:
        raise InvalidSearchArguments("too_many_conditions", f"最多 {MAX_CONDITIONS} 个数值条件。")
    for condition in conditions:
        try:
            node = parse_query(condition)
        except QuerySyntaxError as error:
            raise InvalidSearchArguments("invalid_condition", str(error)) from None
        if not isinstance(node, NumericCondition):
            raise InvalidSearchArguments(
                "invalid_condition",
                f"“{condition}”不是数值条件：请写成 指标 比较符 数值，如 复议纠正>0、公开率<50%。",
            )
    return conditions


def _validate_values(name: str, values: tuple[str, ...]) -> None:
    if name == "year":
        for value in values:
            if not (value.isascii() and value.isdigit()) or not MIN_YEAR <= int(value) <= MAX_YEAR:
                raise InvalidSearchArguments(
                    "invalid_filter_value", f"年度 “{value}” 不是有效的年份。"
                )
    allowed = ALLOWED_VALUES.get(name)
    if allowed is not None:
        for value in values:
            if value not in allowed:
                raise InvalidSearchArguments(
                    "invalid_filter_value",
                    f"“{name}” 的取值只能是：{'、'.join(sorted(allowed))}。",
                )


def _positive_int(raw: str | None, name: str, *, default: int) -> int:
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidSearchArguments(f"invalid_{name}", f"参数 {name} 必须是正整数。") from None
    if value < 1:
        raise InvalidSearchArguments(f"invalid_{name}", f"参数 {name} 必须大于等于 1。")
    return value
