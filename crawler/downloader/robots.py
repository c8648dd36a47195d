"""robots.txt, parsed by Protego and cached per host for one run.

A robots.txt answering 4xx means "no rules" (allow everything); a 5xx or a network failure means
we cannot know, so the host is treated as disallow-all for this run. A robots.txt refused by the
address guard makes every URL of the host refused with :class:`PrivateAddressRefused`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from crawler.downloader.fetcher import Fetcher, FetchRequest, UrlCheck
from crawler.errors import FetchError, HttpStatusError, PrivateAddressRefused, RobotsDisallowed
from sources.urls import host_key


@dataclass
class RobotsRules:
    """The rules for one host: parsed robots.txt, or allow-all / disallow-all."""

    parser: Protego | None
    disallow_all: bool = False
    reason: str = ""
    #: The host's address was refused (fetching robots.txt reached a non-public address).
    address_refused: bool = False

    def allows(self, url: str, user_agent: str) -> bool:
        """Whether ``user_agent`` may fetch ``url``."""
        if self.disallow_all:
            return False
        return self.parser is None or bool(self.parser.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        """The Crawl-delay robots.txt asks of us, if any."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None


#: Bytes of a robots.txt that are read; the rest is ignored (Google's limit is 500 KiB).
ROBOTS_MAX_BYTES = 500 * 1024
#: Called after each robots.txt fetch: (robots URL, status code or None, error or None).
RobotsListener = Callable[[str, int | None, str | None], None]


class RobotsPolicy:
    """Fetches each host's robots.txt once and answers "may we fetch this URL?"."""

    def __init__(
        self,
        fetcher: Fetcher,
        *,
        user_agent: str,
        guard: UrlCheck,
        listener: RobotsListener | None = None,
    ) -> None:
        self.fetcher = fetcher
        self.user_agent = user_agent
        self.guard = guard
        self.listener = listener
        self._rules: dict[str, RobotsRules] = {}

    def rules_for(self, url: str) -> RobotsRules:
        """The (cached) rules of ``url``'s host."""
        key = host_key(url)
        if key not in self._rules:
            self._rules[key] = self._load(url)
        return self._rules[key]

    def check(self, url: str) -> None:
        """Raise :class:`RobotsDisallowed` when robots.txt forbids ``url``
        (:class:`PrivateAddressRefused` when fetching it reached a refused address)."""
        rules = self.rules_for(url)
        if not rules.allows(url, self.user_agent):
            if rules.address_refused:
                raise PrivateAddressRefused(url, rules.reason)
            reason = rules.reason or "disallowed by robots.txt"
            raise RobotsDisallowed(url, reason)

    def crawl_delay(self, url: str) -> float | None:
        """The Crawl-delay of ``url``'s host, if robots.txt sets one."""
        return self.rules_for(url).crawl_delay(self.user_agent)

    def _load(self, url: str) -> RobotsRules:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            request = FetchRequest(robots_url, read_at_most=ROBOTS_MAX_BYTES)
            response = self.fetcher.fetch(request, check_url=self.guard, delay=0.0)
        except HttpStatusError as error:
            self._notify(robots_url, error.status_code, str(error))
            if error.status_code is not None and error.status_code < 500:
                return RobotsRules(parser=None)
            return RobotsRules(None, True, f"robots.txt unavailable ({error}); host skipped")
        except PrivateAddressRefused as error:
            # The host itself is refused (its name rebound to a private address when connected
            # to): every URL of the host is refused for the same reason.
            self._notify(robots_url, None, str(error))
            return RobotsRules(None, True, str(error), address_refused=True)
        except FetchError as error:
            self._notify(robots_url, None, str(error))
            return RobotsRules(None, True, f"robots.txt unavailable ({error}); host skipped")
        self._notify(robots_url, response.status_code, None)
        text = response.body.decode("utf-8", errors="replace")
        return RobotsRules(parser=Protego.parse(text))

    def _notify(self, robots_url: str, status: int | None, error: str | None) -> None:
        if self.listener is not None:
            self.listener(robots_url, status, error)
