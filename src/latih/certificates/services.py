"""Issuing, rendering and revoking certificates, and the hours ledger that goes with them.

``run_issuance`` is the job that finalizing a cohort queues (``queue_issuance`` listens to
the cohorts app's ``ResultsFinalized``). It reconciles the cohort's
certificates with its final results, in chunks, so that running it again (a retry, a
second finalizing after reopening) changes only what changed:
- a passed participant without a valid certificate gets one, numbered from the course's
  counter (unless an organizer revoked theirs by hand);
- a certificate whose printed facts changed is rendered again, same number;
- a certificate whose holder no longer passes is revoked, with the reason;
- the hours ledger gets an entry per passed participant, voided for the others.
A certificate states the training period that truly ran (``training_period``): a cohort
finalized before its end (with a reason) ends on the day of finalizing.
PDFs are rendered outside any transaction: a long render never holds the database.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from latih.accounts import permissions
from latih.accounts.models import Person
from latih.accounts.permissions import Action
from latih.cohorts import jobs
from latih.cohorts import numbers as rules
from latih.cohorts.events import ResultsFinalized
from latih.cohorts.models import FinalResult, Job
from latih.common import clock, events
from latih.learning import services as learning_services
from latih.learning.models import Cohort, Course

from . import addresses, pdf
from .events import CertificatesIssued
from .models import Certificate, NumberCounter

ISSUE_CHUNK = 500
RENDER_CHUNK = 50
# Facts printed on the certificate, copied from the result, person, course and cohort.
SNAPSHOT = (
    "name",
    "nip",
    "agency",
    "course_title",
    "hours",
    "starts_on",
    "ends_on",
    "final_score",
    "predicate",
    "issuer",
    "place",
    "signatory_name",
    "signatory_title",
    "signatory_nip",
)


def verify_url(certificate: Certificate) -> str:
    """The public address the QR code holds."""
    return addresses.site_url() + reverse("certificates:verify_token", args=[certificate.token])


def training_period(cohort: Cohort) -> tuple[dt.date | None, dt.date | None]:
    """The training period a certificate states: from the cohort's start to its end, or
    to the day its grades were made final when that came first (finalizing early needs a
    reason, ``cohorts.results.finalize_refusal``), so that no certificate claims a period
    that had not ended. A cohort without an end date ends on the day of finalizing."""
    if cohort.finalized_at is None:
        return cohort.starts_on, cohort.ends_on
    final_day = clock.local_date(cohort.finalized_at)
    ends = final_day if cohort.ends_on is None else min(cohort.ends_on, final_day)
    if cohort.starts_on is not None:
        ends = max(ends, cohort.starts_on)
    return cohort.starts_on, ends


def _snapshot(result: FinalResult, cohort: Cohort, course: Course) -> dict[str, object]:
    person = result.person
    starts_on, ends_on = training_period(cohort)
    return {
        "name": person.name,
        "nip": person.nip,
        "agency": person.agency.name if person.agency else "",
        "course_title": course.title,
        "hours": course.hours,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "final_score": result.final_score,
        "predicate": result.predicate,
        "issuer": course.certificate_issuer,
        "place": course.certificate_place,
        "signatory_name": course.signatory_name,
        "signatory_title": course.signatory_title,
        "signatory_nip": course.signatory_nip,
    }


def _allocate(course: Course, year: int, count: int) -> int:
    """Reserve ``count`` sequence numbers; returns the first. Inside a transaction."""
    key = year if rules.counts_per_year(course.certificate_number_format) else 0
    try:
        with transaction.atomic():
            NumberCounter.objects.get_or_create(course=course, year=key)
    except IntegrityError:  # created by another worker at the same moment
        pass
    counter = NumberCounter.objects.select_for_update().get(course=course, year=key)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return first


def _issue_chunk(cohort: Cohort, course: Course, results: list[FinalResult]) -> int:
    """Certificates for these passed results (none of which has a valid one yet)."""
    now = clock.now()
    first = _allocate(course, now.year, len(results))
    certificates = []
    for offset, result in enumerate(results):
        agency = result.person.agency
        number = rules.number(
            course.certificate_number_format,
            first + offset,
            {"year": now.year, "agency": agency.code if agency else "LATIH", "course": course.slug},
            settings.CERTIFICATE_KEY,
        )
        certificates.append(
            Certificate(
                result=result,
                cohort=cohort,
                course=course,
                person_id=result.person_id,
                number=number,
                token=secrets.token_urlsafe(16),
                issued_at=now,
                **_snapshot(result, cohort, course),
            )
        )
    Certificate.objects.bulk_create(certificates, batch_size=ISSUE_CHUNK)
    events.announce(CertificatesIssued(cohort, tuple(certificates)))
    return len(certificates)


def render(certificate: Certificate) -> None:
    """Render the certificate's PDF and store it (replacing an older rendering)."""
    data = pdf.CertificateData(
        number=certificate.number,
        name=certificate.name,
        nip=certificate.nip,
        agency=certificate.agency,
        course=certificate.course_title,
        hours=certificate.hours,
        starts_on=certificate.starts_on,
        ends_on=certificate.ends_on,
        predicate=certificate.predicate,
        final_score=certificate.final_score,
        issuer=certificate.issuer,
        place=certificate.place,
        issued_on=clock.local_date(certificate.issued_at),
        signatory_name=certificate.signatory_name,
        signatory_title=certificate.signatory_title,
        signatory_nip=certificate.signatory_nip,
        verify_url=verify_url(certificate),
    )
    content = pdf.render(data)
    old = certificate.pdf.name if certificate.pdf else ""
    name = f"{certificate.pk}-{secrets.token_hex(4)}.pdf"
    certificate.pdf.save(name, ContentFile(content), save=False)
    certificate.rendered_at = clock.now()
    Certificate.objects.filter(pk=certificate.pk).update(
        pdf=certificate.pdf.name, rendered_at=certificate.rendered_at
    )
    if old:
        certificate.pdf.storage.delete(old)


