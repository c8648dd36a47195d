"""Adding and editing sources from the admin area.

Sources live in the sources file (``settings.sources_file``, read and written by
:mod:`sources.catalogue`); every change is written there first and then mirrored into the
``sources`` table, exactly as ``nianbao sources add`` does.
"""

from __future__ import annotations

from services import Services
from sources.catalogue import SourceConfig, SourceError, SourcesFile, load_sources, sync_sources


class SourceRegistryError(ValueError):
    """A source cannot be saved as asked (message in Chinese, for the form)."""


def sources_file(services: Services) -> SourcesFile:
    """The sources file of this data directory."""
    return SourcesFile(services.settings.sources_file)


def refresh_sources(services: Services) -> None:
    """Mirror the sources file into the table, so the page shows what the file says.

    Raises :class:`SourceRegistryError` when the file cannot be read.
    """
    try:
        load_sources(services)
    except SourceError as error:
        raise SourceRegistryError(f"来源文件有误：{error}") from error


def source_config(services: Services, name: str) -> SourceConfig | None:
    """The source called ``name`` in the file, if there is one."""
    try:
        return next((s for s in sources_file(services).load() if s.name == name), None)
    except SourceError as error:
        raise SourceRegistryError(f"来源文件有误：{error}") from error


def add_source(services: Services, config: SourceConfig) -> None:
    """Add a new source. Raises :class:`SourceRegistryError` if the name is taken."""
    sources = _load(services)
    if any(source.name == config.name for source in sources):
        raise SourceRegistryError(f"来源 {config.name} 已存在。")
    _save(services, [*sources, config])


def update_source(services: Services, name: str, config: SourceConfig) -> None:
    """Replace the source ``name`` by ``config`` (it may be renamed), keeping its place."""
    sources = _load(services)
    if not any(source.name == name for source in sources):
        raise SourceRegistryError(f"没有名为 {name} 的来源。")
    if config.name != name and any(source.name == config.name for source in sources):
        raise SourceRegistryError(f"来源 {config.name} 已存在。")
    _save(services, [config if source.name == name else source for source in sources])


def set_source_enabled(services: Services, name: str, enabled: bool) -> None:
    """Enable or disable the source ``name``. Raises :class:`SourceRegistryError`."""
    sources = _load(services)
    matching = [source for source in sources if source.name == name]
    if not matching:
        raise SourceRegistryError(f"没有名为 {name} 的来源。")
    matching[0].enabled = enabled
    _save(services, sources)


def _load(services: Services) -> list[SourceConfig]:
    try:
        return sources_file(services).load()
    except SourceError as error:
        raise SourceRegistryError(f"来源文件有误：{error}") from error


def _save(services: Services, sources: list[SourceConfig]) -> None:
    sources_file(services).save(sources)
    sync_sources(services.database, sources)
