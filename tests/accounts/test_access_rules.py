"""Who may manage whom, and whose password they may reset, as tables."""

import itertools

import pytest

from latih.accounts.rules import ROLE_RANK, can_manage_person, can_reset_person, outranks

OWN, OTHER = 1, 2
ROLES = list(ROLE_RANK)


@pytest.mark.parametrize(
    ("role", "actor_agency", "person_role", "person_agency", "allowed"),
    [
        # An agency admin: people of their own agency ranked below them.
        ("agency_admin", OWN, "participant", OWN, True),
        ("agency_admin", OWN, "facilitator", OWN, True),
        ("agency_admin", OWN, "participant", OTHER, False),
        ("agency_admin", OWN, "participant", None, False),
        ("agency_admin", None, "participant", None, False),
        # ... never a peer or a higher rank, even in their own agency.
        ("agency_admin", OWN, "agency_admin", OWN, False),
        ("agency_admin", OWN, "organizer", OWN, False),
        ("agency_admin", OWN, "platform_admin", OWN, False),
        ("agency_admin", OWN, "platform_admin", None, False),
        # The platform admin: everyone below, in any agency or none; not another of them.
        ("platform_admin", None, "participant", OTHER, True),
        ("platform_admin", None, "organizer", None, True),
        ("platform_admin", OWN, "platform_admin", OWN, False),
        # Nobody else manages people's data.
        ("organizer", OWN, "participant", OWN, False),
        ("facilitator", OWN, "participant", OWN, False),
        ("participant", OWN, "participant", OWN, False),
        ("unknown", OWN, "participant", OWN, False),
    ],
)
def test_who_may_manage_whom(role, actor_agency, person_role, person_agency, allowed):
    assert can_manage_person(role, actor_agency, person_role, person_agency) is allowed


@pytest.mark.parametrize(
    ("role", "person_role", "allowed"),
    [
        ("agency_admin", "participant", True),
        # A staff account's reset needs the platform admin.
        ("agency_admin", "facilitator", False),
        ("platform_admin", "facilitator", True),
        ("platform_admin", "agency_admin", True),
        ("platform_admin", "organizer", True),
        ("platform_admin", "platform_admin", False),
        ("organizer", "participant", False),
    ],
)
def test_who_may_reset_whom(role, person_role, allowed):
    assert can_reset_person(role, OWN, person_role, OWN) is allowed


@pytest.mark.parametrize(("actor", "person"), list(itertools.product(ROLES, ROLES)))
def test_nobody_manages_an_equal_or_higher_rank(actor, person):
    if not outranks(actor, person):
        for agency in (OWN, OTHER, None):
            assert not can_manage_person(actor, OWN, person, agency)
            assert not can_reset_person(actor, OWN, person, agency)


def test_ranks_are_ordered_as_the_issue_says():
    assert sorted(ROLES, key=ROLE_RANK.get) == [
        "participant",
        "facilitator",
        "agency_admin",
        "organizer",
        "platform_admin",
    ]
