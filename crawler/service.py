"""Entry points used by the CLI and the scheduler: crawl a source, a URL, or retry failures."""

from __future__ import annotations

import json
import threading
from typing import Any

from sqlalchemy import select

from crawler.downloader import HostThrottle
from crawler.engine import CrawlEngine, CrawlSummary, ProgressCallback, RunStartedCallback
from crawler.runs import CrawlTarget
from services import Services
from sources.catalogue import SourceConfig, SourceError
from sources.urls import host_of, normalize_url
from storage.models import CrawlRun, FetchResult, FrontierEntry


def source_target(source: SourceConfig) -> CrawlTarget:
    """The crawl target of a configured source."""
    return CrawlTarget(
        name=source.name,
        start_urls=list(source.start_urls),
        allowed_domains=list(source.allowed_domains),
        delay=source.delay,
        hints=dict(source.hints),
    )


def url_target(url: str) -> CrawlTarget:
    """An ad-hoc crawl of one URL, staying on its host: a report page is archived (a new version
    if it changed); a listing page is expanded."""
    normalized = normalize_url(url)
    if normalized is None:
        raise SourceError(f"not an http(s) URL: {url!r}")
    return CrawlTarget(
        name=None,
        start_urls=[normalized],
        allowed_domains=[host_of(normalized)],
        start_may_be_report=True,
    )


def retry_target(services: Services, target: str) -> CrawlTarget:
    """A crawl of failed URLs: ``target`` is a run id or a JSON list of URLs."""
    text = target.strip()
    if text.isdigit():
        run_id = int(text)
        with services.database.session() as session:
            run = session.get(CrawlRun, run_id)
            if run is None:
                raise SourceError(f"no crawl run #{run_id}")
            failed = session.execute(
                select(FrontierEntry.url, FrontierEntry.kind, FrontierEntry.data).where(
                    FrontierEntry.run_id == run_id, FrontierEntry.state == "failed"
                )
            ).all()
            allowed = list((run.settings or {}).get("allowed_domains") or [])
            retried = [(url, kind, dict(data or {})) for url, kind, data in failed]
            return CrawlTarget(
                name=run.source_name,
                start_urls=[url for url, _, _ in retried] or list(run.start_urls),
                allowed_domains=allowed or sorted({host_of(url) for url, _, _ in retried}),
                hints=dict((run.settings or {}).get("hints") or {}),
                seeds=retried,
                exhaustive=False,
            )
    urls = json.loads(text)
    if not isinstance(urls, list) or not all(isinstance(url, str) for url in urls):
        raise SourceError("a retry target is a run id or a JSON list of URLs")
    kinds = _last_kinds(services, urls)
    seeds: list[tuple[str, str, dict[str, Any]]] = [
        (url, kinds.get(url, "report"), {}) for url in urls
    ]
    return CrawlTarget(
        name=None,
        start_urls=list(urls),
        allowed_domains=sorted({host_of(url) for url in urls}),
        seeds=seeds,
        exhaustive=False,
    )


def _last_kinds(services: Services, urls: list[str]) -> dict[str, str]:
    with services.database.session() as session:
        rows = session.execute(
            select(FetchResult.url, FetchResult.kind)
            .where(FetchResult.url.in_(urls))
            .order_by(FetchResult.id)
        ).all()
    return {url: kind for url, kind in rows}


def crawl_target(
    services: Services,
    target: CrawlTarget,
    *,
    delay: float | None = None,
    max_pages: int | None = None,
    trigger: str = "cli",
    stop_event: threading.Event | None = None,
    progress: ProgressCallback | None = None,
    throttle: HostThrottle | None = None,
    fetcher_options: dict[str, Any] | None = None,
    on_run_started: RunStartedCallback | None = None,
) -> CrawlSummary:
    """Crawl one target now (resuming its unfinished run, if any).

    ``on_run_started`` is called with the run's id as soon as the run row exists.
    """
    engine = CrawlEngine.from_settings(
        services,
        throttle=throttle,
        max_pages=max_pages,
        stop_event=stop_event,
        progress=progress,
        trigger=trigger,
        fetcher_options=fetcher_options,
    )
    try:
        return engine.crawl(target, delay=delay, on_run_started=on_run_started)
    finally:
        engine.close()
