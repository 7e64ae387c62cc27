"""Helpers of the evaluation studio's tests: messages as the pages show them, and
graded attempts built through the services under a frozen clock."""

import datetime as dt
import random
from decimal import Decimal as D

from django.utils import translation
from django.utils.html import escape

from latih.common import clock
from latih.exams import services
from tests.factories import enrol, finish_course, make_person

from .conftest import T0


def shown(message, **values):
    """A message as the pages show it: in the default language, filled in, escaped."""
    with translation.override("id"):
        text = translation.gettext(message)
    return escape(text % values if values else text)


def shown_n(singular, plural, count, key="count", **values):
    """A message with a number (ngettext, or a template's {% blocktranslate count %})."""
    with translation.override("id"):
        text = translation.ngettext(singular, plural, count)
    return escape(text % {key: count, **values})


def ready(agency, course, name=None):
    """A participant who meets every rule of the course's academic evaluation."""
    person = make_person(agency, name=name)
    enrol(person, course)
    with clock.freeze(T0):
        finish_course(person, course)
    return person


def right_option(item):
    return max(item.options, key=lambda option: D(option["fraction"]))["id"]


def wrong_option(item):
    """The first option worth nothing, in the bank's order."""
    return min(
        (option for option in item.options if D(option["fraction"]) <= 0),
        key=lambda option: option["id"],
    )["id"]


def graded(person, test, answers, seconds=0):
    """An attempt started at T0 + seconds, answered and submitted; ``answers`` maps a
    question's text to "right", "wrong" or None (left unanswered)."""
    with clock.freeze(T0 + dt.timedelta(seconds=seconds)):
        attempt = services.start_attempt(person, test, random.Random(seconds))
    with clock.freeze(T0 + dt.timedelta(seconds=seconds + 60)):
        for item in attempt.items.all():
            how = answers.get(item.text)
            if how is None:
                continue
            chosen = right_option(item) if how == "right" else wrong_option(item)
            services.save_answer(person, attempt.pk, item.position, [chosen], seq=1)
        return services.submit_attempt(attempt)
