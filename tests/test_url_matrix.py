"""Every URL × every kind of visitor: who gets in, who is refused.

The URL list comes from the URL configuration itself, so a new URL without an entry in
``EXPECTED`` fails ``test_every_url_has_an_entry``. Each URL is asked by nine visitors:
anonymous; the participant who owns the objects in the URL and another participant; the
facilitator of that participant's cohort and one of another cohort; the agency admin of
that participant's agency and one of another agency; an organizer; the platform admin.

A visitor is *refused* when the answer is 403 or 404 (or, signed out, a redirect to the
sign-in page); *let in* otherwise (a page, a redirect elsewhere, a form error, a
conflict). A 500 fails whoever asked. A URL that only takes POST is asked by POST with an
empty form. Each request runs in a savepoint rolled back afterwards, so what one visitor
changes (a reset, a revocation) never changes the next visitor's answer.
"""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from latih.accounts.models import CorrectionRequest
from latih.certificates.models import Certificate
from latih.cohorts import jobs
from latih.cohorts.models import Job
from latih.common import clock
from latih.exams import services as exams_services
from latih.learning.models import Cohort, Enrollment, Journal
from tests.factories import (
    enrol,
    finish_course,
    graded_attempt,
    make_agency,
    make_bank,
    make_course,
    make_person,
    make_test,
)

ANON, P, P2, F, F2, A, A2, ORG, X = (
    "anonymous",
    "participant",
    "other_participant",
    "facilitator",
    "other_facilitator",
    "agency_admin",
    "other_agency_admin",
    "organizer",
    "platform_admin",
)
VISITORS = (ANON, P, P2, F, F2, A, A2, ORG, X)

# Who is let in, by kind of URL.
EVERYONE = frozenset(VISITORS)
SIGNED_IN = EVERYONE - {ANON}
OWNER = frozenset({P})
# Course pages: the participants enrolled in the course (both are, in two cohorts); each
# acts on their own progress. Staff who are not enrolled are refused.
ENROLLED = frozenset({P, P2})
REVIEWERS = frozenset({F, F2, ORG, X})
REVIEWER_OF = frozenset({F, ORG, X})  # the participant's own facilitator, organizers
PEOPLE_ADMINS = frozenset({A, A2, X})  # here every admin has an agency
PEOPLE_ADMIN_OF = frozenset({A, X})  # of the participant's agency, or the platform admin
AGENCY_ADMINS = frozenset({A, A2})
AGENCY_ADMIN_OF = frozenset({A})
ORGANIZERS = frozenset({ORG, X})
COHORT_VIEWERS = frozenset({A, A2, ORG, X})
COHORT_VIEWER_OF = frozenset({A, ORG, X})
IMPORTER_OF = frozenset({A})  # the agency admin who ran the import
CERTIFICATE_READERS = frozenset({P, A, ORG, X})
NOBODY_SIGNED_IN = frozenset({ANON})

