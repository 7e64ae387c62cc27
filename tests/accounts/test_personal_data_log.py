"""Every response carrying a full NIK is logged in the access log and never cached."""

import pytest
from django.urls import reverse

from latih.accounts.models import CorrectionRequest, PersonalDataAccess

pytestmark = pytest.mark.django_db


def _logged(viewer, person, purpose):
    return PersonalDataAccess.objects.filter(viewer=viewer, person=person, purpose=purpose)


@pytest.mark.parametrize(
    ("name", "purpose"), [("person_detail", "person_detail"), ("person_edit", "person_edit")]
)
def test_person_pages_are_logged_and_not_stored(
    admin_client, agency_admin, participant, name, purpose
):
    response = admin_client.get(reverse(f"accounts:{name}", args=[participant.pk]))
    assert response.status_code == 200
    assert participant.nik in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert _logged(agency_admin, participant, purpose).count() == 1


def test_the_correction_queue_logs_each_person_shown(admin_client, agency_admin, participant):
    CorrectionRequest.objects.create(
        person=participant, changes={"nik": participant.nik[:12] + "0002"}
    )
    response = admin_client.get(reverse("accounts:corrections"))
    assert participant.nik in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert _logged(agency_admin, participant, "corrections").count() == 1


def test_a_refused_request_logs_nothing(admin_client, other_agency_person):
    response = admin_client.get(reverse("accounts:person_edit", args=[other_agency_person.pk]))
    assert response.status_code == 404
    assert not PersonalDataAccess.objects.filter(person=other_agency_person).exists()


def test_a_refused_decision_shown_again_in_place_is_logged_and_not_stored(
    admin_client, agency_admin, participant
):
    correction = CorrectionRequest.objects.create(
        person=participant, changes={"nik": participant.nik[:12] + "0002"}
    )
    response = admin_client.post(
        reverse("accounts:correction_reject", args=[correction.pk]),
        {"reason": ""},
        headers={"HX-Request": "true"},
    )
    assert participant.nik in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert _logged(agency_admin, participant, "corrections").count() == 1
