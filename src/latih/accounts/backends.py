"""Authentication backends: NIP + password, and the first login with NIP + NIK."""

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare

from . import rules
from .models import Person


class NipPasswordBackend(ModelBackend):
    """NIP and password. Spaces typed inside the NIP are ignored."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: object,
    ) -> Person | None:
        if username is None or password is None:
            return None
        return super().authenticate(
            request, username=rules.normalize_number(username), password=password
        )


class FirstLoginBackend(ModelBackend):
    """NIP and NIK, accepted only while the person has not yet chosen a password.

    The NIK stands in for a password exactly once: the middleware then requires a new
    password before any other page, and from then on this backend refuses the person.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: object,
    ) -> Person | None:
        if username is None or password is None:
            return None
        nip, nik = rules.normalize_number(username), rules.normalize_number(password)
        person = Person.objects.filter(nip=nip).first()
        if person is None or person.has_usable_password() or not person.is_active:
            return None
        if constant_time_compare(nik, person.nik):
            return person
        return None


def lockout_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The account a sign-in attempt is for, as django-axes counts failures: the NIP,
    normalised, so that "1992 0315 ..." and "19920315..." are the same account."""
    raw = (credentials or {}).get("username") or request.POST.get("nip")
    return rules.normalize_number(raw) if raw else None
