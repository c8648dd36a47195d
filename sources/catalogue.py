"""Sources: the portals to crawl, declared in ``sources.toml`` and mirrored in the ``sources`` table.

The file is the place people edit; the table lets reports link to their source. Each entry::

    [[sources]]
    name = "宁夏灵武市"
    start_urls = ["http://www.lingwu.gov.cn/xxgk/zfxxgknb/"]
    allowed_domains = ["lingwu.gov.cn"]
    schedule = "0 3 * * 1"        # crontab: minute hour day month weekday (1 = Monday), Beijing time
    enabled = true
    delay = 2.0                   # optional, seconds between requests
    [sources.hints]               # optional
    link_pattern = "/art/\\d+/"
    list_selector = "ul.list"
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w
from sqlalchemy import select

from sources.schedules import InvalidSchedule, cron_trigger
from sources.urls import host_of, normalize_url
from storage import Database
from storage.models import Source

if TYPE_CHECKING:
    from services import Services

DEFAULT_SCHEDULE = "0 3 * * 1"
HINT_NAMES = ("link_pattern", "list_selector")


class SourceError(ValueError):
    """A source entry is invalid (bad URL, schedule, regex, duplicate name…)."""


@dataclass
class SourceConfig:
    """One portal to crawl."""

    name: str
    start_urls: list[str]
    allowed_domains: list[str] = field(default_factory=list)
    schedule: str = DEFAULT_SCHEDULE
    enabled: bool = True
    delay: float | None = None
    hints: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise SourceError("a source needs a name")
        urls = []
        for url in self.start_urls:
            normalized = normalize_url(url)
            if normalized is None:
                raise SourceError(f"{self.name}: not an http(s) URL: {url!r}")
            urls.append(normalized)
        if not urls:
            raise SourceError(f"{self.name}: at least one start URL is needed")
        self.start_urls = urls
        if not self.allowed_domains:
            self.allowed_domains = sorted({host_of(url) for url in urls})
        try:
            cron_trigger(self.schedule)
        except InvalidSchedule as error:
            raise SourceError(
                f"{self.name}: bad cron schedule {self.schedule!r}: {error}"
            ) from error
        unknown = set(self.hints) - set(HINT_NAMES)
        if unknown:
            raise SourceError(f"{self.name}: unknown hints {sorted(unknown)}")
        if self.hints.get("link_pattern"):
            try:
                re.compile(self.hints["link_pattern"])
            except re.error as error:
                raise SourceError(f"{self.name}: bad link_pattern: {error}") from error
        if self.delay is not None and self.delay < 0:
            raise SourceError(f"{self.name}: delay must not be negative")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceConfig:
        """An entry of the TOML file."""
        try:
            return cls(
                name=str(data["name"]),
                start_urls=[str(url) for url in data["start_urls"]],
                allowed_domains=[str(d) for d in data.get("allowed_domains", [])],
                schedule=str(data.get("schedule", DEFAULT_SCHEDULE)),
                enabled=bool(data.get("enabled", True)),
                delay=float(data["delay"]) if data.get("delay") is not None else None,
                hints={str(k): str(v) for k, v in (data.get("hints") or {}).items()},
            )
        except KeyError as error:
            raise SourceError(f"source entry without {error.args[0]!r}: {data!r}") from error

    def to_dict(self) -> dict[str, Any]:
        """The TOML form (optional keys left out when empty)."""
        data: dict[str, Any] = {
            "name": self.name,
            "start_urls": self.start_urls,
            "allowed_domains": self.allowed_domains,
            "schedule": self.schedule,
            "enabled": self.enabled,
        }
        if self.delay is not None:
            data["delay"] = self.delay
        if self.hints:
            data["hints"] = dict(self.hints)
        return data


class SourcesFile:
    """``sources.toml``: read, validated, written atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> list[SourceConfig]:
        """Every source in the file (an absent file has none)."""
        if not self.path.exists():
            return []
        try:
            document = tomllib.loads(self.path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise SourceError(f"{self.path}: {error}") from error
        sources = [SourceConfig.from_dict(entry) for entry in document.get("sources", [])]
        names = [source.name for source in sources]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise SourceError(f"{self.path}: duplicate source names {duplicates}")
        return sources

    def get(self, name: str) -> SourceConfig:
        """The source called ``name``; :class:`SourceError` if there is none."""
        for source in self.load():
            if source.name == name:
                return source
        raise SourceError(f"no source named {name!r} in {self.path}")

    def save(self, sources: list[SourceConfig]) -> None:
        """Write the file (temp file + rename, so readers never see half a file)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = tomli_w.dumps({"sources": [source.to_dict() for source in sources]})
        fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".sources-", suffix=".toml")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, self.path)

    def add(self, source: SourceConfig, *, replace: bool = False) -> None:
        """Add a source; an existing name is an error unless ``replace``."""
        sources = self.load()
        if any(s.name == source.name for s in sources) and not replace:
            raise SourceError(f"a source named {source.name!r} already exists")
        sources = [s for s in sources if s.name != source.name] + [source]
        self.save(sources)

    def remove(self, name: str) -> None:
        """Remove a source from the file; :class:`SourceError` if there is none."""
        sources = self.load()
        if not any(s.name == name for s in sources):
            raise SourceError(f"no source named {name!r} in {self.path}")
        self.save([s for s in sources if s.name != name])


def sync_sources(database: Database, sources: list[SourceConfig]) -> None:
    """Mirror the file in the ``sources`` table (by name).

    Sources removed from the file are disabled, not deleted: their reports keep their link.
    """
    with database.session() as session:
        rows = {row.name: row for row in session.scalars(select(Source))}
        for config in sources:
            row = rows.get(config.name)
            if row is None:
                row = Source(name=config.name)
                session.add(row)
            row.start_urls = list(config.start_urls)
            row.allowed_domains = list(config.allowed_domains)
            row.schedule = config.schedule
            row.enabled = config.enabled
            row.delay = config.delay
            row.hints = dict(config.hints)
        names = {config.name for config in sources}
        for name, row in rows.items():
            if name not in names:
                row.enabled = False


def load_sources(services: Services) -> list[SourceConfig]:
    """The sources file, mirrored into the database."""
    sources = SourcesFile(services.settings.sources_file).load()
    sync_sources(services.database, sources)
    return sources
