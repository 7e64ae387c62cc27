"""The rules of a cohort's end, as plain functions: the attitude score, the final score,
its predicate, whether a participant passed and why not; and the checks of one row of a
participant import. No Django: callers pass the facts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from latih.accounts import rules as identity_rules

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# --- Scores and predicates ------------------------------------------------------------------
@dataclass(frozen=True)
class Band:
    """Scores from ``lowest`` (inclusive) up to the next band are called ``label``."""

    lowest: Decimal
    label: str


def attitude_score(earned: int, total: int) -> Decimal:
    """Trophies earned as a score out of 100 (nilai sikap perilaku)."""
    if total <= 0:
        return Decimal("0.00")
    return _round(min(HUNDRED, HUNDRED * Decimal(earned) / Decimal(total)))


def final_score(
    academic: Decimal | None,
    attitude: Decimal,
    academic_weight: int,
    attitude_weight: int,
    has_evaluation: bool = True,
) -> Decimal:
    """The weighted mean of both scores, rounded half up to hundredths.

    A course without an academic evaluation is scored on attitude alone; a participant who
    never took an existing evaluation scores 0 on it."""
    if not has_evaluation:
        return _round(attitude)
    academic = academic if academic is not None else Decimal(0)
    total = academic_weight + attitude_weight  # a course keeps at least one above 0
    return _round((academic * academic_weight + attitude * attitude_weight) / total)


def bands_from(stored: Iterable[Sequence[str]]) -> tuple[Band, ...]:
    """Bands as stored on a course ([[lowest, label], ...]), highest first."""
    return tuple(
        sorted(
            (Band(Decimal(str(lowest)), str(label)) for lowest, label in stored),
            key=lambda band: band.lowest,
            reverse=True,
        )
    )


def predicate(score: Decimal, bands: Sequence[Band]) -> str:
    """The label of the highest band whose lowest score ``score`` reaches."""
    for band in sorted(bands, key=lambda band: band.lowest, reverse=True):
        if score >= band.lowest:
            return band.label
    return ""


class BandProblem(StrEnum):
    BAD_LINE = "bad_line"  # params: line
    OUT_OF_RANGE = "out_of_range"  # params: line
    DUPLICATE = "duplicate"  # params: line
    NO_ZERO = "no_zero"
    EMPTY = "empty"


_BAND_LINE = re.compile(r"^\s*(\d{1,3}(?:[.,]\d{1,2})?)\s+(.+?)\s*$")


def parse_bands(text: str) -> tuple[tuple[Band, ...], list[tuple[BandProblem, int]]]:
    """Bands from lines like "90,01 Sangat Memuaskan" (decimal comma or point).

    The lowest band must start at 0, so every score has a predicate."""
    bands: list[Band] = []
    problems: list[tuple[BandProblem, int]] = []
    seen: set[Decimal] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _BAND_LINE.match(line)
        if not match:
            problems.append((BandProblem.BAD_LINE, number))
            continue
        lowest = Decimal(match.group(1).replace(",", "."))
        if lowest > HUNDRED:
            problems.append((BandProblem.OUT_OF_RANGE, number))
        elif lowest in seen:
            problems.append((BandProblem.DUPLICATE, number))
        else:
            seen.add(lowest)
            bands.append(Band(lowest, match.group(2)))
    if not bands and not problems:
        problems.append((BandProblem.EMPTY, 0))
    elif bands and Decimal(0) not in seen:
        problems.append((BandProblem.NO_ZERO, 0))
    return tuple(sorted(bands, key=lambda band: band.lowest, reverse=True)), problems


def bands_text(bands: Sequence[Band]) -> str:
    """The bands as the organizer edits them, with a decimal comma."""
    return "\n".join(f"{str(band.lowest).replace('.', ',')} {band.label}" for band in bands)


# --- Passing --------------------------------------------------------------------------------
class Unmet(StrEnum):
    """A condition of passing that does not hold (shown to the organizer and participant)."""

    NOT_COMPLETE = "not_complete"
    TROPHIES = "trophies"
    JOURNALS = "journals"
    EVALUATION = "evaluation"
    ATTENDANCE = "attendance"


@dataclass(frozen=True)
class Facts:
    """What is known of one participant at the cohort's end."""

    completed: bool
    trophies: int
    trophies_required: int
    journals_required: int = 0
    journals_accepted: int = 0
    has_evaluation: bool = True
    evaluation_passed: bool = False
    # Classroom attendance, where a course requires it (distance and classroom issue).
    attendance_required: bool = False
    attendance_complete: bool = True


