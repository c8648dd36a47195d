"""The national list of administrative divisions, loaded once, with names, short forms and old names.

Codes follow the statistical division codes of ``parsers/data/admin-divisions``: 2 digits for a
province, 4 for a prefecture, 6 for a county-level unit and 9 for a township. Placeholder rows
("市辖区", "县", "省直辖县级行政区划") are not divisions: their children hang directly under the
province, and a county-level row that repeats its prefecture's name (东莞市, 嘉峪关市) is folded
into the prefecture.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from parsers.tagging.short_names import short_forms, township_short_form

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DIVISIONS_DIR = DATA_DIR / "admin-divisions"

LEVELS: tuple[str, ...] = ("province", "city", "county", "township")
PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
#: Municipalities directly under the central government: province-level, no prefecture.
MUNICIPALITIES = frozenset({"11", "12", "31", "50"})


@dataclass(frozen=True)
class Division:
    """One administrative unit."""

    code: str
    name: str
    level: str
    province_code: str
    city_code: str | None = None
    county_code: str | None = None

    @property
    def parent_code(self) -> str | None:
        """The code of the enclosing unit, skipping placeholder levels."""
        if self.level == "township":
            return self.county_code or self.city_code or self.province_code
        if self.level == "county":
            return self.city_code or self.province_code
        if self.level == "city":
            return self.province_code
        return None

    @property
    def full_code(self) -> str:
        """The code padded to the 6-digit form (``640000``, ``640300``); townships keep 9 digits."""
        return self.code.ljust(6, "0")


@dataclass
class Gazetteer:
    """All divisions, indexed by code and by every name a report may use for them."""

    divisions: dict[str, Division] = field(default_factory=dict)
    #: Official names, short forms and historical names of provinces, prefectures and counties.
    names: dict[str, tuple[Division, ...]] = field(default_factory=dict)
    #: Official township names (乡, 镇, 街道, 苏木 …).
    township_names: dict[str, tuple[Division, ...]] = field(default_factory=dict)
    #: Names that are official (not short forms or old names).
    official_names: frozenset[str] = frozenset()
    #: Former names of units renamed or merged (密云县 → 密云区).
    historical_names: dict[str, tuple[Division, ...]] = field(default_factory=dict)
    #: Official and safe short names for scanning free text.
    scanner: ahocorasick.Automaton | None = None
    max_name_length: int = 0
    max_township_length: int = 0

    def get(self, code: str) -> Division | None:
        """The division with this code, accepting padded 6-digit forms (``640300``)."""
        if code in self.divisions:
            return self.divisions[code]
        trimmed = code
        while trimmed.endswith("00") and len(trimmed) > 2:
            trimmed = trimmed[:-2]
            if trimmed in self.divisions:
                return self.divisions[trimmed]
        return None

    def ancestors(self, division: Division) -> list[Division]:
        """Enclosing units from the nearest to the province."""
        result = []
        code = division.parent_code
        while code is not None:
            parent = self.divisions[code]
            result.append(parent)
            code = parent.parent_code
        return result

    def is_within(self, division: Division, ancestor: Division) -> bool:
        """True if ``division`` is ``ancestor`` or lies inside it."""
        return division == ancestor or ancestor in self.ancestors(division)

    def lookup(self, name: str) -> tuple[Division, ...]:
        """Divisions (province to county) called ``name``, officially or by a short or old name."""
        return self.names.get(name, ())

    def lookup_township(self, name: str) -> tuple[Division, ...]:
        """Townships officially called ``name``."""
        return self.township_names.get(name, ())

    def scan(self, text: str) -> Iterable[tuple[int, str]]:
        """``(start, name)`` of the longest non-overlapping division names in ``text``."""
        if self.scanner is None or not text:
            return
        for end, name in self.scanner.iter_long(text):
            yield end - len(name) + 1, name


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _load_divisions() -> dict[str, Division]:
    divisions: dict[str, Division] = {}
    for row in _read_csv(DIVISIONS_DIR / "provinces.csv"):
        divisions[row["code"]] = Division(row["code"], row["name"], "province", row["code"])
    city_names: dict[str, str] = {}
    for row in _read_csv(DIVISIONS_DIR / "cities.csv"):
        if row["name"] in PLACEHOLDER_NAMES:
            continue
        city_names[row["code"]] = row["name"]
        divisions[row["code"]] = Division(row["code"], row["name"], "city", row["provinceCode"])
    folded: dict[str, str] = {}
    for row in _read_csv(DIVISIONS_DIR / "areas.csv"):
        city_code = row["cityCode"] if row["cityCode"] in city_names else None
        if city_code and city_names[city_code] == row["name"]:
            folded[row["code"]] = city_code
            continue
        divisions[row["code"]] = Division(
            row["code"], row["name"], "county", row["provinceCode"], city_code
        )
    for row in _read_csv(DIVISIONS_DIR / "streets.csv"):
        county_code: str | None = row["areaCode"]
        city_code = row["cityCode"] if row["cityCode"] in city_names else None
        if county_code in folded:
            county_code = None
        divisions[row["code"]] = Division(
            row["code"], row["name"], "township", row["provinceCode"], city_code, county_code
        )
    return divisions


def _load_historical_names(by_official: dict[str, list[Division]]) -> dict[str, list[Division]]:
    """Old names (撤县设区, 撤县设市, merged districts) mapped to today's divisions."""
    result: dict[str, list[Division]] = {}
    for row in _read_csv(DATA_DIR / "historical_names.csv"):
        matches = [
            d
            for d in by_official.get(row["current_name"], [])
            if d.province_code == row["province_code"]
        ]
        if len(matches) != 1:
            raise ValueError(
                f"historical name {row['old_name']!r} matches {len(matches)} divisions"
            )
        result.setdefault(row["old_name"], []).append(matches[0])
    return result


