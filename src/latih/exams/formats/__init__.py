"""Question-bank files: reading and writing GIFT, Moodle XML and the spreadsheet template
(XLSX and CSV), through one neutral shape (``BankQuestion``) that the exams app maps to
its models. Pure Python: no Django model or database access here.

A reader never raises on bad input: it returns every question it could read and every
``Problem`` it found, each with the line (or, where a format has no lines, the position)
of the question, so an organizer can fix the file and try again.

What reading may cost is bounded (``LIMITS``, applied with ``latih.common.spreadsheets_limits``
as the participant lists are): the file's size, its questions, the time spent, and for
spreadsheets the cells per row, a CSV line, an XLSX's unpacked parts and each cell's
length. A file past a bound is refused as a whole, with a problem saying which; a result
keeps its first MAX_PROBLEMS problems and counts the others (``unlisted``).
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from latih.common import spreadsheets_limits as bounds

PLAIN = "plain"
HTML = "html"
FORMATS = (PLAIN, HTML)


@dataclass
class BankOption:
    """One option; ``fraction`` is the credit for choosing it, in percent (-100..100)."""

    text: str
    fraction: Decimal
    feedback: str = ""


@dataclass
class BankQuestion:
    """A multiple-choice question: one correct answer (``multiple`` False) or several
    correct with partial credit (``multiple`` True, positive fractions adding up to 100)."""

    text: str
    options: list[BankOption]
    multiple: bool = False
    category: str = ""  # "Agenda 1/Bela Negara": a path, without $course$/ or top/
    name: str = ""
    format: str = PLAIN  # PLAIN text (newlines kept) or HTML (sanitized by the caller)
    feedback: str = ""  # general feedback, shown with the answers
    line: int | None = None  # where the question starts in the file (1-based)
    position: int | None = None  # its ordinal among the file's questions (1-based)


@dataclass
class Problem:
    """Why a question (or the whole file, when line and position are None) was refused."""

    message: str  # in the user's language (gettext), self-contained
    line: int | None = None
    position: int | None = None
    excerpt: str = ""  # the start of the question's name or text, to find it


MAX_PROBLEMS = 1000
# A bank of a few thousand questions is large; a question's text may have 10,000
# characters (checks.MAX_QUESTION_CHARS), so cells are cut just past it.
LIMITS = bounds.Limits(
    max_bytes=5 * 1024 * 1024,
    max_rows=5_000,
    max_columns=64,
    max_cell_chars=10_000,
    max_line_chars=256 * 1024,
    max_unpacked=50 * 1024 * 1024,
    max_part=25 * 1024 * 1024,
    max_seconds=30,
)


@dataclass
class ReadResult:
    questions: list[BankQuestion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unlisted: int = 0  # problems found past MAX_PROBLEMS, counted only

    @property
    def clean(self) -> bool:
        return not self.problems and not self.unlisted

    def take(
        self,
        question: BankQuestion | None,
        messages: list[str],
        line: int | None,
        position: int | None,
        where: str,
    ) -> None:
        """Keep ``question`` if there is no message, else one Problem per message."""
        if messages:
            room = max(0, MAX_PROBLEMS - len(self.problems))
            self.problems.extend(
                Problem(message, line=line, position=position, excerpt=where)
                for message in messages[:room]
            )
            self.unlisted += len(messages) - min(room, len(messages))
        elif question is not None:
            self.questions.append(question)


def file_refused(message: str) -> ReadResult:
    """The result of a file refused as a whole."""
    return ReadResult(problems=[Problem(message)])


class Reading:
    """One reading of a bank file against LIMITS: the questions met and the time spent.
    ``question()`` raises ``bounds.LimitExceeded`` past either bound."""

    def __init__(self) -> None:
        self.count = 0
        self.watch = bounds.Stopwatch(LIMITS)
        self.watch.start()

    def question(self) -> None:
        self.count += 1
        if self.count > LIMITS.max_rows:
            raise bounds.LimitExceeded(
                _("The file holds more than %(limit)s questions. Split it into several files.")
                % {"limit": f"{LIMITS.max_rows:,}".replace(",", ".")}
            )
        self.watch.check()


# --- Helpers the readers and writers share ---------------------------------------------------

_CONTEXT_PREFIXES = ("$system$", "$coursecategory$", "$course$", "$module$", "$cat$")


def decode_text(data: bytes) -> str:
    """The text of an uploaded file, with LF newlines: UTF-8 (with or without BOM), UTF-16
    with a BOM (Excel's "Unicode text"), else Windows-1252, which Indonesian Windows and
    older Excel versions write."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalize_category(path: str) -> str:
    """ "$course$/top/Agenda 1 / Bela Negara" -> "Agenda 1/Bela Negara": Moodle's context
    prefix and hidden "top" category dropped, each level trimmed."""
    parts = [part.strip() for part in path.strip().split("/")]
    if parts and parts[0] in _CONTEXT_PREFIXES:
        parts = parts[1:]
    if parts and parts[0] == "top":
        parts = parts[1:]
    return "/".join(part for part in parts if part)


_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>|</p\s*>|</div\s*>|</li\s*>|</h[1-6]\s*>", re.IGNORECASE)


def plain_to_html(text: str) -> str:
    """Plain text as HTML that shows the same: special characters escaped, newlines kept."""
    return html.escape(text, quote=False).replace("\n", "<br>\n")


def html_to_plain(text: str) -> str:
    """The readable text of an HTML fragment: breaks and paragraphs become newlines."""
    text = _BREAK.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def one_format(texts: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """One format for a question whose parts came in different ones (GIFT's per-answer
    ``[html]``, Moodle XML's per-answer ``format``): HTML if any non-empty part is HTML,
    the plain parts then escaped so they show the same. ``texts`` are (text, format)."""
    if not any(text and fmt == HTML for text, fmt in texts):
        return PLAIN, [text for text, _fmt in texts]
    return HTML, [text if fmt == HTML else plain_to_html(text) for text, fmt in texts]


def excerpt(question_or_text: BankQuestion | str, limit: int = 80) -> str:
    """The start of a question's name or text, on one line, to find it in the file."""
    if isinstance(question_or_text, BankQuestion):
        text = question_or_text.name or question_or_text.text
    else:
        text = question_or_text
    text = " ".join(html.unescape(_TAG.sub(" ", text)).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# The readers use the classes above, so they come after them.
from .checks import check  # noqa: E402
from .detect import read_bank  # noqa: E402

__all__ = [
    "FORMATS",
    "HTML",
    "PLAIN",
    "BankOption",
    "BankQuestion",
    "Problem",
    "ReadResult",
    "Reading",
    "check",
    "read_bank",
]
