"""A report's fields are declared once (``parsers.model``) and every other shape follows it.

These tests fail when a tag field is added to the declaration but not carried by the database,
the index document, the API's schemas or the CSV columns.
"""

from __future__ import annotations

import dataclasses

from archive.indexing import INDEXED_TAGS
from index.backend import Hit, IndexDocument
from parsers.model import TAG_FIELDS, ParsedReport
from portal.api_models import component_schemas
from portal.serializers import TAG_COLUMNS
from storage.models import Report


def test_every_tag_field_is_declared_on_the_parsed_report() -> None:
    declared = {field.name for field in dataclasses.fields(ParsedReport)}
    assert set(TAG_FIELDS) <= declared


def test_the_database_stores_every_tag_field() -> None:
    columns = set(Report.__table__.columns.keys())
    assert set(TAG_FIELDS) <= columns


def test_the_index_keeps_the_tags_it_declares_under_the_same_names() -> None:
    index_fields = {field.name for field in dataclasses.fields(IndexDocument)}
    shared = (index_fields & set(TAG_FIELDS)) - {"title", "agency"}
    assert set(INDEXED_TAGS) == shared
    hit_fields = {field.name for field in dataclasses.fields(Hit)}
    assert hit_fields - {"score", "snippet"} <= index_fields


def test_the_api_and_the_csv_carry_every_tag_field() -> None:
    schemas = component_schemas()
    for model in ("Tags", "Report", "ComparedReport"):
        assert set(TAG_FIELDS) <= set(schemas[model]["properties"]), model
    assert TAG_COLUMNS[1:-1] == TAG_FIELDS
