"""CSV download names built from crawled data cannot break or inject response headers."""

from __future__ import annotations

import pytest

from portal.csv_export import attachment_header


@pytest.mark.parametrize(
    "name", ['宁夏"; evil=1.csv', "宁夏\r\nSet-Cookie: a=b.csv", "宁夏\x00.csv", "a\\b;c.csv"]
)
def test_a_hostile_download_name_stays_one_well_formed_header_value(name: str) -> None:
    value = attachment_header(name)
    assert "\r" not in value and "\n" not in value and "\x00" not in value
    fallback = value.split('filename="', 1)[1].split('"', 1)[0]
    assert '"' not in fallback and ";" not in fallback and "\\" not in fallback
    assert value.count(";") == 2
