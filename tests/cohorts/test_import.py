"""Bulk enrolment of participants from CSV and XLSX files."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from latih.accounts.models import Person, PersonChange
from latih.cohorts import imports, jobs
from latih.cohorts.models import ImportProblem, Job
from latih.learning.models import Cohort, Enrollment
from tests.factories import enrol, make_agency, make_person, nik_for, nip_for, signed_in

from .conftest import HEADER, csv_bytes


def person_row(n: int, agency: str = "", woman: bool = False, **changes: str) -> list[str]:
    birth = dt.date(1990, 1, 1) + dt.timedelta(days=n)
    row = {
        "nip": nip_for(birth, woman, seq=n % 999 + 1),
        "nik": nik_for(birth, woman, seq=n),
        "name": f"Peserta Impor {n}",
        "birth_place": "Bandung",
        "email": f"impor{n}@example.go.id",
        "phone": "0812-3456-7890",
        "agency": agency,
        "unit": "Bidang Umum",
        "position": "Analis",
    }
    row.update(changes)
    return list(row.values())


def run_import(actor, cohort, content: bytes, name: str = "peserta.csv", capture=None) -> Job:
    upload = SimpleUploadedFile(name, content)
    with capture(execute=True):
        job, _created = imports.start_import(actor, cohort, upload)
    job.refresh_from_db()
    return job


@pytest.fixture
def importing(organizer, cohort, django_capture_on_commit_callbacks):
    def go(content: bytes, name: str = "peserta.csv", actor=None) -> Job:
        return run_import(
            actor or organizer, cohort, content, name, django_capture_on_commit_callbacks
        )

    return go


def problems(job: Job) -> dict[int, str]:
    return dict(ImportProblem.objects.filter(job=job).values_list("line", "reason"))


def test_new_people_are_created_enrolled_and_audited(importing, cohort, agency):
    job = importing(csv_bytes([person_row(n, agency.code) for n in range(1, 6)]))
    assert job.status == "done", job.error
    assert (job.total, job.done) == (5, 5)
    assert job.counts == {
        "rows": 5,
        "bad": 0,
        "created": 5,
        "updated": 0,
        "unchanged": 0,
        "enrolled": 5,
    }
    people = Person.objects.filter(name__startswith="Peserta Impor")
    assert people.count() == 5
    person = people.get(name="Peserta Impor 1")
    assert person.agency == agency
    assert person.unit.name == "Bidang Umum"
    assert person.phone == "081234567890"
    assert person.birth_date == dt.date(1990, 1, 2)
    assert person.must_set_password  # first sign-in with the NIK
    assert Enrollment.objects.filter(cohort=cohort).count() == 5
    assert PersonChange.objects.filter(person=person, field="account").exists()


def test_the_same_file_twice_changes_nothing(importing):
    content = csv_bytes([person_row(n, "") for n in range(1, 4)])
    agency = make_agency("Kementerian Agama", units=())
    content = csv_bytes([person_row(n, agency.name) for n in range(1, 4)])
    first = importing(content)
    audit = PersonChange.objects.count()
    second = importing(content)
    assert second.pk != first.pk
    assert second.counts["created"] == 0 and second.counts["updated"] == 0
    assert second.counts["unchanged"] == 3 and second.counts["enrolled"] == 0
    assert PersonChange.objects.count() == audit
    assert Person.objects.filter(name__startswith="Peserta Impor").count() == 3


def test_a_known_person_is_updated_and_every_change_logged(importing, agency, organizer):
    known = make_person(agency, name="Nama Lama")
    row = person_row(0, agency.code, nip=known.nip, nik=known.nik, name="Nama Baru", email="")
    job = importing(csv_bytes([row]))
    known.refresh_from_db()
    assert job.counts["updated"] == 1 and job.counts["created"] == 0
    assert known.name == "Nama Baru"
    assert known.email.startswith("uji")  # an empty cell erases nothing
    change = PersonChange.objects.get(person=known, field="name")
    assert (change.old_value, change.new_value, change.actor) == (
        "Nama Lama",
        "Nama Baru",
        organizer,
    )
    assert change.reason == f"import #{job.pk}"


def test_every_bad_row_is_reported_with_its_line_and_nothing_of_it_saved(importing, agency, course):
    other = make_agency("Pemerintah Kota Lain")
    stranger = make_person(other)
    taken = make_person(agency)
    elsewhere = make_person(agency)
    enrol(elsewhere, course).__class__.objects.filter(person=elsewhere).update(
        cohort=Cohort.objects.create(course=course, name="Angkatan II")
    )
    good = person_row(1, agency.code)
    rows = [
        good,  # line 2
        person_row(2, agency.code, nip="19900103"),  # 3: short NIP
        person_row(3, agency.code, nik=person_row(4)[1]),  # 4: NIK of another birth date
        person_row(1, agency.code),  # 5: same NIP as line 2
        person_row(5, "Instansi Entah"),  # 6: unknown agency
        person_row(6, other.code),  # 7: fine, a new person of another agency
        person_row(7, agency.code, nip=stranger.nip, nik=stranger.nik),  # 8: stranger's agency
        person_row(8, agency.code, nik=taken.nik),  # 9: NIK of another account
        person_row(9, agency.code, nip=elsewhere.nip, nik=elsewhere.nik),  # 10: other cohort
        person_row(10, agency.code, email="bukan-email"),  # 11
        person_row(11, agency.code, nip="1.99001E+17"),  # 12: Excel's rounding
        person_row(12, agency.code, name=""),  # 13
    ]
    job = importing(csv_bytes(rows))
    found = problems(job)
    assert set(found) == {3, 4, 5, 6, 8, 9, 10, 11, 12, 13}
    assert "18" in found[3]
    assert "tanggal lahir" in found[4].lower()
    assert "baris 2" in found[5].lower()
    assert "Instansi Entah" in found[6]
    assert "instansi lain" in found[8].lower()
    assert "nik" in found[9].lower()
    assert "angkatan lain" in found[10].lower()
    assert "email" in found[11].lower()
    assert "angka" in found[12].lower() and "teks" in found[12].lower()
    assert "nama" in found[13].lower()
    assert job.counts["bad"] == 10 and job.counts["rows"] == 12
    assert not Person.objects.filter(name__in=["Peserta Impor 2", "Peserta Impor 5"]).exists()
    assert Enrollment.objects.filter(cohort__name="Angkatan I").count() == 2


def test_the_error_file_lists_the_bad_rows_to_fix_and_upload_again(
    importing, agency, organizer_client
):
    job = importing(csv_bytes([person_row(1, agency.code), person_row(2, "Entah")]))
    response = organizer_client.get(f"/cohorts/jobs/{job.pk}/problems.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Baris;NIP;NIK;Nama")
    assert lines[1].startswith("3;") and "Entah" in lines[1]
    assert len(lines) == 2


def test_an_agency_admin_enrols_only_their_own_people(importing, agency, cohort):
    admin = make_person(agency, role="agency_admin")
    other = make_agency("Instansi Lain")
    job = importing(
        csv_bytes([person_row(1, ""), person_row(2, agency.name), person_row(3, other.code)]),
        actor=admin,
    )
    assert job.counts["created"] == 2
    assert set(problems(job)) == {4}
    assert Person.objects.get(name="Peserta Impor 1").agency == agency


def test_an_agency_admin_cannot_import_into_a_cohort_closed_to_their_agency(
    course, organizer_client
):
    elsewhere = make_agency("Instansi Luar")
    admin = make_person(elsewhere, role="agency_admin")
    cohort = Cohort.objects.create(course=course, name="Angkatan Tertutup")
    response = signed_in(admin).post(
        f"/cohorts/{cohort.pk}/import/",
        {"file": SimpleUploadedFile("p.csv", csv_bytes([person_row(1)]))},
    )
    assert response.status_code == 404
    assert not Job.objects.exists()


def test_a_real_xlsx_with_numbers_stored_as_numbers(importing, agency):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Peserta"
    sheet.append(HEADER)
    sheet.append(person_row(1, agency.code))  # text cells: kept as typed
    as_number = person_row(2, agency.code)
    as_number[0] = float(as_number[0])  # what a spreadsheet keeps: 15 significant digits
    short = person_row(3, agency.code)
    short[1] = int(short[1][1:])  # a NIK that lost its leading digit
    sheet.append(as_number)
    sheet.append([])
    sheet.append(short)
    buffer = io.BytesIO()
    book.save(buffer)
    job = importing(buffer.getvalue(), "peserta.xlsx")
    assert job.counts["created"] == 1
    found = problems(job)
    assert list(found) == [3, 5]
    assert "NIP" in found[3] and "teks" in found[3].lower()
    assert "NIK" in found[5]


@pytest.mark.parametrize(
    ("delimiter", "bom", "newline"),
    [(";", True, "\r\n"), (",", False, "\n"), ("\t", True, "\r\n"), (";", False, "\r")],
)
def test_csv_dialects(importing, agency, delimiter, bom, newline):
    content = csv_bytes(
        [person_row(n, agency.code) for n in (1, 2)], delimiter=delimiter, bom=bom, newline=newline
    )
    job = importing(content)
    assert job.status == "done", job.error
    assert job.counts["created"] == 2 and job.counts["bad"] == 0


def test_a_file_that_is_not_a_table_is_refused_with_a_message(organizer_client, cohort):
    response = organizer_client.post(
        f"/cohorts/{cohort.pk}/import/",
        {"file": SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" + bytes(64))},
    )
    assert response.status_code == 400
    assert "CSV" in response.content.decode()
    assert not Job.objects.exists()


def test_missing_columns_are_named(organizer_client, cohort):
    content = csv_bytes([["1", "2"]], header=["NIP", "Nama"])
    response = organizer_client.post(
        f"/cohorts/{cohort.pk}/import/", {"file": SimpleUploadedFile("p.csv", content)}
    )
    assert response.status_code == 400
    assert "NIK" in response.content.decode()


def test_sending_the_same_file_while_it_imports_gives_the_same_job(organizer, cohort):
    content = csv_bytes([person_row(1)])
    first, created = imports.start_import(organizer, cohort, SimpleUploadedFile("a.csv", content))
    again, created_again = imports.start_import(
        organizer, cohort, SimpleUploadedFile("a.csv", content)
    )
    assert created and not created_again and again.pk == first.pk
    assert Job.objects.count() == 1


def test_an_import_taken_up_after_a_crash_goes_on_where_it_stopped(
    organizer, cohort, agency, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports, "CHUNK", 2)
    content = csv_bytes([person_row(n, agency.code) for n in range(1, 8)])
    real_commit = imports._commit
    calls = []

    def crash_on_third(run, chunk):
        calls.append(len(chunk))
        if len(calls) == 3:
            raise SystemExit("worker killed")
        real_commit(run, chunk)

    monkeypatch.setattr(imports, "_commit", crash_on_third)
    job, _ = imports.start_import(organizer, cohort, SimpleUploadedFile("a.csv", content))
    with pytest.raises(SystemExit):
        jobs.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.done) == ("running", 4)
    monkeypatch.setattr(imports, "_commit", real_commit)
    jobs.run(job.pk)  # the lease is still held: nothing happens
    assert Job.objects.get(pk=job.pk).done == 4
    Job.objects.filter(pk=job.pk).update(heartbeat_at=job.heartbeat_at - jobs.LEASE * 2)
    jobs.resume_stalled()
    job.refresh_from_db()
    assert (job.status, job.done, job.counts["created"]) == ("done", 7, 7)
    assert Person.objects.filter(name__startswith="Peserta Impor").count() == 7


def test_the_import_page_shows_progress_and_the_problems(importing, agency, organizer_client):
    job = importing(csv_bytes([person_row(1, agency.code), person_row(2, "Entah")]))
    page = organizer_client.get(f"/cohorts/jobs/{job.pk}/").content.decode()
    assert 'data-status="done"' in page and "100%" in page
    assert "Entah" in page
    fragment = organizer_client.get(f"/cohorts/jobs/{job.pk}/", HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content


def test_only_the_importer_downloads_the_error_file_and_it_is_logged(
    importing, agency, organizer, organizer_client
):
    from latih.accounts.models import PersonalDataAccess

    admin = make_person(agency, role="agency_admin")
    job = importing(csv_bytes([person_row(2, "Entah")]), actor=admin)
    url = f"/cohorts/jobs/{job.pk}/problems.csv"
    # Another organizer (even the platform admin) never gets the file's NIKs.
    assert organizer_client.get(url).status_code == 404
    assert signed_in(make_person(role="platform_admin")).get(url).status_code == 404
    page = organizer_client.get(f"/cohorts/jobs/{job.pk}/").content.decode()
    assert url not in page
    response = signed_in(admin).get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    logged = PersonalDataAccess.objects.get(viewer=admin)
    assert (logged.person, logged.purpose) == (None, "import_errors")
    assert logged.subject == f"import job #{job.pk}"
