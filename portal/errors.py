"""Error pages: helpful Chinese HTML for people, ``{"error": {"code", "message"}}`` for the API."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from index.backend import QuerySyntaxError
from index.formats import IndexFormatError
from portal.search_params import InvalidSearchArguments

ERROR_TITLES: dict[int, str] = {
    400: "请求有误",
    404: "没有找到页面",
    405: "不支持的请求方式",
    500: "服务器出错了",
    503: "检索暂时不可用",
}
ERROR_CODES: dict[int, str] = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    500: "internal_error",
    503: "unavailable",
}


def wants_json() -> bool:
    """True for API and ``.json`` URLs, which answer errors in JSON."""
    return request.path.startswith("/api/") or request.path.endswith(".json")


def error_response(
    status: int, message: str, code: str | None = None
) -> tuple[Response | str, int]:
    """An error as JSON or as the HTML error page, depending on the URL."""
    code = code or ERROR_CODES.get(status, "error")
    if wants_json():
        return jsonify({"error": {"code": code, "message": message}}), status
    return render_template(
        "error.html", status=status, title=ERROR_TITLES.get(status, "出错了"), message=message
    ), status


def register_error_handlers(app: Flask) -> None:
    """Install the portal's handlers for HTTP errors and bad search input."""

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        status = error.code or 500
        message = error.description or ERROR_TITLES.get(status, "出错了")
        if status == 404 and error.description == _DEFAULT_404:
            message = "您访问的页面不存在。可以返回首页，或用检索框查找报告。"
        if status == 405:
            message = "此网址不支持这种请求方式。"
        body, code = error_response(status, message)
        response = app.make_response((body, code))
        # Headers the exception carries (405's Allow, 429's Retry-After) stay on the answer.
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(InvalidSearchArguments)
    def _invalid_arguments(error: InvalidSearchArguments) -> tuple[Response | str, int]:
        return error_response(400, error.message, error.code)

    @app.errorhandler(QuerySyntaxError)
    def _malformed_query(error: QuerySyntaxError) -> tuple[Response | str, int]:
        return error_response(400, f"检索式无法理解：{error}", "malformed_query")

    @app.errorhandler(IndexFormatError)
    def _index_needs_rebuild(error: IndexFormatError) -> tuple[Response | str, int]:
        app.logger.error("%s", error)
        message = "检索索引由旧版本建立，需要管理员重建索引（nianbao reindex）后才能检索。"
        return error_response(503, message, "index_needs_rebuild")


_DEFAULT_404 = (
    "The requested URL was not found on the server. If you entered the URL manually please check "
    "your spelling and try again."
)
