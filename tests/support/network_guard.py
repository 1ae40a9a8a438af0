"""Record and block every attempt to reach a non-loopback address (used by the no-network tests)."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from contextlib import contextmanager


class Blocked(ConnectionRefusedError):
    """Raised instead of reaching a remote address: the attempt is recorded and nothing is sent."""


def _remote(host: object) -> bool:
    if host in (None, "localhost", "") or isinstance(host, bytes | int):
        return False
    try:
        return not ipaddress.ip_address(str(host)).is_loopback
    except ValueError:
        return True  # a host name that would need a lookup


@contextmanager
def record_outbound() -> Iterator[list[object]]:
    """Wrap socket connect/connect_ex/create_connection/getaddrinfo; yield the list of remote targets tried."""
    seen: list[object] = []
    real = (socket.socket.connect, socket.socket.connect_ex, socket.create_connection, socket.getaddrinfo)
    real_connect, real_connect_ex, real_create, real_getaddrinfo = real

    def check(family: int, address: object) -> None:
        if family in (socket.AF_INET, socket.AF_INET6) and _remote(address[0]):  # type: ignore[index]
            seen.append(address)
            raise Blocked(f"blocked a connection to {address}")

    def connect(self: socket.socket, address: object) -> None:
        check(self.family, address)
        real_connect(self, address)  # type: ignore[arg-type]

    def connect_ex(self: socket.socket, address: object) -> int:
        check(self.family, address)
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    def create_connection(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        check(socket.AF_INET, address)
        return real_create(address, *args, **kwargs)  # type: ignore[arg-type]

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if _remote(host):
            seen.append(host)
            raise socket.gaierror(f"blocked a lookup of {host}")
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    socket.socket.connect, socket.socket.connect_ex = connect, connect_ex  # type: ignore[method-assign]
    socket.create_connection, socket.getaddrinfo = create_connection, getaddrinfo  # type: ignore[assignment]
    try:
        yield seen
    finally:
        socket.socket.connect, socket.socket.connect_ex = real_connect, real_connect_ex  # type: ignore[method-assign]
        socket.create_connection, socket.getaddrinfo = real_create, real_getaddrinfo  # type: ignore[assignment]