def _load_extra_short_forms(by_official: dict[str, list[Division]]) -> dict[str, list[Division]]:
    """Hand-listed short forms (巴市 → 巴彦淖尔市) that the suffix rules cannot derive."""
    result: dict[str, list[Division]] = {}
    for row in _read_csv(DATA_DIR / "short_forms.csv"):
        matches = [
            d for d in by_official.get(row["name"], []) if d.province_code == row["province_code"]
        ]
        if len(matches) != 1:
            raise ValueError(f"short form {row['short']!r} matches {len(matches)} divisions")
        result.setdefault(row["short"], []).append(matches[0])
    return result


def build_gazetteer() -> Gazetteer:
    """Read the division files and build every index (about half a second; use :func:`get_gazetteer`)."""
    divisions = _load_divisions()
    by_official: dict[str, list[Division]] = {}
    townships: dict[str, list[Division]] = {}
    for division in divisions.values():
        if division.level == "township":
            townships.setdefault(division.name, []).append(division)
        else:
            by_official.setdefault(division.name, []).append(division)
    township_aliases: dict[str, list[Division]] = {}
    for name, ds in townships.items():
        short = township_short_form(name)
        if short is not None:
            # 铜厂乡 for 铜厂彝族乡 (易门县) as well as for the 铜厂乡 of 金平县: the region decides.
            township_aliases.setdefault(short, []).extend(ds)
        if name.endswith("街道") and len(name) >= 4 and name[:-1] not in townships:
            township_aliases.setdefault(name[:-1], []).extend(ds)  # 大石街 for 大石街道
    names: dict[str, list[Division]] = {name: list(ds) for name, ds in by_official.items()}
    scannable: set[str] = {name for name in by_official if _scannable_official(name)}
    for division in divisions.values():
        if division.level == "township":
            continue
        for short, safe_in_text in short_forms(division.name, division.level):
            bucket = names.setdefault(short, [])
            if division not in bucket:
                bucket.append(division)
            if safe_in_text:
                scannable.add(short)
    historical = _load_historical_names(by_official)
    for extra in (historical, _load_extra_short_forms(by_official)):
        for name, ds in extra.items():
            bucket = names.setdefault(name, [])
            bucket.extend(d for d in ds if d not in bucket)
            if len(name) >= 3 or name in by_official:
                scannable.add(name)
    automaton = ahocorasick.Automaton()
    for name in scannable:
        automaton.add_word(name, name)
    automaton.make_automaton()
    return Gazetteer(
        divisions=divisions,
        names={name: tuple(ds) for name, ds in names.items()},
        township_names={
            **{
                name: tuple(ds) for name, ds in townships.items() if _township_name_usable(name, ds)
            },
            **{
                name: tuple(townships.get(name, [])) + tuple(ds)
                for name, ds in township_aliases.items()
            },
        },
        official_names=frozenset(by_official) | frozenset(townships),
        historical_names={name: tuple(ds) for name, ds in historical.items()},
        scanner=automaton,
        max_name_length=max(len(name) for name in names),
        max_township_length=max(len(name) for name in townships),
    )


TOWNSHIP_ENDINGS: tuple[str, ...] = ("街道", "镇", "乡", "苏木", "办事处", "地区")
_GENERIC_STARTS: tuple[str, ...] = (
    "经济",
    "工业",
    "高新",
    "开发",
    "农业",
    "产业",
    "国有",
    "林业",
    "中心",
)


def _township_name_usable(name: str, divisions: list[Division]) -> bool:
    """Township-level rows that are real township names, or unique named zones (宁东镇, not 经济开发区).
    A row named only by its level word (``街道``: a placeholder in the list) names nothing."""
    if name in _LEVEL_WORDS_ONLY:
        return False
    if name.endswith(TOWNSHIP_ENDINGS):
        return True
    return len(divisions) == 1 and len(name) >= 4 and not name.startswith(_GENERIC_STARTS)


_LEVEL_WORDS_ONLY = frozenset({"街道", "镇", "乡", "苏木", "社区", "办事处", "街道办事处"})


def _scannable_official(name: str) -> bool:
    """Official names safe to look for in free text: not generic words like 城区, 郊区, 东区."""
    return name not in {"城区", "郊区", "矿区", "东区", "西区", "市中区", "新区"}


_cache: Gazetteer | None = None
_lock = threading.Lock()


_divisions_cache: dict[str, Division] | None = None


def load_divisions() -> dict[str, Division]:
    """Every division of the national list by code (cached; lighter than the gazetteer)."""
    global _divisions_cache
    if _divisions_cache is None:
        _divisions_cache = _load_divisions()
    return _divisions_cache


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    global _cache
    if _cache is None:
        with _lock:
            if _cache is None:
                _cache = build_gazetteer()
    return _cache
