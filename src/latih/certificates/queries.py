"""Reads of certificates that pages share, each in one query."""

from __future__ import annotations

from django.db.models import QuerySet

from latih.accounts.models import Person
from latih.cohorts import numbers as rules
from latih.learning.models import Cohort

from .models import Certificate


def valid_of(person: Person) -> list[Certificate]:
    """The person's valid certificates, newest first (the profile's downloads)."""
    return list(
        Certificate.objects.filter(person=person, revoked_at__isnull=True).order_by(
            "-issued_at", "-pk"
        )
    )


def by_token(token: str) -> Certificate | None:
    """The certificate a QR link names, valid or revoked."""
    if not token or len(token) > 32:
        return None
    return Certificate.objects.filter(token=token).first()


def by_number(number: str) -> Certificate | None:
    """The certificate with this number as typed (spaces and case forgiven)."""
    wanted = rules.normalize_number(number)
    if not wanted or len(wanted) > rules.MAX_LENGTH:
        return None
    return Certificate.objects.filter(number=wanted).first()


def of_cohort(cohort: Cohort, search: str = "") -> QuerySet[Certificate]:
    """The cohort's certificates by holder's name; paginate it."""
    found = Certificate.objects.filter(cohort=cohort).select_related("revoked_by")
    if search:
        found = (
            found.filter(nip=search) if search.isdigit() else found.filter(name__icontains=search)
        )
    return found.order_by("name", "pk")
