"""The certificate PDF: what it says, in which words, on what page, and that it is
reproducible. Pure layout: no database, no Django settings (``pdf`` imports no Django)."""

import ast
import io
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from latih.certificates import pdf
from latih.certificates.pdf import (
    CertificateData,
    date_range,
    format_nip,
    format_score,
    indonesian_date,
    render,
)

A4_LANDSCAPE = (841.89, 595.28)
# The innermost (gold) rule of the border; nothing printed may cross it.
FRAME_INSET = 31

LONG_NAME = (
    "Raden Mas Haji Muhammad Abdurrahman Wicaksono Hadiningrat Kusumawardhana "
    "Prawirodirjo, S.Sos., M.A.P., Ph.D."
)
LONG_COURSE = (
    "Pelatihan Kepemimpinan Administrator Angkatan XXVII Tahun 2026 Kerja Sama Lembaga "
    "Administrasi Negara dengan Badan Pengembangan Sumber Daya Manusia Provinsi Nusa "
    "Tenggara Timur"
)
LONG_AGENCY = (
    "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga "
    "Berencana Pemerintah Provinsi Nusa Tenggara Timur"
)


def make_certificate(**changes):
    data = CertificateData(
        number="00042/K7QX/LAN/2026",
        name="Siti Nurhaliza Rahmawati, S.E.",
        nip="199811082024211007",
        agency="Pemerintah Kabupaten Bandung Barat",
        course="Pelatihan Dasar PPPK",
        hours=20,
        starts_on=date(2026, 11, 1),
        ends_on=date(2026, 11, 20),
        predicate="Sangat Memuaskan",
        final_score=Decimal("90.01"),
        issuer="Lembaga Administrasi Negara",
        place="Jakarta",
        issued_on=date(2026, 11, 23),
        signatory_name="Dr. Ahmad Budiman, M.Si.",
        signatory_title="Kepala Pusat Pelatihan dan Pengembangan",
        signatory_nip="197001011995031001",
        verify_url="https://latih.example.go.id/sertifikat/periksa/00042-K7QX-LAN-2026/",
    )
    return replace(data, **changes)


def read(document):
    return PdfReader(io.BytesIO(document))


def text_of(document):
    """The page's text with every run of whitespace (line breaks, no-break spaces) as one
    space, so phrases can be found wherever the paragraph happened to wrap."""
    return " ".join(read(document).pages[0].extract_text().split())


# --- What the certificate says -------------------------------------------------------------


def test_certificate_names_its_number_holder_and_course():
    text = text_of(render(make_certificate()))

    assert "LEMBAGA ADMINISTRASI NEGARA" in text
    assert "SERTIFIKAT" in text
    assert "Nomor: 00042/K7QX/LAN/2026" in text
    assert "diberikan kepada" in text
    assert "Siti Nurhaliza Rahmawati, S.E." in text
    assert "NIP 19981108 202421 1 007" in text
    assert "Pemerintah Kabupaten Bandung Barat" in text
    assert "telah mengikuti Pelatihan Dasar PPPK" in text
    assert "diselenggarakan oleh Lembaga Administrasi Negara" in text


def test_certificate_states_hours_verdict_predicate_and_score():
    text = text_of(render(make_certificate()))

    assert "dengan jumlah 20 jam pelajaran (JP)" in text
    assert "dinyatakan LULUS" in text
    assert "dengan predikat SANGAT MEMUASKAN" in text
    assert "(nilai akhir 90,01)" in text


def test_training_dates_within_one_month_are_compressed():
    text = text_of(render(make_certificate()))

    assert "pada tanggal 1 sampai dengan 20 November 2026" in text


def test_training_dates_are_left_out_when_not_known():
    text = text_of(render(make_certificate(starts_on=None, ends_on=None)))

    assert "tanggal" not in text
    assert "Lembaga Administrasi Negara dengan jumlah 20 jam pelajaran" in text


def test_training_dates_are_left_out_when_only_one_is_known():
    text = text_of(render(make_certificate(ends_on=None)))

    assert "tanggal" not in text


def test_signature_block_names_place_date_and_signatory():
    text = text_of(render(make_certificate()))

    assert "Jakarta, 23 November 2026" in text
    assert "Kepala Pusat Pelatihan dan Pengembangan" in text
    assert "Dr. Ahmad Budiman, M.Si." in text
    assert "NIP 19700101 199503 1 001" in text


def test_signatory_without_nip_gets_no_nip_line():
    text = text_of(render(make_certificate(signatory_nip="")))

    assert "Dr. Ahmad Budiman, M.Si." in text
    assert text.count("NIP") == 1  # the holder's only


def test_holder_without_agency_goes_straight_to_the_statement():
    text = text_of(render(make_certificate(agency="")))

    assert "NIP 19981108 202421 1 007 telah mengikuti" in text


def test_verification_url_is_printed_under_the_qr_code():
    text = text_of(render(make_certificate()))

    assert "Pindai untuk memeriksa keaslian sertifikat" in text
    assert "https://latih.example.go.id/sertifikat/periksa/00042-K7QX-LAN-2026/" in text


