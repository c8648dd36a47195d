"""Refuse hosts that resolve to private, loopback, link-local or reserved addresses (SSRF guard)."""

from __future__ import annotations

import ipaddress
import socket

from config import Settings
from crawler.errors import PrivateAddressRefused
from crawler.urls import host_of


class AddressGuard:
    """Checks a URL's host before each request (also after each redirect)."""

    def __init__(self, *, allow_private: bool) -> None:
        self.allow_private = allow_private

    @classmethod
    def from_settings(cls, settings: Settings) -> AddressGuard:
        """The guard configured by ``allow_private_addresses``."""
        return cls(allow_private=settings.allow_private_addresses)

    def check(self, url: str) -> None:
        """Raise :class:`PrivateAddressRefused` unless every address of the host is public."""
        if self.allow_private:
            return
        host = host_of(url)
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError) as error:
            raise PrivateAddressRefused(url, f"cannot resolve {host}: {error}") from error
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
            if is_non_public(address):
                raise PrivateAddressRefused(url, f"{host} resolves to non-public address {address}")


def is_non_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address must never be crawled."""
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )
