from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """Installed for its template library (``latih_format``) and its path converters."""

    name = "latih.common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from latih.common import urlconverters

        urlconverters.register()
