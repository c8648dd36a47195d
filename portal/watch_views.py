"""订阅 (watches): any search saved under a stable address, with Atom and JSON feeds of the
reports that newly match it (new reports, and new versions of matching reports).

Anyone can save a search (a CSRF-protected form, rate-limited per address); the token in the
address is the only key, so a watch is as private as its link. Only a signed-in admin can attach
an e-mail address or a webhook (:mod:`portal.admin.watch_views`). Matches are recorded by the
crawler's process when reports are archived (:mod:`archive.watches`), never by the web.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any
from urllib.parse import parse_qsl, urlencode

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response as WerkzeugResponse
from wtforms import HiddenField, StringField
from wtforms.validators import Length, Optional

from portal import labels
from portal.resources import services
from portal.search_params import InvalidSearchArguments, SearchParams, parse_search_args
from portal.security import limiter
from portal.xml_text import xml_safe
from storage.models import Report, Watch, WatchMatch

blueprint = Blueprint("watches", __name__)

#: Watches saved per visitor address.
SAVE_LIMIT = "10 per minute;50 per day"
#: Matches listed on a watch's page and in its feeds.
FEED_ENTRIES = 50
MAX_NAME = 200


class SaveWatchForm(FlaskForm):
    """The search to save (its URL arguments) and a name for it."""

    search = HiddenField()
    name = StringField("订阅名称（可选）", validators=[Optional(), Length(max=MAX_NAME)])


def save_form(params: SearchParams) -> SaveWatchForm:
    """The save form of a search page, carrying the search's own URL arguments."""
    form = SaveWatchForm()
    form.search.data = urlencode(params.url_args())
    return form


def describe(watch: Watch) -> str:
    """The saved search in words: query, conditions and filters."""
    parts = [watch.query] if watch.query else []
    parts += list(watch.conditions or [])
    for name, values in (watch.filters or {}).items():
        parts.append("、".join(labels.value_label(name, value) for value in values))
    return " · ".join(parts) or "全部报告"


def search_args(watch: Watch) -> list[tuple[str, str]]:
    """The ``/search`` arguments that show the watch's current results."""
    params = SearchParams(
        query=watch.query or "",
        filters={k: tuple(v) for k, v in (watch.filters or {}).items()},
        conditions=tuple(watch.conditions or ()),
    )
    return params.url_args()


@blueprint.post("/watches")
@limiter.limit(SAVE_LIMIT)
def save() -> WerkzeugResponse:
    """Save the search given in the form as a watch; go to its page."""
    form = SaveWatchForm(request.form)
    if not form.validate():
        abort(400, description="订阅表单无效或已过期，请回到检索页重新保存。")
    try:
        params = parse_search_args(MultiDict(parse_qsl(form.search.data or "")))
    except InvalidSearchArguments as error:
        abort(400, description=error.message)
    token = secrets.token_urlsafe(16)
    name = (form.name.data or "").strip() or _default_name(params)
    with services().database.session() as session:
        session.add(
            Watch(
                token=token,
                name=name,
                query=params.query,
                conditions=list(params.conditions),
                filters={k: list(v) for k, v in params.filters.items()},
                creator_hash=_address_hash(),
            )
        )
        session.commit()
    return redirect(url_for("watches.show", token=token, saved=1), code=303)


def _default_name(params: SearchParams) -> str:
    parts = [params.query, *params.conditions]
    parts += ["、".join(values) for values in params.filters.values()]
    return (" ".join(p for p in parts if p) or "全部报告")[:MAX_NAME]


def _watch_or_404(token: str) -> Watch:
    with services().database.session() as session:
        watch = session.scalar(select(Watch).where(Watch.token == token))
        if watch is None:
            abort(404, description="没有这个订阅（链接可能有误）。")
        session.expunge(watch)
        return watch


def recent_matches(watch: Watch, limit: int = FEED_ENTRIES) -> list[tuple[WatchMatch, Report]]:
    """The watch's newest matches with their reports."""
    with services().database.session() as session:
        rows = session.execute(
            select(WatchMatch, Report)
            .join(Report, Report.id == WatchMatch.report_id)
            .where(WatchMatch.watch_id == watch.id)
            .order_by(WatchMatch.matched_at.desc(), WatchMatch.id.desc())
            .limit(limit)
        ).all()
        for match, report in rows:
            session.expunge(match)
            session.expunge(report)
        return [(match, report) for match, report in rows]


@blueprint.get("/watches/<token>")
def show(token: str) -> str:
    """A watch's page: the saved search, its newest matches and its feeds."""
    watch = _watch_or_404(token)
    return render_template(
        "watch.html",
        watch=watch,
        description=describe(watch),
        matches=recent_matches(watch),
        search_args=search_args(watch),
        saved=request.args.get("saved") == "1",
    )


@blueprint.get("/watches/<token>.atom")
def feed(token: str) -> Response:
    """The watch's new and changed matching reports as Atom."""
    watch = _watch_or_404(token)
    matches = recent_matches(watch)
    body = render_template(
        "watch.atom.xml",
        watch=watch,
        description=describe(watch),
        matches=matches,
        updated=matches[0][0].matched_at if matches else watch.created_at,
        self_url=request.url,
        page_url=url_for("watches.show", token=token, _external=True),
    )
    return Response(xml_safe(body), mimetype="application/atom+xml")


@blueprint.get("/watches/<token>.json")
def feed_json(token: str) -> Response:
    """The watch's new and changed matching reports as JSON."""
    watch = _watch_or_404(token)
    return jsonify(
        {
            "name": watch.name,
            "search": dict(search_args(watch)),
            "created_at": watch.created_at.isoformat() + "Z",
            "matches": [_match_document(match, report) for match, report in recent_matches(watch)],
        }
    )


def _match_document(match: WatchMatch, report: Report) -> dict[str, Any]:
    return {
        "kind": match.kind,
        "event": "new" if match.kind == "new" else "changed_after_publication",
        "matched_at": match.matched_at.isoformat() + "Z",
        "report": {
            "id": report.id,
            "title": report.title,
            "agency": report.agency,
            "year": report.year,
            "province": report.province,
            "url": report.url,
            "html": url_for("reports.show", report_id=report.id, _external=True),
        },
    }


def _address_hash() -> str:
    salt = str(current_app.config.get("SECRET_KEY") or "")
    return hashlib.sha256(f"{salt}|{request.remote_addr}".encode()).hexdigest()
