"""The gating and trophy rules, by table: which sections and materials are open, why not,
and what comes next."""

import pytest

from latih.learning import rules
from latih.learning.rules import AFTER_MATERIAL, AFTER_SECTION, NO_CONSENT, Lock


def section(sid, title, done=(), journal=False, submitted=False):
    """A section whose materials are ids sid*10+1..; ``done`` lists the done ones (1-based)."""
    count = max([3, *done])
    materials = tuple(
        rules.MaterialFacts(sid * 10 + n, f"{title} materi {n}", n in done)
        for n in range(1, count + 1)
    )
    return rules.SectionFacts(sid, title, materials, journal, submitted)


MK = "Materi Kebijakan"
A1 = "Agenda 1"
A2 = "Agenda 2"

SECTION_CASES = [
    # (description, sections, sequential, consented, expected lock of each section)
    (
        "nothing done: only the first opens",
        [section(1, MK), section(2, A1)],
        True,
        True,
        [None, Lock(AFTER_SECTION, MK)],
    ),
    (
        "first done: second opens",
        [section(1, MK, done=(1, 2, 3)), section(2, A1)],
        True,
        True,
        [None, None],
    ),
    (
        "two of three done: still closed",
        [section(1, MK, done=(1, 2)), section(2, A1)],
        True,
        True,
        [None, Lock(AFTER_SECTION, MK)],
    ),
    (
        "materials done but journal not submitted",
        [section(1, A1, done=(1, 2, 3), journal=True), section(2, A2)],
        True,
        True,
        [None, Lock(AFTER_SECTION, A1)],
    ),
    (
        "journal submitted opens the next",
        [section(1, A1, done=(1, 2, 3), journal=True, submitted=True), section(2, A2)],
        True,
        True,
        [None, None],
    ),
    (
        "the lock names the section right before",
        [section(1, MK, done=(1, 2, 3)), section(2, A1), section(3, A2)],
        True,
        True,
        [None, None, Lock(AFTER_SECTION, A1)],
    ),
    (
        "not sequential: everything open",
        [section(1, MK), section(2, A1)],
        False,
        True,
        [None, None],
    ),
    (
        "no consent: nothing open",
        [section(1, MK), section(2, A1)],
        True,
        False,
        [Lock(NO_CONSENT), Lock(NO_CONSENT)],
    ),
    (
        "a section already started stays open when an earlier one grows",
        [section(1, MK, done=(1, 2)), section(2, A1, done=(1,))],
        True,
        True,
        [None, None],
    ),
]


@pytest.mark.parametrize(
    "sections, sequential, consented, expected",
    [case[1:] for case in SECTION_CASES],
    ids=[case[0] for case in SECTION_CASES],
)
def test_section_locks(sections, sequential, consented, expected):
    gated = rules.gates(sections, sequential, consented)
    assert [gated.sections[s.id] for s in sections] == expected


MATERIAL_CASES = [
    # (description, done in the first section, expected locks of its three materials)
    (
        "only the first material opens",
        (),
        [None, Lock(AFTER_MATERIAL, f"{MK} materi 1"), Lock(AFTER_MATERIAL, f"{MK} materi 2")],
    ),
    ("the first done opens the second", (1,), [None, None, Lock(AFTER_MATERIAL, f"{MK} materi 2")]),
    ("all done: all open", (1, 2, 3), [None, None, None]),
    (
        "a completed material is never locked again",
        (2,),
        [None, None, None],
    ),
]


@pytest.mark.parametrize(
    "done, expected", [case[1:] for case in MATERIAL_CASES], ids=[c[0] for c in MATERIAL_CASES]
)
def test_material_locks_inside_a_section(done, expected):
    sections = [section(1, MK, done=done)]
    gated = rules.gates(sections, sequential=True, consented=True)
    assert [gated.materials[m.id] for m in sections[0].materials] == expected


def test_materials_of_a_locked_section_say_why_the_section_is_closed():
    sections = [section(1, MK), section(2, A1)]
    gated = rules.gates(sections, sequential=True, consented=True)
    assert {gated.materials[m.id] for m in sections[1].materials} == {Lock(AFTER_SECTION, MK)}


def test_not_sequential_opens_every_material():
    sections = [section(1, MK), section(2, A1)]
    gated = rules.gates(sections, sequential=False, consented=True)
    assert set(gated.materials.values()) == {None}


@pytest.mark.parametrize(
    "sections, expected",
    [
        ([section(1, MK), section(2, A1)], 11),
        ([section(1, MK, done=(1,)), section(2, A1)], 12),
        ([section(1, MK, done=(1, 2, 3)), section(2, A1)], 21),
        ([section(1, MK, done=(1, 2, 3)), section(2, A1, done=(1, 2, 3))], None),
        # Materials done but the journal is due: no material comes next.
        ([section(1, A1, done=(1, 2, 3), journal=True), section(2, A2)], None),
    ],
)
def test_next_material(sections, expected):
    gated = rules.gates(sections, sequential=True, consented=True)
    assert rules.next_material(sections, gated) == expected


TROPHY_CASES = [
    # (earned per material, total, required, earned, still needed, enough)
    ([], 50, 32, 0, 32, False),
    ([1] * 26, 50, 32, 26, 6, False),
    ([1] * 31, 50, 32, 31, 1, False),
    ([1] * 32, 50, 32, 32, 0, True),
    ([2] * 25, 50, 32, 50, 0, True),
    ([1] * 10, 20, 10, 10, 0, True),
]


@pytest.mark.parametrize("earned, total, required, sum_, needed, enough", TROPHY_CASES)
def test_trophy_tally(earned, total, required, sum_, needed, enough):
    tally = rules.tally(earned, total, required)
    assert (tally.earned, tally.still_needed, tally.enough, tally.available) == (
        sum_,
        needed,
        enough,
        total,
    )


@pytest.mark.parametrize(
    "done, total, expected",
    [(0, 10, 0), (1, 3, 33), (2, 3, 66), (199, 200, 99), (3, 3, 100), (0, 0, 0), (5, 4, 100)],
)
def test_percent_never_shows_100_before_the_end(done, total, expected):
    assert rules.percent(done, total) == expected


@pytest.mark.parametrize(
    "sections, earned, expected",
    [
        ([section(1, MK, done=(1, 2, 3))], 32, True),
        ([section(1, MK, done=(1, 2, 3))], 31, False),
        ([section(1, MK, done=(1, 2))], 40, False),
        ([section(1, A1, done=(1, 2, 3), journal=True)], 40, False),
        ([section(1, A1, done=(1, 2, 3), journal=True, submitted=True)], 40, True),
    ],
)
def test_course_complete_needs_every_section_and_the_trophy_minimum(sections, earned, expected):
    assert rules.course_complete(sections, rules.tally([earned], 50, 32)) is expected