def unmet(facts: Facts) -> list[Unmet]:
    """Every condition of passing that does not hold, in the order a participant meets them."""
    missing = []
    if not facts.completed:
        missing.append(Unmet.NOT_COMPLETE)
    if facts.trophies < facts.trophies_required:
        missing.append(Unmet.TROPHIES)
    if facts.journals_accepted < facts.journals_required:
        missing.append(Unmet.JOURNALS)
    if facts.has_evaluation and not facts.evaluation_passed:
        missing.append(Unmet.EVALUATION)
    if facts.attendance_required and not facts.attendance_complete:
        missing.append(Unmet.ATTENDANCE)
    return missing


@dataclass(frozen=True)
class Policy:
    """The course's final-result policy."""

    academic_weight: int = 1
    attitude_weight: int = 1
    trophies_total: int = 50
    bands: tuple[Band, ...] = ()


@dataclass(frozen=True)
class Outcome:
    academic: Decimal | None
    attitude: Decimal
    final: Decimal
    predicate: str
    passed: bool
    unmet: tuple[Unmet, ...] = field(default_factory=tuple)


def final_result(facts: Facts, academic: Decimal | None, policy: Policy) -> Outcome:
    """A participant's final result: both scores, their weighted mean, its predicate and
    whether every condition of passing holds."""
    attitude = attitude_score(facts.trophies, policy.trophies_total)
    final = final_score(
        academic, attitude, policy.academic_weight, policy.attitude_weight, facts.has_evaluation
    )
    missing = tuple(unmet(facts))
    return Outcome(
        academic=academic if facts.has_evaluation else None,
        attitude=attitude,
        final=final,
        predicate=predicate(final, policy.bands),
        passed=not missing,
        unmet=missing,
    )


# --- One row of a participant import ------------------------------------------------------
class RowCode(StrEnum):
    NUMBER_DAMAGED = "number_damaged"  # params: column ("NIP" / "NIK")
    NAME_EMPTY = "name_empty"
    TOO_LONG = "too_long"  # params: column, limit
    BAD_EMAIL = "bad_email"
    BAD_PHONE = "bad_phone"
    DUPLICATE_NIP = "duplicate_nip"  # params: line
    DUPLICATE_NIK = "duplicate_nik"  # params: line


@dataclass(frozen=True)
class RowProblem:
    code: RowCode | identity_rules.Code
    params: Mapping[str, int | str] = field(default_factory=dict)


LIMITS = {"name": 200, "birth_place": 100, "email": 254, "position": 200, "unit": 200}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_KEEP = re.compile(r"[^\d+]")


def normalize_phone(value: str) -> str:
    """Digits with an optional leading "+": spaces, dashes, dots and brackets dropped;
    Indonesian "62…" numbers keep their country code."""
    kept = _PHONE_KEEP.sub("", value)
    return ("+" if kept.startswith("+") else "") + kept.replace("+", "")


def phone_is_valid(value: str) -> bool:
    digits = value.lstrip("+")
    return digits.isdigit() and 8 <= len(digits) <= 15 and "+" not in digits


def check_row(
    values: Mapping[str, str],
    damaged: Iterable[str],
    today: date,
    regencies: frozenset[str],
) -> list[RowProblem]:
    """What is wrong with one row, on its own (``values`` normalized by the caller:
    numbers without spaces, phone normalized)."""
    problems: list[RowProblem] = []
    damaged = set(damaged)
    for column, label in (("nip", "NIP"), ("nik", "NIK")):
        if column in damaged:
            problems.append(RowProblem(RowCode.NUMBER_DAMAGED, {"column": label}))
    if not damaged:
        problems += [
            RowProblem(problem.code, problem.params)
            for problem in identity_rules.check_identity(
                values.get("nip", ""), values.get("nik", ""), today, regencies
            )
        ]
    if not values.get("name", "").strip():
        problems.append(RowProblem(RowCode.NAME_EMPTY))
    for column, limit in LIMITS.items():
        if len(values.get(column, "")) > limit:
            problems.append(RowProblem(RowCode.TOO_LONG, {"column": column, "limit": limit}))
    email = values.get("email", "")
    if email and not _EMAIL.match(email):
        problems.append(RowProblem(RowCode.BAD_EMAIL))
    phone = values.get("phone", "")
    if phone and not phone_is_valid(phone):
        problems.append(RowProblem(RowCode.BAD_PHONE))
    return problems


def parse_decimal(text: str) -> Decimal | None:
    """A number typed with a decimal comma or point; None when it is not one."""
    try:
        return Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
