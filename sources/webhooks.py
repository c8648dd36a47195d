"""Where a watch's webhook may POST: http(s) only, and never into the private network unless
configured (the portal checks an admin's URL with the same rule the sender applies)."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


class DeliveryRefused(RuntimeError):
    """A notification that must not be sent (not worth retrying)."""


def check_webhook_url(url: str, *, allow_private: bool) -> None:
    """Refuse a webhook that is not http(s) or whose host resolves to a private address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DeliveryRefused(f"not an http(s) URL: {url}")
    if allow_private:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 80)}
    except socket.gaierror as error:
        raise RuntimeError(f"cannot resolve {parts.hostname}: {error}") from error
    for address in addresses:
        ip = ipaddress.ip_address(str(address).split("%")[0])
        if not ip.is_global:
            raise DeliveryRefused(f"webhook address {address} is private or local: refused")