EXPECTED: dict[str, frozenset[str]] = {
    "core:dashboard": SIGNED_IN,
    "core:health": EVERYONE,
    "set_language": EVERYONE,
    "accounts:sign_in": EVERYONE,
    "accounts:first_sign_in": EVERYONE,
    "accounts:logout": EVERYONE,
    "accounts:set_password": SIGNED_IN,
    "accounts:profile": SIGNED_IN,
    "accounts:change_password": SIGNED_IN,
    "accounts:request_correction": SIGNED_IN,
    "accounts:people": PEOPLE_ADMINS,
    "accounts:person_enrol": AGENCY_ADMINS,
    "accounts:person_detail": PEOPLE_ADMIN_OF,
    "accounts:person_reset_password": PEOPLE_ADMIN_OF,
    "accounts:person_edit": PEOPLE_ADMIN_OF,
    "accounts:person_unlock": PEOPLE_ADMIN_OF,
    "accounts:hours": PEOPLE_ADMINS,
    "accounts:corrections": PEOPLE_ADMINS,
    "accounts:correction_accept": PEOPLE_ADMIN_OF,
    "accounts:correction_reject": PEOPLE_ADMIN_OF,
    "learning:course": ENROLLED,
    "learning:consent": ENROLLED,
    "learning:welcome": ENROLLED,
    "learning:welcome_video": ENROLLED,
    "learning:material": ENROLLED,
    "learning:material_file": ENROLLED,
    "learning:material_pdf": ENROLLED,
    "learning:viewing": ENROLLED,
    "learning:complete": ENROLLED,
    "learning:journal": ENROLLED,
    "learning:journal_file": ENROLLED,
    "learning:review_queue": REVIEWERS,
    "learning:review_journal": REVIEWER_OF,
    "learning:review_journal_file": REVIEWER_OF,
    "exams:test": ENROLLED,
    "exams:start": ENROLLED,
    "exams:attempt": OWNER,
    "exams:answer": OWNER,
    "exams:save_all": OWNER,
    "exams:finish": OWNER,
    "exams:result": OWNER,
    "cohorts:list": COHORT_VIEWERS,
    "cohorts:new": ORGANIZERS,
    "cohorts:detail": COHORT_VIEWER_OF,
    "cohorts:edit": ORGANIZERS,
    "cohorts:upload": COHORT_VIEWER_OF,
    "cohorts:results": ORGANIZERS,
    "cohorts:compute": ORGANIZERS,
    "cohorts:finalize": ORGANIZERS,
    "cohorts:reopen": ORGANIZERS,
    "cohorts:certificates": ORGANIZERS,
    "cohorts:job": IMPORTER_OF | ORGANIZERS,
    "cohorts:job_problems": IMPORTER_OF,
    "cohorts:template_xlsx": COHORT_VIEWERS,
    "cohorts:template_csv": COHORT_VIEWERS,
    "cohorts:policy": ORGANIZERS,
    "certificates:verify": EVERYONE,
    "certificates:verify_token": EVERYONE,
    "certificates:download": CERTIFICATE_READERS,
    "certificates:revoke": ORGANIZERS,
    **{
        name: ORGANIZERS
        for name in (
            "studio:courses",
            "studio:course_new",
            "studio:course",
            "studio:course_edit",
            "studio:publish",
            "studio:enrol",
            "studio:order",
            "studio:section_new",
            "studio:section_edit",
            "studio:section_remove",
            "studio:section_move",
            "studio:material_new",
            "studio:material_edit",
            "studio:material_remove",
            "studio:material_move",
            "studio:preview",
            "studio:preview_material",
            "studio:preview_material_file",
            "studio:preview_material_pdf",
            "studio:preview_journal",
            "exams_studio:bank",
            "exams_studio:category_new",
            "exams_studio:category_edit",
            "exams_studio:question_new",
            "exams_studio:question_edit",
            "exams_studio:question_remove",
            "exams_studio:import",
            "exams_studio:template",
            "exams_studio:export",
            "exams_studio:test",
            "exams_studio:results",
            "exams_studio:results_csv",
            "exams_studio:person",
            "exams_studio:stats",
            "exams_studio:regrade",
            "exams_studio:preview_test",
        )
    },
}


def _url_names() -> list[str]:
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue  # Django's admin: its own permission system, tested apart
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return sorted(set(walk(get_resolver().url_patterns)))


def test_every_url_has_an_entry():
    names = _url_names()
    assert not sorted(set(names) - set(EXPECTED)), "URLs without an entry in EXPECTED"
    assert not sorted(set(EXPECTED) - set(names)), "entries for URLs that no longer exist"


