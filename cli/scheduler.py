"""``nianbao scheduler``: the long-running process that crawls sources on their schedules.

It needs no Flask app: it builds its services from the environment directly.
"""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

import click

from config import Settings
from crawler.scheduler import CrawlScheduler
from services import Services


@click.command("scheduler", help="Run the crawl scheduler (cron jobs per source, crawl requests).")
@click.option(
    "--poll-interval",
    type=float,
    default=5.0,
    show_default=True,
    help="Seconds between checks for crawl requests.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Sources crawled at the same time.",
)
def scheduler_command(poll_interval: float, workers: int) -> None:
    """Run until SIGTERM/SIGINT; running crawls stop after their current page and resume later."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    services = Services.from_settings(Settings.from_env())
    stop = threading.Event()

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, handler)
    scheduler = CrawlScheduler.from_settings(
        services, poll_interval=poll_interval, max_workers=workers
    )
    scheduler.start()
    click.echo(
        f"scheduler running (data dir {services.settings.data_dir}); SIGTERM to stop", err=True
    )
    try:
        while not stop.wait(0.5):
            pass
    finally:
        scheduler.shutdown()
        services.close()
    click.echo("scheduler stopped", err=True)
