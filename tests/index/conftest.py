"""Fixtures for the search tests: a small corpus of real seed reports plus targeted documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index import BACKENDS, open_backend
from index.backend import IndexDocument, SearchBackend

SEEDS_DIR = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds"

#: (seed file prefix, agency, year, province, city, county, level, template, published)
SEED_TAGS = [
    (
        "000",
        "灵武市科学技术局",
        2021,
        "宁夏回族自治区",
        "银川市",
        "灵武市",
        "county",
        "2021",
        "2022-01-20",
    ),
    (
        "001",
        "金凤区科学技术局",
        2020,
        "宁夏回族自治区",
        "银川市",
        "金凤区",
        "county",
        "2019",
        "2021-01-15",
    ),
    (
        "002",
        "吴忠市科学技术局",
        2023,
        "宁夏回族自治区",
        "吴忠市",
        None,
        "city",
        "2021",
        "2024-01-18",
    ),
    (
        "003",
        "巴彦淖尔市科学技术局",
        2021,
        "内蒙古自治区",
        "巴彦淖尔市",
        None,
        "city",
        "2021",
        "2022-01-30",
    ),
    (
        "004",
        "海原县科学技术局",
        2024,
        "宁夏回族自治区",
        "中卫市",
        "海原县",
        "county",
        "2021",
        "2025-01-10",
    ),
]


def seed_documents() -> list[IndexDocument]:
    """The five demo seeds with their real tags."""
    documents = []
    for number, (
        prefix,
        agency,
        year,
        province,
        city,
        county,
        level,
        template,
        published,
    ) in enumerate(SEED_TAGS, start=1):
        path = next(SEEDS_DIR.glob(f"{prefix}_*.txt"))
        documents.append(
            IndexDocument(
                id=number,
                title=f"{agency}{year}年政府信息公开工作年度报告",
                agency=agency,
                body=path.read_text(encoding="utf-8"),
                agency_kind="科学技术局",
                province=province,
                city=city,
                county=county,
                level=level,
                year=year,
                template=template,
                published=dt.date.fromisoformat(published),
                consistency="pass" if number % 2 else "fail",
            )
        )
    return documents


def targeted_documents() -> list[IndexDocument]:
    """Short documents exercising numbers, Latin letters, stop characters, markup and ranking."""
    return [
        IndexDocument(
            id=11,
            title="银川市公安局2022年政府信息公开工作年度报告",
            agency="银川市公安局",
            body="2022年，银川市公安局收到5件申请，全部办结。通过12345 热线受理咨询。"
            "R & D 不是本局业务。页面残留代码<script>alert('x')</script>须转义。",
            agency_kind="公安局",
            province="宁夏回族自治区",
            city="银川市",
            level="city",
            year=2022,
            template="2021",
            published=dt.date(2023, 1, 31),
            consistency="fail",
        ),
        IndexDocument(
            id=12,
            title="北京市公安局2019年政府信息公开工作年度报告",
            agency="北京市公安局",
            body="本年度收到政府信息公开申请15件，办结15件。公开的和了的信息均按时发布。"
            "RD经费与R&D投入情况另行公布。",
            agency_kind="公安局",
            province="北京市",
            level="province",
            year=2019,
            template="2019",
            published=dt.date(2020, 1, 20),
            consistency="pass",
        ),
        IndexDocument(
            id=13,
            title="滨河新区管理委员会政府开放日专题报告",
            agency="滨河新区管理委员会",
            body="本报告介绍年度工作。" * 30,
            agency_kind="管理委员会",
            province="宁夏回族自治区",
            city="银川市",
            level="county",
            year=2018,
            template="pre2019",
            published=None,
        ),
        IndexDocument(
            id=14,
            title="杭州市西湖区民政局2016年政府信息公开工作年度报告",
            agency="杭州市西湖区民政局",
            body="西湖区民政局全年主动公开信息120条，依申请公开0件。人民群众满意。",
            agency_kind="民政局",
            province="浙江省",
            city="杭州市",
            county="西湖区",
            level="county",
            year=2016,
            template="pre2019",
            published=dt.date(2017, 3, 1),
        ),
    ]


def corpus() -> list[IndexDocument]:
    """Every test document."""
    return seed_documents() + targeted_documents()


@pytest.fixture(params=BACKENDS)
def backend_name(request: pytest.FixtureRequest) -> str:
    """Each backend in turn."""
    return request.param


@pytest.fixture
def make_backend(tmp_path: Path, backend_name: str) -> Callable[..., SearchBackend]:
    """Open an empty index of the current backend in a fresh directory."""
    counter = iter(range(1000))

    def make(directory: Path | None = None) -> SearchBackend:
        return open_backend(backend_name, directory or tmp_path / f"index-{next(counter)}")

    return make


@pytest.fixture(scope="module", params=BACKENDS)
def loaded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchBackend]:
    """A read-only index of the whole test corpus (shared by the tests of one module)."""
    backend = open_backend(request.param, tmp_path_factory.mktemp(request.param))
    backend.index_reports(corpus())
    yield backend