@pytest.fixture
def world(db, settings, tmp_path, django_capture_on_commit_callbacks):
    """Two agencies, two cohorts of one course, the visitors, and the owner's objects."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    own, other = make_agency(), make_agency()
    people = {
        P: make_person(own, name="Pemilik"),
        P2: make_person(other),
        F: make_person(own, role="facilitator"),
        F2: make_person(other, role="facilitator"),
        A: make_person(own, role="agency_admin"),
        A2: make_person(other, role="agency_admin"),
        ORG: make_person(None, role="organizer"),
        X: make_person(None, role="platform_admin"),
    }
    course = make_course(
        (
            ("Materi Kebijakan", ("text", "video", "pdf"), True),
            ("Agenda 1", ("text",), True),
        ),
        trophies_total=3,
        trophies_required=3,
        trophies_for_evaluation=3,
        hours=24,
    )
    course.welcome_video.save("sambutan.webm", ContentFile(b"\x1a\x45\xdf\xa3sambutan"))
    today = clock.today()
    mine = Cohort.objects.create(
        course=course, name="Angkatan I", starts_on=today - dt.timedelta(days=40), ends_on=today
    )
    mine.agencies.add(own)
    mine.facilitators.add(people[F])
    theirs = Cohort.objects.create(course=course, name="Angkatan II")
    theirs.agencies.add(other)
    theirs.facilitators.add(people[F2])
    for person, cohort in ((people[P], mine), (people[P2], theirs)):
        enrol(person, course)
        Enrollment.objects.filter(person=person).update(cohort=cohort)
        finish_course(person, course, journals="accepted")
    make_bank(course, questions=6)
    test = make_test(course, "post", question_count=5)
    attempt = graded_attempt(people[P], test, 90)
    # An open attempt (the second), with its questions, for the attempt pages: started
    # before the grades are final, which closes the evaluation to new attempts.
    attempt = exams_services.start_attempt(people[P], test)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.queue(mine, Job.Kind.FINALIZE, people[ORG], reason="Angkatan berakhir hari ini.")
    finalize = Job.objects.get(cohort=mine, kind=Job.Kind.FINALIZE)
    assert finalize.status == "done", finalize.error
    certificate = Certificate.objects.get(person=people[P])
    section = course.sections.order_by("position").first()
    materials = list(section.materials.order_by("position"))
    # A journal waiting for review (after the certificate, which needed it accepted).
    journal = Journal.objects.filter(person=people[P]).first()
    journal.status = "submitted"
    journal.file.save("jurnal.pdf", ContentFile(b"%PDF-1.4 jurnal"), save=False)
    journal.file_type, journal.file_name = "application/pdf", "jurnal.pdf"
    journal.save()
    for person in (people[P2],):  # the other participant's journal has a file of its own
        theirs_journal = Journal.objects.get(person=person, section=journal.section)
        theirs_journal.file.save("jurnal.pdf", ContentFile(b"%PDF-1.4 lain"), save=False)
        theirs_journal.file_type = "application/pdf"
        theirs_journal.save()
    slides = materials[2]
    slides.kind = "slides"
    slides.pdf_file.save("slides.pdf", ContentFile(b"%PDF-1.4 slides"), save=False)
    slides.save()
    correction = CorrectionRequest.objects.create(person=people[P], changes={"name": "Baru"})
    job = Job.objects.create(
        cohort=mine, kind=Job.Kind.IMPORT, created_by=people[A], status=Job.Status.DONE
    )
    question = test.course.question_categories.first().questions.first()
    kwargs = {
        "slug": {"slug": course.slug},
        "material": {"slug": course.slug, "pk": materials[1].pk},
        "pdf": {"slug": course.slug, "pk": materials[2].pk},
        "section": {"slug": course.slug, "pk": section.pk},
        "test": {"slug": course.slug, "kind": "post"},
        "course": {"pk": course.pk},
        "course_pk": {"course_pk": course.pk},
        "bank_category": {"pk": course.pk, "category_pk": question.category_id},
        "bank_question": {"pk": course.pk, "question_pk": question.pk},
        "studio_section": {"pk": section.pk},
        "studio_section_new_material": {"section_pk": section.pk},
        "studio_material": {"pk": materials[0].pk},
        "preview_material": {"pk": course.pk, "material_pk": materials[1].pk},
        "preview_pdf": {"pk": course.pk, "material_pk": materials[2].pk},
        "preview_journal": {"pk": course.pk, "section_pk": section.pk},
        "studio_test": {"pk": course.pk, "kind": "post"},
        "studio_person": {"pk": course.pk, "kind": "post", "person_pk": people[P].pk},
        "studio_regrade": {"pk": course.pk, "kind": "post", "question_pk": question.pk},
        "export": {"pk": course.pk, "fmt": "gift"},
        "person": {"pk": people[P].pk},
        "correction": {"pk": correction.pk},
        "journal": {"pk": journal.pk},
        "attempt": {"pk": attempt.pk},
        "cohort": {"pk": mine.pk},
        "job": {"pk": job.pk},
        "certificate": {"pk": certificate.pk},
        "token": {"token": certificate.token},
        "query": {"cohorts:new": f"?course={course.pk}", "studio:material_new": "?kind=text"},
    }
    return people, kwargs


# Endpoints that read their body before looking anything up (they are called every few
# seconds): asked with a well-formed body, so the answer is about access, not parsing.
BODIES = {
    "exams:answer": ({"position": "1", "seq": "1", "option": "1"}, None),
    "learning:viewing": ('{"intervals": [[0, 5]]}', "application/json"),
}
# Answers that mean "refused" for one URL: a viewing report for a material the visitor
# never opened (nobody but an enrolled participant can have opened it).
ALSO_REFUSED = {"learning:viewing": {409}}
# Where a redirect to the sign-in page is the success itself.
SIGNS_OUT = {"accounts:logout"}

# URL name → which kwargs it takes (names without an entry take none).
ARGUMENTS = {
    "accounts:person_detail": "person",
    "accounts:person_reset_password": "person",
    "accounts:person_edit": "person",
    "accounts:person_unlock": "person",
    "accounts:correction_accept": "correction",
    "accounts:correction_reject": "correction",
    "learning:course": "slug",
    "learning:consent": "slug",
    "learning:welcome": "slug",
    "learning:welcome_video": "slug",
    "learning:material": "material",
    "learning:material_file": "material",
    "learning:material_pdf": "pdf",
    "learning:viewing": "material",
    "learning:complete": "material",
    "learning:journal": "section",
    "learning:journal_file": "section",
    "learning:review_journal": "journal",
    "learning:review_journal_file": "journal",
    "exams:test": "test",
    "exams:start": "test",
    "exams:attempt": "attempt",
    "exams:answer": "attempt",
    "exams:save_all": "attempt",
    "exams:finish": "attempt",
    "exams:result": "attempt",
    "cohorts:detail": "cohort",
    "cohorts:edit": "cohort",
    "cohorts:upload": "cohort",
    "cohorts:results": "cohort",
    "cohorts:compute": "cohort",
    "cohorts:finalize": "cohort",
    "cohorts:reopen": "cohort",
    "cohorts:certificates": "cohort",
    "cohorts:job": "job",
    "cohorts:job_problems": "job",
    "cohorts:policy": "course_pk",
    "certificates:verify_token": "token",
    "certificates:download": "certificate",
    "certificates:revoke": "certificate",
    "studio:course": "course",
    "studio:course_edit": "course",
    "studio:publish": "course",
    "studio:enrol": "course",
    "studio:order": "course",
    "studio:section_new": "course_pk",
    "studio:section_edit": "studio_section",
    "studio:section_remove": "studio_section",
    "studio:section_move": "studio_section",
    "studio:material_new": "studio_section_new_material",
    "studio:material_edit": "studio_material",
    "studio:material_remove": "studio_material",
    "studio:material_move": "studio_material",
    "studio:preview": "course",
    "studio:preview_material": "preview_material",
    "studio:preview_material_file": "preview_material",
    "studio:preview_material_pdf": "preview_pdf",
    "studio:preview_journal": "preview_journal",
    "exams_studio:bank": "course",
    "exams_studio:category_new": "course",
    "exams_studio:category_edit": "bank_category",
    "exams_studio:question_new": "course",
    "exams_studio:question_edit": "bank_question",
    "exams_studio:question_remove": "bank_question",
    "exams_studio:import": "course",
    "exams_studio:template": "course",
    "exams_studio:export": "export",
    "exams_studio:test": "studio_test",
    "exams_studio:results": "studio_test",
    "exams_studio:results_csv": "studio_test",
    "exams_studio:person": "studio_person",
    "exams_studio:stats": "studio_test",
    "exams_studio:regrade": "studio_regrade",
    "exams_studio:preview_test": "studio_test",
}


def _answer(client: Client, url: str, name: str) -> int:
    """The status of a GET, or of a POST (empty, or the body in ``BODIES``) where the URL
    takes only POST; a redirect to the sign-in page counts as refused (401)."""
    response = client.get(url)
    if response.status_code == 405:
        body, content_type = BODIES.get(name, ({}, None))
        if content_type:
            response = client.post(url, body, content_type=content_type)
        else:
            response = client.post(url, body)
    signs_out = name in SIGNS_OUT
    to_sign_in = response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:sign_in")
    )
    if to_sign_in and not signs_out:
        return 401
    return response.status_code


def _wrong_cells(people: dict, kwargs: dict, name: str) -> list[str]:
    """The visitors ``name`` lets in or refuses against ``EXPECTED``, and any crash."""
    url = reverse(name, kwargs=kwargs[ARGUMENTS[name]] if name in ARGUMENTS else None)
    url += kwargs["query"].get(name, "")
    observed = {}
    for visitor in VISITORS:
        client = Client(raise_request_exception=False)
        if visitor != ANON:
            client.force_login(people[visitor])
        with transaction.atomic():
            observed[visitor] = _answer(client, url, name)
            transaction.set_rollback(True)
    crashed = {visitor: status for visitor, status in observed.items() if status >= 500}
    if crashed:
        return [f"{url} crashed for {crashed}"]
    refused = {401, 403, 404} | ALSO_REFUSED.get(name, set())
    let_in = {visitor for visitor, status in observed.items() if status not in refused}
    expected = EXPECTED[name]
    if let_in == expected:
        return []
    return [
        f"{name} ({url}): let in {sorted(let_in - expected)} wrongly, "
        f"refused {sorted(expected - let_in)} wrongly; answers {observed}"
    ]


def test_who_gets_in(world):
    """Every URL against every visitor, on one world: each request is rolled back, so the
    world is the same for every cell (and built once, not once per URL)."""
    people, kwargs = world
    wrong = [cell for name in sorted(EXPECTED) for cell in _wrong_cells(people, kwargs, name)]
    assert not wrong, "\n".join(wrong)
