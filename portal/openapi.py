"""The OpenAPI 3.1 document of ``/api/v1``.

Parameters are described from the same constants the API validates with; response schemas are
generated from the typed response models of :mod:`portal.api_models`.
"""

from __future__ import annotations

from typing import Any

from index.backend import FACET_FIELDS, TOTALS_GROUPS
from portal.api_models import component_schemas
from portal.compare_params import MAX_COMPARED_AGENCIES, MAX_COMPARED_YEARS
from portal.converters import MAX_RECORD_ID
from portal.search_params import (
    ALLOWED_VALUES,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    MAX_VALUES_PER_FILTER,
    MAX_YEAR,
    MIN_YEAR,
    SORT_ORDERS,
)

API_VERSION = "1.0.0"


def _error_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _json(ref: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


def _filter_items(name: str) -> dict[str, Any]:
    """The schema of one value of filter ``name``, with the limits the server enforces."""
    if name == "year":
        return {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}
    if name in ALLOWED_VALUES:
        return {"type": "string", "enum": sorted(ALLOWED_VALUES[name])}
    return {"type": "string", "minLength": 1, "pattern": r"\S"}


def _filter_parameters() -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": f"按 `{name}` 筛选；重复该参数可选多个值（“或”关系），最多 {MAX_VALUES_PER_FILTER} 个。",
            "schema": {
                "type": "array",
                "items": _filter_items(name),
                "maxItems": MAX_VALUES_PER_FILTER,
            },
            "style": "form",
            "explode": True,
        }
        for name in FACET_FIELDS
    ]


QUERY_PARAMETER: dict[str, Any] = {
    "name": "q",
    "in": "query",
    "description": (
        "年报检索语言：词语和“短语”、AND / OR / NOT、括号，字段 `title:` `agency:` `body:` "
        "`province:` `city:` `county:` `township:` `agency_kind:` `level:` `template:` "
        "`consistency:`，以及年度范围 `year:2019..2022`。"
    ),
    "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH},
}


