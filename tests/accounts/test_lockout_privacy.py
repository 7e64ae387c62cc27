"""Failed sign-ins are recorded for the lock, without the secrets that were typed."""

from axes.models import AccessAttempt, AccessFailureLog
from django.urls import reverse

from tests.factories import make_person


def test_failed_first_sign_in_does_not_store_the_nik_typed(client, agency):
    newcomer = make_person(agency, password=None)
    typed = newcomer.nik[:-4] + "9999"
    client.post(reverse("accounts:first_sign_in"), {"nip": newcomer.nip, "nik": typed})
    client.post(reverse("accounts:sign_in"), {"nip": newcomer.nip, "password": "rahasia-salah"})
    stored = " ".join(
        [a.post_data + a.get_data for a in AccessAttempt.objects.all()]
        + [str(vars(f)) for f in AccessFailureLog.objects.all()]
    )
    assert AccessAttempt.objects.exists()
    assert typed not in stored
    assert "rahasia-salah" not in stored
