"""The site's public address, which certificates' QR codes hold (``SITE_URL``).

Production must set ``SITE_URL``: the system check ``check_site_url`` (every
``manage.py`` command, ``check --deploy`` included) and ``require_site_url`` (called by
``wsgi.py`` when gunicorn starts) refuse to go on without it, and ``site_url`` refuses to
print a certificate without it. The embedded mode (no ``SECRET_KEY`` in the environment,
``settings.EMBEDDED``) needs nothing: ``manage.py serve`` (``make run``) sets it to the
address it listens on (``served_at``), so ``PORT=9000 make run`` prints QR codes that open
on port 9000.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

MISSING = (
    "SITE_URL is not set. Set it to the public address of this site, such as "
    "https://latih.example.go.id: certificates print it in their QR codes."
)
HINT = "Set the SITE_URL environment variable (docs/operations.md)."


def problem(site_url: str, *, embedded: bool) -> str | None:
    """Why ``site_url`` cannot be the site's public address, or None."""
    if not site_url:
        return None if embedded else MISSING
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return (
            f"SITE_URL {site_url!r} is not an address: it must start with https:// (or "
            "http://) and name the host, such as https://latih.example.go.id."
        )
    if parts.query or parts.fragment:
        return f"SITE_URL {site_url!r} must not have a query (?) or fragment (#)."
    return None


def _current_problem() -> str | None:
    return problem(settings.SITE_URL, embedded=getattr(settings, "EMBEDDED", False))


@checks.register("latih")
def check_site_url(app_configs: object = None, **kwargs: object) -> list[checks.CheckMessage]:
    """System check: production has a well-formed SITE_URL."""
    message = _current_problem()
    if message is None:
        return []
    return [checks.Error(message, hint=HINT, id="latih.E001")]


def require_site_url() -> None:
    """Refuse to start a production server without a well-formed SITE_URL."""
    message = _current_problem()
    if message is not None:
        raise ImproperlyConfigured(f"{message} {HINT}")


def site_url() -> str:
    """The public address, without a trailing slash."""
    address = settings.SITE_URL.rstrip("/")
    if not address:
        raise ImproperlyConfigured(f"{MISSING} {HINT}")
    return address


def served_at(address: str, port: int | str) -> str:
    """The address a browser reaches the embedded server at, when it listens on
    ``address``:``port``. A server listening on every interface (0.0.0.0, ::) is reached
    from phones on the same network by this machine's own network address."""
    host = address.strip("[]")
    try:
        ip = ipaddress.ip_address(host if host not in ("", "0") else "0.0.0.0")  # noqa: S104
    except ValueError:  # a host name
        return f"http://{host}:{port}"
    if ip.is_unspecified:
        ip = ipaddress.ip_address(_network_address(ipv6=ip.version == 6))
    host = f"[{ip}]" if ip.version == 6 else str(ip)
    return f"http://{host}:{port}"


def _network_address(*, ipv6: bool) -> str:
    """This machine's address on its network; the loopback address if it has none. A
    datagram socket "connected" to an outside address sends nothing: it only picks the
    interface a packet would leave by."""
    family, probe, loopback = (
        (socket.AF_INET6, "2001:db8::1", "::1")
        if ipv6
        else (socket.AF_INET, "192.0.2.1", "127.0.0.1")
    )
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe_socket:
            probe_socket.connect((probe, 9))
            address = probe_socket.getsockname()[0]
    except OSError:
        return loopback
    return address if not ipaddress.ip_address(address).is_unspecified else loopback