def openapi_document(server_url: str = "/api/v1") -> dict[str, Any]:
    """The complete OpenAPI 3.0 document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Nianbao API",
            "version": API_VERSION,
            "description": (
                "检索和比较各级行政机关的政府信息公开工作年度报告。字段的含义见下列各模式的字段"
                "说明（Search and compare China's government information-disclosure annual "
                "reports; every field is described in the schemas below）。"
            ),
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/search": {
                "get": {
                    "summary": "检索报告",
                    "operationId": "search",
                    "parameters": [
                        QUERY_PARAMETER,
                        *_filter_parameters(),
                        {
                            "name": "facets",
                            "in": "query",
                            "description": "要统计的分面字段，逗号分隔；默认全部。",
                            "schema": {
                                "type": "array",
                                "items": {"type": "string", "enum": list(FACET_FIELDS)},
                            },
                            "style": "form",
                            "explode": False,
                        },
                        {
                            "name": "sort",
                            "in": "query",
                            "description": (
                                "排序：相关度、年度（新→旧）、发布日期（新→旧），或按指标："
                                "figure:<指标键>（大→小）、figure:<指标键>:asc（小→大），"
                                "如 figure:review_correction_rate；没有该指标的报告排在最后。"
                            ),
                            "schema": {
                                "type": "string",
                                "pattern": "^("
                                + "|".join(SORT_ORDERS)
                                + r"|figure:[a-z_]+(:asc|:desc)?)$",
                                "default": "relevance",
                            },
                        },
                        {
                            "name": "cond",
                            "in": "query",
                            "description": (
                                "数值条件，可重复，与检索式同时满足：指标 比较符 数值，如 复议纠正>0、"
                                "新收申请>=30、公开率<50%、applications.granted.total=0。"
                                "指标名用中文标签或英文键（见 /api/v1/figures）。"
                            ),
                            "schema": {"type": "array", "items": {"type": "string"}},
                            "style": "form",
                            "explode": True,
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "description": "页码，从 1 开始；超出结果范围时返回空结果和总数。",
                            "schema": {"type": "integer", "minimum": 1, "default": 1},
                        },
                        {
                            "name": "page_size",
                            "in": "query",
                            "description": f"每页条数，最多 {MAX_PAGE_SIZE}。",
                            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                        },
                    ],
                    "responses": {
                        "200": _json(
                            "SearchResult",
                            "一页结果（超出末页时为空）、总数和各分面计数。",
                        ),
                        "400": _error_response("未知的筛选字段、无效的取值或无法理解的检索式。"),
                    },
                }
            },
            "/reports/{id}": {
                "get": {
                    "summary": "单份报告",
                    "operationId": "getReport",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_RECORD_ID},
                        }
                    ],
                    "responses": {
                        "200": _json(
                            "Report",
                            "报告的正文各部分、统计表、校验、主要数据和各版本。",
                        ),
                        "404": _error_response("没有这个编号的报告。"),
                    },
                }
            },
            "/compare/years": {
                "get": {
                    "summary": "同一机关的多个年度比较",
                    "operationId": "compareYears",
                    "parameters": [
                        {
                            "name": "agency",
                            "in": "query",
                            "required": True,
                            "description": "机关全称，如“灵武市科学技术局”。",
                            "schema": {"type": "string", "minLength": 1, "pattern": r"\S"},
                        },
                        {
                            "name": "years",
                            "in": "query",
                            "schema": {
                                "type": "array",
                                "items": {
                                    "type": "integer",
                                    "minimum": MIN_YEAR,
                                    "maximum": MAX_YEAR,
                                },
                                "maxItems": MAX_COMPARED_YEARS,
                                "uniqueItems": True,
                            },
                            "style": "form",
                            "explode": True,
                            "description": "要比较的年度；默认为该机关最近两个年度。",
                        },
                    ],
                    "responses": {
                        "200": _json(
                            "YearComparison",
                            "各年度主要数据、每个单元格及其变化、全部年度的数据序列。",
                        ),
                        "400": _error_response("缺少机关或年度无效。"),
                        "404": _error_response("机关不存在，或该年度没有报告。"),
                    },
                }
            },
            "/compare/agencies": {
                "get": {
                    "summary": "多份报告（机关）并排比较",
                    "operationId": "compareAgencies",
                    "parameters": [
                        {
                            "name": "ids",
                            "in": "query",
                            "required": True,
                            "schema": {
                                "type": "array",
                                "items": {
                                    "type": "integer",
                                    "minimum": 1,
                                    "maximum": MAX_RECORD_ID,
                                },
                                "minItems": 1,
                                "maxItems": MAX_COMPARED_AGENCIES,
                                "uniqueItems": True,
                            },
                            "style": "form",
                            "explode": True,
                            "description": "报告编号（可重复该参数或用逗号分隔）。",
                        },
                    ],
                    "responses": {
                        "200": _json("AgencyComparison", "各报告的标签和主要数据。"),
                        "400": _error_response("缺少编号或编号无效。"),
                        "404": _error_response("有编号不存在。"),
                    },
                }
            },
            "/totals": {
                "get": {
                    "summary": "检索结果的指标合计与比率（可分组）",
                    "operationId": "getTotals",
                    "parameters": [
                        QUERY_PARAMETER,
                        *_filter_parameters(),
                        {
                            "name": "cond",
                            "in": "query",
                            "description": "数值条件，可重复，如 复议纠正>0。",
                            "schema": {"type": "array", "items": {"type": "string"}},
                            "style": "form",
                            "explode": True,
                        },
                        {
                            "name": "by",
                            "in": "query",
                            "description": "分组字段；省略时只给全部结果的合计。",
                            "schema": {"type": "string", "enum": list(TOTALS_GROUPS)},
                        },
                    ],
                    "responses": {
                        "200": _json(
                            "Totals",
                            "全部结果的合计在前，随后每组一项；比率由合计数计算。",
                        ),
                        "400": _error_response("未知的筛选字段、分组字段或无法理解的检索式。"),
                    },
                }
            },
            "/stats": {
                "get": {
                    "summary": "全国概况：各年度、各省份、各层级的按时发布率、不一致比例等",
                    "operationId": "getStats",
                    "parameters": [
                        {
                            "name": "year",
                            "in": "query",
                            "description": "分省、分层级数据的年度；省略时为最新年度。",
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {
                        "200": _json("NationalStats", "各年度，以及所选年度的各省份、各层级。"),
                        "400": _error_response("年份无效。"),
                    },
                }
            },
            "/figures": {
                "get": {
                    "summary": "可用于数值条件、排序和合计的全部指标",
                    "operationId": "listFigures",
                    "responses": {"200": _json("FigureList", "指标的英文键、中文名称和比率公式。")},
                }
            },
            "/facets/{field}": {
                "get": {
                    "summary": "某个分面字段的全部取值及计数",
                    "operationId": "getFacet",
                    "parameters": [
                        {
                            "name": "field",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "enum": list(FACET_FIELDS)},
                        },
                        QUERY_PARAMETER,
                        *_filter_parameters(),
                    ],
                    "responses": {
                        "200": _json("FacetValues", "取值和计数。"),
                        "400": _error_response("未知的筛选字段或无法理解的检索式。"),
                        "404": _error_response("未知的分面字段。"),
                    },
                }
            },
        },
        "components": {"schemas": component_schemas()},
    }
