"""Numbers in addresses are bounded: a 400-digit id is a 404 for everyone, never a 500."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import make_person, signed_in


def _routes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route

    return list(walk(get_resolver().url_patterns))


def test_no_address_takes_an_unbounded_number():
    assert not [route for route in _routes() if "<int:" in route]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["participant", "platform_admin"])
def test_a_huge_number_in_any_address_is_a_404(role):
    client = signed_in(make_person(role=role))
    client.raise_request_exception = False
    huge = "1" + "0" * 399
    crashed = []
    for route in _routes():
        if "<id:" not in route or route.startswith("admin/"):
            continue
        path = "/" + route
        while "<" in path:
            start, end = path.index("<"), path.index(">")
            name = path[start + 1 : end]
            value = huge if name.startswith("id:") else "x"
            path = path[:start] + value + path[end + 1 :]
        for method in (client.get, client.post):
            status = method(path).status_code
            if status >= 500:
                crashed.append((path[:60], status))
    assert not crashed


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "٣", "9" * 5000, "-1", "1e3", ""])
def test_ids_in_query_strings_are_read_strictly(value):
    from latih.learning.models import Course
    from tests.factories import make_course

    course = make_course()
    client = signed_in(make_person(role="organizer"))
    assert client.get("/cohorts/new/", {"course": value}).status_code == 404
    assert client.get(
        f"/studio/{course.pk}/bank/questions/new/", {"category": value}
    ).status_code in (
        200,
        302,
    )
    assert Course.objects.count() == 1


@pytest.mark.parametrize(
    "header",
    ["bytes=" + "9" * 5000 + "-", "bytes=-" + "9" * 5000, "bytes=0-" + "9" * 5000, "bytes=²-"],
)
def test_a_range_header_with_a_huge_number_is_no_range(header):
    from latih.learning.files import parse_range

    assert parse_range(header, 1000) is None
