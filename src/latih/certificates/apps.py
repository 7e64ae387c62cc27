from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "latih.certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from . import addresses  # noqa: F401  (registers the SITE_URL check)
