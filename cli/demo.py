"""``nianbao demo``: build the demo archive by crawling the demo government portal."""

from __future__ import annotations

import socket

import click
from flask.cli import with_appcontext

from archive.reindex import reindex_all
from cli.services import current_services
from crawler.engine import CrawlEngine
from crawler.runs import CrawlTarget
from demo_portal.server import DemoPortalServer
from index.formats import IndexFormatError
from services import Services

DEMO_PORTAL_PORT = 5001
DEMO_SOURCE_NAME = "演示门户"


@click.group("demo", help="The demo archive and the demo government portal.")
def demo_group() -> None:
    """Demo commands."""


@demo_group.command(
    "build", help="Serve the demo portal on 127.0.0.1, crawl it, store and index its reports."
)
@click.option(
    "--portal-port", default=DEMO_PORTAL_PORT, show_default=True, help="Port of the demo portal."
)
@with_appcontext
def build_command(portal_port: int) -> None:
    """Crawl the demo portal with the real crawler into the data directory."""
    app_services = current_services()
    try:
        app_services.search  # noqa: B018 (opens the index, checking its format)
    except IndexFormatError:
        click.echo("搜索索引由旧版本建立，正在从数据库重建……")
        click.echo(f"已重建索引：{reindex_all(app_services)} 份报告")
    # The demo portal lives on 127.0.0.1: allow it for this crawl only, without politeness delay.
    settings = app_services.settings.with_overrides(allow_private_addresses=True, crawl_delay=0.0)
    crawl_services = Services.from_settings(settings)
    port = portal_port if _port_is_free(portal_port) else 0
    try:
        with DemoPortalServer(port=port, more_years=True) as portal:
            click.echo(f"演示门户：{portal.listing_url}")
            engine = CrawlEngine.from_settings(crawl_services, trigger="demo")
            try:
                summary = engine.crawl(
                    CrawlTarget(
                        name=DEMO_SOURCE_NAME,
                        start_urls=[portal.listing_url],
                        allowed_domains=["127.0.0.1"],
                    )
                )
            finally:
                engine.close()
    finally:
        crawl_services.close()
    click.echo(
        f"抓取完成：{summary.pages_fetched} 个页面，新增 {summary.reports_new} 份，"
        f"更新 {summary.reports_changed} 份，未变 {summary.reports_unchanged} 份，错误 {summary.errors} 个。"
    )
    click.echo(f"索引中的报告：{app_services.search.document_count()} 份")
    if summary.errors and not (
        summary.reports_new or summary.reports_unchanged or summary.reports_changed
    ):
        raise click.ClickException("演示门户抓取失败，见上方错误。")


@demo_group.command(
    "portal", help="Serve only the demo government portal (e.g. to try `nianbao crawl`)."
)
@click.option("--port", default=DEMO_PORTAL_PORT, show_default=True, help="Port to listen on.")
def portal_command(port: int) -> None:
    """Serve the demo portal in the foreground until interrupted."""
    server = DemoPortalServer(port=port).start()
    click.echo(f"演示门户：{server.listing_url}  (Ctrl+C 结束)")
    try:
        server.wait()
    except KeyboardInterrupt:
        server.stop()


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
