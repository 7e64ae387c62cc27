"""Bounds on reading an uploaded file, shared by every reader of uploads (the participant
lists of ``cohorts.sheets`` and the question banks of ``exams.formats``).

A small upload must not cost much to read. A CSV line of a million ";" is a million
cells; an XLSX is a ZIP whose parts may unpack to gigabytes (a "zip bomb"), and one huge
shared string may be referenced by every cell of every row, so 4 KB of file becomes
gigabytes of text once read. Each reader therefore states its ``Limits`` and applies them
with the helpers here: the declared sizes of an XLSX's parts are checked before anything
is parsed (``zipfile`` never yields more than a part's declared size, so the check holds
for a lying archive too), a CSV is read line by bounded line, every cell is cut to a
bound, rows and the time spent reading are counted. A bound reached raises
``LimitExceeded`` with a translated message; each reader turns it into its own error.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from django.utils.translation import gettext as _

# Marks a cell cut to its bound: the reader's checks then see a value longer than any
# column accepts, and the user sees where it was cut.
CUT_MARK = "…"
# The last row of an Excel worksheet: no genuine file numbers a row past it.
EXCEL_ROWS = 1_048_576
# The monotonic clock the reading time is measured with (tests replace it).
monotonic = time.monotonic


@dataclass(frozen=True)
class Limits:
    """How much one uploaded file may hold and cost to read."""

    max_bytes: int  # the file as uploaded
    max_rows: int  # data rows (or questions) kept
    max_columns: int  # cells read per row; later ones are ignored
    max_cell_chars: int  # a longer cell is cut, and ends in CUT_MARK
    max_line_chars: int  # CSV: one physical line
    max_unpacked: int  # XLSX: all parts together, unpacked
    max_part: int  # XLSX: any one part read whole (the shared strings, styles), unpacked
    max_seconds: float  # time spent reading


class LimitExceeded(Exception):
    """A bound of ``Limits`` was reached; ``message`` is for the user (translated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def megabytes(size: int) -> int:
    return size // (1024 * 1024)


def check_size(size: int, limits: Limits) -> None:
    """LimitExceeded for a file larger than ``limits.max_bytes``."""
    if size > limits.max_bytes:
        raise LimitExceeded(
            _("The file is larger than %(limit)s MB. Split it into several files.")
            % {"limit": megabytes(limits.max_bytes)}
        )


def check_zip_parts(members: Iterable[zipfile.ZipInfo], limits: Limits) -> None:
    """LimitExceeded when the parts of a workbook unpack to more than the limits allow: all
    of them together, or any part that openpyxl reads whole into memory (every part but the
    worksheets, which it streams: the shared strings above all). Uses the sizes the archive
    declares: reading a part never gives more than its declared size (a part that holds
    more fails its checksum instead)."""
    total = 0
    for member in members:
        total += member.file_size
        streamed = member.filename.startswith("xl/worksheets/sheet")
        if (member.file_size > limits.max_part and not streamed) or total > limits.max_unpacked:
            raise LimitExceeded(
                _(
                    "This spreadsheet is too large to read once unpacked. Split it into "
                    "several files, or save it again as a new workbook."
                )
            )


def cut(text: str, limit: int) -> str:
    """``text``, or its first ``limit`` characters and CUT_MARK (``limit`` + 1 in all)."""
    return text if len(text) <= limit else text[:limit] + CUT_MARK


def bounded_lines(text: TextIO, limits: Limits) -> Iterator[str]:
    """The physical lines of ``text`` (opened with ``newline=""``, so the line endings
    are kept for the csv module), each read with a bounded buffer; LimitExceeded for a
    line longer than ``limits.max_line_chars``, before it is held whole."""
    number = 0
    while True:
        line = text.readline(limits.max_line_chars + 2)  # room for "\r\n"
        if not line:
            return
        number += 1
        if len(line.rstrip("\r\n")) > limits.max_line_chars:
            raise LimitExceeded(
                _(
                    "Line %(line)s of the file is longer than %(limit)s characters: this is "
                    "not a file of the expected kind. Check the file and try again."
                )
                % {"line": number, "limit": f"{limits.max_line_chars:,}".replace(",", ".")}
            )
        yield line


class Stopwatch:
    """The time spent reading a file, against ``limits.max_seconds``.

    Only time between ``start`` and ``stop`` counts, so a reader that yields its rows to a
    slow consumer (a job writing each chunk to the database) counts its own work only."""

    def __init__(self, limits: Limits) -> None:
        self.limit = limits.max_seconds
        self.spent = 0.0
        self._since: float | None = None

    def start(self) -> None:
        if self._since is None:
            self._since = monotonic()

    def stop(self) -> None:
        if self._since is not None:
            self.spent += monotonic() - self._since
            self._since = None

    def check(self) -> None:
        """LimitExceeded once the time spent passes the limit."""
        spent = self.spent + (monotonic() - self._since if self._since is not None else 0.0)
        if spent > self.limit:
            raise LimitExceeded(
                _(
                    "Reading the file took longer than %(limit)s seconds, so it was stopped. "
                    "Split it into several smaller files and try again."
                )
                % {"limit": f"{self.limit:g}"}
            )
