"""The public verification page shows a revoked certificate's date, never the reason, and
counts against an address only the lookups that found nothing."""

import pytest
from django.test import Client

from latih.certificates import services

REASON = "Ijazah yang dilampirkan ternyata palsu"
OFFICE = "10.20.30.40"


@pytest.fixture
def revoked(certificate, organizer):
    services.revoke(organizer, certificate, REASON)
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    return certificate


@pytest.mark.parametrize("by", ["number", "token"])
def test_a_revoked_certificate_shows_its_date_and_never_its_reason(client, revoked, by):
    if by == "number":
        response = client.get("/verify/", {"number": revoked.number})
    else:
        response = client.get(f"/v/{revoked.token}/")
    page = response.content.decode()
    assert response.status_code == 200 and 'data-valid="no"' in page
    assert "Dicabut pada" in page
    assert REASON not in page and "Ijazah" not in page
    assert "Alasan" not in page


def test_an_office_checks_forty_valid_certificates_without_being_stopped(certificate, settings):
    settings.VERIFY_LOOKUP_LIMIT = 30
    office = Client(REMOTE_ADDR=OFFICE)
    typed = [certificate.number, certificate.number.lower(), f" {certificate.number} "]
    statuses = {office.get("/verify/", {"number": typed[n % 3]}).status_code for n in range(40)}
    assert statuses == {200}
    # Its misses are counted from zero: a typo now and then is no problem.
    assert office.get("/verify/", {"number": "00001/XXXX/NONE/2026"}).status_code == 404


def test_the_thirty_first_unknown_number_is_refused(certificate, settings):
    settings.VERIFY_LOOKUP_LIMIT = 30
    guesser = Client(REMOTE_ADDR="10.66.66.66")
    statuses = [
        guesser.get("/verify/", {"number": f"{n:05}/ABCD/NONE/2026"}).status_code for n in range(31)
    ]
    assert statuses == [404] * 30 + [429]
    # Once refused, a right guess is refused too: it must not tell which guesses were right.
    refused = guesser.get("/verify/", {"number": certificate.number})
    assert refused.status_code == 429 and certificate.name not in refused.content.decode()
    # Missed QR links count and are refused alike; a real QR link still opens.
    assert guesser.get("/v/" + "B" * 22 + "/").status_code == 429
    assert guesser.get(f"/v/{certificate.token}/").status_code == 200
    # Another address is not affected.
    assert (
        Client(REMOTE_ADDR=OFFICE).get("/verify/", {"number": certificate.number}).status_code
        == 200
    )


def test_missed_qr_links_count_against_the_limit(certificate, settings):
    settings.VERIFY_LOOKUP_LIMIT = 3
    guesser = Client(REMOTE_ADDR="10.77.77.77")
    statuses = [guesser.get(f"/v/{'C' * 21}{n}/").status_code for n in range(4)]
    assert statuses == [404, 404, 404, 429]
