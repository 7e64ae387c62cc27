"""The sample question banks in docs/demo/ (GIFT, Moodle XML, XLSX) import cleanly through
the studio, and they are what scripts/make_sample_banks.py makes."""

import importlib.util
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from latih.exams.formats import read_bank
from latih.exams.models import Question
from tests.conftest import ROOT

DEMO = ROOT / "docs" / "demo"
SAMPLES = {
    "soal-contoh.gift": {
        "Agenda 1/Wawasan Kebangsaan": 2,
        "Agenda 1/Analisis Isu Kontemporer": 2,
        "Agenda 1/Kesiapsiagaan Bela Negara": 2,
    },
    "soal-contoh.xml": {
        "Agenda 2/Berorientasi Pelayanan": 1,
        "Agenda 2/Akuntabel": 1,
        "Agenda 2/Kompeten": 1,
        "Agenda 2/Harmonis": 1,
        "Agenda 2/Adaptif": 1,
        "Agenda 2/Kolaboratif": 1,
    },
    "soal-contoh.xlsx": {"Agenda 3/Smart ASN": 3, "Agenda 3/Manajemen ASN": 3},
}


@pytest.mark.parametrize("name", SAMPLES)
def test_each_sample_reads_without_a_problem(name):
    result = read_bank((DEMO / name).read_bytes(), name)
    assert result.problems == [] and result.unlisted == 0
    assert len(result.questions) == sum(SAMPLES[name].values())
    assert any(question.multiple for question in result.questions)


@pytest.mark.parametrize("name", SAMPLES)
def test_each_sample_imports_through_the_studio(studio, course, name):
    upload = SimpleUploadedFile(name, (DEMO / name).read_bytes())
    response = studio.post(reverse("exams_studio:import", args=[course.pk]), {"file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    imported = Question.objects.filter(category__course=course).select_related("category")
    counts = {}
    for question in imported:
        counts[question.category.name] = counts.get(question.category.name, 0) + 1
    assert counts == SAMPLES[name]
    for question in imported.prefetch_related("options"):
        credits = [option.fraction for option in question.options.all()]
        assert len(credits) >= 2
        if question.multiple:
            assert sum(credit for credit in credits if credit > 0) == pytest.approx(
                Decimal(100), abs=Decimal("0.01")
            )
        else:
            assert max(credits) == 100


def test_the_samples_are_what_the_script_makes():
    spec = importlib.util.spec_from_file_location(
        "make_sample_banks", ROOT / "scripts" / "make_sample_banks.py"
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    made = script.build()
    assert set(made) == set(SAMPLES)
    for name, content in made.items():
        assert (DEMO / name).read_bytes() == content, f"run scripts/make_sample_banks.py ({name})"


def test_the_readme_names_every_sample():
    readme = (ROOT / "README.md").read_text()
    for name in ["peserta-contoh.csv", *SAMPLES]:
        assert f"docs/demo/{name}" in readme
