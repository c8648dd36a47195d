"""A snapshot serves its last value at once and refreshes it in the background; saved to disk,
it survives a restart. The national statistics round-trip through it unchanged."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

from flask.testing import FlaskClient

from archive.pipeline import ArchivePipeline, FetchedDocument
from portal.snapshot import Snapshot
from portal.stats import NationalStats, compute_stats
from services import Services

SEED = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds" / "000_77fbe9a8d492d01e.txt"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_a_stale_value_is_served_while_a_fresh_one_is_computed(tmp_path: Path) -> None:
    clock, calls = Clock(), []
    release = threading.Event()

    def compute() -> int:
        calls.append(1)
        if len(calls) > 1:
            release.wait(5)
        return len(calls)

    snapshot: Snapshot[int] = Snapshot(compute, dt.timedelta(seconds=60), clock=clock)
    assert snapshot.get()[0] == 1  # the first reader computes
    clock.now += 30
    assert snapshot.get()[0] == 1 and len(calls) == 1  # fresh: nothing recomputed
    clock.now += 60
    assert snapshot.get()[0] == 1  # stale: served at once, refresh started
    assert snapshot.get()[0] == 1  # one refresh at a time
    release.set()
    snapshot.wait(5)
    assert snapshot.get()[0] == 2 and len(calls) == 2


def test_a_saved_snapshot_is_served_after_a_restart_and_a_failed_refresh_keeps_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cache" / "value.json"
    clock = Clock()
    first: Snapshot[dict[str, int]] = Snapshot(
        lambda: {"reports": 7}, dt.timedelta(seconds=60), path, dict, dict, clock
    )
    value, made_at = first.get()
    assert value == {"reports": 7} and json.loads(path.read_text())["value"] == value
    assert made_at == dt.datetime.fromtimestamp(clock.now, dt.UTC).replace(tzinfo=None)

    def broken() -> dict[str, int]:
        raise RuntimeError("database gone")

    restarted: Snapshot[dict[str, int]] = Snapshot(
        broken, dt.timedelta(seconds=60), path, dict, dict, clock
    )
    assert restarted.get()[0] == {"reports": 7}  # no computation needed
    clock.now += 120
    assert restarted.get()[0] == {"reports": 7}
    restarted.wait(5)
    assert restarted.get()[0] == {"reports": 7}  # the refresh failed; the value stays


def test_an_unreadable_saved_snapshot_is_computed_afresh(tmp_path: Path) -> None:
    path = tmp_path / "value.json"
    path.write_text("{not json", encoding="utf-8")
    snapshot: Snapshot[list[int]] = Snapshot(
        lambda: [1, 2], dt.timedelta(seconds=60), path, list, list
    )
    assert snapshot.get()[0] == [1, 2]


def test_the_national_statistics_round_trip_and_the_page_says_when_they_were_made(
    client: FlaskClient, services: Services
) -> None:
    url = "https://www.example.gov.cn/a.html"
    with ArchivePipeline(services) as pipeline:
        pipeline.archive(
            FetchedDocument(identity=url, data=SEED.read_bytes(), url=url, filename="r.txt")
        )
    stats = compute_stats(services.database)
    restored = NationalStats.from_json(json.loads(json.dumps(stats.to_json())))
    assert restored.years == stats.years == [2021]
    assert restored.by_year[2021].as_dict() == stats.by_year[2021].as_dict()
    assert restored.by_province == stats.by_province and restored.by_level == stats.by_level
    page = client.get("/stats").get_data(as_text=True)
    assert "统计时间：" in page
    saved = services.settings.data_dir / "cache" / "national-stats.json"
    assert json.loads(saved.read_text(encoding="utf-8"))["value"]["by_year"][0][0] == 2021
