"""A NIP is printed in its groups, 19981108 202421 1 007, joined by non-breaking spaces,
wherever a page shows one; the plain number stays the element's value for copying."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse

from latih.common.templatetags.latih_format import nip_groups
from tests.factories import make_agency, make_person, signed_in

NBSP = "\u00a0"
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "latih" / "templates"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("199811082024211007", f"19981108{NBSP}202421{NBSP}1{NBSP}007"),  # PNS
        ("199507222024212002", f"19950722{NBSP}202421{NBSP}2{NBSP}002"),  # PPPK
        ("19981108202421100", "19981108202421100"),  # 17 digits: not a NIP, as typed
        ("1.99811E+17", "1.99811E+17"),  # what a spreadsheet made of one
        ("", ""),
        ("١٩٩٨١١٠٨٢٠٢٤٢١١٠٠٧", "١٩٩٨١١٠٨٢٠٢٤٢١١٠٠٧"),  # other digits are not grouped
    ],
)
def test_nip_groups(value, shown):
    assert nip_groups(value) == shown


def test_the_nip_filter_keeps_the_number_as_value_and_escapes_what_is_not_one():
    template = Template("{% load latih_format %}{{ value|nip }}")
    assert template.render(Context({"value": "199811082024211007"})) == (
        f'<data class="nip" value="199811082024211007">19981108{NBSP}202421{NBSP}1{NBSP}007</data>'
    )
    hostile = template.render(Context({"value": '"><script>x</script>'}))
    assert "<script>" not in hostile and "&lt;script&gt;" in hostile
    assert template.render(Context({"value": None})) == ""


def test_the_profile_shows_the_nip_in_groups(db):
    person = make_person(make_agency())
    page = signed_in(person).get(reverse("accounts:profile")).content.decode()
    grouped = NBSP.join([person.nip[:8], person.nip[8:14], person.nip[14], person.nip[15:]])
    assert f'<data class="nip" value="{person.nip}">{grouped}</data>' in page


def test_every_template_prints_a_nip_through_the_filter():
    """A NIP printed raw breaks mid-number on a phone: none is."""
    raw = []
    for path in TEMPLATES.rglob("*.html"):
        for expression in re.findall(r"\{\{\s*([^}]*?)\s*\}\}", path.read_text()):
            variable = expression.split("|")[0].strip()
            if re.search(r"(^|\.)nip$", variable) and "|nip" not in expression.replace(" ", ""):
                raw.append(f"{path.relative_to(TEMPLATES)}: {{{{ {expression} }}}}")
    assert not raw, raw


def test_no_template_relies_on_an_emoji_font_for_the_lock():
    users = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if "🔒" in path.read_text()
    ]
    assert not users


def test_tables_of_people_become_cards_and_name_their_cells():
    """Every table showing NIPs is a card table, and each of its data cells carries the
    column name it shows under its value on a phone."""
    for name in [
        "portal/hours.html",
        "accounts/manage/people_rows.html",
        "cohorts/_job.html",
        "certificates/cohort.html",
        "cohorts/detail.html",
        "cohorts/results.html",
        "exams/studio/results.html",
    ]:
        text = (TEMPLATES / name).read_text()
        assert "table--cards" in text, name
        row = re.search(r"\{% for [^%]+ %\}\s*<tr[^>]*>(.*?)</tr>", text, re.S)
        assert row, name
        cells = re.findall(r"<td([^>]*)>", row.group(1))
        labelled = [cell for cell in cells if "data-label=" in cell]
        # The row's first cell may be its title (the name); the others are labelled.
        assert len(labelled) >= len(cells) - 1, (name, cells)
