"""``nianbao sources list|add|remove``: manage sources.toml (mirrored in the database)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from cli.services import current_services
from sources.catalogue import (
    DEFAULT_SCHEDULE,
    SourceConfig,
    SourceError,
    SourcesFile,
    load_sources,
    sync_sources,
)


@click.group("sources", help="List, add and remove the portals crawled on a schedule.")
def sources_group() -> None:
    """Commands on sources.toml."""


@sources_group.command("list", help="Show the configured sources.")
@with_appcontext
def list_sources() -> None:
    """One block per source: URLs, domains, schedule, state."""
    try:
        sources = load_sources(current_services())
    except SourceError as error:
        raise click.ClickException(str(error)) from error
    if not sources:
        click.echo("没有配置来源。用 `nianbao sources add NAME URL` 添加。")
    for source in sources:
        state = "启用" if source.enabled else "停用"
        click.echo(f"{source.name}  [{state}]  schedule: {source.schedule}")
        for url in source.start_urls:
            click.echo(f"    start: {url}")
        click.echo(f"    domains: {', '.join(source.allowed_domains)}")
        if source.delay is not None:
            click.echo(f"    delay: {source.delay:g} s")
        for key, value in source.hints.items():
            click.echo(f"    hint {key}: {value}")


@sources_group.command("add", help="Add (or with --replace, update) a source.")
@click.argument("name")
@click.argument("start_urls", nargs=-1, required=True)
@click.option(
    "--domain", "domains", multiple=True, help="Allowed domain (default: start URL hosts)."
)
@click.option("--schedule", default=DEFAULT_SCHEDULE, show_default=True, help="Cron schedule.")
@click.option("--delay", type=float, help="Seconds between requests for this source.")
@click.option("--disabled", is_flag=True, help="Add the source without scheduling it.")
@click.option("--link-pattern", help="Regex of report URLs (for portals with unclear link texts).")
@click.option("--list-selector", help="CSS selector of the list of reports on listing pages.")
@click.option("--replace", is_flag=True, help="Replace a source of the same name.")
@with_appcontext
def add_source(
    name: str,
    start_urls: tuple[str, ...],
    domains: tuple[str, ...],
    schedule: str,
    delay: float | None,
    disabled: bool,
    link_pattern: str | None,
    list_selector: str | None,
    replace: bool,
) -> None:
    """Validate and append a source to sources.toml."""
    services = current_services()
    hints = {
        key: value
        for key, value in (("link_pattern", link_pattern), ("list_selector", list_selector))
        if value
    }
    file = SourcesFile(services.settings.sources_file)
    try:
        source = SourceConfig(
            name=name,
            start_urls=list(start_urls),
            allowed_domains=list(domains),
            schedule=schedule,
            enabled=not disabled,
            delay=delay,
            hints=hints,
        )
        file.add(source, replace=replace)
        sync_sources(services.database, file.load())
    except SourceError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"已添加来源 {name}（{', '.join(source.allowed_domains)}，{schedule}）")


@sources_group.command("remove", help="Remove a source (its reports are kept).")
@click.argument("name")
@with_appcontext
def remove_source(name: str) -> None:
    """Remove a source from sources.toml; its database row is disabled, never deleted."""
    services = current_services()
    file = SourcesFile(services.settings.sources_file)
    try:
        file.remove(name)
        sync_sources(services.database, file.load())
    except SourceError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"已删除来源 {name}")
