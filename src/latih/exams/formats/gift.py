"""GIFT, Moodle's plain-text question format: read as Moodle's importer
(question/format/gift/format.php) reads it, and written so that Moodle and ``read_gift``
read back the same questions.

Questions are separated by blank lines; ``//`` lines are comments. A question is
``::name::[format]text{answers}``; in the answers ``=`` marks a correct option, ``~`` a
wrong one or, with ``~%50%``, a weighted one, ``#`` starts an option's feedback and ``####``
the general feedback. ``\\`` escapes ``~ = # { } :`` and ``\\`` itself; ``\\n`` is a newline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.utils.translation import gettext as _

from latih.common import spreadsheets_limits as bounds

from . import (
    HTML,
    PLAIN,
    BankOption,
    BankQuestion,
    Reading,
    ReadResult,
    decode_text,
    excerpt,
    file_refused,
    normalize_category,
    one_format,
)
from .checks import (
    MAX_OPTIONS,
    check,
    format_weight,
    parse_weight,
    skipped_description,
    too_many_options,
    unsupported_type,
)

# Escaped characters stand in for themselves as Unicode noncharacters while the structure
# is parsed (Moodle uses "&&058;" and the like, which a text could contain).
_ESCAPABLE = ":#={}~n"
_BACKSLASH = "\ufdd0"
_HOLDERS = {char: chr(0xFDD1 + index) for index, char in enumerate(_ESCAPABLE)}
_RESTORE = {holder: ("\n" if char == "n" else char) for char, holder in _HOLDERS.items()}
_RESTORE[_BACKSLASH] = "\\"

_FORMAT_NAMES = {"html": HTML, "plain": PLAIN, "moodle": PLAIN, "markdown": PLAIN}
_WEIGHT = re.compile(r"%\s*(-?\s*\d+(?:[.,]\d+)?)\s*%")
# "%5o%", "%50.%": meant as a weight (it has a digit), but not a number.
_WEIGHT_LIKE = re.compile(r"%[^%\n]{0,12}\d[^%\n]{0,12}%")
_TRUE = ("T", "TRUE")
_FALSE = ("F", "FALSE")
_CATEGORY = "$CATEGORY:"
BLANK = "_____"


class _Refused(Exception):
    """A question that cannot be imported, with the reason."""


def read_gift(data: bytes) -> ReadResult:
    """Every multiple-choice and true/false question in a GIFT file, and a ``Problem`` for
    each other question, with the line where it starts. A file past the bounds of
    ``LIMITS`` (questions, time) is refused as a whole."""
    try:
        return _read_gift(data)
    except bounds.LimitExceeded as error:
        return file_refused(error.message)


def _read_gift(data: bytes) -> ReadResult:
    result = ReadResult()
    reading = Reading()
    category = ""
    position = 0
    for lines in _chunks(decode_text(data)):
        if lines[0][1].startswith(_CATEGORY):
            # Moodle neither escapes nor unescapes a category path.
            category = normalize_category(lines[0][1][len(_CATEGORY) :])
            lines = lines[1:]
            if not lines:
                continue
        reading.question()
        position += 1
        line = lines[0][0]
        name, text = _split_name(_protect("\n".join(text for _number, text in lines)))
        try:
            question = _read_question(name, text)
        except _Refused as refused:
            result.take(None, [str(refused)], line, position, excerpt(name or _restore(text)))
            continue
        question.category, question.line, question.position = category, line, position
        result.take(question, check(question), line, position, excerpt(question))
    return result


def _chunks(text: str) -> Iterator[list[tuple[int, str]]]:
    """The questions' lines, numbered, trimmed, without comments (Moodle trims them too)."""
    chunk: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            if chunk:
                yield chunk
            chunk = []
        elif not line.startswith("//"):
            chunk.append((number, line))
    if chunk:
        yield chunk


