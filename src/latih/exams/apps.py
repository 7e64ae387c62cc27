from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamsConfig(AppConfig):
    name = "latih.exams"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        from latih.learning import panels as learning_panels

        from . import panels

        learning_panels.register(panels.course_tests)
        learning_panels.register_preview(panels.preview_tests)
