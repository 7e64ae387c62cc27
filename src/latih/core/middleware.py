"""The interface language: Bahasa Indonesia unless the person chose English; the time zone
of the person's agency; the security headers of every response.

Django's LocaleMiddleware would follow the browser's Accept-Language, and most phones
here are set to English; the product speaks Indonesian by default, so only the choice
made with the language buttons (the language cookie) changes it.
"""

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

_SUPPORTED = frozenset(code for code, _name in settings.LANGUAGES)


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in _SUPPORTED else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response.

    Django 5.2 has no CSP of its own. The policy (settings.CONTENT_SECURITY_POLICY) allows
    scripts, styles and workers from this site only: templates carry no inline script,
    event handler or style attribute, and htmx is told not to inject its indicator styles
    (the htmx-config meta in base.html). A response that sets its own policy keeps it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.headers = {
            "Content-Security-Policy": settings.CONTENT_SECURITY_POLICY,
            "Permissions-Policy": settings.PERMISSIONS_POLICY,
        }

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        for name, value in self.headers.items():
            if value:
                response.headers.setdefault(name, value)
        return response


class TimeZoneMiddleware:
    """Times in the reader's zone: WIB, WITA or WIT from their agency's ``time_zone``, the
    installation's zone (settings.TIME_ZONE) for visitors and people without an agency.

    Templates' ``|date`` and ``timezone.localtime`` follow the zone activated here; rules
    and services that need the installation's day read it from ``latih.common.clock`` or name
    settings.TIME_ZONE. The agency is loaded with the person (PersonManager), so this costs
    no query of its own; it runs after the authentication middleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone = _person_zone(getattr(request, "user", None))
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def _person_zone(user: object) -> zoneinfo.ZoneInfo | None:
    """The zone of a signed-in person's agency; None for the installation's own."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    agency = user.agency if getattr(user, "agency_id", None) else None
    name = getattr(agency, "time_zone", "") or ""
    if not name or name == settings.TIME_ZONE:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
