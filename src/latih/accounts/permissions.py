"""Who may do what: the one place where roles become decisions.

Services, views, templates (through the ``can`` context processor) and the coming API all
ask ``can(person, action, obj)``; no other module compares role strings. Two kinds of
action:

- role actions ("reach the studio", "review journals") depend on the role alone;
- object actions ("edit this person", "import into this cohort") also look at the object.
  The object is read by its attributes only (a journal's person and section, a cohort's
  agencies and facilitators), so this module imports no app above ``accounts``.

The table is tested as a role × action × object matrix in
``tests/accounts/test_permissions.py``.
"""

from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import wraps
from types import MappingProxyType
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from latih.common.errors import NotAllowed

from . import rules
from .models import Person, Role


class Action(StrEnum):
    # Role actions.
    STUDY = "learning.study"  # the participant's dashboard of courses and tests
    MANAGE_PEOPLE = "people.manage"  # the people pages, correction requests, hours report
    ENROL_PEOPLE = "people.enrol"  # add one person to one's own agency
    IMPORT_PEOPLE = "people.import"  # create and update participants from a file
    AUTHOR = "studio.author"  # courses, question banks, tests (the studio)
    REVIEW_JOURNALS = "journals.review"  # the journal review list
    REVIEW_ALL_JOURNALS = "journals.review_all"  # every journal, not only one's cohorts'
    GRADE = "cohorts.grade"  # open cohorts, compute, finalize, reopen, certificate lists
    VIEW_COHORTS = "cohorts.view"  # the cohort list
    REVOKE_CERTIFICATES = "certificates.revoke"
    ADMIN_SITE = "admin.site"  # Django's /admin/
    # Object actions.
    VIEW_PERSON = "person.view"  # full personal data, NIK included (logged by the caller)
    EDIT_PERSON = "person.edit"
    RESET_PERSON = "person.reset"  # back to the first sign-in with NIP + NIK
    UNLOCK_PERSON = "person.unlock"
    REVIEW_CORRECTION = "correction.review"  # obj: a correction request
    REVIEW_JOURNAL = "journal.review"  # obj: a journal
    VIEW_COHORT = "cohort.view"  # obj: a cohort
    IMPORT_INTO_COHORT = "cohort.import"  # obj: a cohort
    DOWNLOAD_CERTIFICATE = "certificate.download"  # obj: a certificate


_ORGANIZERS = frozenset({Role.ORGANIZER, Role.PLATFORM_ADMIN})
ROLE_ACTIONS: Mapping[Action, frozenset[str]] = MappingProxyType(
    {
        Action.STUDY: frozenset({Role.PARTICIPANT}),
        Action.MANAGE_PEOPLE: frozenset({Role.AGENCY_ADMIN, Role.PLATFORM_ADMIN}),
        Action.ENROL_PEOPLE: frozenset({Role.AGENCY_ADMIN}),
        Action.IMPORT_PEOPLE: frozenset({Role.AGENCY_ADMIN, *_ORGANIZERS}),
        Action.AUTHOR: _ORGANIZERS,
        Action.REVIEW_JOURNALS: frozenset({Role.FACILITATOR, *_ORGANIZERS}),
        Action.REVIEW_ALL_JOURNALS: _ORGANIZERS,
        Action.GRADE: _ORGANIZERS,
        Action.VIEW_COHORTS: frozenset({Role.AGENCY_ADMIN, *_ORGANIZERS}),
        Action.REVOKE_CERTIFICATES: _ORGANIZERS,
        Action.ADMIN_SITE: frozenset({Role.PLATFORM_ADMIN}),
        Action.VIEW_PERSON: frozenset({Role.AGENCY_ADMIN, Role.PLATFORM_ADMIN}),
        Action.EDIT_PERSON: frozenset({Role.AGENCY_ADMIN, Role.PLATFORM_ADMIN}),
        Action.RESET_PERSON: frozenset({Role.AGENCY_ADMIN, Role.PLATFORM_ADMIN}),
        Action.UNLOCK_PERSON: frozenset({Role.AGENCY_ADMIN, Role.PLATFORM_ADMIN}),
        Action.REVIEW_CORRECTION: frozenset({Role.AGENCY_ADMIN, Role.PLATFORM_ADMIN}),
        Action.REVIEW_JOURNAL: frozenset({Role.FACILITATOR, *_ORGANIZERS}),
        Action.VIEW_COHORT: frozenset({Role.AGENCY_ADMIN, *_ORGANIZERS}),
        Action.IMPORT_INTO_COHORT: frozenset({Role.AGENCY_ADMIN, *_ORGANIZERS}),
        # Holders download their own; the object rule decides.
        Action.DOWNLOAD_CERTIFICATE: frozenset(Role.values),
    }
)


def _manages(actor: Person, person: Any) -> bool:
    return rules.can_manage_person(actor.role, actor.agency_id, person.role, person.agency_id)


