"""Failed sign-ins counted per network address, with a limit of their own.

django-axes locks an account after a few failures (``LOGIN_FAILURE_LIMIT``). An address
gets a far higher limit (``LOGIN_ADDRESS_FAILURE_LIMIT``): a training centre or an office
puts hundreds of people behind one NAT address, and one room's typos on exam day must not
lock the whole room out, while one machine trying many accounts still is.

The counter lives in the cache (Redis in production), in a fixed window that starts with
the first failure.
"""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

_PREFIX = "latih:sign-in-failures:"


def _key(address: str) -> str:
    return _PREFIX + address


def address_of(request: HttpRequest) -> str | None:
    """The client's address, as django-axes sees it (trusting the configured proxies)."""
    return get_client_ip_address(request)


def count_in_window(key: str, window: int) -> int:
    """Add one to a counter in the cache that starts with its first count and lasts
    ``window`` seconds; returns the new count."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: start a new window
        cache.set(key, 1, timeout=window)
        return 1


def record_failure(request: HttpRequest) -> None:
    address = address_of(request)
    if not address:
        return
    count_in_window(_key(address), int(settings.AXES_COOLOFF_TIME.total_seconds()))


def is_locked(address: str | None) -> bool:
    return bool(address) and cache.get(_key(address), 0) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


def unlock(address: str) -> None:
    cache.delete(_key(address))


class AddressLockBackend:
    """First in the backend list: refuses every sign-in from a locked address.

    Raising PermissionDenied stops Django from asking the other backends. It has no
    ``get_user`` on purpose: it never signs anyone in, so sessions never name it.
    """

    def authenticate(self, request: HttpRequest | None, **credentials: object) -> None:
        if request is not None and is_locked(address_of(request)):
            request.latih_address_locked = True
            raise PermissionDenied
        return None
