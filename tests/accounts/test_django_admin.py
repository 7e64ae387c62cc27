"""Django admin: for platform admins only; what they do there is audited and logged."""

import pytest
from django.test import Client
from django.urls import reverse

from latih.accounts.models import Person, PersonalDataAccess, PersonChange
from tests.factories import PASSWORD, make_person, nik_for, nip_for, signed_in


def test_only_platform_admins_enter_django_admin(agency, agency_admin):
    platform = make_person(role="platform_admin")
    client = Client()
    client.force_login(platform)
    assert client.get(reverse("admin:index")).status_code == 200
    refused = Client()
    refused.force_login(agency_admin)
    assert refused.get(reverse("admin:index")).status_code == 302


def test_django_admin_sign_in_takes_the_nip(db):
    platform = make_person(role="platform_admin")
    client = Client()
    response = client.post(
        reverse("admin:login"), {"username": platform.nip, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_changes_in_django_admin_are_audited_and_views_logged(agency, participant):
    platform = make_person(role="platform_admin")
    client = Client()
    client.force_login(platform)
    url = reverse("admin:accounts_person_change", args=[participant.pk])
    client.get(url)
    assert PersonalDataAccess.objects.filter(viewer=platform, purpose="django_admin").count() == 1
    data = {
        "name": "Nama Dari Admin",
        "nik": participant.nik,
        "birth_place": "",
        "agency": agency.pk,
        "unit": participant.unit_id,
        "position": "",
        "email": participant.email,
        "phone": participant.phone,
        "role": "facilitator",
        "is_active": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    fields = set(PersonChange.objects.filter(person=participant).values_list("field", flat=True))
    assert fields == {"name", "role"}
    assert Person.objects.get(pk=participant.pk).role == "facilitator"


def test_account_made_in_django_admin_signs_in_first_with_the_nik(agency):
    import datetime as dt

    platform = make_person(role="platform_admin")
    client = Client()
    client.force_login(platform)
    birth = dt.date(1993, 4, 5)
    data = {
        "nip": nip_for(birth, woman=True, seq=7),
        "nik": nik_for(birth, woman=True, seq=7),
        "name": "Pegawai Baru",
        "birth_place": "",
        "agency": agency.pk,
        "unit": "",
        "position": "",
        "email": "",
        "phone": "",
        "role": "participant",
        "is_active": "on",
    }
    response = client.post(reverse("admin:accounts_person_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Person.objects.get(nip=data["nip"])
    assert person.must_set_password and person.gender == "F"

    bad = {**data, "nip": nip_for(birth, seq=8), "nik": nik_for(birth, woman=True, seq=8)}
    assert client.post(reverse("admin:accounts_person_add"), bad).status_code == 200
    assert not Person.objects.filter(nip=bad["nip"]).exists()


@pytest.mark.parametrize("model", ["personchange", "personaldataaccess"])
def test_the_logs_are_read_only_in_django_admin(agency, participant, model):
    platform_admin = make_person(agency, role="platform_admin")
    client = signed_in(platform_admin)
    before = PersonChange.objects.count(), PersonalDataAccess.objects.count()
    add_url = f"/admin/accounts/{model}/add/"
    assert client.get(add_url).status_code == 403
    data = {"person": participant.pk, "viewer": platform_admin.pk, "actor": platform_admin.pk}
    data |= {"field": "name", "purpose": "forged", "reason": "forged", "at_0": "2026-01-01"}
    assert client.post(add_url, data).status_code == 403
    assert (PersonChange.objects.count(), PersonalDataAccess.objects.count()) == before
    listing = client.get(f"/admin/accounts/{model}/").content.decode()
    assert add_url not in listing


def test_correction_requests_are_read_only_and_reading_them_is_logged(agency, participant):
    from latih.accounts.models import CorrectionRequest

    platform_admin = make_person(agency, role="platform_admin")
    client = signed_in(platform_admin)
    correction = CorrectionRequest.objects.create(
        person=participant, changes={"nik": participant.nik[:12] + "0002"}
    )
    url = f"/admin/accounts/correctionrequest/{correction.pk}/change/"
    assert client.get(url).status_code == 200
    client.post(url, {"status": "accepted", "person": participant.pk, "changes": "{}"})
    correction.refresh_from_db()
    assert correction.status == CorrectionRequest.Status.PENDING
    assert PersonalDataAccess.objects.filter(person=participant, purpose="django_admin").exists()


def test_reading_a_nik_change_in_the_audit_log_is_logged(agency, participant):
    platform_admin = make_person(agency, role="platform_admin")
    row = PersonChange.objects.create(
        person=participant, field="nik", old_value=participant.nik, new_value="x"
    )
    client = signed_in(platform_admin)
    assert client.get(f"/admin/accounts/personchange/{row.pk}/change/").status_code == 200
    logged = PersonalDataAccess.objects.get(person=participant)
    assert (logged.viewer, logged.purpose) == (platform_admin, "django_admin_log")
