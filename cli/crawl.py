"""``nianbao crawl``: crawl a source or a listing URL now, in the foreground."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

import click
from flask.cli import with_appcontext

from cli.services import current_services
from crawler.engine import CrawlSummary, PageEvent
from crawler.errors import CrawlAlreadyRunning
from crawler.service import crawl_target, source_target, url_target
from sources.catalogue import SourceError, load_sources


@click.command("crawl", help="Crawl a configured source or a listing page now, with progress.")
@click.option("--source", "source_name", help="Name of a source in sources.toml.")
@click.option("--start-url", help="A listing page to crawl ad hoc (stays on its host).")
@click.option("--delay", type=float, help="Seconds between requests to a host (default: setting).")
@click.option("--max-pages", type=click.IntRange(min=1), help="Stop after this many pages.")
@with_appcontext
def crawl_command(
    source_name: str | None, start_url: str | None, delay: float | None, max_pages: int | None
) -> None:
    """Crawl, then print pages fetched, new/changed/unchanged reports and errors.

    An unfinished run of the same source (killed or interrupted) is resumed from its frontier.
    SIGTERM or Ctrl-C stops after the current page; the run is left resumable.
    """
    if (source_name is None) == (start_url is None):
        raise click.UsageError("give exactly one of --source NAME or --start-url URL")
    services = current_services()
    try:
        if source_name is not None:
            sources = {source.name: source for source in load_sources(services)}
            if source_name not in sources:
                raise click.UsageError(f"no source named {source_name!r}")
            target = source_target(sources[source_name])
        else:
            assert start_url is not None
            target = url_target(start_url)
    except SourceError as error:
        raise click.UsageError(str(error)) from error
    stop = threading.Event()
    reporter = _ProgressReporter(interactive=sys.stdout.isatty())
    click.echo(f"抓取 {target.label}")
    try:
        with _stop_on_signals(stop), reporter:
            summary = crawl_target(
                services,
                target,
                delay=delay,
                max_pages=max_pages,
                stop_event=stop,
                progress=reporter,
            )
    except CrawlAlreadyRunning as error:
        raise click.ClickException(str(error)) from error
    _print_summary(summary)
    if summary.status == "failed":
        raise click.exceptions.Exit(1)


class _ProgressReporter:
    """A progress bar on a terminal, one log line per page otherwise."""

    def __init__(self, *, interactive: bool) -> None:
        self.interactive = interactive
        self.bar: Any = None

    def __enter__(self) -> _ProgressReporter:
        if self.interactive:
            self.bar = click.progressbar(length=1, label="抓取中", show_pos=True).__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)

    def __call__(self, event: PageEvent) -> None:
        if self.bar is not None:
            self.bar.length = max(event.total, 1)
            self.bar.update(event.done - self.bar.pos)
            return
        status = event.outcome or ("error" if event.error else "ok")
        line = f"[{event.done}/{event.total}] {event.kind:10} {status:12} {event.url}"
        if event.error:
            line += f" — {event.error}"
        click.echo(line)


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGTERM/SIGINT set ``stop`` (the crawl ends after the current page)."""

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _print_summary(summary: CrawlSummary) -> None:
    resumed = "（续抓）" if summary.resumed else ""
    click.echo(
        f"运行 #{summary.run_id}{resumed} {summary.status}: "
        f"抓取页面 {summary.pages_fetched}，新增 {summary.reports_new}，"
        f"变更 {summary.reports_changed}，未变 {summary.reports_unchanged}，"
        f"未修改(304) {summary.not_modified}，错误 {summary.errors}，下架 {summary.gone}"
    )
    for sample in summary.error_samples[:10]:
        click.echo(f"  错误 {sample}", err=True)
