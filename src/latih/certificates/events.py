"""What the certificates app announces (``latih.common.events``)."""

from dataclasses import dataclass

from latih.learning.models import Cohort

from .models import Certificate


@dataclass(frozen=True)
class CertificatesIssued:
    """Certificates were numbered for a cohort's passed results (one event per chunk of
    issuance; their PDFs are drawn afterwards)."""

    cohort: Cohort
    certificates: tuple[Certificate, ...]
