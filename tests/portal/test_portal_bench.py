"""The portal benchmarks run end to end on a tiny archive (so they do not rot)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from benchmarks.bench_archive import build_archive, generate_tables, report_rows
from benchmarks.corpus import generate_corpus
from benchmarks.portal_bench import measure, output_path
from benchmarks.query_mix import distinct_searches
from benchmarks.wrk_run import parse_wrk_output
from index.query import parse_query
from parsers.checks import run_checks
from portal.search_params import parse_search_args

NOW = dt.datetime(2025, 1, 1)
WRK_OUTPUT = """\
Running 1m test @ http://127.0.0.1:8765
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   412.10ms  120.55ms   1.93s    71.20%
    Req/Sec    60.12     20.01   120.00     68.00%
  Latency Distribution
     50%  398.00ms
     75%  480.50ms
     90%  560.00ms
     99%    1.20s
  7211 requests in 1.00m, 310.22MB read
  Socket errors: connect 0, read 0, write 0, timeout 3
  Non-2xx or 3xx responses: 2
Requests/sec:    120.15
Transfer/sec:      5.17MB
"""


def test_generated_tables_balance_unless_deliberately_broken() -> None:
    statuses = []
    for document in generate_corpus(60):
        tables = generate_tables("2021", document.body, random.Random(document.id))
        balance = run_checks(tables, document.body)[0]
        statuses.append(balance.status)
    assert set(statuses) <= {"pass", "fail"} and statuses.count("pass") > len(statuses) / 2


def test_reports_before_2019_have_no_tables_and_every_report_six_sections() -> None:
    for document in generate_corpus(40):
        report, version, data = report_rows(document, now=NOW)
        assert (report["tables"] == {}) == (document.template == "pre2019")
        assert [section["number"] for section in report["sections"]] == [1, 2, 3, 4, 5, 6]
        assert version["size"] == len(data) and data.decode() == report["text"]


def test_building_the_archive_again_adds_nothing_and_keeps_the_index(tmp_path: Path) -> None:
    first = build_archive(tmp_path, 8, "whoosh")
    again = build_archive(tmp_path, 8, "whoosh")
    more = build_archive(tmp_path, 10, "whoosh")
    assert (first.reports_added, first.index_documents) == (8, 8)
    assert (again.reports_added, again.index_rebuilt) == (0, False)
    assert (more.reports_added, more.reports, more.index_documents) == (2, 10, 10)


def test_the_query_mix_is_distinct_and_varied() -> None:
    searches = distinct_searches(200)
    assert len(set(searches)) == 200
    assert {"word", "phrase", "boolean", "field", "word+filter", "filter-only"} <= {
        search.kind for search in searches
    }


def test_every_search_of_the_mix_is_a_valid_query() -> None:
    for search in distinct_searches(2000, seed=3):
        params = parse_search_args(MultiDict(list(search.args)))
        parse_query(params.query)


def test_wrk_output_is_read_into_figures() -> None:
    figures = parse_wrk_output(WRK_OUTPUT)
    assert figures["requests_per_second"] == 120.15 and figures["requests"] == 7211
    assert figures["latency_percentiles_ms"] == {
        "p50": 398.0,
        "p75": 480.5,
        "p90": 560.0,
        "p99": 1200.0,
    }
    assert figures["errors"] == 5 and figures["socket_errors"]["timeout"] == 3


def test_results_go_to_a_named_file_or_into_a_directory(tmp_path: Path) -> None:
    assert output_path(tmp_path / "x.json", "whoosh", 5) == tmp_path / "x.json"
    assert output_path(tmp_path, "tantivy", 5) == tmp_path / "portal-tantivy-5.json"


@pytest.mark.slow
def test_portal_benchmark_reports_percentiles_for_every_page_kind(tmp_path: Path) -> None:
    build_archive(tmp_path, 12, "whoosh")
    result = measure(tmp_path, requests=5, search_backend="whoosh")
    assert result["reports"] == 12
    for kind in (
        "search_backend_cold",
        "search_page_cold",
        "search_page_warm",
        "report_page",
        "report_json",
        "home_page",
        "api_search",
    ):
        figures = result[kind]
        assert figures["n"] == 5 and 0 < figures["p50_ms"] <= figures["p95_ms"]
