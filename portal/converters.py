"""URL converters: record ids are positive integers small enough for every database's INTEGER."""

from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter, Map

#: Largest id a report or version can have (a signed 32-bit INTEGER, PostgreSQL's ``int4``).
MAX_RECORD_ID = 2**31 - 1


class RecordIdConverter(IntegerConverter):
    """``<id:name>``: 1 … :data:`MAX_RECORD_ID`; anything else does not match (→ 404)."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        super().__init__(url_map, min=1, max=MAX_RECORD_ID)


def is_record_id(value: int | None) -> bool:
    """True when ``value`` can be the id of a stored record."""
    return value is not None and 1 <= value <= MAX_RECORD_ID
