"""Helpers for forms that every app's views share."""

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def attach_errors(form: BaseForm, error: ValidationError, field: str | None = None) -> None:
    """Show a service's ValidationError on the form: by field when it says which, else on
    ``field`` (or the whole form)."""
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(field if field in form.fields else None, error.messages)
