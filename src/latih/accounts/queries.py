"""Reads about people that pages share, each with a known number of queries."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from latih.agencies.models import Unit

from . import permissions
from .models import CorrectionRequest, Person


def people_visible_to(actor: Person) -> QuerySet[Person]:
    """The people an admin may see and manage: those ranked below them, in their agency
    (an agency admin) or anywhere (the platform admin). The same rule as
    ``permissions.can(actor, Action.VIEW_PERSON, person)``, as a query."""
    people = Person.objects.select_related("agency", "unit")
    roles = permissions.manageable_roles(actor)
    if not roles:
        return people.none()
    people = people.filter(role__in=roles)
    scope = permissions.agency_scope(actor)
    if scope is not None or permissions.is_agency_scoped(actor):
        return people.filter(agency_id=scope) if scope else people.none()
    return people


def pending_corrections_for(actor: Person) -> QuerySet[CorrectionRequest]:
    """Correction requests waiting for this admin, oldest first."""
    return (
        CorrectionRequest.objects.filter(
            status=CorrectionRequest.Status.PENDING,
            person__in=people_visible_to(actor).values("pk"),
        )
        .select_related("person", "person__unit")
        .order_by("created_at", "id")
    )


def profile_of(person_id: int) -> Person:
    """A person with what their profile page shows."""
    return Person.objects.select_related("agency", "unit").get(pk=person_id)


@dataclass(frozen=True)
class CorrectionRow:
    label: str
    current: str
    requested: str


def with_rows(corrections: list[CorrectionRequest]) -> list[CorrectionRequest]:
    """Give each request a ``rows`` list (field, recorded value, requested value) for
    display, resolving requested units in one query for the whole list."""
    corrections = list(corrections)
    unit_ids = {c.changes["unit"] for c in corrections if c.changes.get("unit")}
    units = {unit.pk: unit.name for unit in Unit.objects.filter(pk__in=unit_ids)}
    for correction in corrections:
        person = correction.person
        rows = []
        for field, value in correction.changes.items():
            label = str(Person._meta.get_field(field).verbose_name).capitalize()
            if field == "unit":
                current = person.unit.name if person.unit else ""
                requested = units.get(value, "")
            else:
                current, requested = str(getattr(person, field) or ""), str(value)
            rows.append(CorrectionRow(label, current, requested))
        correction.rows = rows
    return corrections


def people_by_nip(nips: Iterable[str]) -> dict[str, Person]:
    """The existing accounts among ``nips`` (one query; callers chunk the list)."""
    return {person.nip: person for person in Person.objects.filter(nip__in=list(nips))}


def nik_holders(niks: Iterable[str]) -> dict[str, str]:
    """NIK → NIP of the accounts holding any of ``niks`` (one query)."""
    return dict(Person.objects.filter(nik__in=list(niks)).values_list("nik", "nip"))
