"""Domain rules for the two numbers that identify a civil servant: NIP and NIK.

Plain Python, no Django: parsing and checking a NIP (civil servant number, PNS or PPPK
form) and a NIK (national ID number), and checking that both belong to the same person
(same birth date and gender). Every check returns ``Problem`` values, not messages;
``latih.accounts.identity`` turns them into translated text and Django validators.

Nothing here reads the clock: callers pass ``today``.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from importlib import resources
from types import MappingProxyType

NIP_LENGTH = 18
NIK_LENGTH = 16
MIN_BIRTH_YEAR = 1940
MIN_AGE_AT_APPOINTMENT = 18
# Digits 13-14 of a PPPK NIP; never a month, so they tell the two forms apart.
PPPK_MARKER = "21"
# Women's NIKs carry the birth day plus 40.
NIK_WOMAN_DAY_OFFSET = 40

REGENCY_CSV = "kepmendagri_kabkota_2016_2025.csv"


class Code(StrEnum):
    NIP_EMPTY = "nip_empty"
    NIP_NOT_DIGITS = "nip_not_digits"
    NIP_WRONG_LENGTH = "nip_wrong_length"  # params: length
    NIP_BAD_BIRTH_DATE = "nip_bad_birth_date"
    NIP_BIRTH_YEAR_TOO_EARLY = "nip_birth_year_too_early"  # params: year, min_year
    NIP_BIRTH_DATE_IN_FUTURE = "nip_birth_date_in_future"
    NIP_BAD_APPOINTMENT_MONTH = "nip_bad_appointment_month"  # params: month
    NIP_BAD_APPOINTMENT_YEAR = "nip_bad_appointment_year"  # params: year
    # params: appointment_year, birth_year, min_age
    NIP_TOO_YOUNG_AT_APPOINTMENT = "nip_too_young_at_appointment"
    NIP_BAD_GENDER = "nip_bad_gender"  # params: digit
    NIP_BAD_SEQUENCE = "nip_bad_sequence"
    NIK_EMPTY = "nik_empty"
    NIK_NOT_DIGITS = "nik_not_digits"
    NIK_WRONG_LENGTH = "nik_wrong_length"  # params: length
    NIK_UNKNOWN_REGION = "nik_unknown_region"  # params: code
    NIK_BAD_DISTRICT = "nik_bad_district"
    NIK_BAD_BIRTH_DATE = "nik_bad_birth_date"
    NIK_BAD_SEQUENCE = "nik_bad_sequence"
    BIRTH_DATE_MISMATCH = "birth_date_mismatch"
    GENDER_MISMATCH = "gender_mismatch"


class Gender(StrEnum):
    MAN = "M"
    WOMAN = "F"


class NipKind(StrEnum):
    PNS = "pns"
    PPPK = "pppk"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a number; ``params`` fill the placeholders of its message."""

    code: Code
    params: Mapping[str, int | str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Read-only copy, so a frozen Problem really cannot change.
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params.items()))))


@dataclass(frozen=True)
class Nip:
    number: str
    kind: NipKind
    birth_date: date
    appointment_year: int
    appointment_month: int | None  # None for PPPK, whose NIP has only the year
    gender: Gender
    sequence: int


@dataclass(frozen=True)
class Nik:
    number: str
    region_code: str  # 6 digits: province, regency, district
    birth_day: int  # the real day, 40 already taken off for women
    birth_month: int
    birth_year_2digits: int
    gender: Gender
    sequence: int


def normalize_number(value: str) -> str:
    """Drop all whitespace, as people type and paste numbers in groups."""
    return "".join(value.split())


def _is_ascii_digits(value: str) -> bool:
    # str.isdigit alone would also accept other scripts' digits and superscripts.
    return value.isascii() and value.isdigit()


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _gender_from_digit(digit: str) -> Gender | None:
    return {"1": Gender.MAN, "2": Gender.WOMAN}.get(digit)


