"""The site's URLs and error handlers, plus views that fail on purpose (tests only)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.shortcuts import render
from django.urls import path

from latih.common.errors import Conflict
from latih.urls import handler400, handler403, handler404, handler500  # noqa: F401
from latih.urls import urlpatterns as site


def boom(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("tampered")


def refused(request):
    raise Conflict("Waktu ujian sudah habis.")


def too_many(request):
    return render(request, "429.html", status=429)


urlpatterns = [
    path("test-errors/refused/", refused),
    path("test-errors/too-many/", too_many),
    path("test-errors/boom/", boom),
    path("test-errors/forbidden/", forbidden),
    path("test-errors/suspicious/", suspicious),
    *site,
]
