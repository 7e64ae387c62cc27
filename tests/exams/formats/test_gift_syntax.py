"""GIFT as organizers write it: Indonesian habits, escapes, formats, and their mistakes."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext

from latih.exams.formats import HTML, PLAIN, BankOption, BankQuestion
from latih.exams.formats.gift import read_gift, write_gift


def read(text, encoding="utf-8"):
    return read_gift(text.encode(encoding))


def only(text):
    result = read(text)
    assert result.problems == []
    (question,) = result.questions
    return question


def fractions(question):
    return [option.fraction for option in question.options]


def test_decimal_comma_weights_as_indonesians_write_them():
    question = only("Pilih tiga.{~%33,33333%a ~%33,33333%b ~%33.33333%c ~%-100%d}")
    assert question.multiple
    assert fractions(question) == [Decimal("33.33333")] * 3 + [Decimal(-100)]


@pytest.mark.parametrize(
    "block, multiple",
    [
        ("{=a ~b ~c}", False),
        ("{=a ~%50%b ~%-50%c}", False),
        # Moodle's rule: without "=" the question takes several answers, even when one
        # of them is worth 100%.
        ("{~%100%a ~b}", True),
        ("{~%50%a ~%50%b ~%-100%c}", True),
    ],
)
def test_several_answers_when_no_option_is_marked_with_equals(block, multiple):
    assert only("Soal " + block).multiple is multiple


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("Soal {=a ~b", 1, "The answer block is not closed with }."),
        ("\n\nSoal } x {=a ~b}", 3, "A } comes before the answer block's {."),
        ("Soal =a ~b}", 1, "A } comes before the answer block's {."),
        ("// komentar\nSoal\n{~%33%a =b}", 2, "Option 1: weight 33% is not one Moodle accepts"),
        ("Soal {~%5o%a =b}", 1, "The weight %5o% is not a number"),
        ("Soal {~%50%a ~%40%b}", 1, "The correct answers' weights add up to 90%, not 100%."),
        ("Soal {~%100%a}", 1, "A question needs at least 2 options; this one has 1."),
        ("Soal {=a ~ ~c}", 1, "Option 2 is empty."),
        ("{=a ~b}", 1, "The question text is empty."),
        ("Soal {a b}", 1, "The answers must start with = (correct) or ~ (wrong)"),
        ("Soal {}", 1, 'Question type "essay" is not supported'),
        ("Soal {#12}", 1, 'Question type "numerical" is not supported'),
        ("Soal {=a -> b =c -> d}", 1, 'Question type "matching" is not supported'),
        ("Soal {=jawab}", 1, 'Question type "short answer" is not supported'),
        ("Cuma teks.", 1, "Skipped: this is a description"),
    ],
)
def test_mistakes_are_reported_at_the_questions_line(text, line, message):
    result = read(text + "\n\nBaik {=a ~b}")
    assert [question.text for question in result.questions] == ["Baik"]
    (problem,) = result.problems
    assert problem.line == line
    assert problem.position == 1
    assert message in problem.message


def test_grade_problem_names_the_question():
    problem = read("::Soal 7::Berapa?{~%33%a ~%33%b ~%34%c}").problems[0]
    assert problem.excerpt == "Soal 7"
    assert "use 33.33333%" in problem.message


def test_weight_of_an_equals_answer_is_read():
    # Moodle keeps "%50%" as text after "="; we read it as the weight it plainly is.
    question = only("Soal {=%100%a =%50%b ~c}")
    assert fractions(question) == [100, 50, 0]
    assert [option.text for option in question.options] == ["a", "b", "c"]


@pytest.mark.parametrize(
    "block, fractions_, feedbacks, general",
    [
        ("{T}", [100, 0], ["", ""], ""),
        ("{TRUE}", [100, 0], ["", ""], ""),
        ("{F}", [0, 100], ["", ""], ""),
        ("{FALSE#Salah.#Betul.}", [0, 100], ["Salah.", "Betul."], ""),
        ("{TRUE#Salah.#Betul.####Umum.}", [100, 0], ["Betul.", "Salah."], "Umum."),
    ],
)
def test_true_false_is_a_single_choice_of_true_and_false(block, fractions_, feedbacks, general):
    question = only("Jakarta ibu kota Indonesia." + block)
    assert [option.text for option in question.options] == [gettext("True"), gettext("False")]
    assert fractions(question) == fractions_
    assert [option.feedback for option in question.options] == feedbacks
    assert question.feedback == general
    assert question.multiple is False


def test_true_false_options_are_named_in_the_active_language():
    with translation.override("id"):
        question = only("Langit biru.{T}")
        assert [o.text for o in question.options] == [gettext("True"), gettext("False")]


def test_escapes_and_newlines():
    question = only(r"Apa arti \{x\} \= 1\: a\#b \~c \\ d\nbaris dua?{=ya\#1 ~tidak}")
    assert question.text == "Apa arti {x} = 1: a#b ~c \\ d\nbaris dua?"
    assert [option.text for option in question.options] == ["ya#1", "tidak"]


def test_answer_block_inside_the_sentence_leaves_a_blank():
    question = only("Ibu kota Jawa Barat adalah {=Bandung ~Bogor} sejak lama.")
    assert question.text == "Ibu kota Jawa Barat adalah _____ sejak lama."


def test_question_on_several_lines_with_comments():
    text = (
        "// [id:393]\n// [tag:agenda-1] [tag:ber-akhlak]\n"
        "::Nama::Baris satu\nbaris dua\n{\n  =a # benar\n// di tengah\n  ~b\n}"
    )
    question = only(text)
    assert (question.name, question.line, question.text) == ("Nama", 3, "Baris satu\nbaris dua")
    assert [(o.text, o.feedback) for o in question.options] == [("a", "benar"), ("b", "")]


@pytest.mark.parametrize(
    "marker, fmt",
    [("[html]", HTML), ("[plain]", PLAIN), ("[moodle]", PLAIN), ("[markdown]", PLAIN), ("", PLAIN)],
)
def test_format_markers(marker, fmt):
    question = only(f"::n::{marker}Apa **ini**?{{=a ~b}}")
    assert (question.format, question.text) == (fmt, "Apa **ini**?")


def test_one_html_part_makes_the_question_html_and_escapes_the_plain_parts():
    question = only("Apakah 1 < 2 & 3 > 2?{=Ya#[html]<b>Benar</b> ~Tidak}")
    assert question.format == HTML
    assert question.text == "Apakah 1 &lt; 2 &amp; 3 &gt; 2?"
    assert question.options[0].feedback == "<b>Benar</b>"


@pytest.mark.parametrize(
    "line, category",
    [
        ("$CATEGORY: $course$/Agenda 1/Bela Negara", "Agenda 1/Bela Negara"),
        ("$CATEGORY: $course$/top/Agenda 1", "Agenda 1"),
        ("$CATEGORY:   $system$/top/Umum  ", "Umum"),
        ("$CATEGORY: $module$/Latihan", "Latihan"),
        ("$CATEGORY: top/Agenda 2 / Akuntabel ", "Agenda 2/Akuntabel"),
        ("$CATEGORY: Tanpa awalan", "Tanpa awalan"),
    ],
)
def test_category_prefixes_are_dropped(line, category):
    result = read(f"Sebelum {{=a ~b}}\n\n{line}\n\nSesudah {{=a ~b}}")
    assert [question.category for question in result.questions] == ["", category]


def test_category_line_directly_above_a_question():
    question = only("$CATEGORY: $course$/Agenda 3\nSoal{=a ~b}")
    assert (question.category, question.line) == ("Agenda 3", 2)


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbfSoal \xc3\xa9{=a ~b}\r\n\r\nKedua{=c ~d}",
        "Soal é{=a ~b}\r\rKedua{=c ~d}".encode("cp1252"),
        "Soal é{=a ~b}\n\nKedua{=c ~d}".encode("utf-16"),
    ],
    ids=["utf8-bom-crlf", "cp1252-cr", "utf16"],
)
def test_encodings_and_line_ends(data):
    result = read_gift(data)
    assert [(q.text, q.line) for q in result.questions] == [("Soal é", 1), ("Kedua", 3)]


def test_writer_marks_weights_the_way_moodle_reads_them():
    questions = [
        BankQuestion(
            "Satu",
            [BankOption("a", Decimal(100), "bagus"), BankOption("b", Decimal(-50))],
            category="Agenda 1",
            name="s1",
            feedback="umum",
        ),
        BankQuestion(
            "Dua",
            [
                BankOption("a", Decimal("33.333330")),
                BankOption("b", Decimal("33.33333")),
                BankOption("c", Decimal("33.33333")),
                BankOption("d", Decimal(0)),
            ],
            multiple=True,
            category="Agenda 1",
        ),
        BankQuestion(
            "<p>Tiga</p>", [BankOption("x", Decimal(100)), BankOption("y", Decimal(0))], format=HTML
        ),
    ]
    assert write_gift(questions) == (
        "$CATEGORY: $course$/Agenda 1\n\n"
        "::s1::Satu{\n\t=a#bagus\n\t~%-50%b\n\t####umum\n}\n\n"
        "Dua{\n\t~%33.33333%a\n\t~%33.33333%b\n\t~%33.33333%c\n\t~d\n}\n\n"
        "$CATEGORY: $course$/top\n\n"
        "[html]<p>Tiga</p>{\n\t=x\n\t~y\n}\n\n"
    )
