"""Times are read in the zone of the reader's agency (WIB, WITA, WIT), named where they
are shown; the installation's day (rules, certificates) does not move with the reader."""

import datetime as dt
import zoneinfo

import pytest
from django.db import IntegrityError, connection, transaction
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from latih.agencies.models import Agency
from latih.common import clock
from latih.common.zones import TimeZone, zone_abbreviation
from tests.factories import make_agency, make_person, signed_in

NOON_UTC = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("zone", "abbreviation"),
    [
        ("Asia/Jakarta", "WIB"),
        ("Asia/Makassar", "WITA"),
        ("Asia/Jayapura", "WIT"),
        ("Europe/Paris", ""),
    ],
)
def test_every_indonesian_zone_has_its_abbreviation(zone, abbreviation):
    assert zone_abbreviation(zone) == abbreviation


@pytest.mark.parametrize(
    ("zone", "shown"),
    [
        ("Asia/Jakarta", "23 November 2026, 19.00 WIB"),
        ("Asia/Makassar", "23 November 2026, 20.00 WITA"),
        ("Asia/Jayapura", "23 November 2026, 21.00 WIT"),
        ("UTC", "23 November 2026, 12.00 UTC"),
    ],
)
def test_a_time_is_shown_in_the_active_zone_with_its_name(zone, shown):
    template = Template('{% load latih_format %}{{ at|datetz:"j F Y, H.i" }}')
    with translation.override("id"), timezone.override(zoneinfo.ZoneInfo(zone)):
        assert template.render(Context({"at": NOON_UTC})) == shown


def test_a_date_or_nothing_gets_no_zone():
    template = Template('{% load latih_format %}[{{ day|datetz:"j F Y" }}|{{ none|datetz }}]')
    with translation.override("id"):
        rendered = template.render(Context({"day": dt.date(2026, 1, 2), "none": None}))
    assert rendered == "[2 Januari 2026|]"


def test_tzabbr_names_the_readers_zone():
    template = Template("{% load latih_format %}{{ at|tzabbr }}")
    with timezone.override(zoneinfo.ZoneInfo("Asia/Makassar")):
        assert template.render(Context({"at": NOON_UTC})) == "WITA"


def test_an_agency_is_in_jakarta_time_unless_told_otherwise(db):
    assert make_agency().time_zone == TimeZone.WIB == "Asia/Jakarta"


def test_the_database_refuses_a_zone_outside_indonesia(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Agency.objects.create(name="Instansi Paris", code="paris", time_zone="Europe/Paris")


def _profile(person):
    client = signed_in(person)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("accounts:profile")).content.decode()
    return page, len(queries)


def test_a_person_reads_times_in_their_agencys_zone_at_no_extra_query(db):
    from latih.accounts.models import CorrectionRequest

    jakarta = make_person(make_agency(), name="Orang Jakarta")
    papua = make_person(make_agency(), name="Orang Papua")
    Agency.objects.filter(pk=papua.agency_id).update(time_zone=TimeZone.WIT)
    for person in (jakarta, papua):
        correction = CorrectionRequest.objects.create(person=person, changes={"name": "X"})
        CorrectionRequest.objects.filter(pk=correction.pk).update(created_at=NOON_UTC)
    papua.refresh_from_db()
    jakarta_page, jakarta_queries = _profile(jakarta)
    papua_page, papua_queries = _profile(papua)
    assert "23 November 2026 19:00 WIB" in jakarta_page
    assert "23 November 2026 21:00 WIT" in papua_page
    assert papua_queries == jakarta_queries  # the agency comes with the person


def test_the_zone_is_dropped_after_the_request(db):
    papua = make_person(make_agency())
    Agency.objects.filter(pk=papua.agency_id).update(time_zone=TimeZone.WIT)
    signed_in(papua).get(reverse("accounts:profile"))
    assert timezone.get_current_timezone_name() == "Asia/Jakarta"


def test_a_visitor_reads_jakarta_time(client, db):
    client.get(reverse("accounts:sign_in"))
    assert timezone.get_current_timezone_name() == "Asia/Jakarta"


def test_the_installations_day_does_not_follow_the_readers_zone():
    # 23:30 in Jakarta is already the next day in Jayapura.
    late = dt.datetime(2026, 11, 23, 16, 30, tzinfo=dt.UTC)
    with clock.freeze(late), timezone.override(zoneinfo.ZoneInfo("Asia/Jayapura")):
        assert clock.today() == dt.date(2026, 11, 23)
