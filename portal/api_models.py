"""The typed models of the JSON API's responses, from which the OpenAPI schemas are generated.

The fields of a report are declared once, in :class:`parsers.model.ParsedReport` (tags, sections,
tables, checks); a search hit's in :class:`index.backend.Hit`; a stored version's in
:class:`storage.models.ReportVersion`'s public summary. The models here are built from those
declarations (their names, types and order), so a field added there appears in the API's schema
without a second edit, and every model forbids fields it does not declare: the test suite checks
each API response against the served document (``tests/api_contract.py``), so drift between what
the API sends and what the document says fails CI.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.json_schema import models_json_schema

from index.backend import Hit
from parsers.model import TAG_FIELDS, Check, ParsedReport, Section, Tables
from portal.figures import SHOWN_FIGURES

ConsistencyStatus = Literal["pass", "fail", "unchecked"]
TemplateBasis = Literal["cited", "tables", "year"]

_STRICT = ConfigDict(extra="forbid")
#: Public names of :class:`index.backend.Hit` fields that differ from the attribute names.
HIT_PUBLIC_NAMES = {"snippet": "snippet_html", "consistency": "consistency_status"}
#: Descriptions of fields, in Chinese (the API's documentation language).
DESCRIPTIONS = {
    "template_basis": "模板判断依据：cited 正文引用通知，tables 表格形状，year 按年份推定",
    "snippet_html": "已转义的文本，命中处用 <mark> 标出。",
    "ocr": "扫描件经文字识别（OCR）读取",
    "ocr_confidence": "OCR 平均置信度（0–1）",
    "prose_figures": "未读到表格时从正文读取的数字（据正文），按单元格路径",
    "provenance": "统计表各行的读取来源（按 表.行；人工更正按单元格路径）：原文行标题、读取方式 grid/text/ocr/manual、页码、表格与行号或文本行号、OCR 置信度",
    "consistency_status": "一致性校验：pass 通过，fail 存在不一致，unchecked 未校验",
    "figures": "已知的主要指标和比率（比率为 0–1 的小数），键与标签见 /api/v1/figures",
}


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


def _field(annotation: Any, name: str) -> tuple[Any, Any]:
    """A required model field (present in every response, possibly null)."""
    return annotation, Field(..., description=DESCRIPTIONS.get(name))


def _tag_fields() -> dict[str, tuple[Any, Any]]:
    """``id``, the tag fields of :class:`ParsedReport` in :data:`TAG_FIELDS` order, ``url`` and
    ``consistency_status``."""
    hints = _hints(ParsedReport)
    fields: dict[str, tuple[Any, Any]] = {"id": _field(int, "id")}
    for name in TAG_FIELDS:
        annotation = hints[name]
        if name == "template_basis":
            annotation = TemplateBasis | None
        if name == "title":
            annotation = str | None  # an archived report may lack a title
        fields[name] = _field(annotation, name)
    fields["url"] = _field(str | None, "url")
    fields["consistency_status"] = _field(ConsistencyStatus, "consistency_status")
    return fields


class Links(BaseModel):
    """Where a report lives in the API and on the site."""

    model_config = _STRICT
    self: str
    html: str


Figures = create_model(  # type: ignore[call-overload]
    "Figures",
    __config__=_STRICT,
    **{
        figure.key: (float | None, Field(None, description=figure.label))
        for figure in SHOWN_FIGURES
    },
)

Tags = create_model("Tags", __config__=_STRICT, **_tag_fields())  # type: ignore[call-overload]


class VersionSummary(BaseModel):
    """A stored version of a report (one fetched file) without its parsed content."""

    model_config = _STRICT
    number: int = Field(description="第几版：1 为最早存档的版本")
    original_url: str = Field(description="存档原件（按采集时的字节原样提供）")
    snapshot_url: str | None = Field(description="网页版本的安全存档快照；非网页为 null")
    id: int
    sha256: str
    size: int
    content_type: str | None
    filename: str | None
    fetched_url: str | None
    role: str | None
    fetched_at: dt.datetime | None


class FindingModel(BaseModel):
    """What one accountability rule (``/rules``) says about the report."""

    model_config = _STRICT
    rule: str = Field(..., description="规则编号，见 /rules")
    status: Literal["pass", "fail", "unknown"]
    message: str
    evidence: dict[str, Any]


class PeerStanding(BaseModel):
    """Where one rate of the report stands among its peers (same year, level and kind)."""

    model_config = _STRICT
    rate: str
    value: float | None
    percentile: float | None = Field(..., description="同类机关中比率不高于本报告的比例（0–100）")
    peers: int = Field(..., description="参与比较的同类机关数（分母不少于 30 件）")
    reason: str | None = Field(..., description="未计算百分位的原因")


class SourceSummary(BaseModel):
    """A place the report was reached from; the record's own (most official) source first."""

    model_config = _STRICT
    url: str
    role: str = Field(
        description="official（官方来源）、government（其他政府网站）、mirror（转载/镜像）或 file（本地文件）"
    )
    role_label: str
    primary: bool = Field(description="是否为本记录的主来源")
    first_seen_at: dt.datetime | None
    last_seen_at: dt.datetime | None
    reason: str | None = Field(description="合并为同一份报告的理由（主来源为 null）")
    similarity: float | None = Field(description="与主来源正文的相似度（0–1）")


