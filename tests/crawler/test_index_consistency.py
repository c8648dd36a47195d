"""The index never silently loses a report: verify and repair, rebuilds during writes, killed runs.

Every indexed document stores the content hash of what it was built from; the database is the
truth. These tests break the index the ways the audit of issue 15 did and check that it heals.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy import select

import archive.reindex as reindex_module
from archive.index_check import repair_index, verify_index
from archive.indexing import documents_from_database
from archive.pipeline import ArchivePipeline, FetchedDocument
from archive.reindex import reindex_all
from config import Settings
from index import open_backend
from index.backend import IndexDocument, SearchRequest
from index.generations import BUILDING_MARK, new_generation_dir
from services import Services
from storage.models import Report

SEEDS = sorted((Path(__file__).resolve().parents[2] / "demo_portal" / "seeds").glob("*.txt"))


def _archive(services: Services, paths: list[Path]) -> None:
    with ArchivePipeline(services) as pipeline:
        for path in paths:
            pipeline.archive(FetchedDocument(identity=f"file:{path}", data=path.read_bytes()))


def _searchable_ids(services: Services) -> set[int]:
    result = services.search.search(SearchRequest(query="", page_size=1000))
    return {hit.id for hit in result.hits}


@pytest.fixture(params=["whoosh", "tantivy"])
def archive(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Services]:
    services = Services.from_settings(Settings(data_dir=tmp_path, search_backend=request.param))
    _archive(services, SEEDS[:3])
    yield services
    services.close()


def test_a_freshly_crawled_archive_verifies_as_consistent(archive: Services) -> None:
    difference = verify_index(archive)
    assert difference.reports == 3 and difference.consistent


def test_verify_finds_missing_stale_and_extra_documents_and_repair_fixes_exactly_those(
    archive: Services,
) -> None:
    documents = list(documents_from_database(archive.database))
    archive.search.delete_report(documents[0].id)
    archive.search.index_reports([dataclasses.replace(documents[1], body="旧的正文")])
    archive.search.index_reports([IndexDocument(id=999, title="幽灵", agency="无", body="无")])

    difference = verify_index(archive)
    assert (difference.missing, difference.stale, difference.extra) == (
        [documents[0].id],
        [documents[1].id],
        [999],
    )
    assert repair_index(archive, difference) == 3
    assert verify_index(archive).consistent
    assert _searchable_ids(archive) == {document.id for document in documents}


def test_the_cli_reports_a_difference_with_status_1_and_repairs_it(
    cli_runner: FlaskCliRunner, services: Services, seed_paths: list[Path]
) -> None:
    cli_runner.invoke(args=["ingest", *map(str, seed_paths[:2])])
    with services.database.session() as session:
        first = session.scalars(select(Report.id)).first()
    assert first is not None
    services.search.delete_report(first)

    checked = cli_runner.invoke(args=["index", "verify"])
    assert checked.exit_code == 1
    assert "索引缺少 1 份" in checked.output and f"缺少：{first}" in checked.output
    repaired = cli_runner.invoke(args=["index", "verify", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert "已修复 1 份" in repaired.output
    assert cli_runner.invoke(args=["index", "verify"]).exit_code == 0


def test_reports_stored_while_a_rebuild_runs_are_searchable_after_the_swap(
    archive: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crawl writes new and changed reports into the old index while the rebuild reads."""
    original = reindex_module.documents_from_database

    def rebuild_reading_while_a_crawl_writes(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        for position, document in enumerate(original(*args, **kwargs)):  # type: ignore[arg-type]
            yield document
            if position == 0:
                _archive(archive, SEEDS[3:])  # new reports, indexed into the old generation
                with archive.database.session() as session:  # an already read report changes
                    report = session.get(Report, document.id)
                    assert report is not None
                    report.text += "\n重建期间补充的说明：新增内容。"
                    session.commit()
                with archive.database.session() as session:
                    changed = session.get(Report, document.id)
                    assert changed is not None
                    from archive.indexing import index_document_from_report

                    archive.search.index_reports([index_document_from_report(changed)])

    monkeypatch.setattr(
        reindex_module, "documents_from_database", rebuild_reading_while_a_crawl_writes
    )
    reindex_all(archive)

    assert verify_index(archive).consistent
    assert len(_searchable_ids(archive)) == 5
    hits = archive.search.search(SearchRequest(query="重建期间补充的说明")).hits
    assert len(hits) == 1


def test_a_report_stored_by_a_killed_crawl_is_indexed_when_it_is_met_again_unchanged(
    archive: Services,
) -> None:
    path = SEEDS[3]
    document = FetchedDocument(identity=f"file:{path}", data=path.read_bytes())
    with ArchivePipeline(archive) as pipeline, archive.database.session() as session:
        stored = pipeline.store(session, document, pipeline_parse(document))
        session.commit()
        # killed here: the committed report never reached queue_for_index
    assert stored.report_id not in _searchable_ids(archive)

    with ArchivePipeline(archive) as pipeline:
        outcome = pipeline.archive(document)
    assert outcome.outcome == "unchanged"
    assert stored.report_id in _searchable_ids(archive)
    assert verify_index(archive).consistent


def pipeline_parse(document: FetchedDocument):  # type: ignore[no-untyped-def]
    from parsers import parse_document

    return parse_document(document.data, filename=document.filename)


def _dead_pid() -> int:
    process = multiprocessing.get_context("spawn").Process(target=int)
    process.start()
    process.join()
    assert process.pid is not None
    return process.pid


def test_a_generation_left_by_a_killed_rebuild_is_removed_at_the_next_open(
    archive: Services,
) -> None:
    name = archive.settings.search_backend
    link = archive.settings.index_dir / name
    abandoned = new_generation_dir(link, building=True)
    (abandoned / BUILDING_MARK).write_text(str(_dead_pid()), encoding="ascii")
    running = new_generation_dir(link, building=True)  # marked with this (live) process

    reopened = open_backend(name, archive.settings.index_dir)
    assert not abandoned.exists()
    assert running.exists()
    assert reopened.document_count() == 3


def test_a_resumed_run_indexes_only_what_the_index_lacks(archive: Services) -> None:
    from archive.index_check import index_what_a_run_stored
    from storage.models import CrawlRun, FetchResult

    with archive.database.session() as session:
        reports = session.scalars(select(Report).order_by(Report.id)).all()
        run = CrawlRun(status="interrupted")
        session.add(run)
        session.flush()
        for report in reports:
            session.add(FetchResult(run_id=run.id, url=report.identity, outcome="new"))
        session.commit()
        run_id, first_id = run.id, reports[0].id
    archive.search.delete_report(first_id)  # the run's last index batch died with it

    assert index_what_a_run_stored(archive, run_id) == 1
    assert index_what_a_run_stored(archive, run_id) == 0  # a quick second restart redoes nothing
    assert verify_index(archive).consistent
