"""One application error class, rendered the same way for every kind of client."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import translation

from latih.common.errors import AppError, Conflict, NotAllowed, render_error
from latih.exams.services import Late, NotOpen
from latih.learning.services import NotWatched
from tests.factories import make_person, signed_in


def test_errors_carry_a_code_a_status_and_a_translated_message():
    with translation.override("id"):
        indonesian = NotAllowed().message
    with translation.override("en"):
        english = NotAllowed().message
    assert english == "You do not have access to this page or action."
    assert indonesian != english
    assert NotAllowed().status == 403 and isinstance(NotAllowed(), PermissionDenied)
    assert Late().code == "late" and isinstance(Late(), Conflict) and Late().status == 409
    assert NotWatched().code == "not_watched"
    assert NotOpen([]).status == 403
    assert AppError("Pesan khusus", code="khusus").as_dict() == {
        "error": "khusus",
        "message": "Pesan khusus",
    }


@pytest.mark.parametrize(
    ("headers", "kind"),
    [({"Accept": "application/json"}, "json"), ({"HX-Request": "true"}, "htmx"), ({}, "page")],
)
def test_render_error_answers_each_client_in_its_form(db, headers, kind):
    request = RequestFactory().get("/", headers=headers)
    request.user = make_person()
    response = render_error(request, Late())
    assert response.status_code == 409
    body = response.content.decode()
    if kind == "json":
        assert response["Content-Type"] == "application/json"
        assert '"error": "late"' in body
    elif kind == "htmx":
        assert body.startswith('<p class="msg msg--error" role="alert" data-error="late">')
    else:
        assert "<html" in body and 'data-error="late"' in body


@pytest.mark.django_db
def test_an_uncaught_refusal_is_rendered_by_the_middleware():
    client = signed_in(make_person())
    page = client.get("/studio/")
    assert page.status_code == 403
    assert 'data-error="not_allowed:studio.author"' in page.content.decode()
    fragment = client.get("/studio/", headers={"HX-Request": "true"})
    assert fragment.status_code == 403 and "<html" not in fragment.content.decode()
    api = client.get("/studio/", headers={"Accept": "application/json"})
    assert api.status_code == 403 and api.json()["error"] == "not_allowed:studio.author"
