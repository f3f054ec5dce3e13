"""The real address of the person making a request, as the configured proxies saw it.

With no proxy (``BEHIND_PROXY`` false) only the connection's own address counts: an
``X-Forwarded-For`` header is whatever the client chose to send. Behind N proxies, each
proxy appends the address it saw to the header, so the Nth entry from the right is the one
the outermost trusted proxy saw; anything further left was written by the client.
"""

import ipaddress

from django.conf import settings

UNKNOWN = "unknown"


def client_address(request) -> str:
    """The client's IP address as text, trusting forwarded headers from ``settings.BEHIND_PROXY`` proxies only."""
    proxies = getattr(settings, "BEHIND_PROXY", 0)
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if forwarded:
            # Fewer entries than proxies: the leftmost came from the outermost proxy.
            remote = forwarded[-min(proxies, len(forwarded))]
    try:
        return str(ipaddress.ip_address(remote.strip()))
    except ValueError:
        return UNKNOWN


def client_network(request) -> str:
    """What limits key on: an IPv4 address, or the /64 network of an IPv6 one (one household or device)."""
    address = client_address(request)
    if address == UNKNOWN:
        return address
    parsed = ipaddress.ip_address(address)
    if parsed.version == 6:
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return address
