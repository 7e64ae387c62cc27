"""An import never captures a person (Trust #2), and an agency admin's import tells
nothing about people outside their scope (Trust #7).

Each test is an attack that worked before: a one-row CSV moved a person without an agency
(an account made by ``createsuperuser``) into the importer's agency and overwrote their
NIK; the reasons of refused rows told an agency admin that a NIP belonged to another
agency, that a NIK was held elsewhere, or that someone was in another cohort.
"""

import pytest
from django.core.exceptions import PermissionDenied

from latih.accounts import services as accounts_services
from latih.accounts.models import Person, PersonChange
from latih.cohorts.models import ImportProblem
from latih.learning.models import Cohort, Enrollment
from tests.factories import enrol, make_agency, make_person, nik_for

from .conftest import csv_bytes
from .test_import import person_row, run_import

NEUTRAL = "Orang ini tidak dapat diimpor oleh instansi Anda; hubungi penyelenggara."


@pytest.fixture
def importing(cohort, django_capture_on_commit_callbacks):
    def go(actor, rows):
        return run_import(
            actor, cohort, csv_bytes(rows), "peserta.csv", django_capture_on_commit_callbacks
        )

    return go


def reasons(job) -> dict[int, str]:
    return dict(ImportProblem.objects.filter(job=job).values_list("line", "reason"))


def other_nik(person: Person, seq: int = 9876) -> str:
    """A NIK that agrees with the person's NIP (so only the database can object to it)."""
    return nik_for(person.birth_date, person.gender == "F", seq=seq)


def row_for(person: Person, agency_code: str = "", **changes: str) -> list[str]:
    return person_row(1, agency_code, **{"nip": person.nip, "nik": person.nik, **changes})


def snapshot(person: Person) -> tuple:
    person.refresh_from_db()
    return (person.agency_id, person.nik, person.name, person.role, person.email)


@pytest.fixture
def superuser(db):
    """An account as ``createsuperuser`` makes it: no agency."""
    made = make_person(role="platform_admin", name="Super")
    Person.objects.filter(pk=made.pk).update(agency=None)
    made.refresh_from_db()
    return made


def test_an_agency_admin_cannot_capture_a_person_without_an_agency(
    importing, agency_admin, superuser, agency
):
    before = snapshot(superuser)
    changes = PersonChange.objects.count()
    job = importing(agency_admin, [row_for(superuser, nik=other_nik(superuser), name="Disandera")])
    assert job.status == "done", job.error
    assert snapshot(superuser) == before  # not moved, NIK and name kept
    assert PersonChange.objects.count() == changes
    assert not Enrollment.objects.filter(person=superuser).exists()
    assert reasons(job) == {2: NEUTRAL}
    assert job.counts["bad"] == 1 and job.counts.get("updated", 0) == 0


def test_an_agency_admin_cannot_capture_an_agencyless_participant_with_their_own_nik(
    importing, agency_admin
):
    # The same without a NIK change or a role: an agency is never given by an import.
    stray = make_person(name="Tanpa Instansi")
    Person.objects.filter(pk=stray.pk).update(agency=None)
    job = importing(agency_admin, [row_for(stray)])
    stray.refresh_from_db()
    assert stray.agency_id is None
    assert reasons(job) == {2: NEUTRAL}


def test_an_organizer_does_not_adopt_a_person_without_an_agency_either(
    importing, organizer, superuser, agency
):
    stray = make_person(name="Tanpa Instansi")
    Person.objects.filter(pk=stray.pk).update(agency=None)
    before = (snapshot(superuser), snapshot(stray))
    job = importing(organizer, [row_for(superuser, agency.code), row_for(stray, agency.code)])
    assert (snapshot(superuser), snapshot(stray)) == before
    found = reasons(job)
    assert "petugas" in found[2]  # a staff account, whatever its agency
    assert "belum memiliki instansi" in found[3]


