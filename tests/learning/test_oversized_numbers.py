"""Numbers no player would send, in a viewing report: a 400-digit interval bound, a float
beyond what a double holds, NaN, infinity, a JSON nested too deep. Each is answered 400
with a message and changes nothing; none reaches a 500."""

import json

import pytest
from django.urls import reverse

from latih.learning import services
from latih.learning.models import MaterialProgress

HUGE = "9" * 400
BAD_BODIES = [
    f'{{"intervals": [[0, {HUGE}]]}}',
    f'{{"intervals": [[-{HUGE}, 5]]}}',
    f'{{"intervals": [[{HUGE}, {HUGE}]]}}',
    '{"intervals": [[0, 1e400]]}',
    '{"intervals": [[-1e400, 5]]}',
    '{"intervals": [[NaN, 5]]}',
    '{"intervals": [[0, Infinity]]}',
    '{"intervals": [[0, -Infinity]]}',
    '{"intervals": [[5, -1]]}',
    '{"intervals": [[0, "' + HUGE + '"]]}',
    '{"intervals": [[0, "' + "9" * 5000 + '"]]}',
    '{"intervals": [[0, ' + "9" * 5000 + "]]}",
    '{"intervals": [[true, 5]]}',
    '{"intervals": ' + "[" * 100_000 + "]" * 100_000 + "}",
]


@pytest.fixture
def video(materials, student, student_client):
    text, video = materials[0], materials[1]
    services.open_material(student, text)
    services.complete_material(student, text)
    student_client.get(reverse("learning:material", args=[video.section.course.slug, video.pk]))
    return video


@pytest.mark.parametrize("body", BAD_BODIES, ids=range(len(BAD_BODIES)))
def test_an_oversized_or_odd_number_in_a_report_is_refused(student_client, video, body):
    url = reverse("learning:viewing", args=[video.section.course.slug, video.pk])
    response = student_client.post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["message"]
    row = MaterialProgress.objects.get(material=video)
    assert (row.watched, row.watched_seconds, row.tokens) == ([], 0, 0)
    assert row.tokens_at == row.opened_at  # the viewing clock is left alone


def test_a_material_number_of_400_digits_is_not_found(student_client, video):
    slug = video.section.course.slug
    for name in ("learning:viewing", "learning:complete"):
        url = reverse(name, args=[slug, 1]).replace("/1/", f"/{HUGE}/")
        response = student_client.post(
            url, json.dumps({"intervals": [[0, 1]]}), content_type="application/json"
        )
        assert response.status_code == 404, name
