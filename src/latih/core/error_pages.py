"""The site's own error pages: 400, 403, 404, the CSRF refusal and 500, in the person's
language and the site's look, each with a way home (``urls.py`` names the handlers,
``settings.CSRF_FAILURE_VIEW`` the CSRF one). 429 pages are rendered by the views that
limit (``templates/429.html``); refusals a service raises are ``latih.common.errors.AppError``.

Scripts get the same JSON body as ``latih.common.errors.render_error`` gives, htmx requests its
in-place fragment. The 500 page is rendered without the request's context processors,
without the database and without failing on a missing static file: it must show when
anything else is broken.
"""

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from latih.common.errors import wants_json

log = logging.getLogger(__name__)


def _page(
    request: HttpRequest, status: int, code: str, template: str, heading: str, message: str
) -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"error": code, "message": message}, status=status)
    context = {"code": code, "heading": heading, "message": message, "status": status}
    if request.headers.get("HX-Request") == "true":
        return render(request, "errors/_inline.html", context, status=status)
    return render(request, template, context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = _("The request could not be understood. Go back, reload the page and try again.")
    return _page(request, 400, "bad_request", "400.html", _("Bad request"), message)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = _("You do not have access to this page or action.")
    return _page(request, 403, "not_allowed", "403.html", _("Access denied"), message)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = _(
        "The page you are looking for does not exist or has been moved. Check the address, "
        "or start again from the home page."
    )
    return _page(request, 404, "not_found", "404.html", _("Page not found"), message)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused by the CSRF check: usually one left open too long (the session
    ended) or sent after signing in elsewhere."""
    message = _(
        "This form was open too long or was sent from another page, so it was not accepted "
        "for your safety. Go back, reload the page and send it again."
    )
    return _page(request, 403, "csrf", "errors/csrf.html", _("The form has expired"), message)


def _safe(resolve: object, *args: str) -> str:
    try:
        return resolve(*args)  # type: ignore[operator]
    except Exception:  # a broken manifest or URLconf must not hide the error page
        log.exception("error page: %s%s unavailable", getattr(resolve, "__name__", ""), args)
        return ""


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, from a plain context: no context processor, no query."""
    context = {
        "LANGUAGE_CODE": get_language() or "id",
        "stylesheet": _safe(static, "latih/latih.css"),
        "icon": _safe(static, "latih/favicon.svg"),
        "home": _safe(reverse, "core:dashboard") or "/",
    }
    if wants_json(request):
        message = _(
            "An error occurred on our side and has been recorded. Try again in a few minutes."
        )
        return JsonResponse({"error": "server_error", "message": message}, status=500)
    return HttpResponse(loader.get_template("500.html").render(context), status=500)