def parse_nip(value: str, today: date) -> tuple[Nip | None, list[Problem]]:
    """Parse a NIP; return it only when there are no problems, and every problem found.

    Layout (1-based positions): 1-8 birth date YYYYMMDD; 9-14 appointment YYYYMM for PNS,
    or 9-12 appointment year and 13-14 ``21`` for PPPK; 15 gender (1 man, 2 woman);
    16-18 sequence.
    """
    number = normalize_number(value)
    if not number:
        return None, [Problem(Code.NIP_EMPTY)]
    if not _is_ascii_digits(number):
        return None, [Problem(Code.NIP_NOT_DIGITS)]
    if len(number) != NIP_LENGTH:
        return None, [Problem(Code.NIP_WRONG_LENGTH, {"length": len(number)})]

    problems: list[Problem] = []

    birth_year = int(number[0:4])
    birth_date = _real_date(birth_year, int(number[4:6]), int(number[6:8]))
    if birth_date is None:
        problems.append(Problem(Code.NIP_BAD_BIRTH_DATE))
    elif birth_year < MIN_BIRTH_YEAR:
        problems.append(
            Problem(Code.NIP_BIRTH_YEAR_TOO_EARLY, {"year": birth_year, "min_year": MIN_BIRTH_YEAR})
        )
    elif birth_date > today:
        problems.append(Problem(Code.NIP_BIRTH_DATE_IN_FUTURE))

    appointment_year = int(number[8:12])
    kind = NipKind.PPPK if number[12:14] == PPPK_MARKER else NipKind.PNS
    appointment_month: int | None = None
    if kind is NipKind.PNS:
        appointment_month = int(number[12:14])
        if not 1 <= appointment_month <= 12:
            problems.append(Problem(Code.NIP_BAD_APPOINTMENT_MONTH, {"month": number[12:14]}))

    # The lower bound follows from the birth-year floor, so it also catches an absurd year
    # when the birth date itself is unreadable.
    earliest = MIN_BIRTH_YEAR + MIN_AGE_AT_APPOINTMENT
    if not earliest <= appointment_year <= today.year + 1:
        problems.append(Problem(Code.NIP_BAD_APPOINTMENT_YEAR, {"year": appointment_year}))
    elif (
        birth_date is not None
        and birth_year >= MIN_BIRTH_YEAR
        # Years only, on purpose: never reject a real number over a few months.
        and appointment_year - birth_year < MIN_AGE_AT_APPOINTMENT
    ):
        problems.append(
            Problem(
                Code.NIP_TOO_YOUNG_AT_APPOINTMENT,
                {
                    "appointment_year": appointment_year,
                    "birth_year": birth_year,
                    "min_age": MIN_AGE_AT_APPOINTMENT,
                },
            )
        )

    gender = _gender_from_digit(number[14])
    if gender is None:
        problems.append(Problem(Code.NIP_BAD_GENDER, {"digit": number[14]}))

    sequence = int(number[15:18])
    if sequence == 0:
        problems.append(Problem(Code.NIP_BAD_SEQUENCE))

    if problems:
        return None, problems
    assert birth_date is not None and gender is not None  # narrowing for type checkers
    return (
        Nip(
            number=number,
            kind=kind,
            birth_date=birth_date,
            appointment_year=appointment_year,
            appointment_month=appointment_month,
            gender=gender,
            sequence=sequence,
        ),
        [],
    )


def _nik_birth_date_is_real(day: int, month: int, year_2digits: int) -> bool:
    # The NIK has no century; 29 February is real if it is in either candidate century.
    return any(_real_date(century + year_2digits, month, day) for century in (1900, 2000))


def parse_nik(value: str, regencies: frozenset[str]) -> tuple[Nik | None, list[Problem]]:
    """Parse a NIK; return it only when there are no problems, and every problem found.

    Layout (1-based positions): 1-2 province, 3-4 regency/city (checked against
    ``regencies``, 4-digit Kemendagri codes), 5-6 district; 7-12 birth date DDMMYY, day
    plus 40 for women; 13-16 sequence.
    """
    number = normalize_number(value)
    if not number:
        return None, [Problem(Code.NIK_EMPTY)]
    if not _is_ascii_digits(number):
        return None, [Problem(Code.NIK_NOT_DIGITS)]
    if len(number) != NIK_LENGTH:
        return None, [Problem(Code.NIK_WRONG_LENGTH, {"length": len(number)})]

    problems: list[Problem] = []

    if number[0:4] not in regencies:
        problems.append(Problem(Code.NIK_UNKNOWN_REGION, {"code": number[0:4]}))
    if number[4:6] == "00":
        problems.append(Problem(Code.NIK_BAD_DISTRICT))

    coded_day, month, year_2digits = int(number[6:8]), int(number[8:10]), int(number[10:12])
    if coded_day > NIK_WOMAN_DAY_OFFSET:
        gender, day = Gender.WOMAN, coded_day - NIK_WOMAN_DAY_OFFSET
    else:
        gender, day = Gender.MAN, coded_day
    if not _nik_birth_date_is_real(day, month, year_2digits):
        problems.append(Problem(Code.NIK_BAD_BIRTH_DATE))

    sequence = int(number[12:16])
    if sequence == 0:
        problems.append(Problem(Code.NIK_BAD_SEQUENCE))

    if problems:
        return None, problems
    return (
        Nik(
            number=number,
            region_code=number[0:6],
            birth_day=day,
            birth_month=month,
            birth_year_2digits=year_2digits,
            gender=gender,
            sequence=sequence,
        ),
        [],
    )


