"""Numeric conditions, figure sorts and tag matches: every backend's answer equals a scan."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from figures.catalogue import FIGURES_BY_KEY
from figures.values import known_figure_values
from index import BACKENDS, open_backend
from index.backend import IndexDocument, QuerySyntaxError, SearchBackend, SearchRequest
from index.query import compare, parse_query

LEVELS = ("province", "city", "county", "township")
PROVINCES = ("四川省", "宁夏回族自治区", "广东省")
KINDS = ("公安局", "教育局", "人民政府")


def random_tables(rng: random.Random) -> dict[str, object]:
    """Tables with a few known cells, some cells unread (missing), many zeros."""
    tables: dict[str, dict[str, dict[str, float]]] = {}
    if rng.random() < 0.8:
        granted, partial, denied = (
            rng.choice([0, 0, 1, 5, 30]),
            rng.randint(0, 4),
            rng.randint(0, 3),
        )
        rows = {
            "new": {"total": granted + partial + denied + rng.randint(0, 3)},
            "granted": {"total": granted, "natural_person": granted},
            "partial": {"total": partial},
            "results_total": {"total": granted + partial + denied},
        }
        if rng.random() < 0.2:
            del rows["partial"]
        tables["applications"] = rows
    if rng.random() < 0.8:
        corrected, total = rng.choice([0, 0, 0, 1, 2]), rng.randint(2, 6)
        pending = rng.randint(0, 2)
        tables["reviews"] = {"review": {"corrected": corrected, "total": total, "pending": pending}}
    if rng.random() < 0.3:
        tables["active"] = {"fees": {"amount": round(rng.uniform(0, 100), 3)}}
    return tables


def documents() -> list[IndexDocument]:
    rng = random.Random(18)
    made = []
    for report_id in range(1, 121):
        province = rng.choice(PROVINCES)
        kind = rng.choice(KINDS)
        made.append(
            IndexDocument(
                id=report_id,
                title=f"{kind}{report_id}号 政府信息公开工作年度报告",
                agency=f"某地{kind}",
                body="本机关认真贯彻落实《条例》。" * 3,
                province=province,
                agency_kind=kind,
                level=rng.choice(LEVELS),
                year=rng.randint(2018, 2024),
                figures=known_figure_values(random_tables(rng)),
            )
        )
    return made


@pytest.fixture(scope="module", params=BACKENDS)
def loaded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchBackend]:
    backend = open_backend(request.param, tmp_path_factory.mktemp(f"numeric-{request.param}"))
    backend.index_reports(documents())
    yield backend
    backend.close()


def search_ids(backend: SearchBackend, query: str, **options: object) -> list[int]:
    result = backend.search(SearchRequest(query=query, page_size=1000, **options))  # type: ignore[arg-type]
    assert result.total == len(result.hits)
    return [hit.id for hit in result.hits]


def scan(key: str, op: str, value: float) -> set[int]:
    """The reports whose figure is known and satisfies the condition, by reading every one."""
    return {d.id for d in documents() if key in d.figures and compare(d.figures[key], op, value)}


CONDITIONS = [
    ("复议纠正>0", "reviews_corrected", ">", 0),
    ("复议纠正>=1", "reviews_corrected", ">=", 1),
    ("新收申请>=30", "applications", ">=", 30),
    ("新收申请<3", "applications", "<", 3),
    ("予以公开=0", "granted", "=", 0),
    ("予以公开!=0", "granted", "!=", 0),
    ("公开率<0.5", "disclosure_rate", "<", 0.5),
    ("实质公开率>=50%", "disclosure_rate", ">=", 0.5),
    ("复议纠错率>0.25", "review_correction_rate", ">", 0.25),
    ("applications.granted.natural_person>=5", "applications.granted.natural_person", ">=", 5),
    ("applications.granted.natural_person<=1", "applications.granted.natural_person", "<=", 1),
    ("reviews.review.pending=2", "reviews.review.pending", "=", 2),
    ("行政事业性收费<50.5", "fees", "<", 50.5),
]


@pytest.mark.parametrize(("query", "key", "op", "value"), CONDITIONS)
def test_a_numeric_condition_selects_exactly_the_reports_a_scan_finds(
    loaded: SearchBackend, query: str, key: str, op: str, value: float
) -> None:
    expected = scan(key, op, value)
    assert expected, "the corpus must hold matches for every condition"
    assert set(search_ids(loaded, query)) == expected


def test_a_report_whose_figure_is_unknown_matches_no_condition_on_it(
    loaded: SearchBackend,
) -> None:
    unknown = {d.id for d in documents() if "partial" not in d.figures}
    assert unknown
    either = set(search_ids(loaded, "部分公开>=0"))
    assert either.isdisjoint(unknown)
    assert either | unknown == {d.id for d in documents()}


def test_conditions_combine_with_tags_and_years(loaded: SearchBackend) -> None:
    query = "四川省 level:县级 year:2019..2024 复议纠正>0"
    expected = {
        d.id
        for d in documents()
        if d.province == "四川省"
        and d.level == "county"
        and 2019 <= (d.year or 0) <= 2024
        and d.figures.get("reviews_corrected", 0) > 0
    }
    assert expected
    assert set(search_ids(loaded, query)) == expected
    assert set(search_ids(loaded, "层级:县级 -复议纠正>0")) == {
        d.id for d in documents() if d.level == "county"
    } - scan("reviews_corrected", ">", 0)


def test_a_plain_word_finds_the_reports_tagged_with_it_first(loaded: SearchBackend) -> None:
    tagged = {d.id for d in documents() if d.province == "四川省"}
    found = search_ids(loaded, "四川省")
    # No report's text names the province: only its tag does.
    assert set(found) == tagged
    assert set(search_ids(loaded, "四川")) == tagged
    kind = search_ids(loaded, "公安局")
    assert set(kind[: len({d.id for d in documents() if d.agency_kind == "公安局"})]) == {
        d.id for d in documents() if d.agency_kind == "公安局"
    }


@pytest.mark.parametrize("key", ["reviews_corrected", "disclosure_rate", "applications"])
@pytest.mark.parametrize("descending", [True, False])
def test_sorting_by_a_figure_orders_by_its_value_and_puts_unknown_values_last(
    loaded: SearchBackend, key: str, descending: bool
) -> None:
    sort = f"figure:{key}" + ("" if descending else ":asc")
    order = search_ids(loaded, "", sort=sort)
    by_id = {d.id: d for d in documents()}
    values = [by_id[i].figures.get(key) for i in order]
    known = [v for v in values if v is not None]
    assert known == sorted(known, reverse=descending)
    assert all(v is None for v in values[len(known) :]), "unknown values come last"
    assert len(order) == len(by_id)
    page_two = search_ids_page(loaded, sort, page=2, page_size=25)
    assert page_two == order[25:50]


def search_ids_page(backend: SearchBackend, sort: str, page: int, page_size: int) -> list[int]:
    result = backend.search(SearchRequest(sort=sort, page=page, page_size=page_size))
    return [hit.id for hit in result.hits]


def test_hits_carry_the_named_figures(loaded: SearchBackend) -> None:
    result = loaded.search(SearchRequest(query="新收申请>=30", page_size=5))
    assert result.hits
    for hit in result.hits:
        assert hit.figures["applications"] >= 30
        assert "applications.granted.natural_person" not in hit.figures


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("复议纠错>0", "未知指标"),
        ("level:县", None),
        ("level:镇长", "可用的值"),
        ("consistency:错误", "可用的值"),
        ("公开率<50", "比率"),
        ("foo:bar", "未知字段"),
    ],
)
def test_unknown_names_and_values_are_refused_with_the_known_ones(
    query: str, message: str | None
) -> None:
    if message is None:
        assert parse_query(query) is not None
        return
    with pytest.raises(QuerySyntaxError, match=message):
        parse_query(query)


def test_an_unknown_sort_is_refused(loaded: SearchBackend) -> None:
    with pytest.raises(QuerySyntaxError):
        loaded.search(SearchRequest(sort="figure:nothing"))


def test_every_rate_has_a_formula() -> None:
    rates = [figure for figure in FIGURES_BY_KEY.values() if figure.is_rate]
    assert rates and all(figure.formula for figure in rates)


@pytest.mark.parametrize("by", [None, "province", "level", "year"])
def test_totals_equal_the_sums_of_a_scan_for_the_whole_set_and_each_group(
    loaded: SearchBackend, by: str | None
) -> None:
    query = "复议纠正>=0"
    matching = [d for d in documents() if "reviews_corrected" in d.figures]
    totals = loaded.totals(SearchRequest(query=query), by=by)
    whole, groups = totals[0], totals[1:]
    assert whole.group is None and whole.reports == len(matching)
    for key in ("applications", "granted", "reviews_corrected", "denied"):
        known = [d.figures[key] for d in matching if key in d.figures]
        assert whole.known[key] == len(known)
        assert whole.sums[key] == pytest.approx(sum(known))
    if by is None:
        assert groups == []
        return
    expected: dict[str | None, list[IndexDocument]] = {}
    for d in matching:
        value = getattr(d, by)
        expected.setdefault(None if value is None else str(value), []).append(d)
    assert {g.group: g.reports for g in groups} == {k: len(v) for k, v in expected.items()}
    for group in groups:
        members = expected[group.group]
        applications = [d.figures["applications"] for d in members if "applications" in d.figures]
        assert group.sums["applications"] == pytest.approx(sum(applications))
        assert group.known["applications"] == len(applications)
    assert [g.reports for g in groups] == sorted((g.reports for g in groups), reverse=True)


def test_totals_follow_the_filters_and_refuse_an_unknown_grouping(loaded: SearchBackend) -> None:
    sichuan = loaded.totals(SearchRequest(filters={"province": ["四川省"]}))[0]
    assert sichuan.reports == sum(1 for d in documents() if d.province == "四川省")
    with pytest.raises(QuerySyntaxError):
        loaded.totals(SearchRequest(), by="title")


def test_a_search_can_carry_its_totals(loaded: SearchBackend) -> None:
    request = SearchRequest(query="复议纠正>0", include_totals=True, totals_by="province")
    result = loaded.search(request)
    assert result.totals is not None
    assert result.totals == loaded.totals(SearchRequest(query="复议纠正>0"), by="province")
    assert result.totals[0].reports == result.total
    assert loaded.search(SearchRequest(query="复议纠正>0")).totals is None
    with pytest.raises(QuerySyntaxError):
        loaded.search(SearchRequest(include_totals=True, totals_by="title"))
