"""The NIP/NIK policy, as tables of cases and as properties.

Pure rules: no database and no Django settings needed (``rules`` imports no Django).
"""

import ast
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from latih.accounts import rules
from latih.accounts.rules import (
    Code,
    Gender,
    Nik,
    Nip,
    NipKind,
    Problem,
    check_identity,
    disagreements,
    load_regency_codes,
    normalize_number,
    parse_nik,
    parse_nip,
)

TODAY = date(2026, 11, 23)
REGENCIES = load_regency_codes()
REGENCY_LIST = sorted(REGENCIES)


def nip_codes(value):
    return [p.code for p in parse_nip(value, TODAY)[1]]


def nik_codes(value):
    return [p.code for p in parse_nik(value, REGENCIES)[1]]


# --- NIP: valid numbers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        pytest.param(
            "199203152024211001",
            Nip("199203152024211001", NipKind.PPPK, date(1992, 3, 15), 2024, None, Gender.MAN, 1),
            id="pppk-man",
        ),
        pytest.param(
            "199507222024212002",
            Nip("199507222024212002", NipKind.PPPK, date(1995, 7, 22), 2024, None, Gender.WOMAN, 2),
            id="pppk-woman",
        ),
        pytest.param(
            "198104122006041003",
            Nip("198104122006041003", NipKind.PNS, date(1981, 4, 12), 2006, 4, Gender.MAN, 3),
            id="pns-man",
        ),
        pytest.param(
            "198811302010122004",
            Nip("198811302010122004", NipKind.PNS, date(1988, 11, 30), 2010, 12, Gender.WOMAN, 4),
            id="pns-woman-december-appointment",
        ),
        pytest.param(
            "197906252005011005",
            Nip("197906252005011005", NipKind.PNS, date(1979, 6, 25), 2005, 1, Gender.MAN, 5),
            id="pns-man-january-appointment",
        ),
        pytest.param(
            "19920315 202421 1 001",
            Nip("199203152024211001", NipKind.PPPK, date(1992, 3, 15), 2024, None, Gender.MAN, 1),
            id="inner-spaces-removed",
        ),
        pytest.param(
            "  199203152024211001\t\n",
            Nip("199203152024211001", NipKind.PPPK, date(1992, 3, 15), 2024, None, Gender.MAN, 1),
            id="surrounding-whitespace-stripped",
        ),
        pytest.param(
            "200002292024211001",
            Nip("200002292024211001", NipKind.PPPK, date(2000, 2, 29), 2024, None, Gender.MAN, 1),
            id="born-29-feb-leap-year",
        ),
        pytest.param(
            "194001012027121001",
            Nip("194001012027121001", NipKind.PNS, date(1940, 1, 1), 2027, 12, Gender.MAN, 1),
            id="earliest-birth-year-and-appointment-next-year",
        ),
        pytest.param(
            "200812012026011001",
            Nip("200812012026011001", NipKind.PNS, date(2008, 12, 1), 2026, 1, Gender.MAN, 1),
            id="eighteen-by-years-is-enough",
        ),
    ],
)
def test_valid_nip(number, expected):
    assert parse_nip(number, TODAY) == (expected, [])


