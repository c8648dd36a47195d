"""The downloader and its middlewares: address guard, robots.txt, per-host throttle, HTTP cache."""

from crawler.downloader.address_guard import AddressGuard
from crawler.downloader.fetcher import Fetcher, FetchRequest, Response
from crawler.downloader.http_cache import HttpCache, Validators
from crawler.downloader.robots import RobotsPolicy
from crawler.downloader.throttle import HostThrottle

__all__ = [
    "AddressGuard",
    "FetchRequest",
    "Fetcher",
    "HostThrottle",
    "HttpCache",
    "Response",
    "RobotsPolicy",
    "Validators",
]