def disagreements(nip: Nip, nik: Nik) -> list[Problem]:
    """Where a NIP and a NIK cannot belong to the same person."""
    problems: list[Problem] = []
    born = nip.birth_date
    if (born.day, born.month, born.year % 100) != (
        nik.birth_day,
        nik.birth_month,
        nik.birth_year_2digits,
    ):
        problems.append(Problem(Code.BIRTH_DATE_MISMATCH))
    if nip.gender != nik.gender:
        problems.append(Problem(Code.GENDER_MISMATCH))
    return problems


def check_identity(nip: str, nik: str, today: date, regencies: frozenset[str]) -> list[Problem]:
    """All problems of both numbers, plus their disagreements when both are valid."""
    parsed_nip, nip_problems = parse_nip(nip, today)
    parsed_nik, nik_problems = parse_nik(nik, regencies)
    problems = nip_problems + nik_problems
    if parsed_nip is not None and parsed_nik is not None:
        problems += disagreements(parsed_nip, parsed_nik)
    return problems


def regency_codes_from_rows(rows: Iterable[Mapping[str, str]]) -> frozenset[str]:
    """4-digit regency/city codes ("1101") from rows whose ``kode`` is like "11.01".

    Province rows ("11") are skipped: a NIK must name a regency or city.
    """
    codes = set()
    for row in rows:
        province, dot, regency = row["kode"].strip().partition(".")
        if dot and len(province) == 2 and len(regency) == 2:
            codes.add(province + regency)
    return frozenset(codes)


@functools.cache
def load_regency_codes() -> frozenset[str]:
    """Every Kemendagri regency/city code in force at any time from 2016 to 2025.

    The union, not the latest list, because a NIK keeps its first region code for life
    (e.g. Papua codes retired in 2022). Source and licence: ``data/NOTICE.md``.
    """
    source = resources.files("latih.accounts") / "data" / REGENCY_CSV
    with source.open(encoding="utf-8", newline="") as handle:
        return regency_codes_from_rows(csv.DictReader(handle))


# --- Who may manage whom ----------------------------------------------------------------
# Roles from the least to the most powerful. A person manages only people of a lower rank:
# an agency admin can never reach the organizer's or the platform admin's account.
ROLE_RANK: Mapping[str, int] = MappingProxyType(
    {"participant": 0, "facilitator": 1, "agency_admin": 2, "organizer": 3, "platform_admin": 4}
)
# Roles whose accounts are "staff": resetting one needs the platform admin.
STAFF_ROLES = frozenset({"facilitator", "agency_admin", "organizer", "platform_admin"})
# Roles that manage people's data at all, and whether their scope is one agency.
PEOPLE_MANAGERS: Mapping[str, bool] = MappingProxyType(
    {"agency_admin": True, "platform_admin": False}
)


def outranks(actor_role: str, person_role: str) -> bool:
    """Whether ``actor_role`` is strictly above ``person_role`` (unknown roles rank lowest
    as a person and never outrank as an actor)."""
    if actor_role not in ROLE_RANK:
        return False
    return ROLE_RANK[actor_role] > ROLE_RANK.get(person_role, -1)


def can_manage_person(
    actor_role: str,
    actor_agency_id: int | None,
    person_role: str,
    person_agency_id: int | None,
) -> bool:
    """Whether an actor may see a person's full data, change it, or lift their sign-in lock.

    Only a role that manages people does, only inside its scope (an agency admin: their
    own agency; the platform admin: everyone), and only for people of a lower rank.
    """
    if actor_role not in PEOPLE_MANAGERS or not outranks(actor_role, person_role):
        return False
    if PEOPLE_MANAGERS[actor_role]:
        return actor_agency_id is not None and actor_agency_id == person_agency_id
    return True


def can_reset_person(
    actor_role: str,
    actor_agency_id: int | None,
    person_role: str,
    person_agency_id: int | None,
) -> bool:
    """Whether an actor may send a person back to the first sign-in (NIP + NIK).

    As managing, and a staff account's reset needs the platform admin: whoever resets an
    account can sign in as it with the NIK they can read.
    """
    if person_role in STAFF_ROLES and actor_role != "platform_admin":
        return False
    return can_manage_person(actor_role, actor_agency_id, person_role, person_agency_id)