def test_markup_characters_in_names_are_printed_literally():
    document = render(make_certificate(name="A & B <i>Putri</i>", course="K3 & <b>Mutu</b>"))
    text = text_of(document)

    assert "A & B <i>Putri</i>" in text
    assert "K3 & <b>Mutu</b>" in text


# --- The document ------------------------------------------------------------------------


def test_certificate_is_one_a4_landscape_page():
    reader = read(render(make_certificate()))

    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_LANDSCAPE, abs=0.01)


def test_metadata_names_the_certificate_issuer_and_course():
    metadata = read(render(make_certificate())).metadata

    assert metadata.title == "Sertifikat 00042/K7QX/LAN/2026"
    assert metadata.author == "Lembaga Administrasi Negara"
    assert metadata.subject == "Pelatihan Dasar PPPK"


def test_same_data_gives_byte_identical_documents():
    assert render(make_certificate()) == render(make_certificate())


def test_different_holders_give_different_documents():
    assert render(make_certificate()) != render(make_certificate(nip="199811082024212008"))


def text_extents(document):
    """Each run of text as (left, right, baseline) in page coordinates."""
    extents = []

    def visit(text, cm, tm, font, size):
        text = text.strip()
        if not text:
            return
        left = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        baseline = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        # Nothing is rotated, so the horizontal scale is all that turns size into points.
        width = stringWidth(text, font["/BaseFont"][1:], size) * tm[0] * cm[0]
        extents.append((left, left + width, baseline))

    read(document).pages[0].extract_text(visitor_text=visit)
    assert extents
    return extents


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"name": LONG_NAME}, id="long name"),
        pytest.param({"course": LONG_COURSE}, id="long course"),
        pytest.param({"agency": LONG_AGENCY}, id="long agency"),
        pytest.param(
            {"name": LONG_NAME * 2, "course": LONG_COURSE * 3, "agency": LONG_AGENCY * 2},
            id="absurdly long everything",
        ),
        pytest.param(
            {"signatory_title": LONG_AGENCY, "issuer": LONG_AGENCY, "signatory_name": LONG_NAME},
            id="long issuer and signatory",
        ),
    ],
)
def test_long_texts_stay_on_one_page_inside_the_border(changes):
    document = render(make_certificate(**changes))

    assert len(read(document).pages) == 1
    text = text_of(document)
    for value in changes.values():
        assert value in text
    width, height = A4_LANDSCAPE
    for left, right, baseline in text_extents(document):
        assert FRAME_INSET < left < right < width - FRAME_INSET
        assert FRAME_INSET < baseline < height - FRAME_INSET


def test_pdf_module_imports_no_django():
    tree = ast.parse(Path(pdf.__file__).read_text(encoding="utf-8"))
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert imported
    assert not [name for name in imported if name.split(".")[0] in {"django", "latih"}]


# --- How values are written ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 1, 1), "1 Januari 2026"),
        (date(2026, 2, 28), "28 Februari 2026"),
        (date(2026, 3, 9), "9 Maret 2026"),
        (date(2026, 4, 30), "30 April 2026"),
        (date(2026, 5, 15), "15 Mei 2026"),
        (date(2026, 6, 1), "1 Juni 2026"),
        (date(2026, 7, 17), "17 Juli 2026"),
        (date(2026, 8, 17), "17 Agustus 2026"),
        (date(2026, 9, 2), "2 September 2026"),
        (date(2026, 10, 28), "28 Oktober 2026"),
        (date(2026, 11, 23), "23 November 2026"),
        (date(2026, 12, 31), "31 Desember 2026"),
    ],
)
def test_indonesian_date_names_every_month_in_indonesian(value, expected):
    assert indonesian_date(value) == expected


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "expected"),
    [
        (date(2026, 12, 1), date(2026, 12, 20), "1 sampai dengan 20 Desember 2026"),
        (date(2026, 6, 3), date(2026, 7, 28), "3 Juni sampai dengan 28 Juli 2026"),
        (
            date(2025, 12, 15),
            date(2026, 1, 10),
            "15 Desember 2025 sampai dengan 10 Januari 2026",
        ),
        (date(2026, 6, 5), date(2026, 6, 5), "5 Juni 2026"),
    ],
)
def test_date_range_says_each_month_and_year_once(starts_on, ends_on, expected):
    assert date_range(starts_on, ends_on) == expected


@pytest.mark.parametrize(
    ("nip", "expected"),
    [
        ("199811082024211007", "19981108 202421 1 007"),
        ("19981108 202421 1 007", "19981108 202421 1 007"),
        ("12345", "12345"),
        ("1998110820242110071", "1998110820242110071"),
        ("19981108202421100X", "19981108202421100X"),
        ("", ""),
    ],
)
def test_nip_is_grouped_8_6_1_3_when_it_has_18_digits(nip, expected):
    assert format_nip(nip) == expected


def test_malformed_nip_is_printed_as_given():
    text = text_of(render(make_certificate(nip="12345")))

    assert "NIP 12345" in text


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (Decimal("90.01"), "90,01"),
        (Decimal("70.5"), "70,50"),
        (Decimal("100"), "100,00"),
        (Decimal("0"), "0,00"),
    ],
)
def test_score_is_written_with_a_decimal_comma(score, expected):
    assert format_score(score) == expected
