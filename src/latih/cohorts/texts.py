"""What a final result says about a condition of passing that was not met, in the reader's
language (the codes are ``rules.Unmet``, stored on ``FinalResult.unmet``). As
``exams/texts.py`` does for a closed test: a code becomes text here and nowhere else."""

from django.utils.translation import gettext_lazy as _

from .rules import Unmet

UNMET_TEXTS = {
    Unmet.NOT_COMPLETE: _("course not complete"),
    Unmet.TROPHIES: _("not enough trophies"),
    Unmet.JOURNALS: _("journals not accepted"),
    Unmet.EVALUATION: _("evaluation not passed"),
    Unmet.ATTENDANCE: _("classroom attendance incomplete"),
}


def unmet_text(code: str) -> str:
    """ "not enough trophies" for ``trophies``; a code this version does not know, as it is."""
    text = UNMET_TEXTS.get(code)
    return str(text) if text is not None else code
