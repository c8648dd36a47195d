"""The run loop: take the next frontier entry, fetch it, discover or archive, commit, repeat.

Stages (each its own module): scope + address guard + robots.txt + throttle (``downloader/``) →
fetch (``downloader/fetcher.py``) → discovery on listings (``discovery/``) or the archive pipeline
on reports (``pipeline.py``: parse → store → index).

Work overlaps without changing the order of anything that is stored: a fetch thread fetches the
next few frontier entries one request at a time (``lookahead.py``) and starts parsing report
pages in a worker process (``parsing.py``), while the main thread stores the previous page. Each
page is stored and committed — report, version, fetch result, frontier state, HTTP validators and
run counters in one transaction — in frontier order. A run killed at any point resumes from its
saved frontier: a page whose transaction committed is never fetched again, and one that did not
commit is still pending. A graceful stop (SIGTERM, stop event, cancel) requests nothing more but
still stores the pages already fetched.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from archive.index_check import index_what_a_run_stored
from archive.parsing import (
    PARSE_WORKERS,
    ParseWorkerCrashed,
    ParseWorkers,
    ParseWorkersUnavailable,
    PendingParse,
)
from archive.pipeline import ArchivePipeline, FetchedDocument
from config import Settings
from crawler import gone, runs
from crawler.discovery import (
    DiscoveredLink,
    Hints,
    discover_report_links,
    hanweb_link,
)
from crawler.discovery.classify import is_report_label
from crawler.discovery.decoding import decode_html
from crawler.discovery.hanweb import ProxyRequest, datastore_records, next_proxy_request
from crawler.downloader import AddressGuard, Fetcher, FetchRequest, HostThrottle, HttpCache
from crawler.downloader.fetcher import Response
from crawler.downloader.http_cache import Validators
from crawler.downloader.robots import RobotsPolicy
from crawler.errors import FetchError, OutOfScope
from crawler.frontier import Frontier, PendingEntry
from crawler.lookahead import LOOKAHEAD_DEPTH, FetchAhead
from crawler.report_pages import (
    ReportPage,
    already_archived,
    latest_attachment_url,
    parse_job_for,
    prepare_report_page,
)
from crawler.runs import CrawlTarget
from parsers.model import ParsedReport, ParseError
from services import Services
from sources.urls import is_allowed_domain
from storage.models import CrawlRun, FetchResult, utcnow

#: Sub-listing hops followed from a start URL (pagination does not count as a hop).
MAX_LISTING_DEPTH = 3
GONE_STATUSES = (404, 410)
PAGE_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@dataclass
class PageEvent:
    """Progress of a run, reported after every page."""

    url: str
    kind: str
    outcome: str | None
    error: str | None
    done: int
    total: int


@dataclass
class CrawlSummary:
    """What a run did."""

    run_id: int
    status: str
    resumed: bool = False
    pages_fetched: int = 0
    reports_new: int = 0
    reports_changed: int = 0
    reports_unchanged: int = 0
    not_modified: int = 0
    errors: int = 0
    gone: int = 0
    listed_reports: int = 0
    error_samples: list[str] = field(default_factory=list)


@dataclass
class _PageResult:
    """The bookkeeping of one processed frontier entry."""

    status_code: int | None = None
    ok: bool = True
    error: str | None = None
    sha256: str | None = None
    outcome: str | None = None
    links: list[DiscoveredLink] = field(default_factory=list)
    #: Validators to store for the next conditional GET (with the page's bookkeeping).
    cache: Validators | None = None
    duration_ms: int | None = None
    #: A parsed document to store in the page's transaction.
    archive: tuple[FetchedDocument, ParsedReport] | None = None


@dataclass
class _FetchedPage:
    """A frontier entry after the fetch thread is done with it."""

    entry: PendingEntry
    response: Response | None = None
    error: FetchError | None = None
    #: What a fetched report page holds (worked out in the fetch thread).
    report: ReportPage | None = None
    #: Its parse, started when the report is not archived yet.
    parse: PendingParse | None = None
    #: Why the fetched page could not be prepared (a malformed page), if it could not.
    problem: str | None = None


ProgressCallback = Callable[[PageEvent], None]
#: Called with the run id as soon as a crawl's run row exists (created or resumed).
RunStartedCallback = Callable[[int], None]


@dataclass(frozen=True)
class ListingLimits:
    """How far list pages are followed: endless 下一页 links must end somewhere."""

    #: Pages along one list's pagination chain.
    chain: int = 500
    #: Pages in a row of one chain that show no report link new to the run.
    stale: int = 5
    #: List pages added to one run.
    per_run: int = 5000


class CrawlEngine:
    """Runs crawls of targets, one page at a time."""

    def __init__(
        self,
        services: Services,
        fetcher: Fetcher,
        guard: AddressGuard,
        *,
        delay: float,
        max_pages: int | None = None,
        stop_event: threading.Event | None = None,
        progress: ProgressCallback | None = None,
        trigger: str = "cli",
        max_listing_depth: int = MAX_LISTING_DEPTH,
        parse_workers: int = PARSE_WORKERS,
        lookahead: int = LOOKAHEAD_DEPTH,
        limits: ListingLimits | None = None,
    ) -> None:
        self.services = services
        self.fetcher = fetcher
        self.guard = guard
        self.delay = delay
        self.max_pages = max_pages
        self.stop_event = stop_event or threading.Event()
        self.progress = progress
        self.trigger = trigger
        self.max_listing_depth = max_listing_depth
        #: Caps on list pages: per 下一页 chain, stale pages in a row, per run.
        self.limits = limits or ListingLimits()
        #: Parser processes (0: parse in the main thread).
        self.parse_workers = parse_workers
        #: Pages fetched ahead of the one being stored (1: no overlap).
        self.lookahead = lookahead
        self.http_cache = HttpCache(services.database)

    @classmethod
    def from_settings(
        cls,
        services: Services,
        *,
        throttle: HostThrottle | None = None,
        delay: float | None = None,
        fetcher_options: dict[str, Any] | None = None,
        **options: Any,
    ) -> CrawlEngine:
        """An engine for ``services.settings``; ``delay`` overrides ``crawl_delay``."""
        settings: Settings = services.settings
        fetcher = Fetcher.from_settings(settings, throttle=throttle, **(fetcher_options or {}))
        options.setdefault(
            "limits",
            ListingLimits(
                chain=settings.max_listing_chain,
                stale=settings.max_stale_listing_pages,
                per_run=settings.max_listing_pages,
            ),
        )
        return cls(
            services,
            fetcher,
            AddressGuard.from_settings(settings),
            delay=settings.crawl_delay if delay is None else delay,
            **options,
        )

    # -- a run -----------------------------------------------------------------------------------

    def crawl(
        self,
        target: CrawlTarget,
        *,
        delay: float | None = None,
        on_run_started: RunStartedCallback | None = None,
    ) -> CrawlSummary:
        """Crawl ``target`` to the end (or until stopped, cancelled or ``max_pages``).

        An unfinished run of the same target is resumed from its frontier. ``on_run_started``
        learns the run's id once its row is committed, before any page is fetched.
        """
        database = self.services.database
        delay = (
            delay
            if delay is not None
            else (target.delay if target.delay is not None else self.delay)
        )
        run_id = runs.find_unfinished_run(database, target)
        resumed = run_id is not None
        if run_id is None:
            run_id = runs.create_run(
                database,
                target,
                trigger=self.trigger,
                settings={
                    "allowed_domains": target.allowed_domains,
                    "hints": target.hints,
                    "delay": delay,
                    "max_pages": self.max_pages,
                },
            )
            if on_run_started is not None:
                on_run_started(run_id)
            frontier = Frontier(database, run_id)
            seeds = target.seeds or [(url, "listing", {}) for url in target.start_urls]
            with database.session() as session:
                frontier.add(
                    session,
                    [DiscoveredLink(url=url, kind=kind, data=data) for url, kind, data in seeds],  # type: ignore[arg-type]
                    depth=0,
                    referer=None,
                )
        else:
            runs.claim_run(database, run_id, note=f"resumed by process (trigger {self.trigger})")
            if on_run_started is not None:
                on_run_started(run_id)
            frontier = Frontier(database, run_id)
            self._reindex_stored_by(run_id)
        run = _RunContext(self, target, run_id, frontier, delay, resumed)
        return run.execute()

    def _reindex_stored_by(self, run_id: int) -> None:
        """Re-queue for the index what an interrupted run stored (its index batch may be lost)."""
        index_what_a_run_stored(self.services, run_id)

    def close(self) -> None:
        """Release the HTTP session."""
        self.fetcher.close()


class _RunContext:
    """The state of one run while it executes."""

    def __init__(
        self,
        engine: CrawlEngine,
        target: CrawlTarget,
        run_id: int,
        frontier: Frontier,
        delay: float,
        resumed: bool,
    ) -> None:
        self.engine = engine
        self.database = engine.services.database
        self.target = target
        self.run_id = run_id
        self.frontier = frontier
        self.delay = delay
        self.summary = CrawlSummary(run_id=run_id, status="running", resumed=resumed)
        #: List pages added to the frontier by this run, and the cuts already logged.
        self.listing_pages = 0
        self.cuts: set[str] = set()
        self.hints = Hints.from_dict(target.hints)
        self.robots = RobotsPolicy(
            engine.fetcher,
            user_agent=engine.fetcher.user_agent,
            guard=engine.guard.check,
            listener=self._record_robots,
        )
        self.logged_errors = 0
        self.parser = ParseWorkers(engine.parse_workers, blobs_root=engine.services.blobs.root)
        counts = frontier.counts()
        self.done = counts.get("done", 0) + counts.get("failed", 0)
        self.total = sum(counts.values())
        with self.database.session() as session:
            row = session.get(CrawlRun, run_id)
            assert row is not None
            self.pages_before = row.pages_fetched

    def execute(self) -> CrawlSummary:
        status = "failed"
        pipeline = ArchivePipeline(self.engine.services, background_index=True)
        ahead = FetchAhead(self._fetch, depth=self.engine.lookahead)
        clean = False
        try:
            status = self._loop(pipeline, ahead)
            clean = True
        except BaseException as error:
            status = "interrupted" if isinstance(error, KeyboardInterrupt) else "failed"
            runs.append_log(self.database, self.run_id, f"{status}: {error!r}")
            raise
        finally:
            try:
                ahead.close(wait=clean)
                self.parser.close(wait=clean)
                pipeline.close()
            finally:
                self._finish(status)
        return self.summary

    def _loop(self, pipeline: ArchivePipeline, ahead: FetchAhead[_FetchedPage]) -> str:
        stopping: str | None = None
        while True:
            if stopping is None:
                stopping = self._stop_reason()
                if stopping is not None:
                    ahead.stop()
                else:
                    ahead.add(self.frontier.pending_after(ahead.last_id, self._room(ahead)))
            page = ahead.next()
            if page is None:
                return stopping or "finished"
            result = self._process(page)
            self._commit(page.entry, result, pipeline)

    def _stop_reason(self) -> str | None:
        """Why the run must stop requesting pages, if it must: the final status."""
        engine = self.engine
        if engine.stop_event.is_set():
            return "interrupted"
        if runs.cancel_requested(self.database, self.run_id):
            return "cancelled"
        if engine.max_pages is not None and (
            self.pages_before + self.summary.pages_fetched >= engine.max_pages
        ):
            runs.append_log(
                self.database, self.run_id, f"stopped at --max-pages {engine.max_pages}"
            )
            self.target.exhaustive = False
            return "finished"
        return None

    def _room(self, ahead: FetchAhead[_FetchedPage]) -> int:
        """How many more entries to fetch ahead (never past ``max_pages``)."""
        room = ahead.room
        if self.engine.max_pages is not None:
            left = self.engine.max_pages - self.pages_before - self.summary.pages_fetched
            room = min(room, left - ahead.in_hand)
        return room

    # -- one page ------------------------------------------------------------------------------

    def _check_url(self, url: str) -> None:
        if not is_allowed_domain(url, self.target.allowed_domains):
            raise OutOfScope(url, f"outside the allowed domains {self.target.allowed_domains}")
        self.engine.guard.check(url)
        self.robots.check(url)

    def _delay_for(self, url: str) -> float:
        try:
            robots_delay = self.robots.crawl_delay(url)
        except Exception:  # robots problems surface in _check_url
            robots_delay = None
        return max(self.delay, robots_delay or 0.0)

    def _fetch(self, entry: PendingEntry) -> _FetchedPage:
        """Fetch one entry and, for a report not archived yet, start its parse (fetch thread)."""
        validators = self.engine.http_cache.get(entry.url) if entry.method == "GET" else None
        request = FetchRequest(
            url=entry.url,
            method=entry.method,
            form=entry.form,
            validators=validators,
            referer=entry.referer,
        )
        try:
            response = self.engine.fetcher.fetch(
                request, check_url=self._check_url, delay=self._delay_for(entry.url)
            )
        except FetchError as error:
            return _FetchedPage(entry, error=error)
        page = _FetchedPage(entry, response)
        if entry.kind != "listing" and not response.not_modified:
            try:
                page.report = prepare_report_page(entry, response, self.target.name)
                if page.report.image_urls:
                    images = self._page_images(page.report.image_urls, response.url)
                    page.report.with_page_images(images)
            except FetchError as error:
                page.problem = f"page image error: {error}"
                return page
            except Exception as error:  # a malformed page is recorded against its URL
                page.problem = f"document error: {type(error).__name__}: {error}"
                return page
            document = page.report.document
            if document is not None and not already_archived(
                self.database, document.identity, page.report.digest
            ):
                page.parse = self.parser.submit(parse_job_for(document))
        return page

    def _page_images(self, urls: list[str], page_url: str) -> list[bytes]:
        """The images of a report page that is images (same scope, robots and delay as pages)."""
        images = []
        for url in urls:
            request = FetchRequest(url=url, referer=page_url)
            response = self.engine.fetcher.fetch(
                request, check_url=self._check_url, delay=self._delay_for(url)
            )
            images.append(response.body)
        return images

    def _process(self, page: _FetchedPage) -> _PageResult:
        entry = page.entry
        if page.error is not None:
            error = page.error
            result = _PageResult(status_code=error.status_code, ok=False, error=str(error))
            is_gone = entry.kind == "report" and error.status_code in GONE_STATUSES
            if is_gone and gone.mark_gone(self.database, entry.url):
                self.summary.gone += 1
                result.outcome = "gone"
            return result
        response = page.response
        assert response is not None
        if page.problem is not None:
            return _PageResult(response.status_code, False, page.problem)
        try:
            if entry.kind == "listing":
                result = self._listing(entry, response)
            else:
                result = self._document(entry, response, page.report, page.parse)
        except (ParseError, ParseWorkerCrashed) as error:
            result = _PageResult(response.status_code, False, f"parse error: {error}")
        except (ParseWorkersUnavailable, DBAPIError):
            raise  # the run itself cannot go on
        except Exception as error:  # one bad page never stops the crawl: record it, go on
            kind = "listing" if entry.kind == "listing" else "document"
            message = f"{kind} error: {type(error).__name__}: {error}"
            result = _PageResult(response.status_code, False, message)
        result.duration_ms = response.duration_ms
        return result

    def _listing(self, entry: PendingEntry, response: Response) -> _PageResult:
        body = response.body
        if response.not_modified:
            cached = self.engine.http_cache.get(entry.url)
            if (
                cached is None
                or not cached.sha256
                or not self.engine.services.blobs.exists(cached.sha256)
            ):
                return _PageResult(304, False, "304 without a cached copy of the listing")
            body = self.engine.services.blobs.get(cached.sha256)
        decoded = decode_html(body, response.content_type)
        links = [
            link
            for link in discover_report_links(decoded.text, response.url, self.hints)
            if is_allowed_domain(link.url, self.target.allowed_domains)
        ]
        if entry.depth == 0 and not response.not_modified:
            title = PAGE_TITLE.search(decoded.text)
            titled_report = title is not None and is_report_label(" ".join(title.group(1).split()))
            # A start URL that is itself a report page rather than a list of reports: one with no
            # report links, or, when asked for one URL, one whose body is a report (its
            # breadcrumbs and 上一篇/下一篇 links are not a list to walk).
            if titled_report and (
                not links or (self.target.start_may_be_report and _has_report_body(decoded.text))
            ):
                return self._document(entry, response, None, None)
        hanweb = entry.data.get("hanweb")
        if isinstance(hanweb, dict) and entry.form is not None:
            total = hanweb.get("total")
            previous = ProxyRequest(
                entry.url,
                entry.form,
                int(hanweb["start"]),
                int(hanweb["end"]),
                int(total) if total is not None else None,
            )
            following = next_proxy_request(previous, len(datastore_records(decoded.text)))
            if following is not None:
                links.append(hanweb_link(following))
        digest = None
        if not response.not_modified:
            digest = self.engine.services.blobs.put(body)
        result = _PageResult(response.status_code, True, decoded.warning, digest)
        if digest is not None and entry.method == "GET":
            result.cache = response.validators(digest)
        result.links = links
        return result

    def _document(
        self,
        entry: PendingEntry,
        response: Response,
        report: ReportPage | None,
        parse: PendingParse | None,
    ) -> _PageResult:
        """A report page or file: its parsed report goes to the page's transaction."""
        identity = str(entry.data.get("identity") or entry.url)
        if response.not_modified:
            gone.mark_seen(self.database, identity)
            self.summary.not_modified += 1
            result = _PageResult(304, True, outcome="not_modified")
            known_file = (
                latest_attachment_url(self.database, identity)
                if entry.kind != "attachment"
                else None
            )
            if known_file:
                result.links = [_attachment_link(known_file, identity)]
            return result
        if report is None:
            report = prepare_report_page(entry, response, self.target.name)
        result = _PageResult(response.status_code, True, report.warning, report.digest)
        if report.attachment_url is not None:
            result.links = [_attachment_link(report.attachment_url, identity)]
            return result
        if report.document is None and report.image_urls:
            report.with_page_images(self._page_images(report.image_urls, response.url))
            result.sha256 = report.digest
        assert report.document is not None
        if parse is None and already_archived(self.database, identity, report.digest):
            gone.mark_seen(self.database, identity)
            result.outcome = "unchanged"
        else:
            parse = parse or self.parser.submit(parse_job_for(report.document))
            result.archive = (report.document, self.parser.result(parse))
        if entry.method == "GET":
            result.cache = response.validators(report.digest)
        return result

    # -- bookkeeping ---------------------------------------------------------------------------

    def _commit(self, entry: PendingEntry, result: _PageResult, pipeline: ArchivePipeline) -> None:
        """Store the page's report (if any) and its bookkeeping in one transaction."""
        archived = None
        with self.database.session() as session:
            if result.archive is not None:
                archived = pipeline.store(session, *result.archive)
                result.outcome = archived.outcome
            self._record(session, entry, result)
        if archived is not None:
            pipeline.queue_for_index(archived)
        self.summary.pages_fetched += 1
        if result.outcome in ("new", "changed", "unchanged"):
            name = f"reports_{result.outcome}"
            setattr(self.summary, name, getattr(self.summary, name) + 1)
        if not result.ok:
            self.summary.errors += 1
            if len(self.summary.error_samples) < 20:
                self.summary.error_samples.append(f"{entry.url}: {result.error}")
        self.done += 1
        if self.engine.progress is not None:
            self.engine.progress(
                PageEvent(
                    entry.url, entry.kind, result.outcome, result.error, self.done, self.total
                )
            )

    def _record(self, session: Session, entry: PendingEntry, result: _PageResult) -> None:
        """The page's fetch result, new links, validators, frontier state and run counters."""
        counters: dict[str, Any] = {"pages_fetched": CrawlRun.pages_fetched + 1}
        if not result.ok:
            counters["errors"] = CrawlRun.errors + 1
        if result.outcome in ("new", "changed", "unchanged", "not_modified"):
            column = "unchanged" if result.outcome == "not_modified" else result.outcome
            counters[f"reports_{column}"] = getattr(CrawlRun, f"reports_{column}") + 1
        if not result.ok and self.logged_errors < runs.MAX_LOGGED_ERRORS:
            self.logged_errors += 1
            counters["log"] = CrawlRun.log.concat(
                runs.log_line(f"error {entry.url}: {result.error}")
            )
        session.add(
            FetchResult(
                run_id=self.run_id,
                url=entry.url,
                kind=entry.kind,
                status_code=result.status_code,
                ok=result.ok,
                error=result.error,
                sha256=result.sha256,
                outcome=result.outcome,
                fetched_at=utcnow(),
                duration_ms=result.duration_ms,
            )
        )
        self.total += self._add_links(session, entry, result)
        if result.cache is not None:
            HttpCache.store_in(session, entry.url, result.cache)
        Frontier.mark(session, entry.id, "done" if result.ok else "failed")
        session.execute(update(CrawlRun).where(CrawlRun.id == self.run_id).values(**counters))

    def _add_links(self, session: Session, entry: PendingEntry, result: _PageResult) -> int:
        """Add discovered links: other pages of a list keep its depth, sub-listings go deeper.

        A list's 下一页 chain is cut after :attr:`ListingLimits.chain` pages, or after
        :attr:`ListingLimits.stale` pages in a row that show no report new to the run (a list
        that repeats itself), and no run adds more than :attr:`ListingLimits.per_run` list
        pages; each cut is written to the run's log.
        """
        limits = self.engine.limits
        same_depth = [link for link in result.links if link.via == "pagination"]
        deeper = [
            link
            for link in result.links
            if link.via != "pagination"
            and (link.kind != "listing" or entry.depth < self.engine.max_listing_depth)
        ]
        reports = [link for link in deeper if link.kind != "listing"]
        added_reports = self.frontier.add(
            session, reports, depth=entry.depth + 1, referer=entry.url
        )
        chain = _int(entry.data.get("chain")) + 1
        stale = 0 if added_reports or entry.kind != "listing" else _int(entry.data.get("stale")) + 1
        if same_depth and chain > limits.chain:
            self._cut(f"list pages cut after {limits.chain} pages of one chain at {entry.url}")
            same_depth = []
        elif same_depth and stale >= limits.stale:
            self._cut(f"list pages cut after {stale} pages without a new report at {entry.url}")
            same_depth = []
        pagination = [
            replace(link, data={**link.data, "chain": chain, "stale": stale}) for link in same_depth
        ]
        listings = [*pagination, *(link for link in deeper if link.kind == "listing")]
        room = max(limits.per_run - self.listing_pages, 0)
        if len(listings) > room:
            self._cut(f"list pages cut at the run's limit of {limits.per_run}")
            listings = listings[:room]
        next_pages = [link for link in listings if link.via == "pagination"]
        sub_lists = [link for link in listings if link.via != "pagination"]
        added = self.frontier.add(session, next_pages, depth=entry.depth, referer=entry.url)
        added += self.frontier.add(session, sub_lists, depth=entry.depth + 1, referer=entry.url)
        self.listing_pages += added
        return added_reports + added

    def _cut(self, message: str) -> None:
        """Record a cut in the run's log (once per message)."""
        if message in self.cuts:
            return
        self.cuts.add(message)
        runs.append_log(self.database, self.run_id, message)

    def _record_robots(self, url: str, status: int | None, error: str | None) -> None:
        with self.database.session() as session:
            session.add(
                FetchResult(
                    run_id=self.run_id,
                    url=url,
                    kind="robots",
                    status_code=status,
                    ok=error is None or (status is not None and status < 500),
                    error=error,
                )
            )

    def _finish(self, status: str) -> None:
        summary = self.summary
        summary.status = status
        # Start URLs count as listed: one may be a report page itself.
        listed = self.frontier.urls("report") | set(self.target.start_urls)
        summary.listed_reports = len(listed - set(self.target.start_urls))
        complete = (
            status == "finished"
            and self.target.exhaustive
            and self.target.name is not None
            and self.target.seeds is None
            and not self.frontier.urls("listing", state="failed")
        )
        if complete:
            assert self.target.name is not None
            gone_urls = gone.mark_unlisted_gone(self.database, self.target.name, listed)
            summary.gone += len(gone_urls)
            for url in gone_urls[:50]:
                runs.append_log(self.database, self.run_id, f"gone (no longer listed): {url}")
        with self.database.session() as session:
            row = session.get(CrawlRun, self.run_id)
            assert row is not None
            row.status = status
            row.finished_at = utcnow() if status != "interrupted" else None
            row.settings = {
                **(row.settings or {}),
                "complete": complete,
                "not_modified": summary.not_modified,
                "gone": summary.gone,
            }
            row.log = (row.log or "") + runs.log_line(
                f"{status}: {summary.pages_fetched} pages this session, "
                f"{row.reports_new} new, {row.reports_changed} changed, "
                f"{row.reports_unchanged} unchanged, {row.errors} errors, {summary.gone} gone"
            )


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def _attachment_link(url: str, identity: str) -> DiscoveredLink:
    return DiscoveredLink(url=url, kind="attachment", data={"identity": identity})


#: Section headings every annual report has; a page showing two of them is a report's page.
_REPORT_SECTIONS = ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请", "行政复议")


def _has_report_body(page_html: str) -> bool:
    """True when a page holds a report's text (at least two of its section headings)."""
    return sum(heading in page_html for heading in _REPORT_SECTIONS) >= 2
