"""The demo course: the curriculum of the spec, 50 trophies, real media, and Siti midway."""

import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from latih.accounts.models import Person
from latih.demo import content as demo_content
from latih.learning import queries, uploads
from latih.learning.models import Course, Journal, Material, MaterialProgress, TrophyAward

SITI = "199507222024212002"
BUDI = "199203152024211001"


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return Course.objects.get(slug="latsar-pppk")


def test_the_curriculum_of_the_spec(demo):
    titles = list(demo.sections.order_by("position").values_list("title", flat=True))
    assert titles[0] == "Materi Kebijakan"
    assert [title.split(" — ")[0] for title in titles[1:]] == [
        "Agenda 1",
        "Agenda 2",
        "Agenda 3",
        "Agenda 4",
    ]
    materials = " ".join(Material.objects.values_list("title", flat=True))
    for module in (
        "Wawasan Kebangsaan", "Isu Kontemporer", "Kesiapsiagaan Bela Negara",
        "Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif",
        "Kolaboratif", "Smart ASN", "Manajemen ASN",
    ):  # fmt: skip
        assert module.lower() in materials.lower(), module
    assert list(demo.sections.filter(journal_required=True).values_list("position", flat=True)) == [
        2,
        3,
        4,
        5,
    ]


def test_fifty_trophies_and_every_kind_of_material(demo):
    assert sum(Material.objects.values_list("trophies", flat=True)) == demo.trophies_total == 50
    kinds = set(Material.objects.values_list("kind", flat=True))
    assert kinds == {"video", "pdf", "slides", "audio", "text", "link"}


def test_every_file_is_what_it_claims(demo):
    for material in Material.objects.exclude(file=""):
        with material.file.open("rb") as handle:
            data = handle.read()
        found = uploads.detect(SimpleUploadedFile(material.file_name, data))
        expected = {"video": {"webm"}, "audio": {"ogg"}, "pdf": {"pdf"}, "slides": {"pptx"}}
        assert found in expected[material.kind], material.title
    for material in Material.objects.filter(kind="slides"):
        with material.pdf_file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"
        with material.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
            assert "ppt/presentation.xml" in archive.namelist()


def test_audio_lengths_match_the_files(demo):
    for material in Material.objects.filter(kind="audio"):
        with material.file.open("rb") as handle:
            length = uploads.media_duration(SimpleUploadedFile("a.ogg", handle.read()))
        assert length == pytest.approx(material.duration, abs=0.1), material.title


def test_siti_is_midway(demo):
    siti = Person.objects.get(nip=SITI)
    progress = queries.course_progress(siti, demo)
    done = [view.done for view in progress.sections]
    assert done == [True, True, False, False, False]
    assert progress.sections[2].lock is None and progress.sections[3].lock is not None
    assert Journal.objects.get(person=siti).status == "accepted"
    assert progress.next_material.material.kind == "video"
    assert progress.next_material.material.section.title.startswith("Agenda 2")
    earned = sum(m.trophies for s in demo_content.SECTIONS[:2] for m in s.materials)
    assert progress.trophies.earned == earned < demo.trophies_for_evaluation


def test_budi_has_not_started(demo):
    budi = Person.objects.get(nip=BUDI)
    progress = queries.course_progress(budi, demo)
    assert not progress.consented and progress.enrollment.welcome_seen_at is None
    assert progress.trophies.earned == 0


def test_loading_again_keeps_progress_and_reset_restores_it(demo):
    siti = Person.objects.get(nip=SITI)
    extra = Material.objects.filter(section__position=3).order_by("position").first()
    MaterialProgress.objects.create(person=siti, material=extra)
    counts = (Course.objects.count(), Material.objects.count(), MaterialProgress.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Course.objects.count(), Material.objects.count()) == counts[:2]
    assert MaterialProgress.objects.count() == counts[2]
    call_command("load_demo", "--reset", verbosity=0)
    assert not MaterialProgress.objects.filter(person=siti, material=extra).exists()
    assert TrophyAward.objects.filter(person=siti).count() == 13
