"""Middleware that keeps a person who signed in with their NIK on the new-password page."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# Pages reachable before a password is set; everything else redirects to the form.
_ALLOWED_NAMES = ("accounts:set_password", "accounts:logout", "set_language", "core:health")


class PasswordRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._allowed: frozenset[str] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_set_password:
            if self._allowed is None:
                self._allowed = frozenset(reverse(name) for name in _ALLOWED_NAMES)
            if request.path not in self._allowed and not request.path.startswith("/static/"):
                return redirect("accounts:set_password")
        return self.get_response(request)
