"""Failed sign-ins counted per network address, with a limit of their own.

django-axes locks an account after a few failures (``LOGIN_FAILURE_LIMIT``). An address
gets a far higher limit (``LOGIN_ADDRESS_FAILURE_LIMIT``): a training centre or an office
puts hundreds of people behind one NAT address, and one room's typos on exam day must not
lock the whole room out, while one machine trying many accounts still is. The address is
``latih.common.netaddr.client_address``: behind reverse proxies, the visitor's, not the proxy's.

Counters live in the ``counters`` cache, in a fixed window that starts with the first
count: Redis in production; in the embedded mode a table of the database
(``CounterCache``), so that every process of the installation — the server, and
``manage.py unlock_address`` run beside it — sees the same counts.
"""

import base64
import pickle

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connections, router, transaction
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.timezone import now

from latih.common.netaddr import client_address

_PREFIX = "latih:sign-in-failures:"
COUNTERS = "counters"


class CounterCache(DatabaseCache):
    """Django's database cache, with an ``incr`` that counts like Redis' INCR.

    Django's generic ``incr`` reads, then writes the value back with the default timeout:
    two processes can both read 4 and write 5, and every count would move the end of the
    window. This one updates the row under a lock (``SELECT ... FOR UPDATE``; SQLite's
    write transactions are IMMEDIATE here, which serialises them) and keeps its expiry.
    """

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, value_column, key_column = quote(self._table), quote("value"), quote("cache_key")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {value_column} FROM {table} WHERE {key_column} = %s "  # noqa: S608
                f"AND {quote('expires')} >= %s{lock}",
                [key, connection.ops.adapt_datetimefield_value(now().replace(microsecond=0))],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found.")
            stored = connection.ops.process_clob(row[0])
            # The same encoding as DatabaseCache's own get and set: our own rows.
            value = pickle.loads(base64.b64decode(stored.encode())) + delta  # noqa: S301
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {value_column} = %s WHERE {key_column} = %s",  # noqa: S608
                [encoded, key],
            )
        return value


@receiver(post_migrate, dispatch_uid="latih-create-counter-table")
def _create_counter_table(sender: object, using: str = "default", **kwargs: object) -> None:
    """``migrate`` also creates the counters' table when they live in the database."""
    if getattr(sender, "name", None) == "latih.accounts":
        call_command("createcachetable", database=using, verbosity=0)


def _key(address: str) -> str:
    return _PREFIX + address


def count_in_window(key: str, window: int) -> int:
    """Add one to a shared counter that starts with its first count and lasts ``window``
    seconds; returns the new count."""
    counters = caches[COUNTERS]
    counters.add(key, 0, timeout=window)
    try:
        return counters.incr(key)
    except ValueError:  # expired between add and incr: start a new window
        counters.set(key, 1, timeout=window)
        return 1


def record_failure(request: HttpRequest) -> None:
    address = client_address(request)
    if not address:
        return
    count_in_window(_key(address), int(settings.AXES_COOLOFF_TIME.total_seconds()))


def is_locked(address: str | None) -> bool:
    if not address:
        return False
    return caches[COUNTERS].get(_key(address), 0) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


def unlock(address: str) -> bool:
    """Forget the failures counted for ``address``; False if none were counted."""
    return bool(caches[COUNTERS].delete(_key(address)))


class AddressLockBackend:
    """First in the backend list: refuses every sign-in from a locked address.

    Raising PermissionDenied stops Django from asking the other backends. The refusal is
    marked as a lock for django-axes too (``axes_locked_out``; with
    ``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False`` axes then records nothing):
    the person whose NIP was typed did nothing wrong, and their own account must not
    count it. It has no ``get_user`` on purpose: it never signs anyone in, so sessions
    never name it.
    """

    def authenticate(self, request: HttpRequest | None, **credentials: object) -> None:
        if request is not None and is_locked(client_address(request)):
            request.latih_address_locked = True
            request.axes_locked_out = True
            raise PermissionDenied
        return None
