"""Moodle XML files: Moodle's own test files, broken and hostile ones."""

from decimal import Decimal

import pytest
from django.utils.translation import gettext

from latih.exams.formats import HTML, PLAIN
from latih.exams.formats.checks import skipped_description, unsupported_type
from latih.exams.formats.moodlexml import read_moodle_xml


def xml(body):
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n{body}\n</quiz>\n'.encode()


def multichoice(name="q", single="true", fractions=(100, 0), stem_format="html", extra=""):
    answers = "".join(
        f'<answer fraction="{fraction}"><text>o{index}</text></answer>'
        for index, fraction in enumerate(fractions)
    )
    return (
        f'<question type="multichoice"><name><text>{name}</text></name>'
        f'<questiontext format="{stem_format}"><text>Soal {name}</text></questiontext>'
        f"<single>{single}</single>{extra}{answers}</question>"
    )


def category(path):
    return f'<question type="category"><category><text>{path}</text></category></question>'


def test_multiple_answer_question_with_partial_credit(moodle_fixtures):
    path = moodle_fixtures / "moodlexml" / "moodle-qtype" / "multichoice.testquestion.moodle.xml"
    result = read_moodle_xml(path.read_bytes())
    assert result.problems == []
    (question,) = result.questions
    assert (question.name, question.category, question.line, question.position) == (
        "Multi-choice-001",
        "Default for C1",
        12,
        1,
    )
    assert question.multiple is True
    assert question.format == HTML
    assert question.text == "Find the capital cities in Europe."
    assert question.feedback == "Berlin, Paris and London"
    assert [(o.text, o.fraction) for o in question.options] == [
        ("Tokyo", 0),
        ("Spain", 0),
        ("London", 50),
        ("Barcelona", 0),
        ("Paris", 50),
    ]


def test_true_false_becomes_a_single_choice(moodle_fixtures):
    path = moodle_fixtures / "moodlexml" / "moodle-qtype" / "truefalse.testquestion.moodle.xml"
    (question,) = read_moodle_xml(path.read_bytes()).questions
    assert question.multiple is False
    assert [(o.text, o.fraction, o.feedback) for o in question.options] == [
        (gettext("True"), 100, "This is the right answer."),
        (gettext("False"), 0, "This is the wrong answer."),
    ]
    assert question.feedback == "You should have selected true."
    assert question.category == "Test questions"


@pytest.mark.parametrize(
    "name, qtype",
    [
        ("essay", "essay"),
        ("gapselect", "gapselect"),
        ("match", "matching"),
        ("numerical", "numerical"),
        ("shortanswer", "shortanswer"),
    ],
)
def test_other_types_are_reported_unsupported(moodle_fixtures, name, qtype):
    path = moodle_fixtures / "moodlexml" / "moodle-qtype" / f"{name}.testquestion.moodle.xml"
    result = read_moodle_xml(path.read_bytes())
    assert result.questions == []
    (problem,) = result.problems
    assert (problem.message, problem.line, problem.position) == (unsupported_type(qtype), 12, 1)


def test_description_is_reported_as_skipped(moodle_fixtures):
    path = moodle_fixtures / "moodlexml" / "moodle-qtype" / "description.testquestion.moodle.xml"
    (problem,) = read_moodle_xml(path.read_bytes()).problems
    assert problem.message == skipped_description()
    assert problem.excerpt == "description-001"


def test_invalid_grade_is_refused_naming_grade_and_question(moodle_fixtures):
    path = moodle_fixtures / "moodlexml" / "moodle-qformat-xml" / "error_invalid_grades.xml"
    result = read_moodle_xml(path.read_bytes())
    assert result.questions == []
    (problem,) = result.problems
    assert problem.message == ("Option 2: weight 33% is not one Moodle accepts; use 33.33333%.")
    assert problem.excerpt == "Question with invalid grades : x > 1 & x < 2"
    assert (problem.line, problem.position) == (4, 1)


def test_entities_in_idnumbers_do_not_disturb(moodle_fixtures):
    path = moodle_fixtures / "moodlexml" / "moodle-qformat-xml" / "html_chars_in_idnumbers.xml"
    result = read_moodle_xml(path.read_bytes())
    assert result.problems == []
    (question,) = result.questions
    assert (question.category, question.name, question.text) == (
        "Alpha",
        "Alpha Question",
        "<p>Testing Alpha Question</p>",
    )


def test_nested_categories_give_each_question_its_path(moodle_fixtures):
    path = (
        moodle_fixtures
        / "moodlexml"
        / "moodle-qformat-xml"
        / "nested_categories_with_questions.xml"
    )
    result = read_moodle_xml(path.read_bytes())
    assert [(q.name, q.category) for q in result.questions] == [
        ("Iota Question", "Iota"),
        ("Kappa Question", "Iota/Kappa"),
        ("Lambda Question", "Iota/Kappa/Lambda"),
        ("Mu Question", "Iota/Mu"),
    ]
    (essay,) = result.problems
    assert (essay.excerpt, essay.line, essay.position) == ("Kappa Essay Question", 53, 2)


def test_child_category_before_its_parent(moodle_fixtures):
    path = moodle_fixtures / "moodlexml" / "moodle-qformat-xml" / "categories_reverse_order.xml"
    result = read_moodle_xml(path.read_bytes())
    assert [(p.excerpt, p.line) for p in result.problems] == [
        ("Tau Question", 14),
        ("Sigma Question", 51),
    ]
    # The same order with questions we read: each category just applies to what follows.
    inline = xml(
        category("$course$/Sigma/Tau")
        + multichoice("tau")
        + category("$course$/Sigma")
        + multichoice("sigma")
    )
    assert [q.category for q in read_moodle_xml(inline).questions] == ["Sigma/Tau", "Sigma"]


