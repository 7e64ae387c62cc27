"""Participant lists as files: reading an uploaded list, writing the template and the error file.

An agency admin enrols a cohort (angkatan) by uploading a list of people, one per row, as
XLSX or as CSV the way Excel saves it. This module only turns such a file into rows of
strings and refuses a file it cannot read (``SheetError``, with a message for the user); it
judges nothing about the people — whether a NIP or NIK is well formed is the caller's
business. What it does report per row is a NIP or NIK that the spreadsheet itself has
already damaged: Excel keeps 15 significant digits, so an 18-digit NIP typed into a number
cell comes back as 199811082024211000 (shown as 1,99811E+17), and the person cannot be
found from it.

Files are read as a stream, row by row, so a list of 200,000 people needs little memory;
``Sheet.rows()`` reads the file again from the start on each call. What reading may cost
is bounded (``LIMITS``, applied with ``latih.common.spreadsheets_limits``): the file's size, its
rows, the cells read per row, a CSV line's length, an XLSX's unpacked parts, the time
spent; and every cell is cut to ``LIMITS.max_cell_chars`` (ending in "…"), longer than any
value a column accepts, so that one huge cell repeated on every row costs little.

The column names are matched loosely (``No. HP``, ``NIP/NI PPPK``, ``Nama Lengkap``), so a
list exported from another system usually needs no editing; columns the module does not
know, such as the ``Baris`` and ``Alasan`` of the error file, are ignored.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import zipfile
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from latih.common import spreadsheets_limits as bounds

COLUMNS = ("nip", "nik", "name", "birth_place", "email", "phone", "agency", "unit", "position")
REQUIRED = ("nip", "nik", "name")
# The template's headers: fixed Indonesian text, not translated, so that every file
# downloaded from the platform looks the same whatever language its user reads.
HEADERS = {
    "nip": "NIP",
    "nik": "NIK",
    "name": "Nama",
    "birth_place": "Tempat Lahir",
    "email": "Email",
    "phone": "Nomor HP",
    "agency": "Instansi",
    "unit": "Unit Kerja",
    "position": "Jabatan",
}
MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
# An XLSX is a ZIP: a small file can unpack to gigabytes (a "zip bomb"), and openpyxl keeps
# the shared strings in memory. A genuine list of MAX_ROWS people unpacks to well under
# these bounds (about 150 MB in all, 40 MB of strings). The longest value a column takes
# is an email address (254 characters): cells are cut a little above it.
LIMITS = bounds.Limits(
    max_bytes=MAX_BYTES,
    max_rows=MAX_ROWS,
    max_columns=200,
    max_cell_chars=256,
    max_line_chars=256 * 1024,
    max_unpacked=10 * MAX_BYTES,
    max_part=2 * MAX_BYTES,
    max_seconds=120,
)

# The header names each column is known by, written as people write them; they are
# compared after _normalize, so case, spacing, "." "*" ":" and a "(…)" remark do not matter.
_ALIASES = {
    "nip": ("nip", "ni pppk", "nip/ni pppk", "nip/nipppk", "nomor induk pegawai"),
    "nik": ("nik", "nomor induk kependudukan", "no ktp", "nomor ktp", "ktp"),
    "name": ("nama", "nama lengkap", "nama peserta", "nama pegawai", "name", "full name"),
    "birth_place": ("tempat lahir", "birth place", "place of birth"),
    "email": ("email", "e-mail", "surel", "alamat email", "alamat surel", "email address"),
    "phone": (
        *(
            prefix + noun
            for prefix in ("", "no ", "nomor ")
            for noun in ("hp", "handphone", "telepon", "telp", "wa", "whatsapp", "ponsel")
        ),
        "phone",
    ),
    "agency": ("instansi", "kode instansi", "nama instansi", "agency"),
    "unit": ("unit kerja", "unit", "satuan kerja", "satker"),
    "position": ("jabatan", "position"),
}
# The number of digits of a NIP (or NI PPPK) and of a NIK, for spotting damaged numbers.
_DIGITS = {"nip": 18, "nik": 16}
_SIGNIFICANT = 15  # the digits a spreadsheet app keeps of a number
# "1.99811E+17", "1,99811E+17" (Excel in an Indonesian locale), "1.99811e17".
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+")
_DELIMITERS = (";", ",", "\t", "|")  # in order of preference on a tie
# A title above the table ("DAFTAR PESERTA …") is skipped: the header is the first row
# naming a required column, looked for among this many non-blank rows.
_HEADER_SEARCH = 20
# Spreadsheet apps run a cell that starts like a formula (OWASP's list); the error file
# quotes such text with a leading apostrophe, which the reader takes off again.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CHUNK_ROWS = 500
# Copy-paste from web pages and PDFs brings non-breaking and zero-width spaces.
_INVISIBLE = {
    **dict.fromkeys(map(ord, "\u00a0\u2007\u202f"), " "),
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None),
}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls (and old Word .doc)
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SNIFF_BYTES = 4096


class SheetError(Exception):
    """A file that cannot be read as a participant list; ``message`` is for the user
    (translated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SheetRow:
    """One person's row. ``line`` is where the user finds it: the CSV line where the record
    starts, or the worksheet's row number; the header is line 1 unless rows precede it."""

    line: int
    values: dict[str, str]
    damaged: frozenset[str]


class Sheet:
    """An uploaded participant list whose header row has been read.

    ``columns`` holds the keys of COLUMNS that the header names (in COLUMNS order): a key
    not in it is a column the file lacks, rather than one left empty in a row.
    """

    kind: str

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = path
        self.header_line = 0
        self.columns: tuple[str, ...] = ()
        self._index: dict[str, int] = {}
        self._count: int | None = None

    def rows(self) -> Iterator[SheetRow]:
        """The data rows from the start of the file, blank ones skipped; raises SheetError
        past LIMITS.max_rows rows, past LIMITS.max_seconds spent reading, or when the file
        turns out damaged further on."""
        for number, row in enumerate(self._data_rows(), start=1):
            if number > LIMITS.max_rows:
                raise SheetError(_too_many_rows())
            yield row

    def count(self) -> int:
        """The number of data rows, blank rows not counted; counting stops (and raises
        SheetError) past LIMITS.max_rows."""
        if self._count is None:
            count = 0
            for _row in self._data_rows():
                count += 1
                if count > LIMITS.max_rows:
                    raise SheetError(_too_many_rows())
            self._count = count
        return self._count

    def _read_header(self) -> None:
        self._take_header(self._records())

    def _take_header(self, records: Generator[tuple[int, Sequence[Any]], None, None]) -> None:
        try:
            self.header_line, self._index = _find_header(records)
        finally:
            records.close()
        self.columns = tuple(column for column in COLUMNS if column in self._index)

    def _data_rows(self) -> Iterator[SheetRow]:
        for line, cells in self._records():
            if line > self.header_line:
                row = _sheet_row(line, cells, self._index)
                if row is not None:
                    yield row

    def _records(self) -> Generator[tuple[int, Sequence[Any]], None, None]:
        """Every row of the file from the first, with its line number and at most
        LIMITS.max_columns cells; raises SheetError once reading has taken longer than
        LIMITS.max_seconds (the time the caller spends between rows does not count)."""
        watch = bounds.Stopwatch(LIMITS)
        watch.start()
        records = self._raw_records()
        try:
            for line, cells in records:
                watch.check()
                watch.stop()
                yield line, cells[: LIMITS.max_columns]
                watch.start()
        except bounds.LimitExceeded as error:
            raise SheetError(error.message) from error
        finally:
            records.close()

    def _raw_records(self) -> Generator[tuple[int, Sequence[Any]], None, None]:
        """Every row of the file from the first, with its line number."""
        raise NotImplementedError


class _CsvSheet(Sheet):
    kind = "csv"

    def __init__(self, path: str | os.PathLike, encoding: str, delimiter: str) -> None:
        super().__init__(path)
        self.encoding = encoding
        self.delimiter = delimiter

    def _raw_records(self) -> Generator[tuple[int, Sequence[Any]], None, None]:
        # newline="" hands the csv module the line endings untouched (\r\n, \n or a lone
        # \r), so it keeps quoted newlines inside their field and counts lines right. The
        # lines are read with a bound: a line of a million ";" is refused, not split.
        with _open_text(self.path, self.encoding) as text:
            reader = csv.reader(bounds.bounded_lines(text, LIMITS), delimiter=self.delimiter)
            start = 1
            try:
                for cells in reader:
                    yield start, cells
                    start = reader.line_num + 1
            except csv.Error as error:
                raise SheetError(
                    _("The CSV file cannot be read at line %(line)s: %(detail)s.")
                    % {"line": reader.line_num, "detail": error}
                ) from error


class _XlsxSheet(Sheet):
    kind = "xlsx"

    def __init__(self, path: str | os.PathLike) -> None:
        super().__init__(path)
        # The last row number the writer recorded in the sheet's <dimension>, if any.
        self.dimension_rows: int | None = None

    def count(self) -> int:
        """From the sheet's recorded size when it has one: an upper bound (blank and merely
        formatted rows count too) that costs nothing, where counting means reading the whole
        workbook. A recorded size leaving no room for data is not believed: some writers
        record "A1" whatever the sheet holds."""
        if self.dimension_rows is not None and self.dimension_rows > self.header_line:
            return self.dimension_rows - self.header_line
        return super().count()

    def _raw_records(self) -> Generator[tuple[int, Sequence[Any]], None, None]:
        with _open_worksheet(self.path) as worksheet:
            # Read before _worksheet_records forgets it; the same on every reading.
            self.dimension_rows = worksheet.max_row
            yield from _worksheet_records(worksheet)


def open_sheet(path: str | os.PathLike, filename: str) -> Sheet:
    """The participant list in the uploaded file at ``path``, its header row read.

    The content tells XLSX from CSV; ``filename`` (the name the user gave the file) only
    words a refusal. Raises SheetError for a file that is empty, too large, not a CSV or
    XLSX, or without a header naming the required columns.
    """
    size = os.path.getsize(path)
    if size == 0:
        raise SheetError(_("The file is empty."))
    if size > LIMITS.max_bytes:
        raise SheetError(
            _("The file is larger than %(limit)s MB. Split the participants over several files.")
            % {"limit": LIMITS.max_bytes // (1024 * 1024)}
        )
    with open(path, "rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    sheet: Sheet
    if head.startswith(_ZIP_MAGIC):
        _check_workbook(path)
        sheet = _XlsxSheet(path)
    else:
        encoding = _text_encoding(path, head, filename)
        sheet = _CsvSheet(path, encoding, _detect_delimiter(path, encoding))
    sheet._read_header()
    return sheet


# --- Telling the kind of file -----------------------------------------------------------------


def _text_encoding(path: str | os.PathLike, head: bytes, filename: str) -> str:
    """The encoding to read a text file with, or SheetError for a file that is not text."""
    if head.startswith(_OLE_MAGIC):
        raise SheetError(
            _(
                "This is an old Excel workbook (.xls). Open it in Excel, save it as .xlsx "
                "or .csv, and try again."
            )
        )
    if head.startswith(_UTF16_BOMS):
        # Excel's "Unicode Text" save: text, but every other byte is NUL.
        raise SheetError(
            _(
                "This text file is saved as Unicode (UTF-16). Save it as CSV UTF-8 or as "
                ".xlsx and try again."
            )
        )
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        raise SheetError(_("Not a CSV or XLSX file."))
    if head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"<"):
        # Many systems export a web page (HTML) or Excel 2003 XML under a .xls name.
        raise SheetError(
            _(
                "“%(filename)s” is a web page (HTML) or XML file, not a spreadsheet, even if "
                "its name says so. Open it in Excel, save it as .xlsx or .csv, and try again."
            )
            % {"filename": filename}
        )
    # Excel on Windows saves "CSV (Comma delimited)" in the ANSI code page; that file is
    # told apart by not being valid UTF-8, which takes one pass over the whole file. A
    # byte-order mark says UTF-8 outright (a stray invalid byte then reads as "\ufffd").
    if head.startswith(codecs.BOM_UTF8) or _is_utf8(path):
        return "utf-8-sig"
    return "cp1252"


def _is_utf8(path: str | os.PathLike) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _open_text(path: str | os.PathLike, encoding: str) -> io.TextIOWrapper:
    # cp1252 leaves five bytes undefined; a stray one becomes "\ufffd" rather than an error.
    return open(path, encoding=encoding, errors="replace", newline="")


def _detect_delimiter(path: str | os.PathLike, encoding: str) -> str:
    """The delimiter of the header line: the candidate found most often outside quotes.

    Excel may start the file with a hint line, "sep=;", which then decides. The header line
    is the first line naming a required column with its own most frequent delimiter, or,
    when none does, the first line with any text.
    """
    first = None
    with _open_text(path, encoding) as text:
        for number in range(100):
            # A bounded read: a file without line breaks is not held whole for this.
            read = text.readline(1 << 16)
            if not read:
                break
            line = read.rstrip("\r\n")
            if number == 0 and len(line) == 5 and line.startswith("sep="):
                return line[4]
            if not line.strip("".join(_DELIMITERS) + '" '):
                continue
            delimiter = _most_frequent_delimiter(line)
            first = first or delimiter
            cells = next(csv.reader([line], delimiter=delimiter), [])
            if any(_ALIAS_COLUMNS.get(_normalize(cell)) in REQUIRED for cell in cells):
                return delimiter
    return first or ","


def _most_frequent_delimiter(line: str) -> str:
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=counts.__getitem__)
    return best if counts[best] else ","


def _check_workbook(path: str | os.PathLike) -> None:
    """SheetError unless the ZIP at ``path`` looks like a workbook openpyxl may open, and
    unpacks within LIMITS."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except Exception as error:  # BadZipFile, and the odd ValueError or EOFError
        raise SheetError(_unreadable_spreadsheet()) from error
    names = {member.filename for member in members}
    if not any(name.startswith("xl/") for name in names):
        if "mimetype" in names:  # OpenDocument (.ods): a spreadsheet, in another format
            raise SheetError(_unreadable_spreadsheet())
        raise SheetError(_("Not a CSV or XLSX file."))
    try:
        bounds.check_zip_parts(members, LIMITS)
    except bounds.LimitExceeded as error:
        raise SheetError(error.message) from error


@contextmanager
def _open_worksheet(path: str | os.PathLike) -> Iterator[Any]:
    """The workbook's participant sheet, in openpyxl's streaming (read-only) mode."""
    from openpyxl import load_workbook

    # openpyxl refuses a path whose name does not end in .xlsx, and an upload's temporary
    # file may have any name; given an open file it looks at the content only.
    with open(path, "rb") as handle:
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True, keep_links=False)
        except Exception as error:  # openpyxl raises many kinds on a damaged file
            raise SheetError(_unreadable_spreadsheet()) from error
        try:
            worksheets = workbook.worksheets
            if not worksheets:
                raise SheetError(_unreadable_spreadsheet())
            named = [sheet for sheet in worksheets if sheet.title.strip().casefold() == "peserta"]
            yield (named or worksheets)[0]
        finally:
            workbook.close()


def _worksheet_records(worksheet: Any) -> Generator[tuple[int, Sequence[Any]], None, None]:
    """The worksheet's rows with their numbers, a damaged part turned into a SheetError."""
    # Read to the last row there is, not to the size the writer recorded; but not past
    # Excel's last row (openpyxl yields an empty row for each missing one, so a row
    # numbered a billion would be a billion rows), nor past LIMITS.max_columns (openpyxl
    # pads each row to its last cell, and a cell in column XFD is 16,384 of them).
    worksheet.reset_dimensions()
    rows = worksheet.iter_rows(
        max_row=bounds.EXCEL_ROWS, max_col=LIMITS.max_columns, values_only=True
    )
    # openpyxl yields an empty row for each row missing from the file, so counting from 1
    # gives the row numbers.
    line = 0
    try:
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as error:  # openpyxl raises many kinds on a damaged file
                raise SheetError(_unreadable_spreadsheet()) from error
            line += 1
            yield line, row
    finally:
        rows.close()


def _unreadable_spreadsheet() -> str:
    return _("This spreadsheet cannot be read. Save it as .xlsx or .csv and try again.")


def _too_many_rows() -> str:
    return _("The file holds more than %(limit)s participants. Split it into several files.") % {
        "limit": number_format(LIMITS.max_rows, force_grouping=True)
    }


# --- The header row ---------------------------------------------------------------------------


def _normalize(header: str) -> str:
    """A header as compared with the aliases: "  No. HP* " -> "no hp"."""
    text = header.translate(_INVISIBLE).casefold().replace("_", " ")
    text = re.sub(r"[.*:]", "", text)
    # A remark in brackets, "NIP (18 digit)", still names the column.
    text = re.sub(r"\([^)]*\)", " ", text).strip() or text
    text = re.sub(r"\s*/\s*", "/", " ".join(text.split()))
    return text.strip(" \"'`()[]{}<>,;!?#-–—/\\|")


_ALIAS_COLUMNS = {
    _normalize(alias): column
    for column in COLUMNS
    for alias in (*_ALIASES[column], HEADERS[column], column)
}


def _find_header(records: Iterator[tuple[int, Sequence[Any]]]) -> tuple[int, dict[str, int]]:
    """The header's line and the position of each known column in it."""
    for _number, (line, cells) in zip(range(_HEADER_SEARCH), _non_blank(records), strict=False):
        columns: dict[str, list[int]] = {}
        texts = [_cell_text(cell) for cell in cells]
        for position, text in enumerate(texts):
            column = _ALIAS_COLUMNS.get(_normalize(text))
            if column:
                columns.setdefault(column, []).append(position)
        if not any(column in columns for column in REQUIRED):
            continue
        missing = [column for column in REQUIRED if column not in columns]
        if missing:
            raise SheetError(
                _(
                    "The header row (line %(line)s) lacks the columns %(columns)s. Use the "
                    "template, which you can download from this page."
                )
                % {"line": line, "columns": _header_list(missing)}
            )
        for column, positions in columns.items():
            if len(positions) > 1:
                raise SheetError(
                    _(
                        "The column %(column)s appears more than once in the header row "
                        "(%(headers)s). Keep one and delete the others."
                    )
                    % {
                        "column": HEADERS[column],
                        "headers": ", ".join(f"“{texts[position]}”" for position in positions),
                    }
                )
        return line, {column: positions[0] for column, positions in columns.items()}
    raise SheetError(
        _(
            "No header row naming the columns %(columns)s was found at the top of the file. "
            "Use the template, which you can download from this page."
        )
        % {"columns": _header_list(REQUIRED)}
    )


def _non_blank(
    records: Iterator[tuple[int, Sequence[Any]]],
) -> Iterator[tuple[int, Sequence[Any]]]:
    return ((line, cells) for line, cells in records if any(map(_cell_text, cells)))


def _header_list(columns: Iterable[str]) -> str:
    return ", ".join(HEADERS[column] for column in columns)


# --- Cells ------------------------------------------------------------------------------------


def _sheet_row(line: int, cells: Sequence[Any], index: Mapping[str, int]) -> SheetRow | None:
    """The row's values, or None for a row with nothing in the known columns (a row that
    only numbers itself in a "No" column is blank too)."""
    values = dict.fromkeys(COLUMNS, "")
    damaged = []
    for column, position in index.items():
        if position < len(cells):
            text, broken = _cell(column, cells[position])
            values[column] = text
            if broken:
                damaged.append(column)
    if not any(values.values()):
        return None
    return SheetRow(line=line, values=values, damaged=frozenset(damaged))


def _cell(column: str, value: Any) -> tuple[str, bool]:
    """The cell as text, and whether it holds a NIP or NIK that lost digits."""
    digits = _DIGITS.get(column)
    text = _cell_text(value)
    if digits is None:
        return text, False
    if isinstance(value, bool):
        return text, False
    if isinstance(value, int):
        # openpyxl reads an integer as a Python int, exactly: the file holds what its
        # writer gave it. A wrong length means lost leading digits. The right length is no
        # proof: Excel, LibreOffice and Google Sheets keep 15 significant digits (a NIK
        # typed as 3273010811980001 is kept as 3273010811980000), and a number written
        # without an exponent reads as an int. Digits past the 15th all zero are what that
        # rounding leaves; an intact number from another writer that happens to end so is
        # flagged too, a small cost next to enrolling a wrong NIK.
        return text, len(text) != digits or not text[_SIGNIFICANT:].strip("0")
    if isinstance(value, float):
        # Every float is damaged here: a spreadsheet app keeps 15 significant digits and a
        # double 15 to 17, while a NIK has 16 and a NIP 18; a shorter one lost digits anyway.
        return text, True
    return text, bool(_SCIENTIFIC.fullmatch(text))


def _cell_text(value: Any) -> str:
    """A CSV field or an XLSX cell value as the stripped text the user sees."""
    if value is None:
        return ""
    if isinstance(value, str):
        # Cut first: the same huge shared string may fill every cell of a workbook. strip()
        # costs only the spaces it takes off.
        text = value.strip()
        cut = len(text) > LIMITS.max_cell_chars
        if cut:
            text = text[: LIMITS.max_cell_chars]
        # isascii() is a flag lookup; most cells need no translating.
        if not text.isascii():
            text = text.translate(_INVISIBLE).strip()
        # A leading apostrophe forces text in a spreadsheet and guards the error file.
        if text.startswith("'"):
            text = text[1:].lstrip()
        return text + bounds.CUT_MARK if cut else text
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Through the shortest decimal that reads back as this float, as Excel shows it:
        # 1.99811082024211e17 -> "199811082024211000" rather than the binary's
        # "199811082024211008"; 12.5 -> "12.5"; 1e-07 -> "0.0000001".
        number = Decimal(repr(value))
        return str(int(number)) if value.is_integer() else format(number, "f")
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return bounds.cut(str(value).strip(), LIMITS.max_cell_chars)


# --- Writing ----------------------------------------------------------------------------------

# Columns Excel must keep as text: it would turn a NIP or NIK into 1,99811E+17 and drop a
# phone number's leading 0.
_TEXT_COLUMNS = ("nip", "nik", "phone")
_WIDTHS = {
    "nip": 22,
    "nik": 20,
    "name": 32,
    "birth_place": 18,
    "email": 30,
    "phone": 16,
    "agency": 32,
    "unit": 32,
    "position": 30,
}
_EXAMPLE = {
    "nip": "199811082024211007",
    "nik": "3273010811980001",
    "name": "Budi Santoso",
    "birth_place": "Bandung",
    "email": "budi.santoso@example.com",
    "phone": "081234567890",
    "agency": "Pemerintah Kota Bandung",
    "unit": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "position": "Analis Sumber Daya Manusia Aparatur",
}
_MAX_ROWS_ID = f"{MAX_ROWS:,}".replace(",", ".")  # Indonesian digit grouping: 200.000
_INSTRUCTIONS = (
    "Isi lembar Peserta: satu baris untuk satu orang, mulai baris 2. Jangan ubah baris judul.",
    "Kolom wajib: NIP, NIK, dan Nama. Kolom lain boleh dikosongkan.",
    "NIP: 18 digit NIP PNS atau NI PPPK.",
    "NIK: 16 digit, sesuai KTP.",
    "Kolom NIP, NIK, dan Nomor HP di templat ini berformat Teks agar Excel tidak mengubah "
    "angkanya. Bila memakai berkas lain, format kolom NIP dan NIK sebagai Teks sebelum "
    "mengisinya: angka 18 digit yang disimpan sebagai angka berubah menjadi 1,99811E+17 "
    "dan digit terakhirnya hilang.",
    "Instansi: kode instansi atau nama instansi seperti yang dikenal sistem.",
    "Unit Kerja dan Jabatan: sesuai penempatan saat ini.",
    "Simpan sebagai .xlsx, atau .csv (pemisah titik koma atau koma). Paling banyak "
    f"{_MAX_ROWS_ID} baris dan {MAX_BYTES // (1024 * 1024)} MB per berkas.",
    "Mengunggah ulang berkas yang sama aman: tidak ada yang berubah dua kali.",
    "Baris yang bermasalah dapat diunduh sebagai berkas kesalahan. Perbaiki baris di berkas "
    "itu, lalu unggah berkas itu kembali.",
)


def template_xlsx() -> bytes:
    """The workbook to fill in: a "Peserta" sheet with the header row and a "Petunjuk" sheet
    with instructions and an example row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Peserta"
    sheet.append([HEADERS[column] for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet("Petunjuk")
    guide.append(["Petunjuk pengisian"])
    guide["A1"].font = bold
    for line in _INSTRUCTIONS:
        guide.append([line])
    guide.append([])
    guide.append(["Contoh:"])
    guide.append([HEADERS[column] for column in COLUMNS])
    for cell in guide[guide.max_row]:
        cell.font = bold
    guide.append([_EXAMPLE[column] for column in COLUMNS])
    for position, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(position)
        for each in (sheet, guide):
            each.column_dimensions[letter].width = _WIDTHS[column]
        if column in _TEXT_COLUMNS:
            # A format on the whole column, as Excel itself saves "format column as Text":
            # every cell typed into it later is text, and the sheet's recorded size stays
            # the header row (so Sheet.count() of a filled-in template is exact).
            sheet.column_dimensions[letter].number_format = "@"
            guide.cell(row=guide.max_row, column=position).number_format = "@"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def template_csv() -> bytes:
    """The header line as Excel in an Indonesian locale opens it: UTF-8 with a byte-order
    mark (without one Excel reads the ANSI code page), ";" separated, CRLF."""
    return ("\ufeff" + ";".join(HEADERS[column] for column in COLUMNS) + "\r\n").encode()


def problems_csv(problems: Iterable[tuple[int, Mapping[str, str], str]]) -> Iterator[bytes]:
    """The error file, streamed in chunks: one row per (line, values, reason), in the
    template's columns between "Baris" (the line in the uploaded file) and "Alasan" (the
    reason). Fixed and uploaded again, it reads as a participant list."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(["Baris", *(HEADERS[column] for column in COLUMNS), "Alasan"])
    for number, (line, values, reason) in enumerate(problems, start=1):
        cells = [_defuse(str(values.get(column) or ""), column) for column in COLUMNS]
        writer.writerow([line, *cells, _defuse(str(reason))])
        if number % _CHUNK_ROWS == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode()


def _defuse(text: str, column: str = "") -> str:
    """Text that a spreadsheet app shows as it is, rather than running it as a formula or,
    in the NIP, NIK and phone columns, reading digits as a number: Excel opening the error
    file would turn a NIP into 1,99811E+17 and drop a phone number's leading 0, and the
    fixed file would come back damaged. The reader takes the apostrophe off again."""
    if text.startswith(_FORMULA_START) or (
        column in _TEXT_COLUMNS and text.isascii() and text.isdigit()
    ):
        return "'" + text
    return text
