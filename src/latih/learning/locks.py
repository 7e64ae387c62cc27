"""What a locked section or material says to the participant: why, and what opens it."""

from django.utils.translation import gettext as _

from . import rules


def lock_text(lock: rules.Lock | None) -> str:
    """ "Selesaikan Agenda 1 terlebih dahulu", in the reader's language."""
    if lock is None:
        return ""
    if lock.reason == rules.AFTER_SECTION:
        return _("Finish %(title)s first.") % {"title": lock.opener}
    if lock.reason == rules.AFTER_MATERIAL:
        return _("Finish “%(title)s” first.") % {"title": lock.opener}
    return _("Agree to the course rules first.")
