"""Sign-in, first login, passwords and correction requests; and the agency admin's pages
over their own agency's people (the profile and the hours report are the portal's)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from latih.common.forms import attach_errors

from . import permissions, queries, services
from .forms import (
    ChangePasswordForm,
    CorrectionRequestForm,
    EnrolPersonForm,
    FirstSignInForm,
    NewPasswordForm,
    PersonEditForm,
    RejectCorrectionForm,
    SignInForm,
)
from .models import CorrectionRequest, Person
from .permissions import Action


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _sign_in_page(request: HttpRequest, form_class: type, template: str) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = form_class(request, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            login(request, form.person)
            services.record_sign_in(form.person)
            if form.person.must_set_password:
                return redirect("accounts:set_password")
            return redirect(_next_url(request))
        if getattr(request, "latih_address_locked", False):
            return locked_out(request)
    return render(request, template, {"form": form, "next": request.GET.get("next", "")})


def sign_in(request: HttpRequest) -> HttpResponse:
    return _sign_in_page(request, SignInForm, "accounts/sign_in.html")


def first_sign_in(request: HttpRequest) -> HttpResponse:
    return _sign_in_page(request, FirstSignInForm, "accounts/first_sign_in.html")


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: object = None
) -> HttpResponse:
    """What django-axes shows instead of a sign-in while the account or address is locked."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if getattr(request, "latih_address_locked", False):
        message = _(
            "Too many failed sign-in attempts have come from your network. Signing in from "
            "it is paused for up to %(minutes)d minutes. Try again later, or ask your admin "
            "to lift the lock."
        ) % {"minutes": minutes}
    else:
        message = _(
            "Too many failed sign-in attempts for this account. It is locked for %(minutes)d "
            "minutes. Try again later, or ask your agency admin to unlock it."
        ) % {"minutes": minutes}
    first = request.resolver_match and request.resolver_match.url_name == "first_sign_in"
    form_class = FirstSignInForm if first else SignInForm
    template = "accounts/first_sign_in.html" if first else "accounts/sign_in.html"
    form = form_class(request, initial={"nip": request.POST.get("nip", "")})
    return render(request, template, {"form": form, "locked_message": message}, status=429)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("accounts:sign_in")


@login_required
def set_password(request: HttpRequest) -> HttpResponse:
    """The new password required after signing in with the NIK."""
    if not request.user.must_set_password:
        return redirect("accounts:change_password")
    form = NewPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.set_password(request.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password is set. Use it with your NIP from now on."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/set_password.html", {"form": form})


@login_required
def change_password(request: HttpRequest) -> HttpResponse:
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.set_password(request.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password has been changed."))
        return redirect("accounts:profile")
    return render(request, "accounts/change_password.html", {"form": form})


@login_required
def request_correction(request: HttpRequest) -> HttpResponse:
    """ "Data tidak sesuai?": the participant tells their agency admin what to fix."""
    person = queries.profile_of(request.user.pk)
    form = CorrectionRequestForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("note")
        try:
            services.request_correction(person, data, note)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("Your request has been sent to your agency admin for review.")
            )
            return redirect("accounts:profile")
    return render(request, "accounts/request_correction.html", {"form": form, "person": person})


# --- Agency admin ----------------------------------------------------------------------
def _require(request: HttpRequest, action: Action) -> None:
    permissions.require(request.user, action)


def _managed_person(request: HttpRequest, pk: int, action: Action = Action.VIEW_PERSON) -> Person:
    """The person an admin asks for: 403 for those who manage nobody, 404 for anyone
    outside their scope or not below their rank (nothing tells them the account exists),
    403 when they may see the person but not do ``action``."""
    _require(request, Action.MANAGE_PEOPLE)
    person = get_object_or_404(queries.people_visible_to(request.user), pk=pk)
    permissions.require(request.user, action, person)
    return person


@login_required
def people(request: HttpRequest) -> HttpResponse:
    _require(request, Action.MANAGE_PEOPLE)
    search = request.GET.get("q", "").strip()
    found = queries.people_visible_to(request.user)
    if search:
        found = found.filter(Q(name__icontains=search) | Q(nip__startswith=search.replace(" ", "")))
    page = Paginator(found.order_by("name", "pk"), 50).get_page(request.GET.get("page"))
    template = "accounts/manage/people_rows.html" if request.htmx else "accounts/manage/people.html"
    return render(request, template, {"page": page, "search": search})


