"""One record per report: the same report reached from several places becomes one record.

Two reports are the same when their agency and year agree, their templates do not disagree, and
their texts are near-duplicates: the Jaccard similarity of their character 5-gram sets, estimated
with MinHash (datasketch), is at least :data:`SIMILARITY`. The record kept is the one from the
most official source (:func:`source_role`: the agency's own portal or its region's government
portal beat another government's site, which beats a mirror, which beats a local file), then
the one seen first. The other's identity becomes a source of the kept record
(:class:`~storage.models.ReportSource`, with the reason), its versions and corrections move over,
and it is removed, so league tables, totals, exports, facets and search count the report once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from datasketch import MinHash
from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.indexing import index_document_from_report
from parsers.tagging.source_roles import SOURCE_RANK
from parsers.tagging.source_roles import source_role as role_of_url
from services import Services
from storage.models import Correction, Report, ReportSource, ReportVersion, utcnow

#: Estimated Jaccard similarity of two texts' 5-gram sets above which they are one report.
SIMILARITY = 0.8
SHINGLE = 5
PERMUTATIONS = 128
_NOISE = re.compile(r"\s+")


@dataclass(frozen=True)
class Merge:
    """One report folded into another, and why."""

    keep_id: int
    merge_id: int
    similarity: float
    reason: str


def text_signature(text: str) -> MinHash:
    """The MinHash of a text's character 5-grams (whitespace removed)."""
    compact = _NOISE.sub("", text)
    signature = MinHash(num_perm=PERMUTATIONS)
    shingles = {compact[i : i + SHINGLE] for i in range(max(len(compact) - SHINGLE + 1, 1))}
    for shingle in shingles:
        signature.update(shingle.encode("utf-8"))
    return signature


def source_role(url: str | None, report: Report) -> str:
    """The role of ``url`` as a source of ``report`` (see :mod:`parsers.tagging.source_roles`)."""
    return role_of_url(url, report.province, report.city, report.county)


def same_report(first: Report, second: Report) -> float | None:
    """The text similarity of two reports that may be one (same agency and year, templates not
    in disagreement), or None when they cannot be."""
    if not first.agency or first.agency != second.agency or first.year != second.year:
        return None
    if first.template and second.template and first.template != second.template:
        return None
    if not first.text or not second.text:
        return None
    return float(text_signature(first.text).jaccard(text_signature(second.text)))


def choose_kept(reports: Iterable[Report]) -> Report:
    """The record to keep: the most official source, then the first seen, then the lowest id."""
    return max(
        reports,
        key=lambda r: (
            SOURCE_RANK[source_role(r.url or r.identity, r)],
            -(r.first_seen_at.timestamp() if r.first_seen_at else 0.0),
            -r.id,
        ),
    )


def plan_merges(reports: Iterable[Report]) -> list[Merge]:
    """The merges that leave one record per report among ``reports``."""
    groups: dict[tuple[str, int], list[Report]] = defaultdict(list)
    for report in reports:
        if report.agency and report.year is not None:
            groups[(report.agency, report.year)].append(report)
    merges: list[Merge] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        merges += _merges_within(members)
    return merges


def _merges_within(members: list[Report]) -> list[Merge]:
    """Cluster one agency-year's reports by similarity and fold each cluster into its best."""
    parent = {report.id: report.id for report in members}
    scores: dict[tuple[int, int], float] = {}

    def root(report_id: int) -> int:
        while parent[report_id] != report_id:
            parent[report_id] = parent[parent[report_id]]
            report_id = parent[report_id]
        return report_id

    for index, first in enumerate(members):
        for second in members[index + 1 :]:
            similarity = same_report(first, second)
            if similarity is not None and similarity >= SIMILARITY:
                scores[(first.id, second.id)] = scores[(second.id, first.id)] = similarity
                parent[root(first.id)] = root(second.id)
    clusters: dict[int, list[Report]] = defaultdict(list)
    for report in members:
        clusters[root(report.id)].append(report)
    merges = []
    for cluster in clusters.values():
        if len(cluster) < 2:
            continue
        kept = choose_kept(cluster)
        for other in cluster:
            if other.id == kept.id:
                continue
            similarity = max(
                (
                    scores.get((other.id, member.id), 0.0)
                    for member in cluster
                    if member is not other
                ),
                default=0.0,
            )
            merges.append(
                Merge(kept.id, other.id, round(similarity, 3), _reason(kept, other, similarity))
            )
    return merges


