"""Which reader an uploaded question-bank file goes to: by its extension, checked against
its first bytes where a name can mislead (a Moodle XML export renamed .txt, a workbook
saved as .csv)."""

from __future__ import annotations

from pathlib import PurePath

from django.utils.translation import gettext as _

from latih.common import spreadsheets_limits as bounds

from . import LIMITS, Problem, ReadResult, file_refused
from .gift import read_gift
from .moodlexml import read_moodle_xml
from .table import read_table


def read_bank(data: bytes, filename: str) -> ReadResult:
    """The questions of a GIFT (.gift, .txt), Moodle XML (.xml), XLSX or CSV file; a file
    larger than LIMITS.max_bytes is refused unread."""
    try:
        bounds.check_size(len(data), LIMITS)
    except bounds.LimitExceeded as error:
        return file_refused(error.message)
    result = _read(data, filename)
    if not result.questions and not result.problems:
        result.problems.append(Problem(_("The file contains no questions.")))
    return result


def _read(data: bytes, filename: str) -> ReadResult:
    suffix = PurePath(filename).suffix.lower()
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK\x03\x04") and suffix in (".xlsx", ".xlsm", ".csv", ""):
        return read_table(data, filename)
    if head.startswith((b"<?xml", b"<quiz")) or suffix == ".xml":
        return read_moodle_xml(data)
    if suffix in (".gift", ".txt"):
        return read_gift(data)
    if suffix in (".xlsx", ".xlsm", ".csv"):
        return read_table(data, filename)
    if suffix in (".xls", ".ods"):
        message = _(
            "This spreadsheet format is not supported: save the file as an Excel workbook "
            "(.xlsx) or as CSV."
        )
    else:
        message = _("This file type is not supported: choose a GIFT, Moodle XML, XLSX or CSV file.")
    return ReadResult(problems=[Problem(message)])
