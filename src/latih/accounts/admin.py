"""Django admin for the platform admin: people, with every change audited and every view
of personal data logged."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from . import identity, rules, services
from .models import CorrectionRequest, Person, PersonalDataAccess, PersonChange

_EDITABLE = [
    "nip", "name", "nik", "birth_place", "agency", "unit", "position", "email", "phone",
    "role", "is_active",
]  # fmt: skip
# Read from the NIP, or kept by the sign-in: shown, never edited.
_DERIVED = ["birth_date", "gender", "first_signed_in_at", "password_changed_at"]


class PersonAdminForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = _EDITABLE

    def clean(self) -> dict:
        data = super().clean()
        nip = rules.normalize_number(data.get("nip") or self.instance.nip or "")
        nik = rules.normalize_number(data.get("nik") or "")
        if nik:
            try:
                identity.validate_nip_nik(nip, nik)
            except ValidationError as error:
                self.add_error("nik" if "nip" not in self.fields else None, error)
        return data


class LoggedChangeView:
    """A change page that may show a person's NIK writes the access log when opened (a
    POST with an error shows the form again, NIK and all, so every method counts)."""

    log_purpose = "django_admin"

    def shown_person(self, obj: object) -> Person | None:
        """The person whose personal data the page of ``obj`` shows, if any."""
        return None

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        person = self.shown_person(obj) if obj is not None else None
        if person is not None:
            services.log_data_access(request.user, person, self.log_purpose)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Person)
class PersonAdmin(LoggedChangeView, admin.ModelAdmin):
    list_display = ["name", "nip", "agency", "role", "is_active"]
    list_filter = ["role", "is_active", "agency"]
    search_fields = ["name", "nip"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency"]
    form = PersonAdminForm
    fields = [*_EDITABLE[:4], "birth_date", "gender", *_EDITABLE[4:], *_DERIVED[2:]]

    def get_readonly_fields(self, request: HttpRequest, obj: Person | None = None) -> list[str]:
        # The NIP is the username: set when the account is made, never edited here.
        return _DERIVED if obj is None else ["nip", *_DERIVED]

    def shown_person(self, obj: Person) -> Person:
        return obj

    def save_model(self, request: HttpRequest, obj: Person, form: object, change: bool) -> None:
        if not change:
            # A new account signs in first with NIP + NIK; no password is hashed now.
            obj.fill_from_nip()
            obj.set_unusable_password()
            super().save_model(request, obj, form, change)
            return
        # Changes go through the audited service; role and status are admin-only fields.
        stored = Person.objects.get(pk=obj.pk)
        changes = {f: getattr(obj, f) for f in form.changed_data if f in services.EDITABLE_FIELDS}
        extra = [f for f in form.changed_data if f in ("role", "is_active", "agency")]
        services.update_person(request.user, stored, changes, reason="django admin")
        if extra:
            services.set_admin_fields(request.user, stored, {f: getattr(obj, f) for f in extra})


@admin.register(PersonChange)
class PersonChangeAdmin(LoggedChangeView, admin.ModelAdmin):
    """The audit log: read here, written only by the services, never edited or removed."""

    list_display = ["at", "person", "actor", "field", "reason"]
    list_select_related = ["person", "actor"]
    search_fields = ["person__nip", "person__name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    log_purpose = "django_admin_log"

    def shown_person(self, obj: object) -> Person | None:
        # A row of the audit log may hold an old or new NIK: reading it is logged.
        return obj.person if getattr(obj, "field", "") == "nik" else None

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(PersonChangeAdmin):
    list_display = ["at", "viewer", "person", "purpose", "subject"]
    list_select_related = ["person", "viewer"]


@admin.register(CorrectionRequest)
class CorrectionRequestAdmin(LoggedChangeView, admin.ModelAdmin):
    """Read only: a request is decided by the person's admin on the corrections page,
    where accepting applies it with its audit rows (here it would change only a status)."""

    list_display = ["created_at", "person", "status"]
    list_filter = ["status"]
    list_select_related = ["person"]
    raw_id_fields = ["person", "reviewed_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def shown_person(self, obj: CorrectionRequest) -> Person:
        return obj.person  # the requested values, a NIK among them