# --- NIP: invalid numbers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "problems"),
    [
        pytest.param("", [Problem(Code.NIP_EMPTY)], id="empty"),
        pytest.param("   ", [Problem(Code.NIP_EMPTY)], id="only-spaces"),
        pytest.param(
            "19920315202421100", [Problem(Code.NIP_WRONG_LENGTH, {"length": 17})], id="17-digits"
        ),
        pytest.param(
            "1992031520242110011",
            [Problem(Code.NIP_WRONG_LENGTH, {"length": 19})],
            id="19-digits",
        ),
        pytest.param(
            "19920315 202421 1 0011",
            [Problem(Code.NIP_WRONG_LENGTH, {"length": 19})],
            id="length-counted-after-removing-spaces",
        ),
        pytest.param("19920315202421100I", [Problem(Code.NIP_NOT_DIGITS)], id="letter"),
        pytest.param("19920315-202421-1-001", [Problem(Code.NIP_NOT_DIGITS)], id="hyphens"),
        pytest.param("١٩٩٢٠٣١٥٢٠٢٤٢١١٠٠١", [Problem(Code.NIP_NOT_DIGITS)], id="non-ascii-digits"),
        pytest.param("199213152024211001", [Problem(Code.NIP_BAD_BIRTH_DATE)], id="month-13"),
        pytest.param("199200152024211001", [Problem(Code.NIP_BAD_BIRTH_DATE)], id="month-00"),
        pytest.param("199204312024211001", [Problem(Code.NIP_BAD_BIRTH_DATE)], id="31-april"),
        pytest.param("199202302024211001", [Problem(Code.NIP_BAD_BIRTH_DATE)], id="30-february"),
        pytest.param(
            "199302292024211001", [Problem(Code.NIP_BAD_BIRTH_DATE)], id="29-february-non-leap"
        ),
        pytest.param("199203002024211001", [Problem(Code.NIP_BAD_BIRTH_DATE)], id="day-00"),
        pytest.param(
            "193912312024211001",
            [Problem(Code.NIP_BIRTH_YEAR_TOO_EARLY, {"year": 1939, "min_year": 1940})],
            id="born-before-1940",
        ),
        pytest.param(
            "202611242027211001",
            [
                Problem(Code.NIP_BIRTH_DATE_IN_FUTURE),
                Problem(
                    Code.NIP_TOO_YOUNG_AT_APPOINTMENT,
                    {"appointment_year": 2027, "birth_year": 2026, "min_age": 18},
                ),
            ],
            id="born-tomorrow",
        ),
        pytest.param(
            "200901012026011001",
            [
                Problem(
                    Code.NIP_TOO_YOUNG_AT_APPOINTMENT,
                    {"appointment_year": 2026, "birth_year": 2009, "min_age": 18},
                )
            ],
            id="seventeen-at-appointment",
        ),
        pytest.param(
            "199203152016131003",
            [Problem(Code.NIP_BAD_APPOINTMENT_MONTH, {"month": "13"})],
            id="pns-appointment-month-13",
        ),
        pytest.param(
            "199203152016001003",
            [Problem(Code.NIP_BAD_APPOINTMENT_MONTH, {"month": "00"})],
            id="pns-appointment-month-00",
        ),
        pytest.param(
            "199203152028211001",
            [Problem(Code.NIP_BAD_APPOINTMENT_YEAR, {"year": 2028})],
            id="appointed-after-next-year",
        ),
        pytest.param(
            "199203150000211001",
            [Problem(Code.NIP_BAD_APPOINTMENT_YEAR, {"year": 0})],
            id="appointment-year-0000",
        ),
        pytest.param(
            "199203152024210001",
            [Problem(Code.NIP_BAD_GENDER, {"digit": "0"})],
            id="gender-digit-0",
        ),
        pytest.param(
            "199203152024213001",
            [Problem(Code.NIP_BAD_GENDER, {"digit": "3"})],
            id="gender-digit-3",
        ),
        pytest.param(
            "199203152024219001",
            [Problem(Code.NIP_BAD_GENDER, {"digit": "9"})],
            id="gender-digit-9",
        ),
        pytest.param("199203152024211000", [Problem(Code.NIP_BAD_SEQUENCE)], id="sequence-000"),
        pytest.param(
            "199202302024219000",
            [
                Problem(Code.NIP_BAD_BIRTH_DATE),
                Problem(Code.NIP_BAD_GENDER, {"digit": "9"}),
                Problem(Code.NIP_BAD_SEQUENCE),
            ],
            id="all-problems-reported-not-just-the-first",
        ),
    ],
)
def test_invalid_nip(number, problems):
    assert parse_nip(number, TODAY) == (None, problems)


def test_29_february_valid_only_in_leap_year():
    assert nip_codes("199602292024211001") == []
    assert nip_codes("199702292024211001") == [Code.NIP_BAD_BIRTH_DATE]


