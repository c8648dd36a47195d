"""Refuse hosts that resolve to private, loopback, link-local or reserved addresses (SSRF guard).

Two checks apply the same rule (:func:`is_non_public`):

- :class:`AddressGuard` resolves a URL's host before each request and after each redirect, which
  gives a clear early error;
- :class:`PeerCheckingAdapter`, mounted on the fetcher's ``requests`` session, checks the address
  each new connection actually reached. ``requests`` resolves the host again when it connects, so
  without this a DNS server answering a public address to the first lookup and a private one to the
  second (DNS rebinding) would get past the guard.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any

from requests.adapters import DEFAULT_POOLBLOCK, HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from config import Settings
from crawler.errors import PrivateAddressRefused
from sources.urls import host_of

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: Whether an address must be refused.
AddressRule = Callable[[IPAddress], bool]
#: A host's addresses, as text (``socket.getaddrinfo`` by default).
Resolver = Callable[[str], list[str]]


def is_non_public(address: IPAddress) -> bool:
    """Whether an address must never be crawled."""
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


def resolve_with_dns(host: str) -> list[str]:
    """Every address ``host`` resolves to for TCP."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


class AddressGuard:
    """Checks a URL's host before each request (also after each redirect)."""

    def __init__(self, *, allow_private: bool, resolve: Resolver = resolve_with_dns) -> None:
        self.allow_private = allow_private
        self.resolve = resolve

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
            addresses = self.resolve(host)
        except (socket.gaierror, UnicodeError) as error:
            raise PrivateAddressRefused(url, f"cannot resolve {host}: {error}") from error
        for text in addresses:
            address = ipaddress.ip_address(text.split("%")[0])
            if is_non_public(address):
                raise PrivateAddressRefused(
                    url,
                    f"{host} resolves to non-public address {address} "
                    "(set NIANBAO_ALLOW_PRIVATE_ADDRESSES=1 to crawl portals on this machine "
                    "or a private network)",
                )


class NonPublicPeer(Exception):
    """A new connection reached a refused address; the fetcher turns it into
    :class:`PrivateAddressRefused` for the URL it was fetching.

    Deliberately not an ``OSError``: urllib3 and ``requests`` would retry or wrap those.
    """

    def __init__(self, host: str, address: IPAddress) -> None:
        super().__init__(f"connection to {host} reached non-public address {address}; refused")
        self.host = host
        self.address = address


def check_peer(sock: socket.socket, host: str, refuse: AddressRule) -> socket.socket:
    """``sock`` if the address it is connected to is allowed; otherwise close it and raise
    :class:`NonPublicPeer` (nothing has been sent on it yet)."""
    address = ipaddress.ip_address(str(sock.getpeername()[0]).split("%")[0])
    if refuse(address):
        sock.close()
        raise NonPublicPeer(host, address)
    return sock


def peer_checking_pools(refuse: AddressRule) -> dict[str, type[HTTPConnectionPool]]:
    """urllib3 pool classes (by scheme) whose connections check their peer right after the TCP
    connect, before any byte (TLS handshake or request) is sent."""

    # ``_new_conn`` is urllib3's "open the TCP socket" step, used by ``connect()`` of both classes.
    class PeerCheckingHTTPConnection(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            return check_peer(super()._new_conn(), self.host, refuse)

    class PeerCheckingHTTPSConnection(HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            return check_peer(super()._new_conn(), self.host, refuse)

    class PeerCheckingHTTPConnectionPool(HTTPConnectionPool):
        ConnectionCls = PeerCheckingHTTPConnection

    class PeerCheckingHTTPSConnectionPool(HTTPSConnectionPool):
        ConnectionCls = PeerCheckingHTTPSConnection

    return {"http": PeerCheckingHTTPConnectionPool, "https": PeerCheckingHTTPSConnectionPool}


class PeerCheckingAdapter(HTTPAdapter):
    """A ``requests`` adapter whose every new connection is refused when its peer address is
    (by ``refuse``) non-public. Proxies are not covered: the fetcher never uses one."""

    def __init__(self, refuse: AddressRule = is_non_public, **options: Any) -> None:
        self.refuse = refuse  # before HTTPAdapter.__init__, which builds the pool manager
        super().__init__(**options)

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = DEFAULT_POOLBLOCK, **pool_kwargs: Any
    ) -> None:
        """The default pool manager, with peer-checking connection pools."""
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        self.poolmanager.pool_classes_by_scheme = peer_checking_pools(self.refuse)
