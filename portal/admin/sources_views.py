"""The sources page: health of every source, adding, editing, enabling and disabling."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from portal.admin.audit import record_action
from portal.admin.blueprint import admin_services, blueprint
from portal.admin.crawl_queue import recent_requests
from portal.admin.forms import ConfirmForm, RecrawlForm, SourceForm, lines_of
from portal.admin.source_registry import (
    SourceRegistryError,
    add_source,
    refresh_sources,
    set_source_enabled,
    source_config,
    update_source,
)
from portal.admin.source_status import STALE_AFTER_DAYS, source_statuses
from sources.catalogue import SourceConfig, SourceError
from storage.models import utcnow

#: Fields of a source compared for the audit log, with their Chinese names.
AUDITED_FIELDS = (
    ("name", "名称"),
    ("start_urls", "起始网址"),
    ("allowed_domains", "域名"),
    ("schedule", "计划"),
    ("delay", "间隔"),
    ("enabled", "启用"),
    ("hints", "提示"),
)


@blueprint.route("/")
def show_dashboard() -> Response:
    """The admin area opens on the sources page."""
    return redirect(url_for("admin.list_sources"))


@blueprint.route("/sources")
def list_sources() -> str:
    """Every source with its last run, last success, reports, errors and next run."""
    services = admin_services()
    try:
        refresh_sources(services)
    except SourceRegistryError as error:
        flash(str(error), "error")
    with services.database.session() as session:
        statuses = source_statuses(session, utcnow(), admin_services().settings.schedule_timezone)
        requests = recent_requests(session, limit=10)
    return render_template(
        "admin/sources.html",
        statuses=statuses,
        requests=requests,
        recrawl_form=RecrawlForm(),
        confirm_form=ConfirmForm(),
        stale_after_days=STALE_AFTER_DAYS,
    )


@blueprint.route("/sources/new", methods=["GET", "POST"])
def add_source_form() -> Response | str:
    """Add a source."""
    form = SourceForm()
    if form.validate_on_submit():
        config = _config_from(form)
        if config is not None:
            try:
                add_source(admin_services(), config)
            except SourceRegistryError as error:
                form.name.errors = [*form.name.errors, str(error)]
            else:
                _audit("source.add", f"{config.name}：{' '.join(config.start_urls)}")
                flash(f"已添加来源 {config.name}。", "info")
                return redirect(url_for("admin.list_sources"))
    return render_template("admin/source_form.html", form=form, editing=None)


@blueprint.route("/sources/<name>/edit", methods=["GET", "POST"])
def edit_source(name: str) -> Response | str:
    """Change a source's URLs, schedule, politeness delay, hints or state."""
    current = _existing(name)
    form = SourceForm()
    if not form.is_submitted():
        _fill(form, current)
    elif form.validate():
        config = _config_from(form)
        if config is not None:
            try:
                update_source(admin_services(), name, config)
            except SourceRegistryError as error:
                form.name.errors = [*form.name.errors, str(error)]
            else:
                _audit("source.edit", _describe_change(current, config))
                flash(f"已保存来源 {config.name}。", "info")
                return redirect(url_for("admin.list_sources"))
    return render_template("admin/source_form.html", form=form, editing=name)


@blueprint.route("/sources/<name>/enable", methods=["POST"])
def enable_source(name: str) -> Response:
    """Crawl this source on its schedule again."""
    return _set_enabled(name, True)


@blueprint.route("/sources/<name>/disable", methods=["POST"])
def disable_source(name: str) -> Response:
    """Stop crawling this source on its schedule."""
    return _set_enabled(name, False)


def _existing(name: str) -> SourceConfig:
    try:
        config = source_config(admin_services(), name)
    except SourceRegistryError as error:
        flash(str(error), "error")
        config = None
    if config is None:
        abort(404)
    return config


def _set_enabled(name: str, enabled: bool) -> Response:
    try:
        set_source_enabled(admin_services(), name, enabled)
    except SourceRegistryError:
        abort(404)
    _audit("source.enable" if enabled else "source.disable", name)
    flash(f"已{'启用' if enabled else '停用'}来源 {name}。", "info")
    return redirect(url_for("admin.list_sources"))


def _fill(form: SourceForm, config: SourceConfig) -> None:
    form.name.data = config.name
    form.start_urls.data = "\n".join(config.start_urls)
    form.allowed_domains.data = "\n".join(config.allowed_domains)
    form.schedule.data = config.schedule
    form.delay.data = config.delay
    form.enabled.data = config.enabled
    form.link_pattern.data = config.hints.get("link_pattern", "")
    form.list_selector.data = config.hints.get("list_selector", "")


def _config_from(form: SourceForm) -> SourceConfig | None:
    """The source the form describes, or None with the crawler's objection on the form."""
    hints = {
        key: value.strip()
        for key, value in (
            ("link_pattern", form.link_pattern.data or ""),
            ("list_selector", form.list_selector.data or ""),
        )
        if value.strip()
    }
    try:
        return SourceConfig(
            name=(form.name.data or "").strip(),
            start_urls=lines_of(form.start_urls.data),
            allowed_domains=lines_of(form.allowed_domains.data),
            schedule=" ".join((form.schedule.data or "").split()),
            enabled=bool(form.enabled.data),
            delay=form.delay.data,
            hints=hints,
        )
    except SourceError as error:
        form.name.errors = [*form.name.errors, f"来源配置无效：{error}"]
        return None


def _describe_change(before: SourceConfig, after: SourceConfig) -> str:
    """``name：field old → new；…`` for the audit log."""
    changes = [
        f"{label} {getattr(before, attribute)!r} → {getattr(after, attribute)!r}"
        for attribute, label in AUDITED_FIELDS
        if getattr(before, attribute) != getattr(after, attribute)
    ]
    return f"{before.name}：{'；'.join(changes) or '无变化'}"


def _audit(action: str, detail: str) -> None:
    with admin_services().database.session() as session:
        record_action(session, action, detail)