def _report_fields() -> dict[str, tuple[Any, Any]]:
    """The full report: tags, then the content fields of :class:`ParsedReport`."""
    hints = _hints(ParsedReport)
    fields = _tag_fields()
    fields.update(
        sections=_field(list[Section], "sections"),
        tables=_field(Tables, "tables"),
        checks=_field(list[Check], "checks"),
        ocr=_field(hints["ocr"], "ocr"),
        ocr_confidence=_field(hints["ocr_confidence"], "ocr_confidence"),
        prose_figures=_field(hints["prose_figures"], "prose_figures"),
        provenance=_field(hints["provenance"], "provenance"),
        findings=_field(list[FindingModel], "findings"),
        figures=_field(Figures, "figures"),
        first_seen_at=_field(dt.datetime | None, "first_seen_at"),
        last_seen_at=_field(dt.datetime | None, "last_seen_at"),
        last_changed_at=_field(dt.datetime | None, "last_changed_at"),
        changed_after_publication=_field(bool | None, "changed_after_publication"),
        gone_at=_field(dt.datetime | None, "gone_at"),
        versions=_field(list[VersionSummary], "versions"),
        sources=_field(list[SourceSummary], "sources"),
        peers=_field(list[PeerStanding], "peers"),
        links=_field(Links, "links"),
    )
    return fields


Report = create_model("Report", __config__=_STRICT, **_report_fields())  # type: ignore[call-overload]


def _hit_fields() -> dict[str, tuple[Any, Any]]:
    """The fields of :class:`index.backend.Hit`, by their public names, and ``links``."""
    hints = _hints(Hit)
    fields: dict[str, tuple[Any, Any]] = {}
    for attribute in dataclasses.fields(Hit):
        name = HIT_PUBLIC_NAMES.get(attribute.name, attribute.name)
        annotation = ConsistencyStatus if name == "consistency_status" else hints[attribute.name]
        fields[name] = _field(annotation, name)
    fields["links"] = _field(Links, "links")
    return fields


SearchHit = create_model("Hit", __config__=_STRICT, **_hit_fields())  # type: ignore[call-overload]


class FacetValue(BaseModel):
    """One value of a facet and how many reports it selects."""

    model_config = _STRICT
    value: str
    count: int


class SearchResult(BaseModel):
    """One page of search results with facet counts."""

    model_config = _STRICT
    query: str
    conditions: list[str] = Field(..., description="cond 参数给出的数值条件，如 复议纠正>0")
    filters: dict[str, list[str]]
    sort: str
    page: int
    page_size: int
    total: int
    hits: list[SearchHit]  # type: ignore[valid-type]
    facets: dict[str, list[FacetValue]]


