"""A naive client's raw UTF-8 query string (``?q=灵武市`` unencoded) is read as UTF-8."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from werkzeug.serving import make_server

from portal.query_strings import repaired


@pytest.fixture
def served(app: Flask) -> Iterator[int]:
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()


def _raw_get(port: int, target: bytes) -> tuple[bytes, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    return head.split(b"\r\n")[0], body


def test_raw_utf8_in_the_query_string_is_read_as_utf8(served: int) -> None:
    status, body = _raw_get(served, "/api/v1/search?q=灵武市&year=2021".encode())
    assert b" 200 " in status
    document = json.loads(body)
    assert document["query"] == "灵武市"


def test_percent_encoded_and_plain_latin1_arguments_are_left_alone() -> None:
    assert repaired("灵武市") == "灵武市"
    assert repaired("café") == "café"
    assert repaired("year") == "year"
    assert repaired("灵武市".encode().decode("latin-1")) == "灵武市"
