"""Refusals of the learning page's in-page actions carry a message the page can show."""

import json

from django.urls import reverse

from latih.learning.models import MaterialProgress


def _url(name, material):
    return reverse(name, args=[material.section.course.slug, material.pk])


def test_a_report_for_a_material_never_opened_is_refused_with_a_message(student_client, materials):
    video = materials[1]
    response = student_client.post(
        _url("learning:viewing", video),
        json.dumps({"intervals": [[0, 5]]}),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["message"].startswith("Materi ini belum terbuka")
    assert not MaterialProgress.objects.filter(material=video).exists()


def test_a_refused_finished_watching_answers_with_its_message_in_an_alert(
    student_client, materials
):
    text, video = materials[0], materials[1]
    student_client.get(_url("learning:material", text))
    student_client.post(_url("learning:complete", text), headers={"HX-Request": "true"})
    student_client.get(_url("learning:material", video))
    response = student_client.post(_url("learning:complete", video), headers={"HX-Request": "true"})
    assert response.status_code == 409
    body = response.content.decode()
    assert 'role="alert"' in body
    assert "Video belum ditonton sampai selesai" in body
