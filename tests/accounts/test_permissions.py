"""The permissions module as a role × action × object matrix, written as the policy reads.

Role actions: which roles may ever do them. Object actions: each role against an object
of its own scope and one outside it. The tables here are the product's rules, not a copy
of ``permissions.ROLE_ACTIONS``: a change to one without the other fails."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from latih.accounts import permissions
from latih.accounts.permissions import Abilities, Action, can
from latih.learning.models import Cohort, Journal
from tests.factories import enrol, make_agency, make_course, make_person

P, F, A, ORG, X = "participant", "facilitator", "agency_admin", "organizer", "platform_admin"
ROLES = (P, F, A, ORG, X)

ROLE_TABLE = {
    Action.STUDY: {P},
    Action.MANAGE_PEOPLE: {A, X},
    Action.ENROL_PEOPLE: {A},
    Action.IMPORT_PEOPLE: {A, ORG, X},
    Action.AUTHOR: {ORG, X},
    Action.REVIEW_JOURNALS: {F, ORG, X},
    Action.REVIEW_ALL_JOURNALS: {ORG, X},
    Action.GRADE: {ORG, X},
    Action.VIEW_COHORTS: {A, ORG, X},
    Action.REVOKE_CERTIFICATES: {ORG, X},
    Action.ADMIN_SITE: {X},
}


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(ROLE_TABLE))
@pytest.mark.parametrize("role", ROLES)
def test_role_actions(role, action):
    person = make_person(role=role)
    assert can(person, action) is (role in ROLE_TABLE[action])


def test_every_action_is_in_a_table():
    object_actions = {
        Action.VIEW_PERSON,
        Action.EDIT_PERSON,
        Action.RESET_PERSON,
        Action.UNLOCK_PERSON,
        Action.REVIEW_CORRECTION,
        Action.REVIEW_JOURNAL,
        Action.VIEW_COHORT,
        Action.IMPORT_INTO_COHORT,
        Action.DOWNLOAD_CERTIFICATE,
    }
    assert set(Action) == set(ROLE_TABLE) | object_actions


@pytest.mark.django_db
def test_nobody_signed_out_or_inactive_can_anything():
    inactive = make_person(role=X)
    inactive.is_active = False
    for action in Action:
        assert not can(None, action)
        assert not can(AnonymousUser(), action)
        assert not can(inactive, action)


# --- Object actions ---------------------------------------------------------------------
@pytest.fixture
def world(db):
    own, other = make_agency(), make_agency()
    people = {role: make_person(own, role=role) for role in ROLES}
    people["platform_admin"] = make_person(None, role=X)
    return own, other, people


PERSON_TABLE = [
    # (actor, target role, target in actor's agency?, view/edit/unlock, reset)
    (A, P, True, True, True),
    (A, F, True, True, False),
    (A, A, True, False, False),
    (A, ORG, True, False, False),
    (A, X, True, False, False),
    (A, P, False, False, False),
    (X, P, False, True, True),
    (X, ORG, True, True, True),
    (X, X, True, False, False),
    (ORG, P, True, False, False),
    (F, P, True, False, False),
    (P, P, True, False, False),
]


@pytest.mark.parametrize(("actor", "role", "same", "manage", "reset"), PERSON_TABLE)
def test_person_actions(world, actor, role, same, manage, reset):
    own, other, people = world
    target = make_person(own if same else other, role=role)
    for action in (Action.VIEW_PERSON, Action.EDIT_PERSON, Action.UNLOCK_PERSON):
        assert can(people[actor], action, target) is manage, action
    assert can(people[actor], Action.RESET_PERSON, target) is reset


@pytest.mark.parametrize(
    ("actor", "own_cohort", "other_cohort"),
    [(P, False, False), (F, False, False), (A, True, False), (ORG, True, True), (X, True, True)],
)
def test_cohort_actions(world, actor, own_cohort, other_cohort):
    own, other, people = world
    course = make_course()
    mine = Cohort.objects.create(course=course, name="Milik")
    mine.agencies.add(own)
    theirs = Cohort.objects.create(course=course, name="Lain")
    theirs.agencies.add(other)
    for action in (Action.VIEW_COHORT, Action.IMPORT_INTO_COHORT):
        assert can(people[actor], action, mine) is own_cohort
        assert can(people[actor], action, theirs) is other_cohort


@pytest.mark.parametrize(
    ("actor", "runs_cohort", "allowed"),
    [
        (F, True, True),
        (F, False, False),
        (ORG, False, True),
        (X, False, True),
        (A, True, False),
        (P, True, False),
    ],
)
def test_journal_review(world, actor, runs_cohort, allowed):
    own, _other, people = world
    course = make_course()
    cohort = Cohort.objects.create(course=course, name="Angkatan")
    if runs_cohort:
        cohort.facilitators.add(people[actor])
    learner = make_person(own)
    enrolment = enrol(learner, course)
    enrolment.cohort = cohort
    enrolment.save()
    journal = Journal.objects.create(
        person=learner, section=course.sections.first(), status="submitted"
    )
    assert can(people[actor], Action.REVIEW_JOURNAL, journal) is allowed


def test_a_facilitator_removed_from_the_cohort_no_longer_reviews(world):
    own, _other, people = world
    course = make_course()
    cohort = Cohort.objects.create(course=course, name="Angkatan")
    cohort.facilitators.add(people[F])
    learner = make_person(own)
    enrolment = enrol(learner, course)
    enrolment.cohort = cohort
    enrolment.save()
    journal = Journal.objects.create(person=learner, section=course.sections.first())
    assert can(people[F], Action.REVIEW_JOURNAL, journal)
    cohort.facilitators.remove(people[F])
    assert not can(people[F], Action.REVIEW_JOURNAL, journal)


def test_require_raises_permission_denied(world):
    _own, _other, people = world
    with pytest.raises(PermissionDenied):
        permissions.require(people[P], Action.AUTHOR)
    permissions.require(people[ORG], Action.AUTHOR)


def test_templates_see_role_actions_by_name(world):
    _own, _other, people = world
    abilities = Abilities(people[ORG])
    assert abilities["author"] and abilities["grade"] and not abilities["manage_people"]
    assert len(abilities) == len(Action)
    with pytest.raises(KeyError):
        abilities["no_such_action"]


def test_manageable_roles_are_those_below(world):
    _own, _other, people = world
    assert permissions.manageable_roles(people[A]) == (P, F)
    assert permissions.manageable_roles(people[X]) == (P, F, A, ORG)
    assert permissions.manageable_roles(people[ORG]) == ()


def test_agency_scope_and_staff_accounts(world):
    own, _other, people = world
    assert permissions.agency_scope(people[A]) == own.pk
    assert permissions.agency_scope(people[ORG]) is None
    assert permissions.agency_scope(people[X]) is None
    assert not permissions.is_staff_account(people[P])
    assert all(permissions.is_staff_account(people[role]) for role in (F, A, ORG, X))
