"""The application's one error base class: an outcome a user can cause and act on.

Every service raises a subclass of ``AppError`` for a refusal the user should read (a
closed evaluation, an answer after the deadline, a video not yet watched, a permission
missing). Each carries a stable ``code`` (for tests, logs and the coming API) and a
translated ``message``. Views may catch one to show it in their own place; any that
reaches the top is rendered the same way by ``AppErrorMiddleware``: a JSON body for
scripts, an in-place fragment for htmx, or the site's error page, with the error's HTTP
status. Nothing here imports an app.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class AppError(Exception):
    """A refusal with a ``code`` and a translated ``message``; ``status`` is its HTTP
    status when it reaches a response."""

    code: str = "refused"
    status: int = 400
    default_message: str | Promise = _("This cannot be done.")

    def __init__(self, message: str | Promise | None = None, *, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        self._message = message
        super().__init__(str(message) if message is not None else self.code)

    @property
    def message(self) -> str:
        """The text for the user, in the language of the request being answered."""
        return str(self._message if self._message is not None else self.default_message)

    def as_dict(self) -> dict[str, str]:
        return {"error": self.code, "message": self.message}


class NotAllowed(AppError, PermissionDenied):
    """The person's role or scope does not allow this (still a PermissionDenied, so
    Django and older handlers treat it as a 403)."""

    code = "not_allowed"
    status = 403
    default_message = _("You do not have access to this page or action.")


class Conflict(AppError):
    """The thing has moved on (already submitted, already reviewed, time is up)."""

    code = "conflict"
    status = 409


def wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept or request.content_type == "application/json"


def render_error(request: HttpRequest, error: AppError) -> HttpResponse:
    """One rendering of an error for every kind of client."""
    if wants_json(request):
        return JsonResponse(error.as_dict(), status=error.status)
    context = {"error": error, "message": error.message, "code": error.code}
    if request.headers.get("HX-Request") == "true":
        return render(request, "errors/_inline.html", context, status=error.status)
    return render(request, "errors/app_error.html", context, status=error.status)


class AppErrorMiddleware:
    """Renders an ``AppError`` no view caught."""

    def __init__(self, get_response: object) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, AppError):
            return render_error(request, exception)
        return None
