"""How official the place a report was fetched from is, for its region.

``official``: a .gov.cn portal of the report's own region or of a region above it (by the domain
table), ``government``: another government's site, ``mirror``: any other web site, ``file``: a
local file. The record of a report keeps its most official source.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from parsers.tagging.domains import divisions_for_url

#: How official a source is; a report's record is its highest-ranked source.
SOURCE_RANK = {"official": 3, "government": 2, "mirror": 1, "file": 0}
SOURCE_LABELS = {
    "official": "官方来源",
    "government": "其他政府网站",
    "mirror": "转载/镜像",
    "file": "本地文件",
}


def source_role(url: str | None, province: str | None, city: str | None, county: str | None) -> str:
    """The role of ``url`` as a source of a report tagged with this region."""
    if not url or not url.startswith(("http://", "https://")):
        return "file"
    host = (urlsplit(url).hostname or "").lower()
    if not host.endswith(".gov.cn"):
        return "mirror"
    own = {name for name in (province, city, county) if name}
    for divisions, _ in divisions_for_url(url):
        for division in divisions:
            if division.name in own:
                return "official"  # the region's own portal, or the portal of a region above it
    return "government"
