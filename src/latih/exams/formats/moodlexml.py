"""Moodle XML question files: read as Moodle's importer (question/format/xml/format.php)
reads multichoice and truefalse questions and category switches, and written so Moodle
imports them.

The parser is locked down: no DTD, no entities, no network; a file that declares a
DOCTYPE is refused (Moodle never writes one, and it is how entity bombs come in). lxml
without ``huge_tree`` bounds nesting and text nodes; the file's size, its questions, the
answers of a question and the time spent are bounded by ``LIMITS``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _
from lxml import etree

from latih.common import spreadsheets_limits as bounds

from . import (
    HTML,
    PLAIN,
    BankOption,
    BankQuestion,
    Problem,
    Reading,
    ReadResult,
    excerpt,
    file_refused,
    normalize_category,
    one_format,
)
from .checks import (
    MAX_OPTIONS,
    check,
    format_weight,
    parse_weight,
    quoted,
    skipped_description,
    too_many_options,
    unsupported_type,
)

# Moodle's text formats: moodle_auto_format, plain_text, markdown and wiki_like are shown
# as text; html, and anything unknown (Moodle assumes HTML too), as HTML.
_PLAIN_FORMATS = {"plain_text", "moodle_auto_format", "markdown", "wiki_like"}
# XML 1.0 cannot hold these control characters at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


class _Refused(Exception):
    """A question that cannot be imported, with the reason."""


def read_moodle_xml(data: bytes) -> ReadResult:
    """Every multichoice and truefalse question of a Moodle XML file, in the category the
    file last switched to, and a ``Problem`` for each other question. A file past the
    bounds of ``LIMITS`` (questions, time) is refused as a whole."""
    try:
        return _read_moodle_xml(data)
    except bounds.LimitExceeded as error:
        return file_refused(error.message)


def _read_moodle_xml(data: bytes) -> ReadResult:
    result = ReadResult()
    reading = Reading()
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
        result.problems.append(
            Problem(
                _(
                    "The file is not well-formed XML, so no question could be read. "
                    "The XML reader says: %(detail)s"
                )
                % {"detail": quoted(error.msg or "", 200)},
                line=error.lineno,
            )
        )
        return result
    if root.getroottree().docinfo.doctype:
        result.problems.append(
            Problem(
                _(
                    "The file declares a DOCTYPE, which Moodle XML files never have; it was "
                    "refused for safety."
                )
            )
        )
        return result
    if root.tag != "quiz":
        result.problems.append(
            Problem(
                _(
                    "This is not a Moodle XML question file: it should start with <quiz>, "
                    "not <%(tag)s>."
                )
                % {"tag": quoted(str(root.tag))}
            )
        )
        return result
    category = ""
    position = 0
    for element in root.iterchildren("question"):
        qtype = (element.get("type") or "").strip()
        reading.question()  # categories count too: each is an element to read
        if qtype == "category":
            category = normalize_category(_category_path(element))
            continue
        position += 1
        line = element.sourceline
        name = _text(element.find("name"))
        try:
            question = _read_question(element, qtype, name)
        except _Refused as refused:
            result.take(
                None,
                [str(refused)],
                line,
                position,
                excerpt(name or _text(element.find("questiontext"))),
            )
            continue
        question.category, question.line, question.position = category, line, position
        result.take(question, check(question), line, position, excerpt(question))
    return result


def _category_path(element: etree._Element) -> str:
    category = element.find("category")
    if category is None:
        return ""
    # Moodle 1.x wrote the path straight into <category>; later versions in <text>.
    return _text(category) if category.find("text") is not None else (category.text or "")


def _text(element: etree._Element | None) -> str:
    """The trimmed content of ``element``'s ``<text>``; markup that a file left unescaped
    (outside CDATA) is kept as markup."""
    if element is None:
        return ""
    text = element.find("text")
    if text is None:
        return ""
    inner = (text.text or "") + "".join(
        etree.tostring(child, encoding="unicode", with_tail=True) for child in text
    )
    return inner.strip()


def _format(element: etree._Element | None, default: str) -> str:
    name = (element.get("format") if element is not None else None) or default
    return PLAIN if name.strip() in _PLAIN_FORMATS else HTML


def _fraction(answer: etree._Element) -> Decimal:
    raw = answer.get("fraction", "0")
    fraction = parse_weight(raw)
    if fraction is None:
        raise _Refused(_("The weight %(weight)s is not a number.") % {"weight": quoted(raw)})
    return fraction


def _read_question(element: etree._Element, qtype: str, name: str) -> BankQuestion:
    if not qtype:
        raise _Refused(_("This <question> has no type."))
    if qtype == "description":
        raise _Refused(skipped_description())
    if qtype not in ("multichoice", "truefalse"):
        raise _Refused(unsupported_type(qtype))
    if sum(1 for _answer in element.iterchildren("answer")) > MAX_OPTIONS:
        raise _Refused(too_many_options())
    stem = element.find("questiontext")
    stem_format = _format(stem, "html")
    default = "html" if stem_format == HTML else "plain_text"
    general = element.find("generalfeedback")
    pieces = [(_text(stem), stem_format), (_text(general), _format(general, default))]
    if qtype == "multichoice":
        single = (_text_of(element, "single") or "true").strip()
        multiple = single in ("false", "0")
        fractions = []
        for answer in element.iterchildren("answer"):
            feedback = answer.find("feedback")
            pieces += [
                (_answer_text(answer), _format(answer, default)),
                (_text(feedback), _format(feedback, default)),
            ]
            fractions.append(_fraction(answer))
    else:
        multiple = False
        pieces, fractions = _true_false(element, pieces, default)
    fmt, texts = one_format(pieces)
    return BankQuestion(
        text=texts[0],
        feedback=texts[1],
        options=[
            BankOption(text=texts[2 + 2 * index], fraction=fraction, feedback=texts[3 + 2 * index])
            for index, fraction in enumerate(fractions)
        ],
        multiple=multiple,
        name=name,
        format=fmt,
    )


def _text_of(element: etree._Element, tag: str) -> str | None:
    child = element.find(tag)
    return None if child is None else (child.text or "")


def _answer_text(answer: etree._Element) -> str:
    # An answer's text is in <text>; files of Moodle 1.x put it straight in <answer>.
    if answer.find("text") is not None:
        return _text(answer)
    return (answer.text or "").strip()


def _true_false(
    element: etree._Element, pieces: list[tuple[str, str]], default: str
) -> tuple[list[tuple[str, str]], list[Decimal]]:
    """True first, then False, whatever the file's order. Like Moodle, answers named
    neither "true" nor "false" (old, translated exports) are taken as true, then false."""
    feedbacks = {"true": ("", PLAIN), "false": ("", PLAIN)}
    correct_is_true = True
    for index, answer in enumerate(element.iterchildren("answer")):
        label = _answer_text(answer)
        if label not in ("true", "false"):
            label = "true" if index == 0 else "false"
        feedback = answer.find("feedback")
        feedbacks[label] = (_text(feedback), _format(feedback, default))
        is_full = _fraction(answer) == 100
        correct_is_true = is_full if label == "true" else not is_full
    pieces = [
        *pieces,
        (_("True"), PLAIN),
        feedbacks["true"],
        (_("False"), PLAIN),
        feedbacks["false"],
    ]
    fractions = [Decimal(100), Decimal(0)] if correct_is_true else [Decimal(0), Decimal(100)]
    return pieces, fractions


# --- Writing ----------------------------------------------------------------------------------


def write_moodle_xml(questions: Iterable[BankQuestion]) -> bytes:
    """The questions as a Moodle XML file (UTF-8), a category question before each change
    of category; Moodle imports it with "Get category from file"."""
    root = etree.Element("quiz")
    category = ""
    for question in questions:
        if question.category != category:
            root.append(_category_element(question.category))
            category = question.category
        root.append(_question_element(question))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _text_element(parent: etree._Element, tag: str, text: str, fmt: str | None) -> etree._Element:
    element = etree.SubElement(parent, tag)
    if fmt is not None:
        element.set("format", fmt)
    _set_text(etree.SubElement(element, "text"), text)
    return element


def _set_text(element: etree._Element, text: str) -> None:
    text = _NOT_XML.sub("", text)
    if "]]>" not in text and any(char in text for char in "<>&"):
        element.text = etree.CDATA(text)
    else:
        element.text = text


def _category_element(path: str) -> etree._Element:
    question = etree.Element("question", type="category")
    category = etree.SubElement(question, "category")
    _set_text(
        etree.SubElement(category, "text"), f"$course$/top/{path}" if path else "$course$/top"
    )
    _text_element(question, "info", "", "html")
    return question


def _question_element(question: BankQuestion) -> etree._Element:
    fmt = "html" if question.format == HTML else "plain_text"
    element = etree.Element("question", type="multichoice")
    _text_element(element, "name", question.name, None)
    _text_element(element, "questiontext", question.text, fmt)
    _text_element(element, "generalfeedback", question.feedback, fmt)
    for tag, value in (
        ("defaultgrade", "1.0000000"),
        ("penalty", "0.3333333"),
        ("hidden", "0"),
        ("idnumber", ""),
        ("single", "false" if question.multiple else "true"),
        ("shuffleanswers", "1"),
        ("answernumbering", "abc"),
        ("showstandardinstruction", "0"),
    ):
        etree.SubElement(element, tag).text = value
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _text_element(element, tag, "", fmt)
    for option in question.options:
        answer = etree.SubElement(
            element, "answer", fraction=format_weight(option.fraction), format=fmt
        )
        _set_text(etree.SubElement(answer, "text"), option.text)
        _text_element(answer, "feedback", option.feedback, fmt)
    return element