def _reason(kept: Report, other: Report, similarity: float) -> str:
    same_template = bool(kept.template) and kept.template == other.template
    return (
        f"同一机关（{kept.agency}）、同一年度（{kept.year}）{'、同一格式' if same_template else ''}，"
        f"正文相似度约 {similarity:.0%}"
    )


def duplicate_of(session: Session, report: Report) -> Merge | None:
    """The merge that folds a newly stored report into (or takes in) an existing record of the
    same report, if there is one."""
    if not report.agency or report.year is None:
        return None
    others = session.scalars(
        select(Report).where(
            Report.agency == report.agency, Report.year == report.year, Report.id != report.id
        )
    ).all()
    candidates = [
        (similarity, other)
        for other in others
        if (similarity := same_report(report, other)) is not None and similarity >= SIMILARITY
    ]
    if not candidates:
        return None
    similarity, other = max(candidates, key=lambda pair: pair[0])
    kept = choose_kept([report, other])
    folded = other if kept is report else report
    return Merge(kept.id, folded.id, round(similarity, 3), _reason(kept, folded, similarity))


def apply_merge(session: Session, merge: Merge) -> None:
    """Fold the merged report into the kept one: its identity (and the sources it had) become
    sources of the kept record, its versions and corrections move over, and it is deleted."""
    kept = session.get(Report, merge.keep_id)
    folded = session.get(Report, merge.merge_id)
    if kept is None or folded is None:
        return
    now = utcnow()
    session.add(
        ReportSource(
            report_id=kept.id,
            identity=folded.identity,
            url=folded.url,
            role=source_role(folded.url or folded.identity, kept),
            first_seen_at=folded.first_seen_at or now,
            last_seen_at=folded.last_seen_at or now,
            similarity=merge.similarity,
            reason=merge.reason,
        )
    )
    for source in session.scalars(select(ReportSource).where(ReportSource.report_id == folded.id)):
        source.report_id = kept.id
    kept_hashes = set(
        session.scalars(select(ReportVersion.sha256).where(ReportVersion.report_id == kept.id))
    )
    for version in session.scalars(
        select(ReportVersion).where(ReportVersion.report_id == folded.id)
    ).all():
        if version.sha256 in kept_hashes:
            session.delete(version)  # the same bytes, already a version of the record
        else:
            version.report_id = kept.id
            kept_hashes.add(version.sha256)
    for correction in session.scalars(select(Correction).where(Correction.report_id == folded.id)):
        correction.report_id = kept.id
    session.flush()
    session.expire(folded)
    session.delete(folded)
    session.flush()


def merge_reports(services: Services, first_id: int, second_id: int, reason: str) -> Merge | None:
    """Fold two records an admin says are one report into the more official one, then update
    the index (the folded one leaves it). None when either record no longer exists."""
    with services.database.session() as session:
        first, second = session.get(Report, first_id), session.get(Report, second_id)
        if first is None or second is None or first_id == second_id:
            return None
        kept = choose_kept([first, second])
        folded = second if kept is first else first
        similarity = same_report(kept, folded)
        merge = Merge(kept.id, folded.id, round(similarity or 0.0, 3), reason)
        apply_merge(session, merge)
        session.flush()
        document = index_document_from_report(kept)
    services.search.delete_report(merge.merge_id)
    services.search.index_reports([document])
    return merge
