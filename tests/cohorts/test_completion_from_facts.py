"""A cohort's final result says "course complete" exactly when the course page does: it
is derived from the facts (materials completed, journals submitted, trophies), whichever
write changed them last, never from a mark stored by the participant's own actions."""

import random

import pytest

from latih.cohorts import jobs
from latih.cohorts.models import FinalResult, Job
from latih.common import clock
from latih.learning import queries, services
from latih.learning.models import (
    Enrollment,
    Journal,
    Material,
    MaterialProgress,
    Section,
    TrophyAward,
)
from tests.factories import enrol, graded_attempt, make_person


def join(person, cohort):
    enrollment = enrol(person, cohort.course)
    Enrollment.objects.filter(pk=enrollment.pk).update(cohort=cohort)
    return person


def study(person, materials):
    """Completed as the demo loader or an import would: no "Selesai" pressed, so no
    completion mark is stored on the enrolment."""
    for material in materials:
        MaterialProgress.objects.get_or_create(
            person=person, material=material, defaults={"completed_at": clock.now()}
        )
        TrophyAward.objects.get_or_create(
            person=person, material=material, course=material.section.course, trophies=1
        )


def journal(person, section, status):
    Journal.objects.update_or_create(
        person=person,
        section=section,
        defaults={
            "status": status,
            "text": "Refleksi.",
            "feedback": "Perbaiki." if status == "returned" else "",
            "submitted_at": clock.now(),
        },
    )


def compute(cohort, organizer):
    job, _ = jobs.queue(cohort, Job.Kind.RESULTS, organizer)
    jobs.run(job.pk)
    job.refresh_from_db()
    assert job.status == "done", job.error
    return {result.person_id: result for result in FinalResult.objects.filter(cohort=cohort)}


@pytest.fixture
def live(course):
    """The course's four materials (sections "Materi Kebijakan" and "Agenda 1", the
    second asking for a journal), in order."""
    return list(
        Material.objects.filter(section__course=course).order_by("section__position", "position")
    )


@pytest.fixture
def agenda(course):
    return Section.objects.get(course=course, journal_required=True)


def test_studied_without_pressing_selesai_passes_like_the_demos_rahmat(
    agency, cohort, evaluation, organizer, live, agenda
):
    rahmat = join(make_person(agency, name="Rahmat"), cohort)
    study(rahmat, live)
    journal(rahmat, agenda, "accepted")
    graded_attempt(rahmat, evaluation, "100")
    assert Enrollment.objects.get(person=rahmat).completed_at is None  # never marked
    assert queries.course_progress(rahmat, cohort.course).complete
    result = compute(cohort, organizer)[rahmat.pk]
    assert result.passed and result.unmet == []


def test_the_organizer_removing_the_last_unfinished_material_completes_the_course(
    agency, cohort, evaluation, organizer, live, agenda
):
    ani = join(make_person(agency, name="Ani"), cohort)
    study(ani, live[:-1])
    journal(ani, agenda, "accepted")
    graded_attempt(ani, evaluation, "90")
    last = live[-1]
    MaterialProgress.objects.create(person=ani, material=last)  # opened, not finished
    assert "not_complete" in compute(cohort, organizer)[ani.pk].unmet
    services.remove_material(organizer, last)  # archived: someone opened it
    assert queries.course_progress(ani, cohort.course).complete
    assert compute(cohort, organizer)[ani.pk].passed


def test_a_material_added_after_completion_makes_the_course_incomplete_again(
    agency, cohort, evaluation, organizer, live, agenda
):
    """The course page asks for the new material, so the final result does too, even for
    someone whose own "Selesai" once marked the course complete."""
    budi = join(make_person(agency, name="Budi"), cohort)
    study(budi, live)
    journal(budi, agenda, "accepted")
    graded_attempt(budi, evaluation, "90")
    Enrollment.objects.filter(person=budi).update(completed_at=clock.now())
    assert compute(cohort, organizer)[budi.pk].passed
    services.save_material(
        organizer, Material(section=agenda, title="Tambahan", kind="text", body="<p>Baru</p>")
    )
    assert not queries.course_progress(budi, cohort.course).complete
    assert compute(cohort, organizer)[budi.pk].unmet == ["not_complete"]


def test_a_journal_returned_after_completion_makes_the_course_incomplete_again(
    agency, cohort, evaluation, organizer, live, agenda
):
    citra = join(make_person(agency, name="Citra"), cohort)
    study(citra, live)
    journal(citra, agenda, "submitted")
    graded_attempt(citra, evaluation, "90")
    Enrollment.objects.filter(person=citra).update(completed_at=clock.now())
    services.review_journal(
        organizer, Journal.objects.get(person=citra), accept=False, feedback="Perbaiki."
    )
    assert not queries.course_progress(citra, cohort.course).complete
    assert compute(cohort, organizer)[citra.pk].unmet == ["not_complete", "journals"]


def test_a_facilitators_acceptance_of_the_last_journal_lets_the_participant_pass(
    agency, cohort, evaluation, organizer, live, agenda
):
    dewi = join(make_person(agency, name="Dewi"), cohort)
    study(dewi, live)
    journal(dewi, agenda, "submitted")
    graded_attempt(dewi, evaluation, "90")
    assert compute(cohort, organizer)[dewi.pk].unmet == ["journals"]
    services.review_journal(organizer, Journal.objects.get(person=dewi), accept=True, feedback="")
    assert compute(cohort, organizer)[dewi.pk].passed


def test_completion_for_many_agrees_with_the_course_page_for_each(
    agency, cohort, course, organizer, live, agenda
):
    """Random states, including an archived material and an archived section with
    progress in them: the bulk reading and the course page never disagree."""
    archived = Material.objects.create(
        section=agenda, title="Lama", kind="text", position=9, is_archived=True
    )
    old_section = Section.objects.create(
        course=course, title="Agenda lama", position=9, journal_required=True, is_archived=True
    )
    old_material = Material.objects.create(
        section=old_section, title="Lama 2", kind="text", position=1
    )
    rng = random.Random(12)
    people = []
    for n in range(40):
        person = join(make_person(agency, name=f"Peserta {n}"), cohort)
        study(person, [m for m in live + [archived, old_material] if rng.random() < 0.8])
        status = rng.choice(["", "draft", "submitted", "accepted", "returned"])
        if status:
            journal(person, agenda, status)
        if rng.random() < 0.3:
            journal(person, old_section, "accepted")
        people.append(person)
    facts = queries.completion_facts(course, [p.pk for p in people])
    page = {p.pk: queries.course_progress(p, course).complete for p in people}
    assert {pk: fact.completed for pk, fact in facts.items()} == page
    assert 3 < sum(page.values()) < 37  # both outcomes are exercised


def test_completion_for_many_costs_the_same_for_any_number_of_people(
    agency, cohort, course, live, agenda, django_assert_num_queries
):
    shape = queries.course_shape(course)
    for count in (1, 25):
        people = [join(make_person(agency), cohort) for _ in range(count)]
        for person in people:
            study(person, live)
        with django_assert_num_queries(3):
            facts = queries.completion_facts(course, [p.pk for p in people], shape)
        assert all(not fact.completed for fact in facts.values())  # no journal yet
