"""The GIFT files others wrote: Moodle's own test files and a GIFT grammar's oracles."""

import json
import re
from decimal import Decimal

import pytest
from django.utils.translation import gettext

from latih.exams.formats import HTML, PLAIN
from latih.exams.formats.checks import skipped_description, unsupported_type
from latih.exams.formats.gift import read_gift, write_gift

from .conftest import without_place

ORACLES = [
    "TFTwoFeedback",
    "descriptionTitleEscapedColon",
    "giftFormatPhpExamples",
    "matching1",
    "numerical1",
    "options1",
    "tag_id_and_two_tags",
]
ORACLE_TYPES = {
    "Short": "shortanswer",
    "Numerical": "numerical",
    "Matching": "match",
    "Essay": "essay",
}


def same_text(text):
    """Whitespace-insensitive: the oracle writes "from _____ ." where Moodle has "_____."."""
    return re.sub(r"\s+([.,?!])", r"\1", " ".join((text or "").split()))


def oracle_options(entry):
    """The options the grammar's oracle describes, as (text, fraction, feedback)."""
    if entry["type"] == "TF":
        # The oracle names the two feedbacks by place ({T#first#second}); Moodle shows the
        # first to a wrong answer and the second to the right one, and so do we.
        first = same_text((entry["trueFeedback"] or {}).get("text", ""))
        second = same_text((entry["falseFeedback"] or {}).get("text", ""))
        if entry["isTrue"]:
            return [(gettext("True"), 100, second), (gettext("False"), 0, first)]
        return [(gettext("True"), 0, first), (gettext("False"), 100, second)]
    options = []
    for choice in entry["choices"]:
        if choice["weight"] is not None:
            fraction = Decimal(str(choice["weight"]))
        else:
            fraction = Decimal(100 if choice["isCorrect"] else 0)
        feedback = (choice["feedback"] or {}).get("text", "")
        options.append((same_text(choice["text"]["text"]), fraction, same_text(feedback)))
    return options


@pytest.mark.parametrize("name", ORACLES)
def test_every_question_reads_as_the_grammar_oracle_says(fixtures, name):
    folder = fixtures / "gift" / "fuhrmanator"
    oracle = json.loads((folder / f"{name}.json").read_text())
    result = read_gift((folder / f"{name}.gift").read_bytes())
    questions = {question.position: question for question in result.questions}
    problems = {problem.position: problem for problem in result.problems}
    assert len(questions) + len(problems) == len(oracle)
    for position, entry in enumerate(oracle, start=1):
        if entry["type"] in ("MC", "TF"):
            question = questions[position]
            assert same_text(question.text) == same_text(entry["stem"]["text"])
            assert question.name == (entry["title"] or "")
            assert question.format == (HTML if entry["stem"]["format"] == "html" else PLAIN)
            got = [(o.text, o.fraction, same_text(o.feedback)) for o in question.options]
            assert got == oracle_options(entry)
            global_feedback = (entry["globalFeedback"] or {}).get("text", "")
            assert same_text(question.feedback) == same_text(global_feedback)
            if entry["type"] == "MC":
                # Moodle's rule: a multiple-choice block without "=" takes several answers.
                assert question.multiple == (not any(c["isCorrect"] for c in entry["choices"]))
        elif entry["type"] == "Description":
            assert problems[position].message == skipped_description()
        else:
            expected = unsupported_type(ORACLE_TYPES[entry["type"]])
            assert problems[position].message.startswith(expected)


def test_two_feedbacks_of_true_false_go_to_the_wrong_then_the_right_answer(fixtures):
    data = (fixtures / "gift" / "fuhrmanator" / "TFTwoFeedback.gift").read_bytes()
    first, second, third = read_gift(data).questions
    # {FALSE#feedback for true #feedback for false}: the first is shown for "True".
    assert [(o.fraction, o.feedback) for o in first.options] == [
        (0, "feedback for true"),
        (100, "feedback for false"),
    ]
    # {TRUE#feedback for true}: whatever its words, Moodle shows it to a wrong answer.
    assert [o.feedback for o in second.options] == ["", "feedback for true"]
    assert [o.feedback for o in third.options] == ["feedback for false", ""]


def test_moodle_test_file_reads_the_five_choice_questions_of_its_nine(moodle_fixtures):
    # Moodle's behat test imports 9 questions from this file: essay, matching, two
    # multichoice, numerical, short answer and three true/false.
    result = read_gift((moodle_fixtures / "gift" / "moodle" / "questions.gift.txt").read_bytes())
    read = [(q.name, q.line, q.position, q.multiple) for q in result.questions]
    assert read == [
        ("Q2", 14, 3, False),
        ("colours", 22, 4, True),
        ("Q1", 41, 7, False),
        ("2-08 TSL", 46, 8, False),
        ("2-08 TSL", 49, 9, False),
    ]
    refused = [(p.line, p.position, p.message) for p in result.problems]
    assert refused == [
        (2, 1, unsupported_type("essay")),
        (5, 2, unsupported_type("match")),
        (31, 5, unsupported_type("numerical")),
        (34, 6, refused[3][2]),
    ]
    assert refused[3][2].startswith(unsupported_type("shortanswer"))
    assert len(read) + len(refused) == 9