def test_21_at_digits_13_14_means_pppk_never_month_21():
    nip, _ = parse_nip("199203152024211001", TODAY)
    assert nip.kind == NipKind.PPPK
    assert nip.appointment_month is None


# --- NIK ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        pytest.param(
            "3174051503920001",
            Nik("3174051503920001", "317405", 15, 3, 92, Gender.MAN, 1),
            id="man-jakarta-selatan",
        ),
        pytest.param(
            "3273016207950002",
            Nik("3273016207950002", "327301", 22, 7, 95, Gender.WOMAN, 2),
            id="woman-day-plus-40",
        ),
        pytest.param(
            "3521011204810003",
            Nik("3521011204810003", "352101", 12, 4, 81, Gender.MAN, 3),
            id="man-ngawi",
        ),
        pytest.param(
            "3521027011880004",
            Nik("3521027011880004", "352102", 30, 11, 88, Gender.WOMAN, 4),
            id="woman-30-november",
        ),
        pytest.param(
            "3521032506790005",
            Nik("3521032506790005", "352103", 25, 6, 79, Gender.MAN, 5),
            id="man-25-june",
        ),
        pytest.param(
            "3521037112880004",
            Nik("3521037112880004", "352103", 31, 12, 88, Gender.WOMAN, 4),
            id="woman-day-71-is-31",
        ),
        pytest.param(
            "9101011503920001",
            Nik("9101011503920001", "910101", 15, 3, 92, Gender.MAN, 1),
            id="pre-2022-papua-code-merauke-91-01-still-accepted",
        ),
        pytest.param(
            "9501011503920001",
            Nik("9501011503920001", "950101", 15, 3, 92, Gender.MAN, 1),
            id="post-2022-papua-selatan-code-95-01",
        ),
        pytest.param(
            "3174 0515 0392 0001",
            Nik("3174051503920001", "317405", 15, 3, 92, Gender.MAN, 1),
            id="spaces-normalised",
        ),
        pytest.param(
            "3174052902000001",
            Nik("3174052902000001", "317405", 29, 2, 0, Gender.MAN, 1),
            id="29-february-00-leap-in-2000",
        ),
        pytest.param(
            "3174056902960001",
            Nik("3174056902960001", "317405", 29, 2, 96, Gender.WOMAN, 1),
            id="29-february-96-woman",
        ),
    ],
)
def test_valid_nik(number, expected):
    assert parse_nik(number, REGENCIES) == (expected, [])


@pytest.mark.parametrize(
    ("number", "problems"),
    [
        pytest.param("", [Problem(Code.NIK_EMPTY)], id="empty"),
        pytest.param(
            "317405150392001", [Problem(Code.NIK_WRONG_LENGTH, {"length": 15})], id="15-digits"
        ),
        pytest.param(
            "31740515039200011",
            [Problem(Code.NIK_WRONG_LENGTH, {"length": 17})],
            id="17-digits",
        ),
        pytest.param("3174O51503920001", [Problem(Code.NIK_NOT_DIGITS)], id="letter-o"),
        pytest.param(
            "9999011503920001",
            [Problem(Code.NIK_UNKNOWN_REGION, {"code": "9999"})],
            id="unknown-region",
        ),
        pytest.param(
            "3100011503920001",
            [Problem(Code.NIK_UNKNOWN_REGION, {"code": "3100"})],
            id="province-alone-is-not-a-regency",
        ),
        pytest.param("3174001503920001", [Problem(Code.NIK_BAD_DISTRICT)], id="district-00"),
        pytest.param("3174053203920001", [Problem(Code.NIK_BAD_BIRTH_DATE)], id="day-32"),
        pytest.param("3174054003920001", [Problem(Code.NIK_BAD_BIRTH_DATE)], id="day-40"),
        pytest.param("3174057203920001", [Problem(Code.NIK_BAD_BIRTH_DATE)], id="day-72"),
        pytest.param("3174050003920001", [Problem(Code.NIK_BAD_BIRTH_DATE)], id="day-00"),
        pytest.param("3174051513920001", [Problem(Code.NIK_BAD_BIRTH_DATE)], id="month-13"),
        pytest.param("3174053104920001", [Problem(Code.NIK_BAD_BIRTH_DATE)], id="31-april"),
        pytest.param("3174057104920001", [Problem(Code.NIK_BAD_BIRTH_DATE)], id="woman-31-april"),
        pytest.param("3174053002920001", [Problem(Code.NIK_BAD_BIRTH_DATE)], id="30-february"),
        pytest.param(
            "3174052902970001",
            [Problem(Code.NIK_BAD_BIRTH_DATE)],
            id="29-february-97-neither-century-leap",
        ),
        pytest.param("3174051503920000", [Problem(Code.NIK_BAD_SEQUENCE)], id="sequence-0000"),
        pytest.param(
            "9999007203920000",
            [
                Problem(Code.NIK_UNKNOWN_REGION, {"code": "9999"}),
                Problem(Code.NIK_BAD_DISTRICT),
                Problem(Code.NIK_BAD_BIRTH_DATE),
                Problem(Code.NIK_BAD_SEQUENCE),
            ],
            id="all-problems-reported",
        ),
    ],
)
def test_invalid_nik(number, problems):
    assert parse_nik(number, REGENCIES) == (None, problems)