def _protect(text: str) -> str:
    text = text.replace("\\\\", _BACKSLASH)
    for char, holder in _HOLDERS.items():
        text = text.replace("\\" + char, holder)
    return text


def _restore(text: str) -> str:
    return "".join(_RESTORE.get(char, char) for char in text)


def _with_format(text: str, default: str) -> tuple[str, str]:
    """``[html]text`` -> (text, HTML); without a known marker, the default format."""
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        marker = text[1:end] if end > 0 else ""
        if marker in _FORMAT_NAMES:
            fmt, text = _FORMAT_NAMES[marker], text[end + 1 :]
    return _restore(text).strip(), fmt


def _split_name(text: str) -> tuple[str, str]:
    """``::name::text`` -> (name, text); without the closing ``::``, Moodle has no name."""
    if not text.startswith("::"):
        return "", text
    end = text.find("::", 2)
    if end < 0:
        return "", text[2:]
    return _restore(text[2:end]).strip(), text[end + 2 :].strip()


def _read_question(name: str, text: str) -> BankQuestion:
    start, finish = text.find("{"), text.find("}")
    if start < 0 and finish < 0:
        raise _Refused(skipped_description())
    if finish < 0:
        raise _Refused(
            _("The answer block is not closed with }. To show a { in the text, write \\{.")
        )
    if start < 0 or finish < start:
        raise _Refused(
            _("A } comes before the answer block's {. To show a } in the text, write \\}.")
        )
    answers = text[start + 1 : finish].strip()
    if text.endswith("}"):
        stem = text[:start] + text[finish + 1 :]
    else:  # the answers stand in the sentence: "missing word" style
        stem = text[:start] + BLANK + text[finish + 1 :]
    general = ""
    split = answers.rfind("####")
    if split >= 0:
        answers, general = answers[:split].strip(), answers[split + 4 :]
    stem_text, stem_format = _with_format(stem.strip(), PLAIN)
    general_text, general_format = _with_format(general.strip(), stem_format)
    kind = _kind(answers)
    if kind == "multichoice":
        multiple = "=" not in answers
        options = _choices(answers, stem_format)
    elif kind == "truefalse":
        multiple = False
        options = _true_false(answers, stem_format)
    elif kind == "no_marks":
        raise _Refused(
            _(
                "The answers must start with = (correct) or ~ (wrong), e.g. "
                "{=Jakarta ~Bandung ~Surabaya}."
            )
        )
    elif kind == "shortanswer":
        # GIFT's {=a =b} is a short answer; its authors often meant multiple choice.
        raise _Refused(
            unsupported_type(kind) + " " + _("For multiple choice, mark the wrong answers with ~.")
        )
    else:
        raise _Refused(unsupported_type(kind))
    pieces = [(stem_text, stem_format), (general_text, general_format)]
    for option_text, option_format, feedback, feedback_format, _fraction in options:
        pieces += [(option_text, option_format), (feedback, feedback_format)]
    fmt, texts = one_format(pieces)
    return BankQuestion(
        text=texts[0],
        feedback=texts[1],
        options=[
            BankOption(text=texts[2 + 2 * index], fraction=fraction, feedback=texts[3 + 2 * index])
            for index, (*_texts, fraction) in enumerate(options)
        ],
        multiple=multiple,
        name=name,
        format=fmt,
    )


def _kind(answers: str) -> str:
    """Moodle's choice of question type from the answer block, in its order."""
    if not answers:
        return "essay"
    if answers.startswith("#"):
        return "numerical"
    if "~" in answers:
        return "multichoice"
    if "=" in answers and "->" in answers:
        return "match"
    hash_at = answers.find("#")
    head = answers[:hash_at].strip() if hash_at > 0 else answers
    if head in _TRUE + _FALSE:
        return "truefalse"
    # Moodle reads {anything} as a short answer "anything"; it is almost always a slip.
    return "shortanswer" if answers.startswith("=") else "no_marks"


