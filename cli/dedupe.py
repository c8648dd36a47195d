"""``nianbao dedupe``: merge records of the same report reached from several places."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from archive.dedupe import apply_merge, plan_merges
from archive.indexing import index_document_from_report
from cli.services import current_services
from storage.models import Report


@click.command("dedupe", help="Merge duplicate records of one report into one (see --dry-run).")
@click.option("--dry-run", is_flag=True, help="List the merges without making them.")
@with_appcontext
def dedupe_command(dry_run: bool) -> None:
    """Find reports of the same agency and year with near-identical text and fold each group
    into its most official record; the others become its sources."""
    services = current_services()
    with services.database.session() as session:
        reports = session.scalars(select(Report).where(Report.agency.is_not(None))).all()
        merges = plan_merges(reports)
        identities = {report.id: report.identity for report in reports}
        verb = "将合并" if dry_run else "已合并"
        click.echo(f"{verb} {len(merges)} 份重复记录。")
        for merge in merges:
            click.echo(
                f"  #{merge.merge_id} {identities[merge.merge_id]} → "
                f"#{merge.keep_id} {identities[merge.keep_id]}：{merge.reason}"
            )
        if dry_run:
            session.rollback()
            return
        for merge in merges:
            apply_merge(session, merge)
        kept_ids = sorted({merge.keep_id for merge in merges})
        kept = session.scalars(select(Report).where(Report.id.in_(kept_ids))).all()
        documents = [index_document_from_report(report) for report in kept]
    for merge in merges:
        services.search.delete_report(merge.merge_id)
    if documents:
        services.search.index_reports(documents)