@login_required
@never_cache
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _managed_person(request, pk)
    services.log_data_access(request.user, person, "person_detail")
    context = {
        "person": person,
        "changes": person.changes.select_related("actor")[:20],
        "locked": services.is_sign_in_locked(person),
        "may_reset": permissions.can(request.user, Action.RESET_PERSON, person),
    }
    return render(request, "accounts/manage/person_detail.html", context)


@login_required
@never_cache
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _managed_person(request, pk, Action.EDIT_PERSON)
    services.log_data_access(request.user, person, "person_edit")
    form = PersonEditForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        changes = {field: form.cleaned_data[field] for field in form.changed_data}
        try:
            services.update_person(request.user, person, changes, reason="edited by admin")
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("The data of %(name)s has been saved.") % {"name": person.name}
            )
            return redirect("accounts:person_detail", pk=person.pk)
    return render(request, "accounts/manage/person_edit.html", {"form": form, "person": person})


@login_required
def person_enrol(request: HttpRequest) -> HttpResponse:
    """The agency admin adds one person to their agency."""
    _require(request, Action.ENROL_PEOPLE)
    form = EnrolPersonForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.enrol_person(request.user, form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been added and signs in the first time with NIP and NIK.")
                % {"name": person.name},
            )
            return redirect("accounts:person_detail", pk=person.pk)
    return render(request, "accounts/manage/person_enrol.html", {"form": form})


@login_required
@require_POST
def person_reset_password(request: HttpRequest, pk: int) -> HttpResponse:
    person = _managed_person(request, pk, Action.RESET_PERSON)
    services.reset_to_first_sign_in(request.user, person)
    messages.success(
        request,
        _("%(name)s now signs in with NIP and NIK and then chooses a new password.")
        % {"name": person.name},
    )
    return redirect("accounts:person_detail", pk=person.pk)


@login_required
@require_POST
def person_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    person = _managed_person(request, pk, Action.UNLOCK_PERSON)
    services.unlock_sign_in(request.user, person)
    messages.success(request, _("%(name)s can sign in again.") % {"name": person.name})
    return redirect("accounts:person_detail", pk=person.pk)


@login_required
@never_cache
def corrections(request: HttpRequest) -> HttpResponse:
    _require(request, Action.MANAGE_PEOPLE)
    pending = queries.with_rows(queries.pending_corrections_for(request.user))
    # The requests show recorded and requested values, NIKs among them.
    services.log_data_accesses(request.user, [c.person for c in pending], "corrections")
    return render(
        request,
        "accounts/manage/corrections.html",
        {"corrections": pending, "reject_form": RejectCorrectionForm()},
    )


def _decided(
    request: HttpRequest, correction: CorrectionRequest | None, error: str = ""
) -> HttpResponse:
    if request.htmx:
        correction.refresh_from_db(fields=["status", "rejection_reason"])
        if correction.status == CorrectionRequest.Status.PENDING:
            # Shown again with its recorded and requested values, NIK among them.
            correction = queries.with_rows([correction])[0]
            services.log_data_access(request.user, correction.person, "corrections")
        return render(
            request,
            "accounts/manage/correction_decided.html",
            {"correction": correction, "error": error},
            status=400 if error else 200,
        )
    if error:
        messages.error(request, error)
    return redirect("accounts:corrections")


def _correction_in_scope(request: HttpRequest, pk: int) -> CorrectionRequest:
    visible = queries.people_visible_to(request.user).values("pk")
    return get_object_or_404(CorrectionRequest, pk=pk, person__in=visible)


@login_required
@never_cache
@require_POST
def correction_accept(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, Action.MANAGE_PEOPLE)
    correction = _correction_in_scope(request, pk)
    try:
        correction = services.accept_correction(request.user, correction.pk)
    except ValidationError as error:
        return _decided(request, correction, " ".join(error.messages))
    messages.success(request, _("The correction has been applied."))
    return _decided(request, correction)


@login_required
@never_cache
@require_POST
def correction_reject(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, Action.MANAGE_PEOPLE)
    correction = _correction_in_scope(request, pk)
    form = RejectCorrectionForm(request.POST)
    if not form.is_valid():
        return _decided(request, correction, _("Give the participant a reason for the rejection."))
    try:
        correction = services.reject_correction(
            request.user, correction.pk, form.cleaned_data["reason"]
        )
    except ValidationError as error:
        return _decided(request, correction, " ".join(error.messages))
    messages.success(request, _("The request has been rejected."))
    return _decided(request, correction)
