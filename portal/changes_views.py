"""Reports changed after publication: a public Atom and JSON feed of every report whose
document the portal changed after we first archived it, newest change first, each entry linking
to the differences between its versions (narrowed by ``province``, ``level`` and ``year``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request, url_for
from sqlalchemy import func, select

from portal.resources import services
from portal.search_params import InvalidSearchArguments
from portal.xml_text import xml_safe
from storage.models import Report, ReportVersion

blueprint = Blueprint("changes", __name__)

FEED_ENTRIES = 50
LEVELS = ("central", "province", "city", "county", "township")


def _changed_reports() -> list[tuple[Report, int]]:
    """The latest changed reports under the request's filters, with their number of versions."""
    query = (
        select(Report)
        .where(Report.changed_after_publication.is_(True), Report.last_changed_at.is_not(None))
        .order_by(Report.last_changed_at.desc(), Report.id.desc())
        .limit(FEED_ENTRIES)
    )
    province = (request.args.get("province") or "").strip()
    if province:
        query = query.where(Report.province == province)
    level = (request.args.get("level") or "").strip()
    if level:
        if level not in LEVELS:
            raise InvalidSearchArguments("invalid_level", f"“{level}” 不是有效的层级。")
        query = query.where(Report.level == level)
    year = (request.args.get("year") or "").strip()
    if year:
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            raise InvalidSearchArguments("invalid_year", f"“{year}” 不是有效的年份。")
        query = query.where(Report.year == int(year))
    with services().database.session() as session:
        reports = list(session.scalars(query))
        counts = dict(
            session.execute(
                select(ReportVersion.report_id, func.count())
                .where(ReportVersion.report_id.in_([r.id for r in reports]))
                .group_by(ReportVersion.report_id)
            ).all()
        )
    return [(report, counts.get(report.id, 1)) for report in reports]


def _title() -> str:
    parts = [request.args.get(name, "").strip() for name in ("province", "year")]
    scope = " ".join(p for p in parts if p)
    return f"发布后被修改的年报{('：' + scope) if scope else ''}"


@blueprint.get("/changes.atom")
def feed() -> Response:
    """Atom: one entry per report changed after publication, at the time of its latest change."""
    changed = _changed_reports()
    updated = changed[0][0].last_changed_at if changed else dt.datetime(2000, 1, 1)
    body = render_template(
        "changes.atom.xml",
        title=_title(),
        changed=changed,
        updated=updated,
        self_url=request.url,
        page_url=url_for("search.search", changed_after_publication="true", _external=True),
    )
    return Response(xml_safe(body), mimetype="application/atom+xml")


@blueprint.get("/changes.json")
def feed_json() -> Response:
    """The same entries as JSON."""
    return jsonify(
        {
            "title": _title(),
            "changes": [_entry(report, versions) for report, versions in _changed_reports()],
        }
    )


def _entry(report: Report, versions: int) -> dict[str, Any]:
    assert report.last_changed_at is not None
    return {
        "event": "changed_after_publication",
        "changed_at": report.last_changed_at.isoformat() + "Z",
        "versions": versions,
        "report": {
            "id": report.id,
            "title": report.title,
            "agency": report.agency,
            "province": report.province,
            "year": report.year,
            "url": report.url,
            "html": url_for("reports.show", report_id=report.id, _external=True),
            "diff": url_for("reports.compare_versions", report_id=report.id, _external=True),
        },
    }
