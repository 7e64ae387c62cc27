"""Helpers for the forms and query strings that every app's views share."""

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest


def attach_errors(form: BaseForm, error: ValidationError, field: str | None = None) -> None:
    """Show a service's ValidationError on the form: by field when it says which, else on
    ``field`` (or the whole form)."""
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(field if field in form.fields else None, error.messages)


def year_asked(request: HttpRequest, years: list[int], default: int) -> int:
    """The year in ``?year=`` when it is one of ``years``; ``default`` otherwise."""
    text = request.GET.get("year", "")
    if len(text) == 4 and text.isascii() and text.isdigit() and int(text) in years:
        return int(text)
    return default
