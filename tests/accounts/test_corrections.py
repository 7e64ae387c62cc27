"""\"Data tidak sesuai?\": a participant's correction request, accepted or rejected by the
agency admin, every change audited."""

from django.test import Client
from django.urls import reverse

from latih.accounts.models import CorrectionRequest, Person, PersonChange
from tests.factories import make_agency, make_person, signed_in

REQUEST = reverse("accounts:request_correction")


def _file(client, participant, **fields):
    client.force_login(participant)
    return client.post(REQUEST, {"note": "", **fields})


def test_request_is_stored_with_only_the_changed_fields(client, participant):
    response = _file(
        client,
        participant,
        name="Peserta Uji Benar",
        phone=participant.phone,
        note="Nama saya salah eja",
    )
    assert response.status_code == 302
    correction = CorrectionRequest.objects.get(person=participant)
    assert correction.changes == {"name": "Peserta Uji Benar"}
    assert correction.status == "pending"


def test_double_submit_files_one_request(client, participant):
    _file(client, participant, name="Nama Baru")
    again = _file(client, participant, name="Nama Baru")
    assert again.status_code == 200
    assert "masih memiliki permintaan" in again.content.decode()
    assert CorrectionRequest.objects.filter(person=participant).count() == 1


def test_empty_request_is_refused(client, participant):
    response = _file(client, participant)
    assert response.status_code == 200
    assert not CorrectionRequest.objects.exists()


def test_requested_nik_must_agree_with_the_nip(client, participant):
    wrong_gender = participant.nik[:6] + str(int(participant.nik[6:8]) + 40) + participant.nik[8:]
    response = _file(client, participant, nik=wrong_gender)
    assert response.status_code == 200
    assert "tidak sama" in response.content.decode() or "tidak cocok" in response.content.decode()
    assert not CorrectionRequest.objects.exists()


def test_admin_accepts_and_the_change_is_applied_and_audited(
    client, participant, agency_admin, admin_client
):
    _file(client, participant, name="Peserta Uji Benar", position="Analis Kebijakan")
    correction = CorrectionRequest.objects.get()
    queue = admin_client.get(reverse("accounts:corrections"))
    assert "Peserta Uji Benar" in queue.content.decode()

    response = admin_client.post(reverse("accounts:correction_accept", args=[correction.pk]))
    assert response.status_code == 302
    person = Person.objects.get(pk=participant.pk)
    assert (person.name, person.position) == ("Peserta Uji Benar", "Analis Kebijakan")
    audit = {c.field: c for c in PersonChange.objects.filter(person=participant)}
    assert set(audit) == {"name", "position"}
    assert audit["name"].old_value == "Peserta Uji"
    assert audit["name"].new_value == "Peserta Uji Benar"
    assert audit["name"].actor == agency_admin
    assert audit["name"].reason == f"correction #{correction.pk}"
    correction.refresh_from_db()
    assert correction.status == "accepted"


def test_accepting_twice_applies_once(client, participant, admin_client):
    _file(client, participant, name="Nama Sekali")
    correction = CorrectionRequest.objects.get()
    url = reverse("accounts:correction_accept", args=[correction.pk])
    admin_client.post(url)
    second = admin_client.post(url, HTTP_HX_REQUEST="true")
    assert "sudah diproses" in second.content.decode()
    assert PersonChange.objects.filter(person=participant, field="name").count() == 1


def test_admin_rejects_with_a_reason_and_the_participant_sees_it(client, participant, admin_client):
    _file(client, participant, name="Nama Lain")
    correction = CorrectionRequest.objects.get()
    url = reverse("accounts:correction_reject", args=[correction.pk])

    no_reason = admin_client.post(url, {"reason": "  "}, HTTP_HX_REQUEST="true")
    assert "alasan" in no_reason.content.decode().lower()
    correction.refresh_from_db()
    assert correction.status == "pending"

    decided = admin_client.post(
        url, {"reason": "Sesuai SK, nama sudah benar"}, HTTP_HX_REQUEST="true"
    )
    assert decided.status_code == 200
    assert "Ditolak" in decided.content.decode()
    assert Person.objects.get(pk=participant.pk).name == participant.name
    assert not PersonChange.objects.exists()
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "Sesuai SK, nama sudah benar" in profile


def test_admin_of_another_agency_cannot_decide(client, participant):
    _file(client, participant, name="Nama Lain")
    correction = CorrectionRequest.objects.get()
    stranger = make_person(role="agency_admin")
    other = Client()
    other.force_login(stranger)
    assert (
        other.post(reverse("accounts:correction_accept", args=[correction.pk])).status_code == 404
    )
    assert "Nama Lain" not in other.get(reverse("accounts:corrections")).content.decode()
    correction.refresh_from_db()
    assert correction.status == "pending"


def test_correction_queue_query_count_is_constant(
    client, agency, admin_client, django_assert_num_queries, session_queries
):
    for _ in range(5):
        person = make_person(agency)
        CorrectionRequest.objects.create(
            person=person, changes={"name": "X", "unit": agency.units.first().pk}
        )
    # user, corrections (with people), units of the requested changes, one insert into
    # the personal-data access log for all of them
    with django_assert_num_queries(session_queries + 4):
        response = admin_client.get(reverse("accounts:corrections"))
    assert response.content.decode().count('class="card correction"') == 5


def test_a_correction_request_does_not_tell_whether_a_nik_exists(client, participant, agency):
    """Asking for another person's NIK and for a free, valid NIK get the same answer; the
    admin learns of the clash when accepting."""
    holder = make_person(make_agency())
    # A NIK of the participant's birth date and gender: one held by nobody, one borrowed
    # from the holder with the participant's date (agreement is checked, existence is not).
    free = participant.nik[:12] + "9999"
    holder.nik = participant.nik[:12] + "8888"
    holder.save()
    answers = []
    for nik in (free, holder.nik):
        CorrectionRequest.objects.filter(person=participant).delete()
        response = _file(client, participant, nik=nik)
        answers.append((response.status_code, response.get("Location")))
        assert CorrectionRequest.objects.filter(person=participant, changes__nik=nik).exists()
    assert answers[0] == answers[1]
    admin = signed_in(make_person(agency, role="agency_admin"))
    pending = CorrectionRequest.objects.get(person=participant)
    response = admin.post(reverse("accounts:correction_accept", args=[pending.pk]))
    participant.refresh_from_db()
    assert participant.nik != holder.nik
    pending.refresh_from_db()
    assert pending.status == CorrectionRequest.Status.PENDING
    assert response.status_code in (200, 302)