class FacetValues(BaseModel):
    """Every value of one facet field, with counts."""

    model_config = _STRICT
    field: str
    total: int
    values: list[FacetValue]


ComparedReport = create_model(  # type: ignore[call-overload]
    "ComparedReport",
    __config__=_STRICT,
    **_tag_fields(),
    figures=_field(Figures, "figures"),
    links=(Links | None, Field(None)),
)


class ComparedCell(BaseModel):
    """One table cell across the compared years, with the change from the year before."""

    model_config = _STRICT
    table: str
    cell: str
    label: str
    values: list[float | None]
    changes: list[float | None]


class Series(BaseModel):
    """The key figures over every year the agency has reported."""

    model_config = _STRICT
    years: list[int]
    figures: dict[str, list[float | None]]


class YearComparison(BaseModel):
    """One agency over several years."""

    model_config = _STRICT
    agency: str
    years: list[int]
    available_years: list[int]
    reports: list[ComparedReport]  # type: ignore[valid-type]
    cells: list[ComparedCell]
    series: Series


class AgencyComparison(BaseModel):
    """Several reports' key figures side by side."""

    model_config = _STRICT
    reports: list[ComparedReport]  # type: ignore[valid-type]


class ErrorDetail(BaseModel):
    """What went wrong, for people and for programs."""

    model_config = _STRICT
    code: str
    message: str


class Error(BaseModel):
    """An error response."""

    model_config = _STRICT
    error: ErrorDetail


class FigureInfo(BaseModel):
    """One figure a numeric condition, a sort or a total can name."""

    model_config = _STRICT
    key: str = Field(..., description="英文键（表格单元格为其路径）")
    label: str = Field(..., description="中文名称")
    aliases: list[str]
    kind: Literal["figure", "rate", "cell"]
    cells: list[str] = Field(..., description="求和的单元格路径（比率为空）")
    formula: str | None = Field(..., description="比率的计算公式")


class FigureList(BaseModel):
    """Every queryable figure."""

    model_config = _STRICT
    figures: list[FigureInfo]


class TotalsFigure(BaseModel):
    """A figure listed with a totals table."""

    model_config = _STRICT
    key: str
    label: str
    formula: str | None


class TotalsGroup(BaseModel):
    """Totals of one group (the first: the whole result set, ``group`` null)."""

    model_config = _STRICT
    group: str | None
    reports: int = Field(..., description="报告数")
    totals: dict[str, float] = Field(..., description="各指标合计（只加读到该项的报告）")
    known: dict[str, int] = Field(..., description="各指标读到的报告数")
    rates: dict[str, float | None] = Field(..., description="由合计数计算的比率")


class Totals(BaseModel):
    """The totals of a search, as a whole and by group."""

    model_config = _STRICT
    by: str | None
    figures: list[TotalsFigure]
    groups: list[TotalsGroup]


class NationalStats(BaseModel):
    """The national picture: each row has reports, on_time/late/timeliness_unknown and
    on_time_rate, checked/arithmetic_errors/arithmetic_error_rate, continuity_checked/
    continuity_breaks/continuity_break_rate, totals and rates."""

    model_config = _STRICT
    year: int | None = Field(..., description="分省、分层级数据所属的年度")
    by_year: list[dict[str, Any]]
    by_province: list[dict[str, Any]]
    by_level: list[dict[str, Any]]


RESPONSE_MODELS: tuple[type[BaseModel], ...] = (
    Tags,
    Figures,
    Report,
    SearchResult,
    FacetValues,
    YearComparison,
    AgencyComparison,
    Totals,
    FigureList,
    NationalStats,
    Error,
)


@cache
def component_schemas() -> dict[str, Any]:
    """The OpenAPI 3.1 ``components.schemas`` of every response model (and the models they use)."""
    _, document = models_json_schema(
        [(model, "serialization") for model in RESPONSE_MODELS],
        ref_template="#/components/schemas/{model}",
    )
    schemas: dict[str, Any] = document.get("$defs", {})
    return schemas
