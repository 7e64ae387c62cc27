"""Who may manage whose data, as a table."""

import pytest

from latih.accounts.rules import can_manage_person

OWN, OTHER = 1, 2


@pytest.mark.parametrize(
    ("role", "actor_agency", "person_agency", "allowed"),
    [
        ("agency_admin", OWN, OWN, True),
        ("agency_admin", OWN, OTHER, False),
        ("agency_admin", OWN, None, False),
        ("agency_admin", None, None, False),
        ("platform_admin", None, OTHER, True),
        ("organizer", OWN, OWN, False),
        ("facilitator", OWN, OWN, False),
        ("participant", OWN, OWN, False),
    ],
)
def test_who_may_manage_whom(role, actor_agency, person_agency, allowed):
    assert can_manage_person(role, actor_agency, person_agency) is allowed