# --- NIP and NIK together -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("nip", "nik", "codes"),
    [
        pytest.param("199203152024211001", "3174051503920001", [], id="pppk-man-agrees"),
        pytest.param("199507222024212002", "3273016207950002", [], id="pppk-woman-agrees"),
        pytest.param("198104122006041003", "3521011204810003", [], id="pns-man-agrees"),
        pytest.param("198811302010122004", "3521027011880004", [], id="pns-woman-agrees"),
        pytest.param("197906252005011005", "3521032506790005", [], id="pns-man-agrees-2"),
        pytest.param(
            "199203152024211001",
            "3174051603920001",
            [Code.BIRTH_DATE_MISMATCH],
            id="different-day",
        ),
        pytest.param(
            "199203152024211001",
            "3174051504920001",
            [Code.BIRTH_DATE_MISMATCH],
            id="different-month",
        ),
        pytest.param(
            "199203152024211001",
            "3174051503930001",
            [Code.BIRTH_DATE_MISMATCH],
            id="different-2-digit-year",
        ),
        pytest.param(
            "199203152024211001",
            "3174055503920001",
            [Code.GENDER_MISMATCH],
            id="nip-man-nik-woman",
        ),
        pytest.param(
            "199507222024212002",
            "3273012207950002",
            [Code.GENDER_MISMATCH],
            id="nip-woman-nik-man",
        ),
        pytest.param(
            "199203152024211001",
            "3174055603930001",
            [Code.BIRTH_DATE_MISMATCH, Code.GENDER_MISMATCH],
            id="both-disagree",
        ),
        pytest.param(
            "199203152024219001",
            "9999011503920001",
            [Code.NIP_BAD_GENDER, Code.NIK_UNKNOWN_REGION],
            id="problems-of-both-numbers-no-comparison-when-one-invalid",
        ),
        pytest.param("", "", [Code.NIP_EMPTY, Code.NIK_EMPTY], id="both-empty"),
    ],
)
def test_check_identity(nip, nik, codes):
    assert [p.code for p in check_identity(nip, nik, TODAY, REGENCIES)] == codes


def test_century_is_not_compared_only_the_2_digit_year():
    nip, _ = parse_nip("199203152024211001", TODAY)
    nik, _ = parse_nik("3174051503920001", REGENCIES)
    assert disagreements(nip, nik) == []


# --- Normalisation and problems -----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        pytest.param(" 19920315 202421 1 001 ", "199203152024211001", id="spaces"),
        pytest.param("19920315\u00a0202421", "19920315202421", id="no-break-space"),
        pytest.param("1992-03", "1992-03", id="other-characters-kept-to-be-reported"),
    ],
)
def test_normalize_number(raw, normalized):
    assert normalize_number(raw) == normalized


