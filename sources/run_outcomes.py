"""What a finished crawl run achieved: 成功, 部分失败 or 失败 — not just that it ended.

A run whose every fetch failed still ends ``finished``; its outcome is ``failed``. A run with
some errors and some pages read is ``partial``; one without errors is ``success``.
"""

from __future__ import annotations

from storage.models import CrawlRun

OUTCOME_LABELS = {
    "success": "成功",
    "partial": "部分失败",
    "failed": "失败",
    "cancelled": "已取消",
    "running": "进行中",
}
#: Runs in a row that failed before a source is flagged.
REPEATED_FAILURES = 2


def run_outcome(run: CrawlRun) -> str:
    """``success``, ``partial``, ``failed``, ``cancelled`` or ``running``."""
    if run.status in ("queued", "running"):
        return "running"
    if run.status == "cancelled":
        return "cancelled"
    if run.status in ("failed", "interrupted"):
        return "failed"
    errors = run.errors or 0
    if errors == 0:
        return "success"
    stored = (run.reports_new or 0) + (run.reports_changed or 0) + (run.reports_unchanged or 0)
    read_pages = (run.pages_fetched or 0) - errors
    return "partial" if stored or read_pages > 0 else "failed"


def consecutive_failures(runs_newest_first: list[CrawlRun]) -> int:
    """How many of the latest finished runs failed in a row."""
    count = 0
    for run in runs_newest_first:
        outcome = run_outcome(run)
        if outcome in ("running", "cancelled"):
            continue
        if outcome != "failed":
            break
        count += 1
    return count
