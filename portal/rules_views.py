"""``/rules``: every accountability rule, what it checks, and how many reports pass or fail it."""

from __future__ import annotations

from collections import Counter

from flask import Blueprint, Response, jsonify, render_template
from sqlalchemy import select

from accountability.rules import RULES
from portal.resources import services
from storage.models import Report

blueprint = Blueprint("rules", __name__)

#: Reports read per batch while counting.
BATCH = 2000


def rule_counts() -> dict[str, Counter[str]]:
    """``rule → Counter(status → reports)`` over the archive."""
    counts: dict[str, Counter[str]] = {rule.id: Counter() for rule in RULES}
    last_id = 0
    with services().database.session() as session:
        while True:
            rows = session.execute(
                select(Report.id, Report.findings)
                .where(Report.id > last_id)
                .order_by(Report.id)
                .limit(BATCH)
            ).all()
            if not rows:
                break
            for report_id, findings in rows:
                last_id = report_id
                for finding in findings or []:
                    if finding.get("rule") in counts:
                        counts[finding["rule"]][finding.get("status", "unknown")] += 1
    return counts


@blueprint.get("/rules")
def show() -> str:
    """The rules page."""
    return render_template("rules.html", rules=RULES, counts=rule_counts())


@blueprint.get("/rules.json")
def as_json() -> Response:
    """The rules with their counts, as JSON."""
    counts = rule_counts()
    return jsonify(
        {
            "rules": [
                {
                    "id": rule.id,
                    "name": rule.name,
                    "category": rule.category,
                    "description": rule.description,
                    "counts": {s: counts[rule.id].get(s, 0) for s in ("pass", "fail", "unknown")},
                }
                for rule in RULES
            ]
        }
    )