@pytest.mark.parametrize("role", ["facilitator", "agency_admin", "organizer", "platform_admin"])
def test_staff_of_the_same_agency_are_not_touched(importing, agency_admin, organizer, agency, role):
    staff = make_person(agency, role=role, name="Petugas")
    before = snapshot(staff)
    for actor in (agency_admin, organizer):
        job = importing(actor, [row_for(staff, agency.code, name="Diubah Lewat Impor")])
        assert snapshot(staff) == before
        assert not Enrollment.objects.filter(person=staff).exists()
        assert list(reasons(job)) == [2]
    # The agency admin is told nothing of the account; the organizer is told why.
    assert "petugas" in reasons(job)[2].lower()


def test_a_participant_in_scope_keeps_their_nik_and_the_row_says_to_ask_a_correction(
    importing, agency_admin, participant, organizer
):
    before = snapshot(participant)
    for actor in (agency_admin, organizer):
        job = importing(actor, [row_for(participant, nik=other_nik(participant))])
        assert snapshot(participant) == before
        assert not PersonChange.objects.filter(person=participant, field="nik").exists()
        reason = reasons(job)[2]
        assert "NIK" in reason and "koreksi" in reason.lower(), reason


def test_a_participant_in_scope_is_still_updated_and_enrolled(
    importing, agency_admin, participant, cohort
):
    job = importing(agency_admin, [row_for(participant, name="Nama Baru")])
    participant.refresh_from_db()
    assert job.counts["updated"] == 1 and not reasons(job)
    assert participant.name == "Nama Baru"
    assert Enrollment.objects.filter(person=participant, cohort=cohort).exists()


def test_an_agency_admin_gets_one_neutral_reason_whatever_is_outside_their_scope(
    importing, agency_admin, agency, course
):
    stranger = make_person(make_agency("Instansi Lain"))  # another agency's person
    holder = make_person(make_agency("Instansi Jauh"))
    newcomer = person_row(40, agency.code)  # a new NIP whose NIK the holder has
    Person.objects.filter(pk=holder.pk).update(nik=newcomer[1])
    busy = make_person(agency)  # own participant, in another cohort of the course
    enrol(busy, course)
    Enrollment.objects.filter(person=busy).update(
        cohort=Cohort.objects.create(course=course, name="Angkatan Lain")
    )
    job = importing(
        agency_admin,
        [row_for(stranger, agency.code), newcomer, row_for(busy, agency.code)],
    )
    assert job.status == "done", job.error
    assert reasons(job) == {2: NEUTRAL, 3: NEUTRAL, 4: NEUTRAL}
    assert not Person.objects.filter(nip=newcomer[0]).exists()


def test_an_organizer_keeps_the_detailed_reasons(importing, organizer, agency, course):
    stranger = make_person(make_agency("Instansi Lain"))
    busy = make_person(agency)
    enrol(busy, course)
    Enrollment.objects.filter(person=busy).update(
        cohort=Cohort.objects.create(course=course, name="Angkatan Lain")
    )
    job = importing(organizer, [row_for(stranger, agency.code), row_for(busy)])
    found = reasons(job)
    assert "instansi lain" in found[2].lower()
    assert "angkatan lain" in found[3].lower()


def test_the_service_refuses_a_capture_even_when_a_caller_forgets_to(
    agency_admin, organizer, superuser, participant, agency
):
    row = accounts_services.PersonRow(
        nip=superuser.nip, nik=superuser.nik, name="X", agency_id=agency.pk
    )
    for actor in (agency_admin, organizer):
        with pytest.raises(PermissionDenied):
            accounts_services.import_people(actor, [row], {superuser.nip: superuser}, "t")
    changed_nik = accounts_services.PersonRow(
        nip=participant.nip, nik=other_nik(participant), name="X", agency_id=agency.pk
    )
    with pytest.raises(PermissionDenied):
        accounts_services.import_people(
            organizer, [changed_nik], {participant.nip: participant}, "t"
        )
    elsewhere = make_person(make_agency("Instansi Lain"))
    foreign = accounts_services.PersonRow(
        nip=elsewhere.nip, nik=elsewhere.nik, name="X", agency_id=agency.pk
    )
    with pytest.raises(PermissionDenied):
        accounts_services.import_people(agency_admin, [foreign], {elsewhere.nip: elsewhere}, "t")
    assert snapshot(superuser)[0] is None
