"""Domain events: an app announces what happened; the apps above it that care listen.

So that an app never imports the apps above it (pretix's signals are the model): the
cohorts app announces that a cohort's results are final, and the certificates app, which
listens, queues their issuance. An event is a frozen dataclass defined by the app that
announces it (its ``events.py``); listeners are registered in their app's
``AppConfig.ready``.

- ``listen(Event, listener)``: the listener runs once the announcing transaction has
  committed (at once outside a transaction), so it never sees what is then rolled back.
  A listener that fails is logged and does not stop the others, nor the request that
  announced: what happened has happened.
- ``listen(Event, listener, in_transaction=True)``: the listener runs at once, inside the
  announcing transaction, for work that must commit with it or not at all (queueing a
  durable job); its failure rolls the whole change back.
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import transaction

log = logging.getLogger(__name__)

Listener = Callable[[Any], None]

_after_commit: defaultdict[type, list[Listener]] = defaultdict(list)
_in_transaction: defaultdict[type, list[Listener]] = defaultdict(list)


def listen(event_type: type, listener: Listener, *, in_transaction: bool = False) -> None:
    """Call ``listener(event)`` for every announced event of ``event_type`` (once, however
    often an app's ``ready`` registers it)."""
    listeners = (_in_transaction if in_transaction else _after_commit)[event_type]
    if listener not in listeners:
        listeners.append(listener)


def announce(event: object) -> None:
    """Tell the listeners of ``type(event)`` that it happened."""
    for listener in list(_in_transaction.get(type(event), ())):
        listener(event)
    after = list(_after_commit.get(type(event), ()))
    if after:
        transaction.on_commit(lambda: _deliver(event, after))


def _deliver(event: object, listeners: list[Listener]) -> None:
    for listener in listeners:
        try:
            listener(event)
        except Exception:
            log.exception("listener %r failed on %r", listener, event)
