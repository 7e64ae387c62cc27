"""An agency admin cannot reach the accounts of staff ranked at or above them: the review
found Rina could read the platform admin's NIK, reset them to the first sign-in, then
sign in as them and reach /admin/."""

import pytest
from django.urls import reverse

from latih.accounts.models import PersonalDataAccess, PersonChange
from tests.factories import make_person, signed_in

pytestmark = pytest.mark.django_db

PAGES = ("person_detail", "person_edit")
ACTIONS = ("person_reset_password", "person_unlock")


@pytest.fixture
def superiors(agency):
    """A platform admin, an organizer and another agency admin, all of Rina's agency, and
    a platform admin with no agency (as ``createsuperuser`` makes one)."""
    return [
        make_person(agency, role="platform_admin"),
        make_person(agency, role="organizer"),
        make_person(agency, role="agency_admin"),
        make_person(None, role="platform_admin"),
    ]


def test_agency_admin_cannot_open_or_reset_a_superior(admin_client, superiors):
    superiors[3].agency = None
    superiors[3].save()
    for person in superiors:
        for name in PAGES:
            response = admin_client.get(reverse(f"accounts:{name}", args=[person.pk]))
            assert response.status_code == 404, (name, person.role)
            assert person.nik not in response.content.decode()
        for name in ACTIONS:
            response = admin_client.post(reverse(f"accounts:{name}", args=[person.pk]))
            assert response.status_code == 404, (name, person.role)
        person.refresh_from_db()
        assert person.has_usable_password()
    assert not PersonChange.objects.filter(person__in=superiors).exists()
    assert not PersonalDataAccess.objects.filter(person__in=superiors).exists()


def test_the_people_list_shows_no_superior(admin_client, superiors, participant):
    page = admin_client.get(reverse("accounts:people")).content.decode()
    assert participant.name in page
    for person in superiors:
        assert person.name not in page
        assert person.nik not in page


def test_agency_admin_cannot_edit_a_superiors_nik_through_the_form(admin_client, superiors):
    target = superiors[0]
    response = admin_client.post(
        reverse("accounts:person_edit", args=[target.pk]), {"name": "Diambil Alih"}
    )
    assert response.status_code == 404
    target.refresh_from_db()
    assert target.name != "Diambil Alih"


def test_agency_admin_may_see_and_unlock_a_facilitator_but_not_reset_one(admin_client, agency):
    facilitator = make_person(agency, role="facilitator")
    detail = admin_client.get(reverse("accounts:person_detail", args=[facilitator.pk]))
    assert detail.status_code == 200
    assert reverse("accounts:person_reset_password", args=[facilitator.pk]) not in (
        detail.content.decode()
    )
    unlock = admin_client.post(reverse("accounts:person_unlock", args=[facilitator.pk]))
    assert unlock.status_code == 302
    reset = admin_client.post(reverse("accounts:person_reset_password", args=[facilitator.pk]))
    assert reset.status_code == 403
    facilitator.refresh_from_db()
    assert facilitator.has_usable_password()


def test_platform_admin_resets_a_staff_account(agency):
    platform_admin = make_person(None, role="platform_admin")
    organizer = make_person(agency, role="organizer")
    response = signed_in(platform_admin).post(
        reverse("accounts:person_reset_password", args=[organizer.pk])
    )
    assert response.status_code == 302
    organizer.refresh_from_db()
    assert not organizer.has_usable_password()


def test_platform_admin_cannot_reset_another_platform_admin(agency):
    first, second = (
        make_person(None, role="platform_admin"),
        make_person(agency, role="platform_admin"),
    )
    response = signed_in(first).post(reverse("accounts:person_reset_password", args=[second.pk]))
    assert response.status_code == 404
    second.refresh_from_db()
    assert second.has_usable_password()


def test_the_takeover_story_ends_at_the_first_step(client, agency_admin, superiors):
    """The review's whole story: read the NIK, reset, sign in with NIP + NIK, open /admin/."""
    target = superiors[0]
    rina = signed_in(agency_admin)
    assert rina.get(reverse("accounts:person_detail", args=[target.pk])).status_code == 404
    rina.post(reverse("accounts:person_reset_password", args=[target.pk]))
    response = client.post(
        reverse("accounts:first_sign_in"), {"nip": target.nip, "nik": target.nik}
    )
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302
    assert response.status_code in (200, 429)


def test_the_hours_report_lists_no_peer_or_superior(admin_client, superiors, participant):
    page = admin_client.get(reverse("accounts:hours") + "?all=1").content.decode()
    assert participant.name in page
    for person in superiors[:3]:
        assert person.name not in page


@pytest.mark.parametrize("year", ["²", "9" * 5000, "-1", "2o26", "99999"])
def test_the_hours_report_takes_any_year_text(admin_client, year):
    assert admin_client.get(reverse("accounts:hours"), {"year": year}).status_code == 200
