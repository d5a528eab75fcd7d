"""The address the room can reach the app at: the laptop's own network address, found by itself."""

import ipaddress
import socket

ALL_INTERFACES = ("0.0.0.0", "::", "")
# A documentation address (TEST-NET-1): connecting a UDP socket to it only asks the system which
# interface it would use; no packet is sent, and no network outside is needed.
PROBE = ("192.0.2.1", 9)


def outward_address() -> str | None:
    """This machine's address on its network (the interface traffic would leave by), or None."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(PROBE)
            address = probe.getsockname()[0]
    except OSError:
        return None  # no network at all
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return None
    if parsed.is_loopback or parsed.is_unspecified or parsed.is_link_local:
        return None
    return address


def is_loopback(host: str | None) -> bool:
    """Whether a host name or address means this machine only (localhost, 127.x, ::1)."""
    host = (host or "").strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def room_address(listen_host: str | None, port: int, found: str | None) -> str | None:
    """The URL the room's devices can use, when the server listens where they can reach it.

    `listen_host` is the address `toolkit serve` listens on; `found` the network address
    (outward_address()). None when the server listens on this machine only or has no network.
    """
    if listen_host is None or is_loopback(listen_host):
        return None
    if listen_host in ALL_INTERFACES:
        if not found:
            return None
        listen_host = found
    shown = f"[{listen_host}]" if ":" in listen_host else listen_host
    return f"http://{shown}" if port == 80 else f"http://{shown}:{port}"
