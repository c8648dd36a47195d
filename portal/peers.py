"""Where a report's rates stand among its peers: the same level, agency kind and year.

A percentile means something only with enough requests behind it: the report's rate must rest
on at least :data:`MIN_REQUESTS` requests (its denominator), and so must each peer's; and there
must be at least :data:`MIN_PEERS` such peers. Otherwise the page says why there is none.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Any

from figures.catalogue import FIGURES_BY_KEY, NAMED_FIGURES, RATE_FIGURES, Figure
from figures.values import figure_values, report_tables
from index.backend import SearchBackend, SearchRequest
from portal.labels import value_label

#: Fewest requests (a rate's denominator) a report needs for its rate to be ranked.
MIN_REQUESTS = 30
#: Fewest peers (each with enough requests) a ranking needs.
MIN_PEERS = 10
#: Most peers read for one ranking.
MAX_PEERS = 5000
#: Rates ranked among peers.
PEER_RATES: tuple[str, ...] = ("disclosure_rate", "grant_rate", "review_correction_rate")


@dataclass(frozen=True)
class PeerStanding:
    """One rate of a report among its peers."""

    rate: Figure
    value: float | None
    #: Share of peers whose rate is at most the report's, 0–100; None when not computed.
    percentile: float | None
    peers: int
    #: Why no percentile was computed (Chinese, shown as is).
    reason: str = ""

    def as_json(self) -> dict[str, Any]:
        """The API form."""
        return {
            "rate": self.rate.key,
            "value": self.value,
            "percentile": self.percentile,
            "peers": self.peers,
            "reason": self.reason or None,
        }


def peer_group_label(report: Any) -> str:
    """``2023年 县级 公安局``: how the peer group is defined, in words."""
    return f"{report.year}年 {value_label('level', report.level)} {report.agency_kind}"


def report_peer_standings(backend: SearchBackend, report: Any) -> list[PeerStanding]:
    """The standing of each of :data:`PEER_RATES` of a stored report among its peers."""
    values = figure_values(report_tables(report), NAMED_FIGURES + RATE_FIGURES)
    return peer_standings(backend, report, values)


def peer_standings(
    backend: SearchBackend, report: Any, values: dict[str, Any]
) -> list[PeerStanding]:
    """The standing of each of :data:`PEER_RATES` of ``report`` (with its figure ``values``)."""
    if not (report.year and report.level and report.agency_kind):
        return [
            PeerStanding(
                FIGURES_BY_KEY[key], values.get(key), None, 0, "报告的年度、层级或机关类别未知"
            )
            for key in PEER_RATES
        ]
    return [_standing(backend, report, values, FIGURES_BY_KEY[key]) for key in PEER_RATES]


def _standing(
    backend: SearchBackend, report: Any, values: dict[str, Any], rate: Figure
) -> PeerStanding:
    value = values.get(rate.key)
    base = rate.denominator[0]
    requests = _denominator(values, rate)
    if value is None or requests is None:
        return PeerStanding(rate, value, None, 0, "本报告没有这一比率")
    if requests < MIN_REQUESTS:
        return PeerStanding(rate, value, None, 0, f"本报告的分母不足 {MIN_REQUESTS} 件")
    peers = _peer_rates(backend, report, rate, base)
    if len(peers) < MIN_PEERS:
        return PeerStanding(
            rate,
            value,
            None,
            len(peers),
            f"分母不少于 {MIN_REQUESTS} 件的同类机关不足 {MIN_PEERS} 个",
        )
    percentile = round(100 * bisect_right(peers, value) / len(peers), 1)
    return PeerStanding(rate, value, percentile, len(peers))


def _denominator(values: dict[str, Any], rate: Figure) -> float | None:
    first, *others = (values.get(key) for key in rate.denominator)
    if first is None or any(other is None for other in others):
        return None
    return first - sum(others)  # type: ignore[arg-type]


def _peer_rates(backend: SearchBackend, report: Any, rate: Figure, base: str) -> list[float]:
    """The rates of the peers (the report included) with enough requests, sorted."""
    request = SearchRequest(
        query=f"{base}>={MIN_REQUESTS}",
        filters={
            "year": [str(report.year)],
            "level": [report.level],
            "agency_kind": [report.agency_kind],
        },
        facets=(),
        sort="year",
        page_size=1000,
    )
    rates: list[float] = []
    page = 1
    while len(rates) < MAX_PEERS:
        result = backend.search(_with_page(request, page))
        for hit in result.hits:
            denominator = _denominator(hit.figures, rate)
            hit_rate = hit.figures.get(rate.key)
            if hit_rate is not None and denominator is not None and denominator >= MIN_REQUESTS:
                rates.append(hit_rate)
        if page * request.page_size >= result.total:
            break
        page += 1
    return sorted(rates)


def _with_page(request: SearchRequest, page: int) -> SearchRequest:
    return replace(request, page=page)


def percentiles_among_peers(
    backend: SearchBackend, reports: list[Any], values: dict[int, dict[str, Any]], rate_key: str
) -> dict[int, float | None]:
    """Each report's percentile of one rate among its peers (None where it is not computed);
    the peer group of each (year, level, kind) is read once."""
    rate = FIGURES_BY_KEY[rate_key]
    groups: dict[tuple[Any, Any, Any], list[float]] = {}
    result: dict[int, float | None] = {}
    for report in reports:
        own = values.get(report.id, {})
        value = own.get(rate_key)
        requests = _denominator(own, rate)
        if (
            value is None
            or requests is None
            or requests < MIN_REQUESTS
            or not (report.year and report.level and report.agency_kind)
        ):
            result[report.id] = None
            continue
        key = (report.year, report.level, report.agency_kind)
        if key not in groups:
            groups[key] = _peer_rates(backend, report, rate, rate.denominator[0])
        peers = groups[key]
        result[report.id] = (
            round(100 * bisect_right(peers, value) / len(peers), 1)
            if len(peers) >= MIN_PEERS
            else None
        )
    return result
