"""What makes a question importable, for every reader and for the app's own editor:
``check`` returns the reasons a ``BankQuestion`` is refused, in the user's language.

The credit rules are Moodle's, so that a bank we accept imports into Moodle and back:
weights come from Moodle's list (``question_bank::fraction_options_full()``, which
Moodle's importer applies to GIFT and XML alike), a single-answer question has an option
worth 100%, and the positive weights of a multiple-answer question add up to 100%.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from . import BankQuestion

MIN_OPTIONS = 2
MAX_OPTIONS = 26  # a letter each in the spreadsheet template
MAX_QUESTION_CHARS = 10_000
MAX_OPTION_CHARS = 2_000

# Moodle's grade list in percent: p/q for q <= 6, p/10, 1/q for q <= 10, and 1/20.
_POSITIVE_GRADES = tuple(
    Decimal(value)
    for value in (
        "100 90 83.33333 80 75 70 66.66667 60 50 40 33.33333 30 25 20 16.66667 14.28571"
        " 12.5 11.11111 10 5"
    ).split()
)
MOODLE_GRADES = (*_POSITIVE_GRADES, Decimal(0), *(-grade for grade in reversed(_POSITIVE_GRADES)))
# Moodle compares fractions (0..1) within 0.00001, which is 0.001 in percent.
GRADE_TOLERANCE = Decimal("0.001")

_WEIGHT = re.compile(r"[-+]?\d+(?:[.,]\d+)?|[-+]?[.,]\d+")


def parse_weight(text: str) -> Decimal | None:
    """ "50", "-33.33333", "33,33333" (a decimal comma, as Indonesian users write) -> the
    number; None if it is not one."""
    text = text.strip().replace(" ", "")
    if not _WEIGHT.fullmatch(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def format_weight(value: Decimal) -> str:
    """50 -> "50", Decimal("33.333330") -> "33.33333", -12.5 -> "-12.5"."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def moodle_grade(value: Decimal) -> Decimal | None:
    """The grade of Moodle's list that ``value`` stands for, or None."""
    for grade in MOODLE_GRADES:
        if abs(value - grade) < GRADE_TOLERANCE:
            return grade
    return None


def nearest_moodle_grade(value: Decimal) -> Decimal:
    return min(MOODLE_GRADES, key=lambda grade: abs(value - grade))


def adds_up_to_100(total: Decimal) -> bool:
    """Moodle's test for a multiple-answer question: the positive fractions, rounded to
    two decimals of the 0..1 scale, make 1 (so 33.33333 x 3 passes)."""
    return (total / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) == 1


def check(question: BankQuestion, labels: Sequence[str] | None = None) -> list[str]:
    """Every reason ``question`` cannot be saved, or an empty list. ``labels`` name the
    options in the messages (the spreadsheet's letters); by default 1, 2, 3…"""
    messages = []
    text = question.text.strip()
    if not text:
        messages.append(_("The question text is empty."))
    elif len(text) > MAX_QUESTION_CHARS:
        messages.append(
            _("The question text is %(length)s characters long; the limit is %(limit)s.")
            % {"length": len(text), "limit": MAX_QUESTION_CHARS}
        )
    options = question.options
    if len(options) < MIN_OPTIONS:
        messages.append(
            _("A question needs at least %(minimum)s options; this one has %(count)s.")
            % {"minimum": MIN_OPTIONS, "count": len(options)}
        )
    elif len(options) > MAX_OPTIONS:
        return [*messages, too_many_options()]
    for index, option in enumerate(options):
        label = labels[index] if labels and index < len(labels) else str(index + 1)
        option_text = option.text.strip()
        if not option_text:
            messages.append(_("Option %(option)s is empty.") % {"option": label})
        elif len(option_text) > MAX_OPTION_CHARS:
            messages.append(
                _("Option %(option)s is %(length)s characters long; the limit is %(limit)s.")
                % {"option": label, "length": len(option_text), "limit": MAX_OPTION_CHARS}
            )
        if moodle_grade(option.fraction) is None:
            messages.append(
                _(
                    "Option %(option)s: weight %(weight)s%% is not one Moodle accepts; "
                    "use %(nearest)s%%."
                )
                % {
                    "option": label,
                    "weight": format_weight(option.fraction),
                    "nearest": format_weight(nearest_moodle_grade(option.fraction)),
                }
            )
    if not options:
        return messages
    if question.multiple:
        total = sum((option.fraction for option in options if option.fraction > 0), Decimal(0))
        if not adds_up_to_100(total):
            messages.append(
                _("The correct answers' weights add up to %(total)s%%, not 100%%.")
                % {"total": format_weight(total)}
            )
    elif max(option.fraction for option in options) < 100 - GRADE_TOLERANCE:
        messages.append(
            _(
                "No option is worth 100%%: a question with one correct answer needs an "
                "option with weight 100%%."
            )
        )
    return messages


# --- Messages the readers share -----------------------------------------------------------------


def _type_names() -> dict[str, str]:
    return {
        "essay": _("essay"),
        "match": _("matching"),
        "matching": _("matching"),
        "numerical": _("numerical"),
        "shortanswer": _("short answer"),
        "cloze": _("embedded answers (Cloze)"),
        "multianswer": _("embedded answers (Cloze)"),
        "gapselect": _("select missing words"),
        "ddwtos": _("drag and drop into text"),
        "ddimageortext": _("drag and drop onto image"),
        "ddmarker": _("drag and drop markers"),
        "calculated": _("calculated"),
        "calculatedmulti": _("calculated multichoice"),
        "calculatedsimple": _("simple calculated"),
        "randomsamatch": _("random short-answer matching"),
        "random": _("random"),
    }


def unsupported_type(qtype: str) -> str:
    """The message for a question of a type other than multiple choice or true/false."""
    return _(
        'Question type "%(type)s" is not supported; only multiple choice and true/false '
        "questions can be imported."
    ) % {"type": _type_names().get(qtype, quoted(qtype))}


def too_many_options() -> str:
    return _("A question may have at most %(maximum)s options.") % {"maximum": MAX_OPTIONS}


def quoted(text: str, limit: int = 40) -> str:
    """A piece of the file quoted in a message: on one line, cut to ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def skipped_description() -> str:
    return _(
        "Skipped: this is a description (text with no answers), not a question. Only "
        "multiple choice and true/false questions can be imported."
    )
