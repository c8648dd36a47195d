"""The portal benchmark runs end to end on a tiny archive (so it does not rot)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.portal_bench import build_archive, measure


@pytest.mark.slow
def test_portal_benchmark_reports_percentiles_for_every_page_kind(tmp_path: Path) -> None:
    build_archive(tmp_path, 12)
    result = measure(tmp_path, requests=5)
    assert result["reports"] == 12
    for kind in (
        "search_backend",
        "search_page",
        "report_page",
        "report_json",
        "home_page",
        "api_search",
    ):
        figures = result[kind]
        assert isinstance(figures, dict)
        assert figures["n"] == 5 and 0 < figures["p50_ms"] <= figures["p95_ms"]
