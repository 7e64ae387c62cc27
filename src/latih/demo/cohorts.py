"""The demo cohort's dates, agency and the course's completion policy, so that the demo
course can be finalized and certified from ``make run``. A sample participant list to
import lies in ``docs/demo/peserta-contoh.csv``."""

import datetime as dt

from django.db import transaction

from latih.agencies.models import Agency
from latih.common import clock
from latih.learning.models import Cohort, Course

ISSUER = "Pusat Pelatihan Latih (Demo)"
SIGNATORY = ("Dr. Ratna Kusumawati, M.Si.", "Kepala Pusat Pelatihan", "197805122005012003")


@transaction.atomic
def load(course: Course, cohort_name: str, agency: Agency) -> Cohort:
    if not course.certificate_issuer:
        course.certificate_issuer = ISSUER
        course.certificate_place = "Jakarta"
        course.signatory_name, course.signatory_title, course.signatory_nip = SIGNATORY
        course.save(
            update_fields=[
                "certificate_issuer",
                "certificate_place",
                "signatory_name",
                "signatory_title",
                "signatory_nip",
            ]
        )
    cohort = Cohort.objects.get(course=course, name=cohort_name)
    if cohort.starts_on is None:
        # Running now, long enough for the evaluation (day 15) and a few weeks more.
        cohort.starts_on = clock.today() - dt.timedelta(days=20)
        cohort.ends_on = clock.today() + dt.timedelta(days=40)
        cohort.save(update_fields=["starts_on", "ends_on"])
    cohort.agencies.add(agency)
    return cohort