def queue_issuance(event: ResultsFinalized) -> None:
    """A cohort's grades are final: queue its certificates (listened to in the finalizing
    transaction, so the job commits with the grades)."""
    jobs.queue(event.cohort, Job.Kind.CERTIFICATES, event.actor)


def run_issuance(job: Job) -> None:
    """The issuance job of a finalized cohort (see the module's docstring)."""
    cohort = Cohort.objects.select_related("course").get(pk=job.cohort_id)
    if cohort.finalized_at is None:
        raise jobs.JobError(_("The grades of this cohort are not final."))
    course = cohort.course
    results = FinalResult.objects.filter(cohort=cohort).select_related("person__agency")
    valid = Certificate.objects.filter(cohort=cohort, revoked_at__isnull=True)
    now = clock.now()
    # Holders who no longer pass.
    failing = valid.filter(result__passed=False)
    revoked_people = list(failing.values_list("person_id", flat=True))
    failing.update(
        revoked_at=now,
        revoke_reason=_("The final result changed after the grades were reopened."),
    )
    # Facts that changed since a certificate was issued: new snapshot, rendered again.
    for certificate in (
        valid.filter(result__passed=True)
        .select_related("result__person__agency")
        .iterator(ISSUE_CHUNK)
    ):
        snapshot = _snapshot(certificate.result, cohort, course)
        if any(getattr(certificate, key) != value for key, value in snapshot.items()):
            Certificate.objects.filter(pk=certificate.pk).update(rendered_at=None, **snapshot)
    # Passed, without a valid certificate, and not revoked by an organizer. The people to
    # skip are read once and the results walked by person, so each chunk costs the same.
    blocked = set(valid.values_list("person_id", flat=True)) | set(
        Certificate.objects.filter(cohort=cohort, revoked_by__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    issued, last = 0, 0
    while True:
        batch = list(
            results.filter(passed=True, person_id__gt=last).order_by("person_id")[:ISSUE_CHUNK]
        )
        if not batch:
            break
        last = batch[-1].person_id
        chunk = [result for result in batch if result.person_id not in blocked]
        if chunk:
            with transaction.atomic():
                issued += _issue_chunk(cohort, course, chunk)
    # The hours ledger follows the valid certificates, in the year the training ended: the
    # day the certificate states as its end (never a planned end still to come). Whoever
    # has none (failed, or revoked by an organizer) has no hours from this cohort.
    day = training_period(cohort)[1] or clock.local_date(cohort.finalized_at)
    passed_ids = list(valid.values_list("person_id", flat=True))
    failed_ids = list(
        results.exclude(person_id__in=valid.values("person_id")).values_list("person_id", flat=True)
    )
    with transaction.atomic():
        for start in range(0, len(passed_ids), 5000):
            learning_services.record_hours(
                course, cohort, dict.fromkeys(passed_ids[start : start + 5000], day)
            )
        for start in range(0, len(failed_ids), 5000):
            learning_services.record_hours(
                course,
                cohort,
                {},
                void=failed_ids[start : start + 5000],
                reason=_("The final result changed after the grades were reopened."),
            )
    # Render what is new or changed, chunk by chunk, outside transactions.
    to_render = valid.filter(rendered_at__isnull=True)
    with transaction.atomic():
        jobs.advance(job, total=to_render.count())
    rendered = 0
    while True:
        chunk = list(to_render.order_by("pk")[:RENDER_CHUNK])
        if not chunk:
            break
        for certificate in chunk:
            render(certificate)
        rendered += len(chunk)
        with transaction.atomic():
            jobs.advance(job, done=len(chunk))
    Job.objects.filter(pk=job.pk).update(
        counts={"issued": issued, "rendered": rendered, "revoked": len(revoked_people)}
    )


@transaction.atomic
def revoke(actor: Person, certificate: Certificate, reason: str) -> Certificate:
    """Revoke a certificate with a reason (organizers). Verification then says so, its
    hours leave the ledger, and finalizing again will not issue another one."""
    permissions.require(actor, Action.REVOKE_CERTIFICATES)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for revoking the certificate."))
    now = clock.now()
    changed = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=actor, revoke_reason=reason
    )
    if changed:
        learning_services.record_hours(
            certificate.course,
            certificate.cohort,
            {},
            void=[certificate.person_id],
            reason=_("Certificate %(number)s revoked: %(reason)s")
            % {"number": certificate.number, "reason": reason},
        )
    certificate.refresh_from_db()
    return certificate


def ensure_rendered(certificate: Certificate) -> Certificate:
    """A certificate about to be downloaded whose PDF the job has not made yet."""
    if not certificate.pdf or certificate.rendered_at is None:
        render(certificate)
    return certificate