def _resets(actor: Person, person: Any) -> bool:
    return rules.can_reset_person(actor.role, actor.agency_id, person.role, person.agency_id)


def _reviews_correction(actor: Person, correction: Any) -> bool:
    return _manages(actor, correction.person)


def _reviews_journal(actor: Person, journal: Any) -> bool:
    """Organizers review every journal; a facilitator those of the participants in the
    cohorts they run now (removed from a cohort, they no longer read its journals)."""
    if can(actor, Action.REVIEW_ALL_JOURNALS):
        return True
    return journal.person.enrollments.filter(
        course_id=journal.section.course_id, cohort__facilitators=actor
    ).exists()


def _sees_cohort(actor: Person, cohort: Any) -> bool:
    """Organizers see every cohort; an agency admin those open to their agency."""
    if actor.role in _ORGANIZERS:
        return True
    return actor.agency_id is not None and cohort.agencies.filter(pk=actor.agency_id).exists()


def _downloads_certificate(actor: Person, certificate: Any) -> bool:
    """The holder while it is valid; organizers; the agency admin who manages the holder."""
    if certificate.person_id == actor.pk:
        return certificate.revoked_at is None
    if actor.role in _ORGANIZERS:
        return True
    return actor.role == Role.AGENCY_ADMIN and _manages(actor, certificate.person)


OBJECT_RULES: Mapping[Action, Callable[[Person, Any], bool]] = MappingProxyType(
    {
        Action.VIEW_PERSON: _manages,
        Action.EDIT_PERSON: _manages,
        Action.UNLOCK_PERSON: _manages,
        Action.RESET_PERSON: _resets,
        Action.REVIEW_CORRECTION: _reviews_correction,
        Action.REVIEW_JOURNAL: _reviews_journal,
        Action.VIEW_COHORT: _sees_cohort,
        Action.IMPORT_INTO_COHORT: _sees_cohort,
        Action.DOWNLOAD_CERTIFICATE: _downloads_certificate,
    }
)


def can(person: Person | None, action: Action, obj: object = None) -> bool:
    """Whether ``person`` may do ``action`` (to ``obj``, for an object action).

    An object action asked without its object answers whether the role may ever do it.
    """
    if person is None or not person.is_authenticated or not person.is_active:
        return False
    if person.role not in ROLE_ACTIONS[action]:
        return False
    if obj is None or action not in OBJECT_RULES:
        return True
    return OBJECT_RULES[action](person, obj)


def require(person: Person | None, action: Action, obj: object = None) -> None:
    """Raise ``NotAllowed`` (a PermissionDenied) unless ``can(person, action, obj)``."""
    if not can(person, action, obj):
        raise NotAllowed(code=f"not_allowed:{action.value}")


# Roles whose reach over people, cohorts and imports is their own agency.
_AGENCY_SCOPED = frozenset({Role.AGENCY_ADMIN})


View = Callable[..., HttpResponse]


def author_required(view: View) -> View:
    """A view for organizers and platform admins (the studio); anyone else gets 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        require(request.user, Action.AUTHOR)
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def agency_scope(person: Person) -> int | None:
    """The agency ``person`` acts within (an agency admin's own), or None for the roles
    that act nationally (organizers, the platform admin)."""
    return person.agency_id if person.role in _AGENCY_SCOPED else None


def is_agency_scoped(person: Person) -> bool:
    """Whether ``person``'s role acts within one agency (even when none is set yet)."""
    return person.role in _AGENCY_SCOPED


def is_staff_account(person: Person) -> bool:
    """Whether ``person``'s account is staff (any role but participant): imports never
    touch it, and only the platform admin resets it."""
    return person.role in rules.STAFF_ROLES


def roles_that_can(action: Action) -> frozenset[str]:
    """The roles that may ever do ``action`` (for queries filtering people by role)."""
    return ROLE_ACTIONS[action]


def manageable_roles(actor: Person) -> tuple[str, ...]:
    """The roles of the people ``actor`` may manage: those ranked below theirs."""
    if not can(actor, Action.MANAGE_PEOPLE):
        return ()
    return tuple(role for role in Role.values if rules.outranks(actor.role, role))


class Abilities(Mapping[str, bool]):
    """``{% if can.author %}`` in templates: the role actions of the signed-in person,
    by the lower-case name of the action."""

    def __init__(self, person: Person | None) -> None:
        self._person = person

    def __getitem__(self, name: str) -> bool:
        try:
            action = Action[name.upper()]
        except KeyError:
            raise KeyError(name) from None
        return can(self._person, action)

    def __iter__(self):  # noqa: ANN204
        return (action.name.lower() for action in Action)

    def __len__(self) -> int:
        return len(Action)


def context_processor(request: object) -> dict[str, Abilities]:
    """Template context: ``can``, the signed-in person's abilities."""
    return {"can": Abilities(getattr(request, "user", None))}
