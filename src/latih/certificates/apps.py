from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "latih.certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from latih.cohorts import jobs
        from latih.cohorts.events import ResultsFinalized
        from latih.cohorts.models import Job
        from latih.common import events

        from . import (
            addresses,  # noqa: F401  (registers the SITE_URL check)
            services,
        )

        jobs.register_runner(Job.Kind.CERTIFICATES, "latih.certificates.services:run_issuance")
        # In the finalizing transaction: the issuance job is queued with the final grades
        # or not at all, and a stalled one is taken up again (jobs.resume_stalled).
        events.listen(ResultsFinalized, services.queue_issuance, in_transaction=True)
