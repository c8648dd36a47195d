"""Compressed responses (Brotli or gzip, by the client's Accept-Encoding) for the public pages,
the API and the exports; cache headers on static files.

Admin pages are not compressed: they carry an administrator's CSRF token next to text the admin
typed, the mix BREACH-style attacks need. Archived originals (PDF, images) are not compressed
either (they are compressed already); only text types are.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_compress import Compress

#: Seconds browsers may keep static files (CSS, the favicon) without asking again.
STATIC_MAX_AGE = 3600

compress = Compress()


def compress_public_response(response: Response) -> Response:
    """Compress a GET response outside the admin area."""
    if request.method != "GET" or request.path.startswith("/admin"):
        return response
    if response.direct_passthrough:
        return response  # a file sent as it is (static files: cached instead)
    compressed: Response = compress.after_request(response)
    return compressed


def register(app: Flask) -> None:
    """Compress public text responses; let browsers cache static files for an hour."""
    app.config.setdefault("COMPRESS_REGISTER", False)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_MIN_SIZE", 1024)
    app.config.setdefault(
        "COMPRESS_MIMETYPES",
        [
            "text/html",
            "text/css",
            "text/csv",
            "text/plain",
            "application/json",
            "application/x-ndjson",
            "application/atom+xml",
            "application/javascript",
        ],
    )
    if app.config.get("SEND_FILE_MAX_AGE_DEFAULT") is None:
        app.config["SEND_FILE_MAX_AGE_DEFAULT"] = STATIC_MAX_AGE
    compress.init_app(app)
    app.after_request(compress_public_response)
