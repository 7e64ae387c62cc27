"""Django side of the NIP/NIK rules: translated messages and form/model validators.

The rules themselves live in ``latih.accounts.rules`` (plain Python). Here each
``Problem`` code gets a user message; msgids are English, translations live in the
``locale`` catalogues.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_noop

from latih.accounts.rules import (
    Code,
    Problem,
    check_identity,
    load_regency_codes,
    parse_nik,
    parse_nip,
)
from latih.common import clock

# gettext_noop marks the msgids for makemessages; they are translated when used, so the
# active language is the request's, not the one at import time.
MESSAGES: dict[Code, str] = {
    Code.NIP_EMPTY: gettext_noop("Enter your NIP."),
    Code.NIP_NOT_DIGITS: gettext_noop(
        "The NIP contains letters or other characters; use digits only."
    ),
    Code.NIP_WRONG_LENGTH: gettext_noop(
        "The NIP must be 18 digits; you entered %(length)d digits."
    ),
    Code.NIP_BAD_BIRTH_DATE: gettext_noop(
        "The birth date in the NIP (the first 8 digits, year, month and day) is not a real date."
    ),
    Code.NIP_BIRTH_YEAR_TOO_EARLY: gettext_noop(
        "The birth year in the NIP must be %(min_year)d or later, not %(year)d."
    ),
    Code.NIP_BIRTH_DATE_IN_FUTURE: gettext_noop("The birth date in the NIP is in the future."),
    Code.NIP_BAD_APPOINTMENT_MONTH: gettext_noop(
        "The appointment month in the NIP (digits 13 and 14) must be 01 to 12, or 21 for "
        "PPPK, not %(month)s."
    ),
    Code.NIP_BAD_APPOINTMENT_YEAR: gettext_noop(
        "The appointment year in the NIP (digits 9 to 12) cannot be %(year)d."
    ),
    Code.NIP_TOO_YOUNG_AT_APPOINTMENT: gettext_noop(
        "The appointment year in the NIP (%(appointment_year)d) is less than %(min_age)d "
        "years after the birth year (%(birth_year)d)."
    ),
    Code.NIP_BAD_GENDER: gettext_noop(
        "The gender digit in the NIP (position 15) must be 1 or 2, not %(digit)s."
    ),
    Code.NIP_BAD_SEQUENCE: gettext_noop(
        "The last 3 digits of the NIP (the sequence number) cannot be 000."
    ),
    Code.NIK_EMPTY: gettext_noop("Enter your NIK."),
    Code.NIK_NOT_DIGITS: gettext_noop(
        "The NIK contains letters or other characters; use digits only."
    ),
    Code.NIK_WRONG_LENGTH: gettext_noop(
        "The NIK must be 16 digits; you entered %(length)d digits."
    ),
    Code.NIK_UNKNOWN_REGION: gettext_noop(
        "The first 4 digits of the NIK (%(code)s) are not a known regency or city code."
    ),
    Code.NIK_BAD_DISTRICT: gettext_noop(
        "The district code in the NIK (digits 5 and 6) cannot be 00."
    ),
    Code.NIK_BAD_BIRTH_DATE: gettext_noop(
        "The birth date in the NIK (digits 7 to 12, day, month and year, with 40 added to "
        "the day for women) is not a real date."
    ),
    Code.NIK_BAD_SEQUENCE: gettext_noop(
        "The last 4 digits of the NIK (the sequence number) cannot be 0000."
    ),
    Code.BIRTH_DATE_MISMATCH: gettext_noop("The birth dates in the NIP and the NIK do not match."),
    Code.GENDER_MISMATCH: gettext_noop("The genders in the NIP and the NIK do not match."),
}


def problem_message(problem: Problem) -> str:
    """The translated, filled-in message for one problem."""
    return gettext(MESSAGES[problem.code]) % dict(problem.params)


def problem_messages(problems: list[Problem]) -> list[str]:
    """The translated, filled-in messages, in the order the problems were found."""
    return [problem_message(problem) for problem in problems]


def _raise_if_any(problems: list[Problem]) -> None:
    if problems:
        # One error per problem, each with its code, so forms and tests can tell them apart.
        raise ValidationError(
            [ValidationError(problem_message(p), code=p.code.value) for p in problems]
        )


def validate_nip(value: str) -> None:
    """Django validator: raise ``ValidationError`` listing everything wrong with a NIP."""
    _nip, problems = parse_nip(value, clock.today())
    _raise_if_any(problems)


def validate_nik(value: str) -> None:
    """Django validator: raise ``ValidationError`` listing everything wrong with a NIK."""
    _nik, problems = parse_nik(value, load_regency_codes())
    _raise_if_any(problems)


def validate_nip_nik(nip: str, nik: str) -> None:
    """Raise ``ValidationError`` for problems in either number or between the two."""
    _raise_if_any(check_identity(nip, nik, clock.today(), load_regency_codes()))
