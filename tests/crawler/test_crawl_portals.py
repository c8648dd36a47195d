"""Whole crawls of local portals in the styles of TRS WCM, Hanweb, VSB/博达 and a generic CMS."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crawler.runs import CrawlTarget
from services import Services
from storage.models import CrawlRun, FetchResult, FrontierEntry, Report, ReportVersion, Source
from tests.crawler.conftest import crawl_source, crawl_url
from tests.gov_sites.pages import report_page, reports
from tests.gov_sites.server import Reply
from tests.gov_sites.sites import generic_portal, hanweb_portal, trs_portal, vsb_portal


@pytest.mark.parametrize("build", [trs_portal, hanweb_portal, vsb_portal, generic_portal])
def test_every_report_is_found_once_and_notices_are_not_fetched(
    build, crawl_services: Services, serve
) -> None:  # type: ignore[no-untyped-def]
    portal = build()
    server = serve(portal.routes)
    summary = crawl_url(crawl_services, server.url(portal.start_path))

    assert summary.status == "finished"
    assert summary.errors == 0
    assert summary.reports_new == len(portal.report_paths) == 5
    counts = server.counts()
    for path in portal.report_paths:
        assert counts[path] == 1, path
    for path in portal.notice_paths:
        assert counts[path] == 0, path
    with crawl_services.database.session() as session:
        identities = set(session.scalars(select(Report.identity)))
        assert identities == {server.url(path) for path in portal.report_paths}
        agencies = set(session.scalars(select(Report.agency)))
        assert agencies == {report.agency for report in reports()}
        run = session.scalars(select(CrawlRun)).one()
        assert run.status == "finished" and run.reports_new == 5 and run.finished_at is not None
        assert run.pages_fetched == summary.pages_fetched
        fetched = session.scalars(select(FetchResult).where(FetchResult.kind != "robots")).all()
        assert len(fetched) == run.pages_fetched
        assert all(result.ok for result in fetched)
    assert crawl_services.search.document_count() == 5


def test_attachment_reports_are_versions_of_their_page(crawl_services: Services, serve) -> None:  # type: ignore[no-untyped-def]
    portal = generic_portal()
    server = serve(portal.routes)
    crawl_url(crawl_services, server.url(portal.start_path))
    with crawl_services.database.session() as session:
        rows = session.execute(
            select(Report.identity, ReportVersion.role, ReportVersion.fetched_url, Report.agency)
            .join(ReportVersion)
            .where(ReportVersion.role == "attachment")
        ).all()
    assert sorted((identity, url) for identity, _, url, _ in rows) == [
        (server.url("/content.jsp?id=701"), server.url("/uploads/701.docx")),
        (server.url("/content.jsp?id=702"), server.url("/uploads/702.pdf")),
    ]
    assert all(agency for *_, agency in rows)


def test_recrawl_keeps_unchanged_flags_changed_and_marks_gone(
    crawl_services: Services, serve
) -> None:  # type: ignore[no-untyped-def]
    portal = vsb_portal()
    server = serve(portal.routes)
    target = CrawlTarget(
        name="博达示例", start_urls=[server.url(portal.start_path)], allowed_domains=["127.0.0.1"]
    )
    first = crawl_source(crawl_services, target)
    assert (first.reports_new, first.reports_changed) == (5, 0)

    edited = reports()[0]
    server.routes[portal.report_paths[0]] = Reply(
        report_page(edited, extra="<p>（2025年3月更正）</p>")
    )
    server.routes[portal.report_paths[4]] = Reply(b"gone", status=404)
    second = crawl_source(crawl_services, target)

    assert (second.reports_new, second.reports_changed, second.reports_unchanged) == (0, 1, 3)
    assert second.gone == 1
    with crawl_services.database.session() as session:
        changed = session.scalar(
            select(Report).where(Report.identity == server.url(portal.report_paths[0]))
        )
        assert (
            changed is not None and changed.changed_after_publication and len(changed.versions) == 2
        )
        gone = session.scalar(
            select(Report).where(Report.identity == server.url(portal.report_paths[4]))
        )
        assert gone is not None and gone.gone_at is not None
        assert (
            session.scalar(select(Source.name).where(Source.id == changed.source_id)) == "博达示例"
        )
        assert session.scalar(
            select(Report).where(
                Report.gone_at.is_(None), Report.identity == server.url(portal.report_paths[1])
            )
        )


def test_a_report_no_longer_listed_in_a_complete_crawl_is_gone_not_deleted(
    crawl_services: Services, serve
) -> None:  # type: ignore[no-untyped-def]
    portal = trs_portal(per_page=10)
    server = serve(portal.routes)
    target = CrawlTarget(
        name="TRS示例", start_urls=[server.url(portal.start_path)], allowed_domains=["127.0.0.1"]
    )
    crawl_source(crawl_services, target)
    fewer = trs_portal(per_page=10, report_list=reports()[:4])
    server.routes.update({path: fewer.routes[path] for path in ("/xxgk/ndbg/index.html",)})
    summary = crawl_source(crawl_services, target)
    assert summary.gone == 1
    with crawl_services.database.session() as session:
        assert session.scalar(select(Report).where(Report.gone_at.is_not(None))) is not None
        assert len(session.scalars(select(Report)).all()) == 5


def test_conditional_get_answers_304_and_nothing_is_refetched(
    crawl_services: Services, serve
) -> None:  # type: ignore[no-untyped-def]
    portal = generic_portal()
    for path, route in portal.routes.items():
        if isinstance(route, Reply):
            route.etag = f'"{abs(hash(path))}"'
    server = serve(portal.routes)
    crawl_url(crawl_services, server.url(portal.start_path))
    second = crawl_url(crawl_services, server.url(portal.start_path))
    assert second.reports_new == second.reports_changed == 0
    # 3 report pages and the 2 attachments answer 304; pages that only point to an attachment
    # are fetched again (cheap) so that a failed attachment is always retried.
    assert second.not_modified == 5
    with crawl_services.database.session() as session:
        outcomes = session.scalars(
            select(FetchResult.outcome).where(
                FetchResult.run_id == second.run_id,
                FetchResult.kind != "listing",
                FetchResult.kind != "robots",
            )
        ).all()
        assert sorted(outcomes, key=str) == [None, None] + ["not_modified"] * 5
        assert session.scalars(
            select(FrontierEntry).where(
                FrontierEntry.run_id == second.run_id, FrontierEntry.kind == "attachment"
            )
        ).all()


def test_a_start_url_that_is_a_report_page_is_archived(crawl_services: Services, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve({"/t20220120_1.html": Reply(report_page(reports()[2]))})
    summary = crawl_url(crawl_services, server.url("/t20220120_1.html"))
    assert summary.reports_new == 1 and summary.errors == 0
    with crawl_services.database.session() as session:
        assert session.scalar(select(Report.agency)) == reports()[2].agency
