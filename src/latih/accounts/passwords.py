"""Password rules of our own, next to Django's validators."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import rules


class NotIdentityNumberValidator:
    """Refuse a password that is the person's own NIP or NIK, which others may know."""

    def validate(self, password: str, user: object = None) -> None:
        digits = rules.normalize_number(password)
        if user is not None and digits in {getattr(user, "nip", None), getattr(user, "nik", None)}:
            raise ValidationError(
                _("Your password must not be your NIP or NIK."), code="password_is_identity"
            )

    def get_help_text(self) -> str:
        return _("Your password must not be your NIP or NIK.")
