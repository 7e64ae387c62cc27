"""Public verification of a certificate, revocation, and the holder's download."""

import pytest

from latih.accounts.models import PersonalDataAccess
from latih.certificates.models import Certificate
from latih.learning.models import HoursEntry
from tests.factories import make_person, signed_in


def test_the_qr_link_shows_the_certificate_valid_without_signing_in(client, certificate):
    response = client.get(f"/v/{certificate.token}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-valid="yes"' in page
    assert "Siti Rahayu" in page and certificate.number in page
    assert certificate.course_title in page and certificate.predicate in page
    assert certificate.nip not in page  # no more personal data than the name
    assert certificate.person.nik not in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_number_typed_in_shows_the_same(client, certificate):
    typed = " " + certificate.number.lower().replace("/", " / ") + " "
    response = client.get("/verify/", {"number": typed})
    assert 'data-valid="yes"' in response.content.decode()


def test_an_unknown_number_or_link_is_not_found(client, certificate):
    response = client.get("/verify/", {"number": "00001/XXXX/NONE/2026"})
    assert response.status_code == 404 and 'data-valid="unknown"' in response.content.decode()
    assert client.get("/v/" + "A" * 22 + "/").status_code == 404


def test_links_are_unguessable(certificate):
    assert len(certificate.token) >= 22


def test_numbers_cannot_be_walked_through(client, certificate, settings):
    settings.VERIFY_LOOKUP_LIMIT = 5
    for n in range(5):
        assert client.get("/verify/", {"number": f"{n:05}/X/2026"}).status_code == 404
    refused = client.get("/verify/", {"number": certificate.number})
    assert refused.status_code == 429 and refused["Retry-After"]
    # The QR link itself is never refused: it cannot be guessed.
    assert client.get(f"/v/{certificate.token}/").status_code == 200


def test_a_revoked_certificate_says_so(client, certificate, organizer):
    admin = signed_in(organizer)
    response = admin.post(f"/certificates/{certificate.pk}/revoke/", {"reason": ""})
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    admin.post(f"/certificates/{certificate.pk}/revoke/", {"reason": "Data palsu"})
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None and certificate.revoked_by == organizer
    page = client.get(f"/v/{certificate.token}/").content.decode()
    assert 'data-valid="no"' in page and "Data palsu" not in page
    assert HoursEntry.objects.get(person=certificate.person).voided_at is not None
    # Revoking twice changes nothing.
    admin.post(f"/certificates/{certificate.pk}/revoke/", {"reason": "Lagi"})
    certificate.refresh_from_db()
    assert certificate.revoke_reason == "Data palsu"
    assert response.status_code == 302


def test_only_organizers_revoke(certificate, holder):
    response = signed_in(holder).post(f"/certificates/{certificate.pk}/revoke/", {"reason": "x"})
    assert response.status_code == 404
    assert Certificate.objects.get().revoked_at is None


def test_the_holder_downloads_the_pdf_from_the_profile(certificate, holder):
    client = signed_in(holder)
    profile = client.get("/profile/").content.decode()
    assert f"/certificates/{certificate.pk}/download/" in profile
    response = client.get(f"/certificates/{certificate.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_no_download_button_before_a_certificate(holder):
    profile = signed_in(holder).get("/profile/").content.decode()
    assert "/certificates/" not in profile


@pytest.mark.parametrize("role", ["participant", "facilitator"])
def test_others_cannot_download(certificate, agency, role):
    other = make_person(agency, role=role)
    response = signed_in(other).get(f"/certificates/{certificate.pk}/download/")
    assert response.status_code == 404


def test_the_agency_admin_downloads_and_the_access_is_logged(certificate, agency):
    admin = make_person(agency, role="agency_admin")
    response = signed_in(admin).get(f"/certificates/{certificate.pk}/download/")
    assert response.status_code == 200
    assert PersonalDataAccess.objects.filter(viewer=admin, purpose="certificate").exists()


def test_a_missing_pdf_is_rendered_on_download(certificate, holder):
    Certificate.objects.filter(pk=certificate.pk).update(pdf="", rendered_at=None)
    response = signed_in(holder).get(f"/certificates/{certificate.pk}/download/")
    assert response.status_code == 200
    assert Certificate.objects.get().rendered_at is not None
