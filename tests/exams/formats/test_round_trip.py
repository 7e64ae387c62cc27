"""What each writer writes, its reader reads back the same."""

from dataclasses import replace
from decimal import Decimal

import pytest

from latih.exams.formats import HTML, BankOption, BankQuestion, check
from latih.exams.formats.gift import read_gift, write_gift
from latih.exams.formats.moodlexml import read_moodle_xml, write_moodle_xml
from latih.exams.formats.table import read_table, write_csv, write_xlsx

from .conftest import without_place

D = Decimal
SPECIALS = "~ = # { } : \\ \\n \\\\ // [html] %50% ::x:: $CATEGORY: ]]> <b>&amp;"


def option(text, fraction, feedback=""):
    return BankOption(text, D(fraction), feedback)


TRICKY = [
    BankQuestion(
        "Nilai-nilai BerAKHLAK: Akuntabel berarti …",
        [
            option("Rp 1.500,50", 100, "Benar: 3,14 dan 1.000,-"),
            option("3,14", 0),
            option("Bertanggung jawab atas kepercayaan", -50, "Hampir."),
        ],
        category="Agenda 1/Bela Negara",
        name="BerAKHLAK: Akuntabel",
        feedback="Lihat modul Agenda 1, bab 2.",
    ),
    BankQuestion(
        "Tanda khusus: " + SPECIALS + "\nbaris kedua\n\nbaris keempat",
        [
            option(SPECIALS, 100, "umpan balik " + SPECIALS),
            option("%50% bukan bobot", 0),
            option("[html] bukan format", "-33.33333", "[plain] juga bukan"),
            option("//bukan komentar", 0),
            option("=awal sama dengan", "12.5"),
            option("'=kutip", 0),
        ],
        category="Agenda 1/Bela Negara",
        name="::nama:: ~#{}=",
    ),
    BankQuestion(
        "<p>Manakah <b>dua</b> nilai dasar ASN? x &lt; 2 &amp; y</p>",
        [
            option("<i>Akuntabel</i>", 50, "<p>ya</p>"),
            option("Kompeten", 50),
            option("Korupsi", -100, "<b>bukan</b>"),
        ],
        multiple=True,
        format=HTML,
        category="Agenda 2/Nilai Dasar/ASN",
        feedback="<p>Umum</p>",
    ),
    BankQuestion(
        "Tiga jawaban benar",
        [
            option("a", "33.33333"),
            option("b", "33.33333"),
            option("c", "33.33333"),
            option("d", "-33.33333"),
        ],
        multiple=True,
        category="Agenda 2/Nilai Dasar/ASN",
    ),
    BankQuestion(
        "Tanpa kategori, setelah kategori",
        [option("-5", 0), option("+3", 100), option("@x", 0)],
        feedback="3,5 juta",
    ),
]


def test_the_tricky_questions_are_valid():
    assert [check(question) for question in TRICKY] == [[]] * len(TRICKY)


@pytest.mark.parametrize(
    "write, read",
    [
        (lambda qs: write_gift(qs).encode(), read_gift),
        (write_moodle_xml, read_moodle_xml),
    ],
    ids=["gift", "moodle-xml"],
)
def test_gift_and_moodle_xml_keep_everything(write, read):
    result = read(write(TRICKY))
    assert result.problems == []
    assert without_place(result.questions) == TRICKY


def table_questions():
    """What a spreadsheet can hold: plain text, no names, no per-option feedback."""
    return [
        replace(question, name="", options=[replace(o, feedback="") for o in question.options])
        for question in TRICKY
        if question.format != HTML
    ] + [
        BankQuestion(
            "Jenis ganda dengan bobot bawaan",
            [
                option("a", "33.33333"),
                option("b", "-33.33333"),
                option("c", "33.33333"),
                option("d", "33.33334"),
            ],
            multiple=True,
        ),
        BankQuestion(
            "Sembilan pilihan", [option(str(n), 100 if n == 9 else 0) for n in range(1, 10)]
        ),
    ]


@pytest.mark.parametrize(
    "write, filename", [(write_csv, "bank.csv"), (write_xlsx, "bank.xlsx")], ids=["csv", "xlsx"]
)
def test_spreadsheets_keep_what_they_can_hold(write, filename):
    questions = table_questions()
    result = read_table(write(questions), filename)
    assert result.problems == []
    assert without_place(result.questions) == questions


def test_csv_is_for_indonesian_excel():
    data = write_csv(table_questions())
    assert data.startswith(b"\xef\xbb\xbfkategori;soal;jenis;pilihan_a;")
    text = data.decode("utf-8-sig")
    # Cells that Excel would run as formulas are quoted with an apostrophe.
    assert ";'-5;'+3;'@x;" in text
    assert ";Jenis ganda dengan bobot bawaan;ganda;a;b;c;d;" in text
    assert ";A, C, D;" in text


def test_spreadsheet_writes_html_as_its_text():
    html = TRICKY[2]
    (question,) = read_table(write_xlsx([html]), "x.xlsx").questions
    assert question.text == "Manakah dua nilai dasar ASN? x < 2 & y"
    assert [o.text for o in question.options] == ["Akuntabel", "Kompeten", "Korupsi"]
    assert [o.fraction for o in question.options] == [50, 50, -100]


def test_gift_survives_windows_line_ends():
    data = write_gift(TRICKY).replace("\n", "\r\n").encode("utf-8-sig")
    assert without_place(read_gift(data).questions) == TRICKY
