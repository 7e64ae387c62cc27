"""Domain events (latih.common.events): listeners hear what committed, never what was
rolled back; a listener in the transaction commits or rolls back with it."""

from dataclasses import dataclass

import pytest
from django.db import transaction

from latih.common import events


@dataclass(frozen=True)
class Happened:
    what: str


@dataclass(frozen=True)
class Other:
    what: str


@pytest.fixture
def heard(monkeypatch):
    """A clean registry for the test, and what its listeners heard."""
    monkeypatch.setattr(events, "_after_commit", type(events._after_commit)(list))
    monkeypatch.setattr(events, "_in_transaction", type(events._in_transaction)(list))
    return []


def test_a_listener_hears_the_event_once_the_transaction_commits(
    heard, db, django_capture_on_commit_callbacks
):
    events.listen(Happened, heard.append)
    with django_capture_on_commit_callbacks(execute=True):
        events.announce(Happened("finalized"))
        assert heard == []  # not before the commit
    assert heard == [Happened("finalized")]


def test_an_event_rolled_back_is_never_heard(heard, transactional_db):
    events.listen(Happened, heard.append)
    with pytest.raises(RuntimeError), transaction.atomic():
        events.announce(Happened("rolled back"))
        raise RuntimeError
    assert heard == []


def test_outside_a_transaction_the_listener_hears_at_once(heard, transactional_db):
    events.listen(Happened, heard.append)
    events.announce(Happened("now"))
    assert heard == [Happened("now")]


def test_a_listener_hears_only_its_type_and_registering_twice_is_once(heard, transactional_db):
    events.listen(Happened, heard.append)
    events.listen(Happened, heard.append)
    events.announce(Other("not for it"))
    events.announce(Happened("for it"))
    assert heard == [Happened("for it")]


def test_a_failing_listener_is_logged_and_the_others_still_hear(heard, transactional_db, caplog):
    def broken(event):
        raise ValueError("listener bug")

    events.listen(Happened, broken)
    events.listen(Happened, heard.append)
    events.announce(Happened("done"))
    assert heard == [Happened("done")]
    assert "listener bug" in caplog.text


def test_a_listener_in_the_transaction_rolls_back_with_it(heard, transactional_db):
    def refuse(event):
        heard.append(event)
        raise ValueError("cannot queue")

    events.listen(Happened, refuse, in_transaction=True)
    with pytest.raises(ValueError, match="cannot queue"), transaction.atomic():
        events.announce(Happened("finalized"))
    assert heard == [Happened("finalized")]