_Choice = tuple[str, str, str, str, Decimal]  # text, format, feedback, format, fraction


def _choices(answers: str, default: str) -> list[_Choice]:
    # Counted before they are split: "~a" a million times is a million options.
    if answers.count("~") + answers.count("=") > MAX_OPTIONS + 1:
        raise _Refused(too_many_options())
    parts = answers.replace("=", "~=").split("~")
    if not parts[0].strip():
        parts = parts[1:]
    choices = []
    for part in parts:
        part = part.strip()
        fraction = Decimal(0)
        if part.startswith("="):
            fraction, part = Decimal(100), part[1:].lstrip()
        weight = _WEIGHT.match(part)
        if weight:
            fraction = parse_weight(weight.group(1)) or Decimal(0)
            part = part[weight.end() :]
        elif _WEIGHT_LIKE.match(part):
            raise _Refused(
                _("The weight %(weight)s is not a number; write it like %%50%% or %%-33,33333%%.")
                % {"weight": _restore(_WEIGHT_LIKE.match(part).group(0))}
            )
        text, feedback = (part.split("#", 1) + [""])[:2]
        text, text_format = _with_format(text.strip(), default)
        feedback, feedback_format = _with_format(feedback.strip(), default)
        choices.append((text, text_format, feedback, feedback_format, fraction))
    return choices


def _true_false(answers: str, default: str) -> list[_Choice]:
    bits = (answers.split("#", 2) + ["", ""])[:3]
    answer = bits[0].strip()
    wrong, wrong_format = _with_format(bits[1].strip(), default)
    right, right_format = _with_format(bits[2].strip(), default)
    is_true = answer in _TRUE
    true_feedback, true_format = (right, right_format) if is_true else (wrong, wrong_format)
    false_feedback, false_format = (wrong, wrong_format) if is_true else (right, right_format)
    return [
        (_("True"), PLAIN, true_feedback, true_format, Decimal(100 if is_true else 0)),
        (_("False"), PLAIN, false_feedback, false_format, Decimal(0 if is_true else 100)),
    ]


# --- Writing ----------------------------------------------------------------------------------


def write_gift(questions: Iterable[BankQuestion]) -> str:
    """The questions as GIFT, a ``$CATEGORY`` line before each change of category."""
    out = []
    category = ""
    for question in questions:
        if question.category != category:
            path = " ".join(question.category.split()) or "top"
            out.append(f"{_CATEGORY} $course$/{path}\n\n")
            category = question.category
        out.append(_write_question(question))
    return "".join(out)


def _escape(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\\", "\\\\")
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def _piece(text: str, fmt: str) -> str:
    # A marker keeps a leading "[" from being read as one, and "//" from being a comment.
    marker = "[html]" if fmt == HTML else "[plain]"
    return (marker if text.startswith(("[", "//")) else "") + _escape(text)


def _write_question(question: BankQuestion) -> str:
    fmt = question.format
    head = f"::{_escape(question.name)}::" if question.name else ""
    stem = ("[html]" + _escape(question.text)) if fmt == HTML else _piece(question.text, fmt)
    lines = [f"{head}{stem}{{"]
    for option in question.options:
        if option.fraction == 100 and not question.multiple:
            mark = "="
        elif option.fraction == 0:
            mark = "~"
        else:
            mark = f"~%{format_weight(option.fraction)}%"
        if option.text.startswith("%") and mark in ("=", "~"):
            # An explicit weight, so the text's own "%…%" is not read as one.
            mark += "%100%" if mark == "=" else "%0%"
        line = f"\t{mark}{_piece(option.text, fmt)}"
        if option.feedback:
            line += "#" + _piece(option.feedback, fmt)
        lines.append(line)
    if question.feedback:
        lines.append("\t####" + _piece(question.feedback, fmt))
    lines.append("}")
    return "\n".join(lines) + "\n\n"
