"""The client's network address: the one function every per-address limit asks.

Without a reverse proxy (``TRUSTED_PROXY_COUNT = 0``) the address is the connection's
peer, ``REMOTE_ADDR``; ``X-Forwarded-For`` is then whatever the client chose to send and is
ignored. Behind ``n`` proxies each one appends the address it was connected from to
``X-Forwarded-For``, so the client's address is the ``n``-th entry from the right: entries
further left were written by the client and can be anything. A header that is missing,
too short or malformed where it matters falls back to ``REMOTE_ADDR`` (the nearest proxy):
a misconfigured proxy then makes everyone one address, visibly, instead of letting a
client choose its own.

Addresses are normalised (``::FFFF:10.0.0.1`` is ``10.0.0.1``; IPv6 in its compressed
form), so that one client cannot appear as many by spelling its address differently. An
IPv6 address counts as its /64 network (``2001:db8::1`` and ``2001:db8::2`` are both
``2001:db8::``): one home, phone or server is given a whole /64 and could otherwise take a
fresh address for every try.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

# The longest address text a proxy writes ("ffff:...:255.255.255.255" is 45 characters),
# with room for brackets and spaces: only this much per trusted entry is ever read.
_ENTRY = 64
# An IPv6 client is its /64: the smallest block a network hands to one subscriber.
IPV6_PREFIX = 64


def normalize(text: str) -> str | None:
    """The canonical form of an IP address written as text, or None if it is not one."""
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    text = text.split("%", 1)[0]  # an IPv6 zone names the proxy's interface, not the client
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, IPV6_PREFIX), strict=False).network_address)
    return str(address)


def forwarded_entry(header: str, proxies: int) -> str | None:
    """The ``proxies``-th entry from the right of an X-Forwarded-For value, normalised, or
    None when there are fewer entries or that one is not an address.

    Only the header's last ``proxies`` × 64 characters are read, so a client that pads the
    header (it can write the left part) costs nothing and changes nothing."""
    if proxies < 1:
        return None
    limit = proxies * _ENTRY
    if len(header) > limit:
        # Drop the partial entry at the cut: a trusted entry always fits in the tail.
        header = header[-limit:].partition(",")[2]
    entries = header.rsplit(",", proxies)
    if len(entries) < proxies:
        return None
    return normalize(entries[-proxies])


def client_address(request: HttpRequest) -> str | None:
    """The address of the client that sent ``request``, trusting exactly
    ``settings.TRUSTED_PROXY_COUNT`` reverse proxies; None if there is none at all."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = forwarded_entry(request.META.get("HTTP_X_FORWARDED_FOR", ""), proxies)
        if forwarded is not None:
            return forwarded
    return normalize(request.META.get("REMOTE_ADDR") or "")
