"""Server-time benchmark of the portal's search and report pages over a generated archive.

Builds (or reuses) an archive of ``--reports`` reports through the real pipeline — the five seed
reports parsed once, then varied in agency, region, year and table numbers — and times requests
through the WSGI app in-process (server time: routing, search, database, templates; no network).

    .venv/bin/python -m benchmarks.portal_bench --reports 2000 --requests 300
    .venv/bin/python -m benchmarks.portal_bench --data-dir /tmp/bench-archive --reports 20000

Targets (issue 6): search p95 ≤ 150 ms and report p95 ≤ 50 ms at 100k reports.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from config import Settings
from crawler.pipeline import ArchivePipeline, FetchedDocument
from parsers import parse_document
from parsers.model import APPLICANT_COLUMNS, RESULT_ROWS_2021, ParsedReport
from portal import create_app
from portal.search_params import parse_search_args
from portal.search_service import run_search
from storage.models import Report

SEEDS_DIR = Path(__file__).resolve().parent.parent / "demo_portal" / "seeds"
REGIONS: tuple[tuple[str, str, str], ...] = (
    ("宁夏回族自治区", "银川市", "灵武市"),
    ("宁夏回族自治区", "银川市", "金凤区"),
    ("宁夏回族自治区", "吴忠市", "利通区"),
    ("宁夏回族自治区", "中卫市", "海原县"),
    ("内蒙古自治区", "巴彦淖尔市", "临河区"),
    ("内蒙古自治区", "兴安盟", "乌兰浩特市"),
    ("甘肃省", "天水市", "张家川回族自治县"),
    ("新疆维吾尔自治区", "伊犁哈萨克自治州", "伊宁市"),
    ("广东省", "广州市", "天河区"),
    ("浙江省", "杭州市", "西湖区"),
    ("四川省", "成都市", "武侯区"),
    ("河南省", "郑州市", "金水区"),
)
KINDS: tuple[str, ...] = (
    "科学技术局",
    "教育局",
    "公安局",
    "财政局",
    "卫生健康委员会",
    "人民政府",
    "街道办事处",
)
QUERIES: tuple[str, ...] = (
    "",
    "",
    "科学技术局",
    "依申请公开",
    "行政复议",
    "政务公开",
    "教育局 OR 公安局",
    '"主动公开"',
    "财政局 NOT 教育",
    "province:宁夏 year:2020..2023",
)
FACET_CHOICES: tuple[dict[str, str], ...] = (
    {},
    {"province": "宁夏回族自治区"},
    {"year": "2022"},
    {"province": "广东省", "city": "广州市"},
    {"level": "county"},
    {"consistency": "pass"},
)
SORTS: tuple[str, ...] = ("relevance", "year", "published")


def _applications(rng: random.Random) -> dict[str, dict[str, int]]:
    new = rng.randint(0, 200)
    granted = rng.randint(0, new)
    partial = rng.randint(0, new - granted)
    rows = {
        "new": new,
        "carried_over": 0,
        **{row: 0 for row in RESULT_ROWS_2021},
        "results_total": 0,
        "carried_forward": 0,
    }
    rows.update(
        granted=granted,
        partial=partial,
        unavailable_not_held=new - granted - partial,
        results_total=new,
    )
    return {
        row: {c: (value if c in ("natural_person", "total") else 0) for c in APPLICANT_COLUMNS}
        for row, value in rows.items()
    }


def build_archive(data_dir: Path, count: int, seed: int = 6) -> None:
    """Archive ``count`` generated reports into ``data_dir`` (added to what is there)."""
    app = create_app(Settings(data_dir=data_dir, secret_key="bench"))
    services = app.extensions["nianbao"]
    bases = [
        parse_document(path.read_bytes(), filename=path.name)
        for path in sorted(SEEDS_DIR.glob("*.txt"))
    ]
    rng = random.Random(seed)
    started = time.perf_counter()
    with services.database.session() as session:
        offset = session.scalar(select(func.count(Report.id))) or 0
    with ArchivePipeline(services, index_batch_size=500) as pipeline:
        for number in range(offset, offset + count):
            base = bases[number % len(bases)]
            province, city, county = REGIONS[number % len(REGIONS)]
            kind = KINDS[(number // len(REGIONS)) % len(KINDS)]
            year = 2019 + number % 6
            agency = f"{county}{kind}{number // (len(REGIONS) * len(KINDS) * 6) or ''}"
            parsed: ParsedReport = dataclasses.replace(
                base,
                agency=agency,
                agency_kind=kind,
                province=province,
                city=city,
                county=county,
                level="county",
                year=year,
                title=f"{agency}{year}年政府信息公开工作年度报告",
                tables={**base.tables, "applications": _applications(rng)},
            )
            data = f"{parsed.title}\n{number}\n".encode() + parsed.text.encode()
            pipeline.archive(
                FetchedDocument(
                    identity=f"https://bench.example.gov.cn/{number}",
                    data=data,
                    url=f"https://bench.example.gov.cn/{number}.html",
                    filename=f"{number}.html",
                ),
                parsed=parsed,
            )
    services.close()
    print(f"archived {count} reports in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    return {
        "n": len(ordered),
        "p50_ms": round(pick(0.5), 2),
        "p95_ms": round(pick(0.95), 2),
        "p99_ms": round(pick(0.99), 2),
        "mean_ms": round(statistics.fmean(ordered), 2),
    }


def _search_args(rng: random.Random) -> dict[str, str]:
    args = {
        "q": rng.choice(QUERIES),
        "sort": rng.choice(SORTS),
        "page": str(rng.choice((1, 1, 1, 2, 5))),
        **rng.choice(FACET_CHOICES),
    }
    return {key: value for key, value in args.items() if value}


def measure(data_dir: Path, requests: int, seed: int = 7) -> dict[str, object]:
    """Time search, report and home requests; return percentiles in milliseconds.

    ``search_backend`` times the search backend alone on the same request sequence (in its own
    app, so its result cache starts as cold as the page run's): the difference to
    ``search_page`` is what the portal adds (facet sidebar, links, templates).
    """
    rng = random.Random(seed)
    searches = [_search_args(rng) for _ in range(requests)]

    backend_app = create_app(Settings(data_dir=data_dir, secret_key="bench"))
    backend = backend_app.extensions["nianbao"].search
    backend_samples = []
    for args in searches:
        params = parse_search_args(MultiDict(args))
        start = time.perf_counter()
        run_search(backend, params)
        backend_samples.append((time.perf_counter() - start) * 1000)
    backend_app.extensions["nianbao"].close()

    app = create_app(Settings(data_dir=data_dir, secret_key="bench"))
    client = app.test_client()
    services = app.extensions["nianbao"]
    with services.database.session() as session:
        ids = list(session.scalars(select(Report.id)))

    def timed(urls: list[str]) -> list[float]:
        samples = []
        for url in urls:
            start = time.perf_counter()
            response = client.get(url)
            response.get_data()
            samples.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
        return samples

    client.get("/")  # open the database pool and the index once
    search_urls = ["/search?" + urlencode(args) for args in searches]
    report_urls = [f"/reports/{rng.choice(ids)}" for _ in range(requests)]
    result = {
        "reports": len(ids),
        "distinct_searches": len({tuple(sorted(a.items())) for a in searches}),
        "search_backend": _percentiles(backend_samples),
        "search_page": _percentiles(timed(search_urls)),
        "report_page": _percentiles(timed(report_urls)),
        "report_json": _percentiles(timed([url + ".json" for url in report_urls])),
        "home_page": _percentiles(timed(["/"] * requests)),
        "api_search": _percentiles(
            timed([url.replace("/search?", "/api/v1/search?") for url in search_urls])
        ),
    }
    services.close()
    return result


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data-dir", type=Path, help="archive directory (kept; reused if it has reports)"
    )
    parser.add_argument("--reports", type=int, default=2000, help="reports to have in the archive")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page kind")
    parser.add_argument("--output", type=Path, help="write the JSON result here too")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    app = create_app(Settings(data_dir=data_dir, secret_key="bench"))
    with app.extensions["nianbao"].database.session() as session:
        existing = session.scalar(select(func.count(Report.id))) or 0
    app.extensions["nianbao"].close()
    if existing < args.reports:
        build_archive(data_dir, args.reports - existing)
    result = measure(data_dir, args.requests)
    result["data_dir"] = str(data_dir)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.output:
        args.output.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
