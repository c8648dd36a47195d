"""The index checked against the database: every report searchable with its current content.

The database is the truth; each indexed document stores the :func:`~index.shared.content_hash`
of what it was built from. :func:`verify_index` lists the reports the index lacks, holds in an
old form, or holds though the database does not; :func:`repair_index` writes and deletes exactly
those. ``nianbao index verify [--repair]`` runs them, and the crawler uses the same hashes to
index a report it stores "unchanged" when the index does not hold it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

from sqlalchemy import select

from archive.indexing import READ_BATCH, documents_from_database, index_document_from_report
from index.shared import content_hash
from services import Services
from storage.models import FetchResult, FrontierEntry, Report


@dataclass
class IndexDifference:
    """How the index differs from the database, by report id."""

    reports: int = 0
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)

    @property
    def consistent(self) -> bool:
        """Whether every report is indexed with its current content and nothing else is."""
        return not (self.missing or self.stale or self.extra)

    def summary(self) -> str:
        """One line in Chinese for the CLI and the admin log."""
        return (
            f"数据库 {self.reports} 份报告；索引缺少 {len(self.missing)} 份，"
            f"内容过期 {len(self.stale)} 份，多出 {len(self.extra)} 份"
        )


def verify_index(services: Services, batch_size: int = READ_BATCH) -> IndexDifference:
    """Compare every report's content hash with the one its index document stores."""
    indexed = services.search.stored_hashes()
    difference = IndexDifference()
    seen: set[int] = set()
    for document in documents_from_database(services.database, batch_size):
        difference.reports += 1
        seen.add(document.id)
        stored = indexed.get(document.id)
        if stored is None:
            difference.missing.append(document.id)
        elif stored != content_hash(document):
            difference.stale.append(document.id)
    difference.extra = sorted(set(indexed) - seen)
    return difference


def repair_index(
    services: Services, difference: IndexDifference, batch_size: int = READ_BATCH
) -> int:
    """Index the missing and stale reports and delete the extra ones; returns the changes made."""
    to_write = iter(sorted({*difference.missing, *difference.stale}))
    written = 0
    while ids := list(islice(to_write, batch_size)):
        with services.database.session() as session:
            reports = session.scalars(select(Report).where(Report.id.in_(ids))).all()
            documents = [index_document_from_report(report) for report in reports]
        services.search.index_reports(documents)
        written += len(documents)
    for report_id in difference.extra:
        services.search.delete_report(report_id)
    return written + len(difference.extra)


def index_what_a_run_stored(services: Services, run_id: int) -> int:
    """Index the reports an interrupted run stored that the index lacks or holds in an old form
    (its last index batch may have died with it); returns how many were written.

    Only what is missing is written, so quick successive restarts do not redo the same work.
    """
    with services.database.session() as session:
        identities = set(
            session.scalars(
                select(FetchResult.url).where(
                    FetchResult.run_id == run_id, FetchResult.outcome.in_(("new", "changed"))
                )
            )
        )
        identities |= {
            str(data.get("identity"))
            for data in session.scalars(
                select(FrontierEntry.data).where(
                    FrontierEntry.run_id == run_id, FrontierEntry.kind == "attachment"
                )
            )
            if data and data.get("identity")
        }
        reports = session.scalars(select(Report).where(Report.identity.in_(identities))).all()
        documents = [index_document_from_report(report) for report in reports]
    indexed = services.search.stored_hashes(document.id for document in documents)
    missing = [d for d in documents if indexed.get(d.id) != content_hash(d)]
    if missing:
        services.search.index_reports(missing)
    return len(missing)