def test_moodle_test_file_keeps_weights_feedback_and_formats(moodle_fixtures):
    result = read_gift((moodle_fixtures / "gift" / "moodle" / "questions.gift.txt").read_bytes())
    by_position = {question.position: question for question in result.questions}
    colours = by_position[4]
    assert [(o.text, o.fraction, o.feedback) for o in colours.options] == [
        ("yellow", 50, "right; good!"),
        ("red", -100, "wrong"),
        ("off-beige", 50, "right; good!"),
        ("blue", -100, "wrong"),
    ]
    # "[html]wrong" in one feedback makes the whole question HTML.
    assert colours.format == HTML
    question_one = by_position[7]
    assert (
        question_one.feedback == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    )
    assert [(o.fraction, o.feedback) for o in question_one.options] == [
        (0, "42 is the Ultimate Answer."),
        (100, "You gave the right answer."),
    ]
    # {T} and {TRUE} mean the same.
    assert by_position[8].options == by_position[9].options


def test_category_line_applies_to_the_questions_after_it(moodle_fixtures):
    path = moodle_fixtures / "gift" / "moodle" / "questions_in_category.gift.txt"
    result = read_gift(path.read_bytes())
    assert [(q.name, q.category) for q in result.questions] == [
        ("Greeting", "Default for New Features"),
        ("Moodle acronym", "Default for New Features"),
    ]
    greeting = result.questions[0]
    assert greeting.format == HTML
    assert greeting.text.startswith(
        '<a href="http://demo.moodle.net/file.php/5/media/bonjour.mp3">'
    )
    assert "Listen to this greeting:</a>" in greeting.text
    assert [p.line for p in result.problems] == [5, 22]


def test_moodle_examples_file_reads_every_choice_question(moodle_fixtures):
    result = read_gift((moodle_fixtures / "gift" / "moodle" / "examples.txt").read_bytes())
    assert len(result.questions) == 23
    assert len(result.problems) == 20
    assert all("not supported" in problem.message for problem in result.problems)
    control = next(q for q in result.questions if q.name == "GIFT Control Characters")
    assert [o.text for o in control.options] == ["~", "=", "#", "{", "}", "\\"]


@pytest.mark.parametrize(
    "name, lines",
    [
        ("categories.gift", [2, 7, 15, 22, 26, 28]),
        ("moodleFormat.gift", [1, 7, 12, 17, 21]),
        ("specials.gift", [1, 7, 11]),
    ],
)
def test_pygiftparser_files_report_each_question_at_its_line(fixtures, name, lines):
    result = read_gift((fixtures / "gift" / "pygiftparser-mtommasi" / name).read_bytes())
    assert result.questions == []
    assert [problem.line for problem in result.problems] == lines


def test_answer_block_without_marks_is_an_error(fixtures):
    path = fixtures / "gift" / "pygiftparser-mtommasi" / "specials.gift"
    problem = read_gift(path.read_bytes()).problems[1]
    assert problem.line == 7
    assert problem.message.startswith("The answers must start with = (correct) or ~ (wrong)")
    assert problem.excerpt == "invalid answer {anything}"


def test_text_without_answers_is_reported_as_a_skipped_description(fixtures):
    path = fixtures / "gift" / "pygiftparser-mtommasi" / "categories.gift"
    description = read_gift(path.read_bytes()).problems[3]
    assert description.message.startswith("Skipped: this is a description")
    assert description.excerpt == "Description Q4 there is no answer"


@pytest.mark.parametrize(
    "path",
    [
        "moodle/examples.txt",
        "moodle/questions.gift.txt",
        "moodle/questions_in_category.gift.txt",
        "fuhrmanator/options1.gift",
        "fuhrmanator/giftFormatPhpExamples.gift",
    ],
)
def test_what_we_read_we_write_back_the_same(request, path):
    # Moodle's files come from ../shared/fixtures, the MIT ones from tests/fixtures.
    base = request.getfixturevalue("moodle_fixtures" if path.startswith("moodle/") else "fixtures")
    questions = read_gift((base / "gift" / path).read_bytes()).questions
    again = read_gift(write_gift(questions).encode())
    assert again.problems == []
    assert without_place(again.questions) == without_place(questions)
