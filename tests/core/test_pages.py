"""Pages: query counts, weight on a slow connection, static files served by the app."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from latih.accounts.models import CorrectionRequest
from tests.factories import make_person

PAGE_BUDGET = 100 * 1024  # bytes before media, uncompressed


def _weight(client, url):
    """The page's HTML plus every stylesheet and script it loads, uncompressed."""
    html = client.get(url).content
    total = len(html)
    for asset in re.findall(rb'(?:href|src)="/static/([^"]+)"', html):
        path = finders.find(asset.decode())
        assert path, f"static file not found: {asset}"
        with open(path, "rb") as f:
            total += len(f.read())
    return total


def test_sign_in_page_is_under_100_kb(client, db):
    assert _weight(client, reverse("accounts:sign_in")) < PAGE_BUDGET


def test_dashboard_is_under_100_kb(client, participant):
    client.force_login(participant)
    assert _weight(client, reverse("core:dashboard")) < PAGE_BUDGET


def test_static_files_are_served_by_the_app(client, db):
    html = client.get(reverse("accounts:sign_in")).content.decode()
    assert "htmx" in html
    assert "//" not in re.sub(
        r"https://www\.gnu\.org[^\"]*", "", " ".join(re.findall(r'(?:href|src)="([^"]+)"', html))
    ), "no asset may come from another host"


@pytest.mark.parametrize("role", ["participant", "facilitator", "organizer"])
def test_dashboard_query_count(client, agency, role, django_assert_num_queries, session_queries):
    person = make_person(agency, role=role)
    client.force_login(person)
    # user; a participant's enrolments too (tests/learning counts the rest)
    with django_assert_num_queries(session_queries + 1 + (role == "participant")):
        assert client.get(reverse("core:dashboard")).status_code == 200


def test_admin_dashboard_query_count(
    client, agency, agency_admin, django_assert_num_queries, session_queries
):
    for _ in range(3):
        CorrectionRequest.objects.create(person=make_person(agency), changes={"name": "X"})
    client.force_login(agency_admin)
    with django_assert_num_queries(session_queries + 3):  # user, people count, pending count
        body = client.get(reverse("core:dashboard")).content.decode()
    assert ">3<" in body


def test_profile_query_count(client, participant, django_assert_num_queries, session_queries):
    CorrectionRequest.objects.create(person=participant, changes={"name": "X"})
    client.force_login(participant)
    # user, person with agency and unit, corrections, enrolments, attempts, this year's
    # hours, certificates
    with django_assert_num_queries(session_queries + 7):
        assert client.get(reverse("accounts:profile")).status_code == 200


def test_sign_in_page_query_count(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get(reverse("accounts:sign_in")).status_code == 200


def test_health_check(client, db):
    assert client.get(reverse("core:health")).json() == {"database": "ok", "cache": "ok"}


def test_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign_in"))
