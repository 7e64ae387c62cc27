"""The PDF of a training certificate (sertifikat): one A4 landscape page per holder.

Pure layout, no Django and no database: the issuing service gathers a `CertificateData`
and calls `render()`, which returns the bytes of the document. The text is always Bahasa
Indonesia, whatever the reader's UI language, because the certificate is an official
document. Only the standard PDF fonts (Times) are used, so nothing is read from disk.
"""

from __future__ import annotations

import functools
import io
import itertools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.colors import Color, black
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer


@dataclass(frozen=True)
class CertificateData:
    """Everything printed on one certificate, already chosen and formatted by the caller."""

    number: str  # e.g. "00042/K7QX/LAN/2026"
    name: str  # holder's full name
    nip: str  # 18 digits
    agency: str  # holder's agency (instansi), may be ""
    course: str  # e.g. "Pelatihan Dasar PPPK"
    hours: int  # jam pelajaran (JP)
    starts_on: date | None
    ends_on: date | None
    predicate: str  # e.g. "Sangat Memuaskan"
    final_score: Decimal  # e.g. Decimal("90.01")
    issuer: str  # organizing institution, e.g. "Lembaga Administrasi Negara"
    place: str  # city of signing, e.g. "Jakarta"
    issued_on: date
    signatory_name: str
    signatory_title: str  # e.g. "Kepala Pusat Pelatihan dan Pengembangan"
    signatory_nip: str  # may be ""
    verify_url: str  # absolute URL the QR code encodes


MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def indonesian_date(value: date) -> str:
    """The date as Indonesian documents write it, "23 November 2026"; month names come from
    a table, so the server's locale never matters."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def format_nip(nip: str) -> str:
    """Group an 18-digit NIP as printed on official papers: "19981108 202421 1 007"
    (birth date, appointment, gender, sequence). Anything else is printed as given."""
    digits = "".join(nip.split())
    if len(digits) != 18 or not (digits.isascii() and digits.isdigit()):
        return nip
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def format_score(score: Decimal) -> str:
    """Two decimals with a decimal comma, as Indonesian documents write numbers: "90,01"."""
    return f"{score:.2f}".replace(".", ",")


def date_range(starts_on: date, ends_on: date) -> str:
    """The shortest unambiguous span: "1 sampai dengan 20 Desember 2026" within a month,
    "3 Juni sampai dengan 28 Juli 2026" within a year, both dates in full otherwise."""
    if starts_on == ends_on:
        return indonesian_date(starts_on)
    if starts_on.year == ends_on.year:
        if starts_on.month == ends_on.month:
            start = str(starts_on.day)
        else:
            start = f"{starts_on.day} {MONTHS[starts_on.month - 1]}"
        return f"{start} sampai dengan {indonesian_date(ends_on)}"
    return f"{indonesian_date(starts_on)} sampai dengan {indonesian_date(ends_on)}"


# -- Layout ---------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
NAVY = Color(0.11, 0.20, 0.37)
GOLD = Color(0.70, 0.55, 0.22)
INK = Color(0.12, 0.12, 0.12)

REGULAR = "Times-Roman"
BOLD = "Times-Bold"
ITALIC = "Times-Italic"

# The text column and the two blocks at the foot (QR left, signature right).
TEXT_WIDTH = 640.0
FOOT_BOTTOM = 62.0  # baseline of the lowest line in either foot block
FOOT_BLOCK_WIDTH = 280.0
FOOT_SIDE_MARGIN = 70.0
TOP_MARGIN = 58.0
QR_SIZE = 3 * cm
ISSUER_MAX_SIZE = 16
ISSUER_MIN_SIZE = 11
NAME_MAX_SIZE = 30
NAME_MIN_SIZE = 18  # below this the name no longer reads as the subject of the page


def _style(
    name: str, font: str, size: float, color: Color = INK, leading: float | None = None
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=leading or size * 1.3,
        alignment=TA_CENTER,
        textColor=color,
    )


# Styles are built once per process: the job renders thousands of certificates.
NUMBER_STYLE = _style("number", REGULAR, 12.5)
GIVEN_TO_STYLE = _style("given_to", ITALIC, 14)
NIP_STYLE = _style("nip", REGULAR, 13.5)
AGENCY_STYLE = _style("agency", REGULAR, 13.5)
BODY_STYLE = _style("body", REGULAR, 13.5, leading=19)
SIGN_STYLE = _style("sign", REGULAR, 12, leading=15)


@functools.lru_cache(maxsize=32)
def _heading_style(size: int) -> ParagraphStyle:
    """Bold navy at a size chosen to fit one line; few sizes occur, so each is kept."""
    return _style(f"heading{size}", BOLD, size, NAVY, leading=size * 1.2)


def _fitting_size(text: str, font: str, largest: float, smallest: float, width: float) -> float:
    """The largest font size (in whole points) at which text fits on one line of width;
    the smallest allowed if none does, and a Paragraph then wraps it."""
    # Width grows linearly with size, so one measurement gives the answer.
    at_one_point = stringWidth(text, font, 1) or 1.0
    return max(smallest, min(largest, float(int(width / at_one_point))))


class _SpacedTitle(Flowable):
    """The big "SERTIFIKAT", letter-spaced as engraved titles are; Paragraph cannot space
    letters, and spaces between them would spoil copying the text out of the PDF."""

    def __init__(self, text: str, size: float, spacing: float) -> None:
        super().__init__()
        self.text, self.size, self.spacing = text, size, spacing
        # Tc adds the spacing after every letter, the last too; leave that one out.
        self.text_width = stringWidth(text, BOLD, size) + spacing * (len(text) - 1)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.available_width = available_width
        return available_width, self.size * 1.05

    def draw(self) -> None:
        text = self.canv.beginText((self.available_width - self.text_width) / 2, self.size * 0.22)
        text.setFont(BOLD, self.size)
        text.setCharSpace(self.spacing)
        text.setFillColor(NAVY)
        text.textOut(self.text)
        self.canv.drawText(text)


class _Ornament(Flowable):
    """A gold rule with a diamond in its middle, between the issuer and the title."""

    def __init__(self, length: float, height: float = 10) -> None:
        super().__init__()
        self.length, self.height = length, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.available_width = available_width
        return available_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        mid_x, mid_y = self.available_width / 2, self.height / 2
        half = self.length / 2
        canvas.setStrokeColor(GOLD)
        canvas.setLineWidth(0.9)
        canvas.line(mid_x - half, mid_y, mid_x - 9, mid_y)
        canvas.line(mid_x + 9, mid_y, mid_x + half, mid_y)
        canvas.setFillColor(GOLD)
        _diamond(canvas, mid_x, mid_y, 4.5)
        _diamond(canvas, mid_x - half, mid_y, 2)
        _diamond(canvas, mid_x + half, mid_y, 2)


def _diamond(canvas: Canvas, x: float, y: float, radius: float) -> None:
    path = canvas.beginPath()
    path.moveTo(x, y + radius)
    path.lineTo(x + radius, y)
    path.lineTo(x, y - radius)
    path.lineTo(x - radius, y)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _draw_frame(canvas: Canvas) -> None:
    """The double border: a heavy navy rule, a fine gold rule inside it, and gold corners."""
    canvas.saveState()
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(3.2)
    canvas.rect(18, 18, PAGE_WIDTH - 36, PAGE_HEIGHT - 36)
    canvas.setLineWidth(0.8)
    canvas.rect(24, 24, PAGE_WIDTH - 48, PAGE_HEIGHT - 48)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(1.4)
    canvas.rect(31, 31, PAGE_WIDTH - 62, PAGE_HEIGHT - 62)
    canvas.setFillColor(GOLD)
    for x in (31, PAGE_WIDTH - 31):
        for y in (31, PAGE_HEIGHT - 31):
            _diamond(canvas, x, y, 6)
            # An L of short rules cut into each corner, pointing inwards.
            step_x = 7 if x < PAGE_WIDTH / 2 else -7
            step_y = 7 if y < PAGE_HEIGHT / 2 else -7
            canvas.setLineWidth(0.8)
            canvas.line(x + step_x, y + step_y, x + 7 * step_x, y + step_y)
            canvas.line(x + step_x, y + step_y, x + step_x, y + 7 * step_y)
    canvas.restoreState()


def _body_markup(data: CertificateData) -> str:
    course = escape(data.course)
    issuer = escape(data.issuer)
    # The verdict is read as one unit: "SANGAT | MEMUASKAN" across lines reads badly.
    predicate = escape(data.predicate.upper()).replace(" ", "&nbsp;")
    dates = ""
    # Without both dates no span can be stated truthfully, so none is printed.
    if data.starts_on is not None and data.ends_on is not None:
        # One unbreakable phrase: "tanggal 1 | sampai dengan 20 ..." reads badly, and
        # even the longest span is half a line.
        span = f"tanggal {date_range(data.starts_on, data.ends_on)}"
        dates = " pada " + span.replace(" ", "&nbsp;")
    return (
        f"telah mengikuti <b>{course}</b> yang diselenggarakan oleh {issuer}{dates} "
        f"dengan jumlah {data.hours}&nbsp;jam pelajaran (JP) dan dinyatakan <b>LULUS</b> "
        f"dengan predikat <b>{predicate}</b> (nilai akhir&nbsp;{format_score(data.final_score)})."
    )


def _upper_story(data: CertificateData, height: float) -> list[Flowable]:
    """The heading, the holder and the statement, flowing down from the top of the page;
    space left over goes to the gaps between them, so short texts do not huddle at the top."""
    name_size = _fitting_size(data.name, BOLD, NAME_MAX_SIZE, NAME_MIN_SIZE, TEXT_WIDTH)
    issuer = data.issuer.upper()
    issuer_size = _fitting_size(issuer, BOLD, ISSUER_MAX_SIZE, ISSUER_MIN_SIZE, TEXT_WIDTH)
    before_given_to = Spacer(0, 14)
    before_body = Spacer(0, 12)
    story: list[Flowable] = [
        Paragraph(escape(issuer), _heading_style(int(issuer_size))),
        Spacer(0, 4),
        _Ornament(260),
        Spacer(0, 10),
        _SpacedTitle("SERTIFIKAT", 46, 7),
        Spacer(0, 4),
        Paragraph(f"Nomor: {escape(data.number)}", NUMBER_STYLE),
        before_given_to,
        Paragraph("diberikan kepada", GIVEN_TO_STYLE),
        Spacer(0, 8),
        Paragraph(escape(data.name), _heading_style(int(name_size))),
        Spacer(0, 2),
        Paragraph(f"NIP {escape(format_nip(data.nip))}", NIP_STYLE),
    ]
    if data.agency.strip():
        story.append(Paragraph(escape(data.agency), AGENCY_STYLE))
    story += [before_body, Paragraph(_body_markup(data), BODY_STYLE)]

    spare = height - sum(flowable.wrap(TEXT_WIDTH, height)[1] for flowable in story)
    if spare > 0:
        # Capped, so a short text leaves its room under the statement, not between lines.
        before_given_to.height += min(spare * 0.4, 16)
        before_body.height += min(spare * 0.3, 10)
    return story


def _draw_line_fitted(
    canvas: Canvas, text: str, font: str, size: float, x: float, y: float, width: float
) -> float:
    """Draw text centred on x at y, shrunk until it fits width; return the width drawn."""
    size = _fitting_size(text, font, size, 5, width)
    canvas.setFont(font, size)
    canvas.drawCentredString(x, y, text)
    return stringWidth(text, font, size)


def _draw_signature(canvas: Canvas, data: CertificateData) -> float:
    """The signature block at the bottom right; returns the height of its top edge."""
    center = PAGE_WIDTH - FOOT_SIDE_MARGIN - FOOT_BLOCK_WIDTH / 2
    canvas.setFillColor(INK)
    y = FOOT_BOTTOM
    if data.signatory_nip.strip():
        nip = f"NIP {format_nip(data.signatory_nip)}"
        _draw_line_fitted(canvas, nip, REGULAR, 12, center, y, FOOT_BLOCK_WIDTH)
        y += 15
    name = data.signatory_name
    name_width = _draw_line_fitted(canvas, name, BOLD, 12, center, y, FOOT_BLOCK_WIDTH)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.7)
    canvas.line(center - name_width / 2, y - 2, center + name_width / 2, y - 2)
    y += 62  # room for the wet signature and the stamp
    title = Paragraph(escape(data.signatory_title), SIGN_STYLE)
    _, title_height = title.wrap(FOOT_BLOCK_WIDTH, PAGE_HEIGHT)
    title.drawOn(canvas, center - FOOT_BLOCK_WIDTH / 2, y)
    y += title_height + 4
    place_and_date = f"{data.place}, {indonesian_date(data.issued_on)}"
    _draw_line_fitted(canvas, place_and_date, REGULAR, 12, center, y, FOOT_BLOCK_WIDTH)
    return y + 12


def _draw_qr(canvas: Canvas, value: str, x: float, y: float, size: float) -> None:
    """A QR code of value, size points square, its lower left corner at (x, y)."""
    # The widget encodes; drawing it through renderPDF would build and validate one
    # shape object per run of dark modules and take three quarters of the render time,
    # so its module matrix goes onto the canvas as a single filled path instead.
    widget = QrCodeWidget(value, barLevel="M", barBorder=0)
    widget.qr.make()
    modules = widget.qr.modules
    canvas.saveState()
    # Work in modules, row 0 at the top: whole-number coordinates keep the stream short.
    canvas.translate(x, y + size)
    canvas.scale(size / len(modules), -size / len(modules))
    path = canvas.beginPath()
    for row_number, row in enumerate(modules):
        column = 0
        for dark, run in itertools.groupby(row):
            length = len(list(run))
            if dark:
                path.rect(column, row_number, length, 1)
            column += length
    canvas.setFillColor(black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _draw_verification(canvas: Canvas, data: CertificateData) -> float:
    """The QR code at the bottom left, with how to use it; returns its top edge."""
    center = FOOT_SIDE_MARGIN + FOOT_BLOCK_WIDTH / 2
    canvas.setFillColor(NAVY)
    # The URL stays on one line, shrinking rather than wrapping, so it can be typed in.
    _draw_line_fitted(canvas, data.verify_url, REGULAR, 7.5, center, FOOT_BOTTOM, 300)
    canvas.setFillColor(INK)
    caption = "Pindai untuk memeriksa keaslian sertifikat"
    _draw_line_fitted(canvas, caption, ITALIC, 9, center, FOOT_BOTTOM + 11, FOOT_BLOCK_WIDTH)
    # The widget draws no quiet zone; the blank page around it must give the four
    # modules (about 9 pt) scanners expect, the gap above the caption included.
    qr_bottom = FOOT_BOTTOM + 30
    _draw_qr(canvas, data.verify_url, center - QR_SIZE / 2, qr_bottom, QR_SIZE)
    return qr_bottom + QR_SIZE


def render(data: CertificateData) -> bytes:
    """The certificate as one A4 landscape PDF page. The same data gives the same bytes."""
    buffer = io.BytesIO()
    # invariant=1 fixes the creation date and document id, so output is reproducible.
    canvas = Canvas(buffer, pagesize=landscape(A4), pageCompression=1, invariant=1)
    canvas.setTitle(f"Sertifikat {data.number}")
    canvas.setAuthor(data.issuer)
    canvas.setSubject(data.course)
    canvas.setCreator("Latih")

    _draw_frame(canvas)
    foot_top = max(_draw_signature(canvas, data), _draw_verification(canvas, data))

    # Everything above the foot flows down from the top; extreme texts shrink as a whole
    # rather than run into the signature.
    top = PAGE_HEIGHT - TOP_MARGIN
    height = top - (foot_top + 14)
    content = KeepInFrame(TEXT_WIDTH, height, _upper_story(data, height), mode="shrink")
    _, used = content.wrapOn(canvas, TEXT_WIDTH, height)
    content.drawOn(canvas, (PAGE_WIDTH - TEXT_WIDTH) / 2, top - used)

    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
