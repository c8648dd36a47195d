"""A benchmark archive of N reports, built in minutes instead of the pipeline's hours.

The real pipeline archives about seven reports a second (parsing, continuity links, one
transaction per report), so 100,000 reports would take four hours. This module writes the same
rows directly: every synthetic report of :func:`benchmarks.corpus.generate_corpus` (5–30 KB of
text, real regions and agency kinds, years 2008–2025) gets six sections cut from its text,
statistics tables of its template with numbers that balance (about one report in eight has one
cell off, so some checks fail), the parsers' own consistency checks, one
:class:`~storage.models.ReportVersion` with its bytes in the blob store, and is inserted with
SQLAlchemy Core ``executemany`` in batches. The search index is then rebuilt from the database
with :func:`index.rebuild_index`, exactly as ``nianbao reindex`` does.

Building is resumable and idempotent: reports carry the corpus ids, a rerun continues after the
highest id stored, and the index is rebuilt only when its document count differs::

    .venv/bin/python -m benchmarks.bench_archive --reports 100000 \\
        --data-dir /tmp/nianbao-bench/100k --search-backend tantivy
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from archive.indexing import documents_from_database
from benchmarks.corpus import generate_corpus
from config import Settings
from index import BACKENDS, open_backend, rebuild_index
from index.backend import IndexDocument
from parsers.checks import run_checks
from parsers.model import (
    APPLICANT_COLUMNS,
    RESULT_ROWS_2019,
    RESULT_ROWS_2021,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    Section,
    Tables,
    consistency_status_of,
)
from parsers.tables.prose import stated_new_applications
from services import Services
from storage.models import Report, ReportVersion

#: Reports per ``executemany`` and per transaction.
INSERT_BATCH = 1000
#: Threads writing blobs (each blob write ends with an fsync, so they overlap well).
BLOB_WRITERS = 4
#: Share of reports with tables whose numbers get one deliberate mismatch.
INCONSISTENT_SHARE = 0.12
#: Identities of benchmark reports start with this (the corpus URLs).
IDENTITY_PREFIX = "https://example.gov.cn/reports/"
SECTION_HEADINGS: tuple[str, ...] = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
APPLICANTS = APPLICANT_COLUMNS[:-1]
CORPUS_SEED = 20240501


class ForeignArchiveError(RuntimeError):
    """The data directory holds reports that are not benchmark reports."""


@dataclass
class BuildFigures:
    """What a build did and how fast."""

    reports: int
    reports_added: int
    database_seconds: float
    database_reports_per_second: float
    index_backend: str
    index_documents: int
    index_rebuilt: bool
    index_seconds: float
    index_documents_per_second: float
    database_bytes: int
    blob_bytes_added: int


# -- one report ------------------------------------------------------------------------------


def split_into_sections(body: str) -> list[Section]:
    """Six sections with the standard headings, cutting the text's lines into six runs."""
    lines = body.splitlines()[1:] or [body]
    size = -(-len(lines) // len(SECTION_HEADINGS))
    return [
        Section(number, heading, "\n".join(lines[(number - 1) * size : number * size]))
        for number, heading in enumerate(SECTION_HEADINGS, start=1)
    ]


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` spread over ``parts`` non-negative integers, the first parts favoured."""
    shares = [0] * parts
    weights = [8, 3, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1][:parts]
    weights += [1] * (parts - len(weights))
    for index in rng.choices(range(parts), weights=weights, k=total):
        shares[index] += 1
    return shares


def _applications(template: str, new_total: int, rng: random.Random) -> dict[str, dict[str, Any]]:
    """Table 三 whose columns balance: new + carried_over = results_total + carried_forward."""
    result_rows = RESULT_ROWS_2021 if template == "2021" else RESULT_ROWS_2019
    rows: dict[str, dict[str, Any]] = {
        name: {}
        for name in ("new", "carried_over", *result_rows, "results_total", "carried_forward")
    }
    for column, new in zip(APPLICANTS, _split(new_total, len(APPLICANTS), rng), strict=True):
        carried_over = rng.choice((0, 0, 0, 0, 1, 2)) if new else 0
        carried_forward = rng.randint(0, min(2, new + carried_over))
        results = _split(new + carried_over - carried_forward, len(result_rows), rng)
        rows["new"][column] = new
        rows["carried_over"][column] = carried_over
        for name, value in zip(result_rows, results, strict=True):
            rows[name][column] = value
        rows["results_total"][column] = sum(results)
        rows["carried_forward"][column] = carried_forward
    for cells in rows.values():
        cells["total"] = sum(cells[column] for column in APPLICANTS)
    return rows


def _active(template: str, rng: random.Random) -> dict[str, dict[str, Any]]:
    """Table 二 in the shape of the report's template."""

    def small() -> int:
        return rng.choice((0, 0, 0, 1, 2, 3, 5, 12))

    if template == "2021":
        return {
            "rules": {"made": small(), "repealed": small(), "in_force": small() * 3},
            "normative_documents": {
                "made": small(),
                "repealed": small(),
                "in_force": small() * 4,
            },
            "licensing": {"decisions": small() * 40},
            "punishment": {"decisions": small() * 10},
            "enforcement": {"decisions": small()},
            "fees": {"amount": round(rng.random() * small(), 2)},
        }
    services = {
        name: {"last_year_items": small(), "change": small() - 2, "decisions": small() * 20}
        for name in ("licensing", "other_services", "punishment", "enforcement")
    }
    return {
        "rules": {"new_made": small(), "new_published": small(), "total_published": small() * 3},
        "normative_documents": {
            "new_made": small(),
            "new_published": small(),
            "total_published": small() * 4,
        },
        **services,
        "fees": {"last_year_items": small(), "change": small() - 2},
        "procurement": {"items": small(), "amount": round(rng.random() * 100 * small(), 2)},
    }


def _reviews(rng: random.Random) -> dict[str, dict[str, Any]]:
    """Table 四 whose totals add up."""
    groups: dict[str, dict[str, Any]] = {}
    for group in REVIEW_GROUPS:
        cells = {column: rng.choice((0, 0, 0, 0, 1, 2)) for column in REVIEW_COLUMNS[:-1]}
        cells["total"] = sum(cells.values())
        groups[group] = cells
    return groups


def generate_tables(template: str | None, body: str, rng: random.Random) -> Tables:
    """Tables of the template (none before 2019) agreeing with the count the text states."""
    if template not in ("2019", "2021"):
        return {}
    stated = stated_new_applications(body)
    new_total = stated.count if stated is not None else rng.choice((0, 1, 3, 8, 20, 60))
    tables: Tables = {
        "active": _active(template, rng),
        "applications": _applications(template, new_total, rng),
        "reviews": _reviews(rng),
    }
    if rng.random() < INCONSISTENT_SHARE:
        cells = tables["applications"]["granted"]
        column = rng.choice(APPLICANTS)
        cells[column] = (cells[column] or 0) + 1
    return tables


def report_rows(
    document: IndexDocument, now: dt.datetime
) -> tuple[dict[str, Any], dict[str, Any], bytes]:
    """The ``reports`` row, the ``report_versions`` row and the stored bytes of one report."""
    rng = random.Random(CORPUS_SEED * 1_000_003 + document.id)
    sections = [asdict(section) for section in split_into_sections(document.body)]
    tables = generate_tables(document.template, document.body, rng)
    checks = [asdict(check) for check in run_checks(tables, document.body)]
    status = consistency_status_of(check["status"] for check in checks)
    data = document.body.encode()
    digest = hashlib.sha256(data).hexdigest()
    tags = {
        "title": document.title,
        "agency": document.agency,
        "agency_kind": document.agency_kind,
        "province": document.province,
        "city": document.city,
        "county": document.county,
        "township": document.township,
        "level": document.level,
        "division_code": None,
        "year": document.year,
        "template": document.template,
    }
    report = {
        "id": document.id,
        "identity": document.url,
        "url": document.url,
        "source_id": None,
        **tags,
        "published": document.published,
        "sections": sections,
        "tables": tables,
        "checks": checks,
        "warnings": [],
        "consistency_status": status,
        "text": document.body,
        "first_seen_at": now,
        "last_seen_at": now,
        "last_changed_at": None,
        "changed_after_publication": False,
        "gone_at": None,
        "updated_at": now,
    }
    parsed = {
        **tags,
        "published": document.published.isoformat() if document.published else None,
        "sections": sections,
        "tables": tables,
        "checks": checks,
        "text": document.body,
        "url": document.url,
        "warnings": [],
        "consistency_status": status,
    }
    version = {
        "report_id": document.id,
        "sha256": digest,
        "size": len(data),
        "content_type": "text/plain; charset=utf-8",
        "filename": f"{document.id}.txt",
        "fetched_url": document.url,
        "role": "page",
        "fetched_at": now,
        "parsed": parsed,
    }
    return report, version, data


# -- the archive -----------------------------------------------------------------------------


def stored_reports(services: Services) -> tuple[int, int]:
    """``(number of reports, highest id)``; raises if any report is not a benchmark report."""
    with services.database.engine.connect() as connection:
        count, highest, foreign = connection.execute(
            select(
                func.count(Report.id),
                func.coalesce(func.max(Report.id), 0),
                func.count(Report.id).filter(~Report.identity.startswith(IDENTITY_PREFIX)),
            )
        ).one()
    if foreign:
        raise ForeignArchiveError(
            f"{services.settings.data_dir} holds {foreign} reports that are not benchmark reports"
        )
    return count, highest


def insert_reports(
    services: Services,
    count: int,
    *,
    batch_size: int = INSERT_BATCH,
    progress: Callable[[str], None] | None = None,
) -> tuple[int, int]:
    """Insert corpus reports 1…``count`` not stored yet; returns ``(added, blob bytes)``."""
    _stored, highest = stored_reports(services)
    if highest >= count:
        return 0, 0
    documents: Iterator[IndexDocument] = islice(
        generate_corpus(count, seed=CORPUS_SEED), highest, None
    )
    added = blob_bytes = 0
    reports_table, versions_table = Report.__table__, ReportVersion.__table__
    started = time.perf_counter()
    with ThreadPoolExecutor(BLOB_WRITERS) as blob_writers:
        while batch := list(islice(documents, batch_size)):
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            rows = [report_rows(document, now) for document in batch]
            # Blobs first, as in the pipeline: no committed row points at a missing blob.
            list(blob_writers.map(services.blobs.put, [data for _r, _v, data in rows]))
            with services.database.engine.begin() as connection:
                connection.execute(insert(reports_table), [report for report, _v, _d in rows])
                connection.execute(insert(versions_table), [version for _r, version, _d in rows])
            added += len(rows)
            blob_bytes += sum(len(data) for _r, _v, data in rows)
            if progress and (added % (10 * batch_size) == 0 or highest + added == count):
                rate = added / (time.perf_counter() - started)
                progress(f"  {highest + added}/{count} reports stored ({rate:.0f}/s)")
    return added, blob_bytes


def ensure_index(
    services: Services, backend: str, expected: int, progress: Callable[[str], None] | None = None
) -> bool:
    """Rebuild ``backend``'s index from the database unless it already holds ``expected`` docs."""
    if open_backend(backend, services.settings.index_dir).document_count() == expected:
        return False
    if progress:
        progress(f"  rebuilding the {backend} index of {expected} reports")
    rebuild_index(backend, services.settings.index_dir, documents_from_database(services.database))
    return True


def build_archive(
    data_dir: Path,
    count: int,
    search_backend: str = "tantivy",
    *,
    batch_size: int = INSERT_BATCH,
    progress: Callable[[str], None] | None = None,
) -> BuildFigures:
    """Make ``data_dir`` an archive of ``count`` benchmark reports indexed by ``search_backend``."""
    settings = Settings(data_dir=data_dir, search_backend=search_backend, secret_key="bench")
    services = Services.from_settings(settings)
    try:
        started = time.perf_counter()
        added, blob_bytes = insert_reports(
            services, count, batch_size=batch_size, progress=progress
        )
        database_seconds = time.perf_counter() - started
        stored, _highest = stored_reports(services)
        started = time.perf_counter()
        rebuilt = ensure_index(services, search_backend, stored, progress)
        index_seconds = time.perf_counter() - started
        documents = open_backend(search_backend, settings.index_dir).document_count()
    finally:
        services.close()
    database_file = data_dir / "nianbao.sqlite3"
    return BuildFigures(
        reports=stored,
        reports_added=added,
        database_seconds=round(database_seconds, 1),
        database_reports_per_second=round(added / database_seconds, 1) if added else 0.0,
        index_backend=search_backend,
        index_documents=documents,
        index_rebuilt=rebuilt,
        index_seconds=round(index_seconds, 1),
        index_documents_per_second=round(documents / index_seconds, 1) if rebuilt else 0.0,
        database_bytes=database_file.stat().st_size if database_file.exists() else 0,
        blob_bytes_added=blob_bytes,
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: build (or complete) an archive and print its figures as JSON."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=10_000, help="reports the archive holds")
    parser.add_argument("--data-dir", type=Path, required=True, help="archive directory")
    parser.add_argument("--search-backend", choices=BACKENDS, default="tantivy")
    parser.add_argument("--batch-size", type=int, default=INSERT_BATCH)
    parser.add_argument("--output", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    progress(f"load average before: {os.getloadavg()[0]:.2f}")
    figures = asdict(
        build_archive(
            args.data_dir,
            args.reports,
            args.search_backend,
            batch_size=args.batch_size,
            progress=progress,
        )
    )
    figures["load_average_after"] = round(os.getloadavg()[0], 2)
    text = json.dumps(figures, ensure_ascii=False, indent=2)
    print(text)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
