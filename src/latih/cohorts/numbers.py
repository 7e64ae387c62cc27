"""Certificate numbers as plain functions: checking an organizer's number format and
making a number from it. The format is part of a course's completion policy, which the
cohorts app edits; the certificates app numbers with it.

A format is a Python format string with these fields: ``{seq}`` (required; counted per
course, and per year when the format holds ``{year}``), ``{year}``, ``{agency}`` (the
holder's agency code), ``{course}`` (the course's short name) and ``{check}``: four
characters derived from the rest with a secret key, so that numbers cannot be guessed
from one another even though the sequence can.
"""

from __future__ import annotations

import hashlib
import hmac
import string
from collections.abc import Mapping
from enum import StrEnum

FIELDS = frozenset({"seq", "year", "agency", "course", "check"})
# Crockford's base-32 alphabet: no I, L, O or U, which are misread on paper.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_LENGTH = 4
MAX_LENGTH = 100


class FormatProblem(StrEnum):
    SYNTAX = "syntax"
    UNKNOWN_FIELD = "unknown_field"  # params: field
    NO_SEQUENCE = "no_sequence"
    TOO_LONG = "too_long"


def check_format(fmt: str) -> list[tuple[FormatProblem, str]]:
    """Why ``fmt`` cannot number certificates (empty when it can)."""
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError:
        return [(FormatProblem.SYNTAX, "")]
    fields = [name for _text, name, _spec, _conv in parsed if name is not None]
    problems = [(FormatProblem.UNKNOWN_FIELD, name) for name in fields if name not in FIELDS]
    if "seq" not in fields:
        problems.append((FormatProblem.NO_SEQUENCE, ""))
    if not problems:
        try:
            sample = number(fmt, 99999, {"year": 2026, "agency": "X" * 20, "course": "X" * 40}, "k")
        except (ValueError, TypeError, IndexError, KeyError):
            return [(FormatProblem.SYNTAX, "")]
        if len(sample) > MAX_LENGTH:
            problems.append((FormatProblem.TOO_LONG, ""))
    return problems


def counts_per_year(fmt: str) -> bool:
    """Whether the sequence starts again each year (the format shows the year)."""
    return any(name == "year" for _t, name, _s, _c in string.Formatter().parse(fmt))


def check_code(key: str, text: str) -> str:
    """Four characters from an HMAC of ``text``: 20 bits a guesser cannot compute."""
    digest = hmac.new(key.encode(), text.encode(), hashlib.sha256).digest()
    value = int.from_bytes(digest[:4], "big")
    code = []
    for _ in range(CHECK_LENGTH):
        value, index = divmod(value, len(_ALPHABET))
        code.append(_ALPHABET[index])
    return "".join(code)


def number(fmt: str, seq: int, parts: Mapping[str, object], key: str) -> str:
    """The certificate number for sequence ``seq``; ``parts`` gives year, agency, course."""
    values = {
        "seq": seq,
        "year": parts.get("year", ""),
        "agency": str(parts.get("agency", "")).upper(),
        "course": str(parts.get("course", "")).upper(),
    }
    values["check"] = check_code(key, f"{seq}|{values['year']}|{values['course']}")
    # Stored as it is looked up: no spaces, upper case.
    return normalize_number(fmt.format(**values))


def normalize_number(text: str) -> str:
    """A number as typed into the verification form: no spaces, upper case."""
    return "".join(text.split()).upper()