@pytest.mark.parametrize(
    "path, expected",
    [
        ("$course$/top/Agenda 1", "Agenda 1"),
        ("$system$/Umum", "Umum"),
        ("$module$/top/Latihan/Bab 2", "Latihan/Bab 2"),
        ("top", ""),
        ("  Tanpa awalan / Sub ", "Tanpa awalan/Sub"),
    ],
)
def test_category_paths(path, expected):
    result = read_moodle_xml(xml(category(path) + multichoice()))
    assert result.questions[0].category == expected


def test_old_category_without_text_element():
    body = "<question type='category'><category>$course$/Lama</category></question>"
    assert read_moodle_xml(xml(body + multichoice())).questions[0].category == "Lama"


def test_cloze_questions_are_reported(moodle_fixtures):
    folder = moodle_fixtures / "moodlexml" / "moodle-qformat-xml"
    broken = read_moodle_xml((folder / "broken_cloze_questions.xml").read_bytes())
    assert [(p.line, p.position) for p in broken.problems] == [
        (4, 1),
        (20, 2),
        (36, 3),
        (52, 4),
        (68, 5),
    ]
    assert {p.message for p in broken.problems} == {unsupported_type("cloze")}
    images = read_moodle_xml((folder / "multianswer.xml").read_bytes())
    assert [(p.message, p.excerpt) for p in images.problems] == [
        (unsupported_type("cloze"), "cloze with images")
    ]


def test_malformed_xml_gives_one_problem_with_its_line():
    data = (
        b'<?xml version="1.0"?>\n<quiz>\n  <question type="multichoice">\n'
        b"    <name><text>a</name>\n</quiz>"
    )
    result = read_moodle_xml(data)
    assert result.questions == []
    (problem,) = result.problems
    assert problem.message.startswith("The file is not well-formed XML")
    assert problem.line == 4
    assert problem.position is None


def test_other_root_is_not_a_question_file():
    (problem,) = read_moodle_xml(b"<html><body/></html>").problems
    assert "it should start with <quiz>, not <html>" in problem.message


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<quiz><question type="multichoice"><name><text>&lol9;</text></name>
<questiontext format="html"><text>&lol9;</text></questiontext>
<answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer>
</question></quiz>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="multichoice"><name><text>x</text></name>
<questiontext format="html"><text>&secret;</text></questiontext>
<answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer>
</question></quiz>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["bomb", "xxe"])
def test_entities_are_never_expanded(data):
    result = read_moodle_xml(data)
    assert result.questions == []
    (problem,) = result.problems
    assert "lol" not in problem.message
    assert "root:" not in problem.message


def test_plain_text_formats_are_plain_and_html_parts_make_the_question_html():
    plain = multichoice(stem_format="moodle_auto_format")
    assert read_moodle_xml(xml(plain)).questions[0].format == PLAIN
    mixed = (
        '<question type="multichoice"><name><text>m</text></name>'
        '<questiontext format="plain_text"><text>1 &lt; 2?</text></questiontext>'
        '<answer fraction="100" format="plain_text"><text>ya</text>'
        '<feedback format="html"><text><![CDATA[<b>betul</b>]]></text></feedback></answer>'
        '<answer fraction="0" format="plain_text"><text>tidak</text></answer></question>'
    )
    question = read_moodle_xml(xml(mixed)).questions[0]
    assert (question.format, question.text) == (HTML, "1 &lt; 2?")
    assert question.options[0].feedback == "<b>betul</b>"


def test_unescaped_markup_in_text_is_kept():
    body = (
        '<question type="multichoice"><name><text>u</text></name>'
        '<questiontext format="html"><text><p>Pilih <b>satu</b></p></text></questiontext>'
        '<answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text>'
        "</answer></question>"
    )
    assert read_moodle_xml(xml(body)).questions[0].text == "<p>Pilih <b>satu</b></p>"


@pytest.mark.parametrize(
    "single, multiple", [("true", False), ("1", False), ("false", True), ("0", True)]
)
def test_single_element(single, multiple):
    fractions = (100, 0) if not multiple else (50, 50, -100)
    question = read_moodle_xml(xml(multichoice(single=single, fractions=fractions))).questions[0]
    assert question.multiple is multiple


def test_old_true_false_with_translated_answers_is_true_then_false():
    body = (
        '<question type="truefalse"><name><text>tf</text></name>'
        '<questiontext format="html"><text>Bumi bulat.</text></questiontext>'
        '<answer fraction="0"><text>Benar</text></answer>'
        '<answer fraction="100"><text>Salah</text></answer></question>'
    )
    question = read_moodle_xml(xml(body)).questions[0]
    assert [o.fraction for o in question.options] == [0, 100]


def test_weight_that_is_not_a_number():
    (problem,) = read_moodle_xml(xml(multichoice(fractions=("100", "abc")))).problems
    assert problem.message == "The weight abc is not a number."


def test_questions_are_numbered_without_the_categories():
    body = category("A") + multichoice("one") + category("B") + multichoice("two")
    result = read_moodle_xml(xml(body))
    assert [(q.position, q.category) for q in result.questions] == [(1, "A"), (2, "B")]
    assert [q.options[0].fraction for q in result.questions] == [Decimal(100)] * 2
