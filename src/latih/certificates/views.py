"""Certificate pages: public verification (by number or QR link), the holder's download,
a cohort's certificates and revocation by an organizer."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from latih.accounts import permissions
from latih.accounts import services as accounts_services
from latih.accounts.permissions import Action
from latih.accounts.throttle import COUNTERS, count_in_window
from latih.cohorts import forms as cohort_forms
from latih.cohorts import jobs
from latih.cohorts import queries as cohort_queries
from latih.cohorts.models import Job
from latih.common.netaddr import client_address
from latih.learning.files import serve

from . import queries, services
from .models import Certificate

PER_PAGE = 50  # as every list of a cohort
_LOOKUPS = "latih:verify:"
# What the public page may show of a certificate; the revocation's reason, the NIP and the
# scores stay with the organizers.
PUBLIC_FACTS = (
    "number",
    "name",
    "course_title",
    "hours",
    "issued_at",
    "predicate",
    "issuer",
    "revoked_at",
)


def _lookup_key(request: HttpRequest) -> str:
    return _LOOKUPS + (client_address(request) or "unknown")


def _blocked(request: HttpRequest) -> bool:
    """True while the address has used up its misses in the window."""
    misses = caches[COUNTERS].get(_lookup_key(request), 0)
    return misses >= settings.VERIFY_LOOKUP_LIMIT


def _count_miss(request: HttpRequest) -> bool:
    """Count a lookup that found nothing; True if it was one too many."""
    misses = count_in_window(_lookup_key(request), settings.VERIFY_LOOKUP_WINDOW)
    return misses > settings.VERIFY_LOOKUP_LIMIT


def _public(certificate: Certificate | None) -> dict[str, object] | None:
    if certificate is None:
        return None
    facts: dict[str, object] = {name: getattr(certificate, name) for name in PUBLIC_FACTS}
    facts["is_valid"] = certificate.is_valid
    return facts


def _verdict(request: HttpRequest, certificate: Certificate | None, searched: str) -> HttpResponse:
    response = render(
        request,
        "certificates/verify.html",
        {"certificate": _public(certificate), "searched": searched},
        status=200 if certificate is not None or not searched else 404,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    """The public form: a certificate number in, valid / revoked / unknown out.

    Only numbers that name no certificate count against the address's limit, so that an
    office checking many real certificates is never stopped, while walking the sequence of
    numbers to collect names is. Once the limit is reached every lookup by number is
    refused, found or not: answering found ones would tell a guesser which guesses were
    right."""
    number = request.GET.get("number", "").strip()
    if not number:
        return _verdict(request, None, "")
    if _blocked(request):
        return _too_many(request)
    certificate = queries.by_number(number)
    if certificate is None and _count_miss(request):
        return _too_many(request)
    return _verdict(request, certificate, number)


@never_cache
def verify_token(request: HttpRequest, token: str) -> HttpResponse:
    """The QR code's address. A valid link is never refused (it cannot be guessed); missed
    links count as missed numbers do."""
    certificate = queries.by_token(token)
    if certificate is None and (_blocked(request) or _count_miss(request)):
        return _too_many(request)
    return _verdict(request, certificate, token if certificate is None else certificate.number)


def _too_many(request: HttpRequest) -> HttpResponse:
    minutes = max(1, settings.VERIFY_LOOKUP_WINDOW // 60)
    response = render(request, "certificates/too_many.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(settings.VERIFY_LOOKUP_WINDOW)
    return response


def _may_download(request: HttpRequest, certificate: Certificate) -> bool:
    return permissions.can(request.user, Action.DOWNLOAD_CERTIFICATE, certificate)


@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF, for its holder (while valid), organizers and the holder's agency admin."""
    certificate = get_object_or_404(Certificate.objects.select_related("person"), pk=pk)
    if not _may_download(request, certificate):
        raise Http404
    if certificate.person_id != request.user.pk:
        accounts_services.log_data_access(request.user, certificate.person, "certificate")
    services.ensure_rendered(certificate)
    name = "sertifikat-" + certificate.number.replace("/", "-") + ".pdf"
    return serve(request, certificate.pdf, "application/pdf", name, attachment=True)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(Certificate, pk=pk)
    try:
        services.revoke(request.user, certificate, request.POST.get("reason", ""))
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Certificate %(number)s is revoked.") % {"number": certificate.number}
        )
    return redirect("cohorts:certificates", certificate.cohort_id)


@login_required
def cohort_certificates(request: HttpRequest, pk: int) -> HttpResponse:
    """A cohort's certificates, for those who grade (404 for anyone else, as every grading
    page of a cohort)."""
    if not permissions.can(request.user, Action.GRADE):
        raise Http404
    cohort = get_object_or_404(cohort_queries.visible_cohorts(request.user), pk=pk)
    search = request.GET.get("q", "").strip()
    found = queries.of_cohort(
        cohort, "".join(search.split()) if search.replace(" ", "").isdigit() else search
    )
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "cohort": cohort,
        "page": page,
        "search": search,
        "pager_query": ("&" + urlencode({"q": request.GET["q"]})) if request.GET.get("q") else "",
        "running": jobs.active(cohort, Job.Kind.CERTIFICATES),
        "revoke_form": cohort_forms.ReasonForm(),
    }
    return render(request, "certificates/cohort.html", context)
