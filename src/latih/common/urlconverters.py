"""Path converters. ``<id:pk>`` is Django's ``<id:pk>`` bounded to what a database key
can hold: at most 18 digits (under 2**63), so an address with a 400-digit number is a
404, never an OverflowError in a query."""

from django.urls import register_converter

ID_DIGITS = 18


class IdConverter:
    regex = f"[0-9]{{1,{ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


def register() -> None:
    register_converter(IdConverter, "id")


def parse_id(text: str) -> int | None:
    """An id given in a query string (``?course=12``), or None for anything else: other
    characters, digits of other scripts, more digits than a key can hold."""
    if len(text) <= ID_DIGITS and text.isascii() and text.isdigit():
        return int(text)
    return None
