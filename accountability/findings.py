"""A finding: what one rule says about one report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: ``pass``: the rule holds; ``fail``: it does not; ``unknown``: it cannot be decided (say why).
STATUSES: tuple[str, ...] = ("pass", "fail", "unknown")


@dataclass(frozen=True)
class Finding:
    """The verdict of one rule on one report, with a Chinese message and the evidence."""

    rule: str
    status: str
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The stored and public JSON form."""
        return asdict(self)
