"""Authentication backends: NIP + password, and the first login with NIP + NIK.

Every attempt costs the same: one password hash, whether the NIP exists or not, has a
password or not, and whatever was typed. Django's ModelBackend already hashes for an
unknown username; it skips hashing for an account without a usable password, which would
tell a stranger, by the time of the answer, which NIPs are waiting for their first
sign-in (and so accept a NIK).
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare

from . import rules
from .models import Person


def spend_one_hash(password: str) -> None:
    """Hash ``password`` and throw the result away: the work a real check would do."""
    make_password(password)


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
        person = Person.objects.filter(nip=rules.normalize_number(username)).first()
        if person is None or not person.has_usable_password():
            spend_one_hash(password)
            return None
        if person.check_password(password) and self.user_can_authenticate(person):
            return person
        return None


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