def test_problems_are_immutable_and_hashable():
    problem = Problem(Code.NIP_WRONG_LENGTH, {"length": 17})
    assert problem == Problem(Code.NIP_WRONG_LENGTH, {"length": 17})
    assert len({problem, Problem(Code.NIP_WRONG_LENGTH, {"length": 17})}) == 1
    with pytest.raises(TypeError):
        problem.params["length"] = 3


# --- Regency codes ------------------------------------------------------------------------


def test_regency_codes_are_kemendagri_2016_to_2025_regencies_only():
    assert len(REGENCIES) == 540
    assert all(len(code) == 4 and code.isdigit() for code in REGENCIES)
    # Kemendagri, not BPS: 31.74 is Jakarta Selatan, 11.01 Aceh Selatan.
    assert {"1101", "3174", "3273", "3521"} <= REGENCIES
    assert "11" not in REGENCIES and "1100" not in REGENCIES


def test_regency_codes_keep_codes_retired_in_2022_papua_split():
    retired = {f"91{n:02d}" for n in (1, 2, 4, 7, 8, 9, 12, 13, 14, 16, 17, 18)}
    retired |= {f"91{n:02d}" for n in range(21, 29)} | {
        "9201",
        "9204",
        "9205",
        "9209",
        "9210",
        "9271",
    }
    assert retired <= REGENCIES


def test_rules_module_imports_no_django():
    # Checked on the source: importing the ``latih`` package itself loads Django (Celery).
    tree = ast.parse(Path(rules.__file__).read_text(encoding="utf-8"))
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert imported
    assert not [name for name in imported if name.split(".")[0] in {"django", "latih"}]


# --- Properties ---------------------------------------------------------------------------

LATEST_BIRTH = date(TODAY.year + 1 - 18, 12, 31)


@st.composite
def matching_pppk_nip_and_nik(draw):
    born = draw(st.dates(min_value=date(1940, 1, 1), max_value=min(LATEST_BIRTH, TODAY)))
    gender = draw(st.sampled_from(Gender))
    appointed = draw(st.integers(min_value=born.year + 18, max_value=TODAY.year + 1))
    nip_sequence = draw(st.integers(min_value=1, max_value=999))
    region = draw(st.sampled_from(REGENCY_LIST))
    district = draw(st.integers(min_value=1, max_value=99))
    nik_sequence = draw(st.integers(min_value=1, max_value=9999))
    gender_digit = "1" if gender is Gender.MAN else "2"
    nip = f"{born:%Y%m%d}{appointed:04d}21{gender_digit}{nip_sequence:03d}"
    nik_day = born.day + (40 if gender is Gender.WOMAN else 0)
    nik = f"{region}{district:02d}{nik_day:02d}{born:%m%y}{nik_sequence:04d}"
    return nip, nik


@given(matching_pppk_nip_and_nik())
def test_any_matching_pppk_nip_and_nik_pass(pair):
    nip, nik = pair
    assert check_identity(nip, nik, TODAY, REGENCIES) == []


@given(st.text(alphabet="0123456789", min_size=1, max_size=40).filter(lambda s: len(s) != 18))
def test_any_digit_string_not_18_long_has_wrong_length(number):
    assert parse_nip(number, TODAY) == (
        None,
        [Problem(Code.NIP_WRONG_LENGTH, {"length": len(number)})],
    )


def _swap_nik_gender(nik):
    day = int(nik[6:8])
    swapped = day - 40 if day > 40 else day + 40
    return f"{nik[:6]}{swapped:02d}{nik[8:]}"


@given(matching_pppk_nip_and_nik())
def test_swapping_gender_in_nik_gives_gender_mismatch(pair):
    nip, nik = pair
    problems = check_identity(nip, _swap_nik_gender(nik), TODAY, REGENCIES)
    assert problems == [Problem(Code.GENDER_MISMATCH)]


def test_born_today_minus_one_day_is_not_in_future():
    yesterday = TODAY - timedelta(days=1)
    assert Code.NIP_BIRTH_DATE_IN_FUTURE not in nip_codes(f"{yesterday:%Y%m%d}2027211001")
