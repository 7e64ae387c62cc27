"""Every reader of uploads, fed arbitrary bytes (Trust #4): it raises nothing but its own
error type, and what it returns is bounded (cells, problems, messages).

The participant list reader (``cohorts.sheets``) raises ``SheetError`` or returns rows;
the question-bank readers (``exams.formats``) never raise. Inputs are random bytes,
text shaped like the formats, and real workbooks with random bytes overwritten.
"""

import io
import os
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from latih.cohorts import sheets
from latih.exams.formats import LIMITS, MAX_PROBLEMS, read_bank
from latih.exams.formats.checks import MAX_OPTION_CHARS, MAX_QUESTION_CHARS

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PARTICIPANT_CELL = sheets.LIMITS.max_cell_chars + 1  # with the cut mark


def _workbook(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


PARTICIPANT_XLSX = _workbook([list(sheets.HEADERS.values()), ["1" * 18, "2" * 16, "Andi"]])
BANK_XLSX = _workbook(
    [["soal", "pilihan_a", "pilihan_b", "kunci"], ["Ibu kota?", "Jakarta", "Bandung", "A"]]
)

cell_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400
) | st.sampled_from(["", "NIP", "NIK", "Nama", "soal", "kunci", "=", '"', ";", "\r\n"])


def mutated(base: bytes) -> st.SearchStrategy[bytes]:
    """``base`` with a few bytes overwritten, or cut short."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        data = bytearray(base)
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        if draw(st.booleans()):
            data = data[: draw(st.integers(1, len(data)))]
        return bytes(data)

    return build()


@st.composite
def csv_like(draw: st.DrawFn, header: list[str]) -> bytes:
    delimiter = draw(st.sampled_from([";", ",", "\t", "|"]))
    rows = draw(st.lists(st.lists(cell_text, max_size=12), max_size=8))
    text = "\n".join(delimiter.join(row) for row in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace")


def _participant_rows(data: bytes) -> list[sheets.SheetRow]:
    with tempfile.NamedTemporaryFile(delete=False) as handle:
        handle.write(data)
    try:
        try:
            sheet = sheets.open_sheet(handle.name, "peserta")
            sheet.count()
            return list(sheet.rows())
        except sheets.SheetError as error:
            assert error.message and len(error.message) < 1000
            return []
    finally:
        os.unlink(handle.name)


@pytest.mark.parametrize(
    "strategy",
    [
        st.binary(max_size=3000),
        csv_like(list(sheets.HEADERS.values())),
        mutated(PARTICIPANT_XLSX),
    ],
    ids=["bytes", "csv", "xlsx"],
)
def test_the_participant_reader_raises_only_sheet_error_and_bounds_cells(strategy):
    @FUZZ
    @given(strategy)
    def check(data: bytes) -> None:
        for row in _participant_rows(data):
            assert all(len(value) <= PARTICIPANT_CELL for value in row.values.values())
            assert set(row.values) == set(sheets.COLUMNS)

    check()


@FUZZ
@given(st.lists(st.lists(cell_text, max_size=10), max_size=6))
def test_real_participant_workbooks_of_any_cells_read_bounded(rows):
    rows = [list(sheets.HEADERS.values()), *rows]
    for row in _participant_rows(_workbook([[c[:3000] for c in row] for row in rows])):
        assert all(len(value) <= PARTICIPANT_CELL for value in row.values.values())


def _bank_bounded(data: bytes, name: str) -> None:
    result = read_bank(data, name)  # never raises
    assert len(result.problems) <= MAX_PROBLEMS + 1
    assert len(result.questions) <= LIMITS.max_rows
    for problem in result.problems:
        assert isinstance(problem.message, str) and 0 < len(problem.message) < 1000
        assert len(problem.excerpt) <= 80
    for question in result.questions:
        assert len(question.text.strip()) <= MAX_QUESTION_CHARS
        assert all(len(option.text.strip()) <= MAX_OPTION_CHARS for option in question.options)


BANK_NAMES = ["bank.gift", "bank.txt", "bank.xml", "bank.csv", "bank.xlsx", "bank"]


@pytest.mark.parametrize(
    "strategy",
    [
        st.binary(max_size=3000),
        st.text(alphabet=st.sampled_from("::{}=~#%\\\n \tab1[]/$CATEGORY<>"), max_size=600).map(
            str.encode
        ),
        st.text(max_size=600).map(lambda text: f"<quiz>{text}</quiz>".encode()),
        csv_like(["soal", "jenis", "pilihan_a", "pilihan_b", "kunci"]),
        mutated(BANK_XLSX),
    ],
    ids=["bytes", "gift", "xml", "csv", "xlsx"],
)
def test_the_bank_readers_never_raise_and_bound_what_they_return(strategy):
    @FUZZ
    @given(strategy, st.sampled_from(BANK_NAMES))
    def check(data: bytes, name: str) -> None:
        _bank_bounded(data, name)

    check()


@FUZZ
@given(st.lists(st.lists(cell_text, max_size=8), max_size=6))
def test_real_bank_workbooks_of_any_cells_read_bounded(rows):
    rows = [["soal", "jenis", "pilihan_a", "pilihan_b", "kunci"], *rows]
    _bank_bounded(_workbook([[c[:3000] for c in row] for row in rows]), "bank.xlsx")
