import csv
import io

import pytest

from latih.learning.models import Cohort
from tests.factories import make_bank, make_course, make_person, make_test, signed_in

HEADER = [
    "NIP",
    "NIK",
    "Nama",
    "Tempat Lahir",
    "Email",
    "Nomor HP",
    "Instansi",
    "Unit Kerja",
    "Jabatan",
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def course(db):
    course = make_course(trophies_total=4, trophies_required=3, trophies_for_evaluation=3, hours=24)
    course.certificate_issuer = "Lembaga Administrasi Negara"
    course.certificate_place = "Jakarta"
    course.signatory_name = "Dr. Ratna Sari"
    course.signatory_title = "Kepala Pusat Pelatihan"
    course.save()
    return course


@pytest.fixture
def evaluation(course):
    make_bank(course, questions=5)
    return make_test(course, "post", question_count=5)


@pytest.fixture
def cohort(course, agency):
    cohort = Cohort.objects.create(course=course, name="Angkatan I")
    cohort.agencies.add(agency)
    return cohort


@pytest.fixture
def organizer(db):
    return make_person(role="organizer", name="Penyelenggara")


@pytest.fixture
def organizer_client(organizer):
    return signed_in(organizer)


def csv_bytes(rows, header=HEADER, delimiter=";", bom=True, newline="\r\n") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")
