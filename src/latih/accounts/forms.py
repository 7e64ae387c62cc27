"""Forms of sign-in, passwords, profile corrections and the agency admin's edits."""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from latih.agencies.models import Unit

from . import identity, rules
from .models import Person

_NUMBER_ATTRS = {"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}


class _SignInBase(forms.Form):
    nip = forms.CharField(
        label=_("NIP"),
        max_length=40,
        help_text=_("18 digits, without spaces."),
        error_messages={"required": _("Enter your NIP.")},
        widget=forms.TextInput(attrs={**_NUMBER_ATTRS, "autocomplete": "username"}),
    )
    failure_message = _("The NIP or password is wrong.")

    def __init__(self, request: HttpRequest, *args: object, **kwargs: object) -> None:
        self.request = request
        self.person: Person | None = None
        super().__init__(*args, **kwargs)

    def clean_nip(self) -> str:
        nip = rules.normalize_number(self.cleaned_data["nip"])
        identity.validate_nip(nip)
        return nip

    def _authenticate(self, nip: str, secret: str) -> None:
        self.person = authenticate(self.request, username=nip, password=secret)
        if self.person is None:
            raise ValidationError(self.failure_message, code="invalid_login")


class SignInForm(_SignInBase):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        error_messages={"required": _("Enter your password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean(self) -> dict:
        data = super().clean()
        if "nip" in data and "password" in data:
            self._authenticate(data["nip"], data["password"])
        return data


class FirstSignInForm(_SignInBase):
    nik = forms.CharField(
        label=_("NIK"),
        max_length=40,
        help_text=_("The 16-digit number on your identity card (KTP)."),
        error_messages={"required": _("Enter your NIK.")},
        widget=forms.TextInput(attrs=_NUMBER_ATTRS),
    )
    # One answer for every refusal, whether the NIP is unknown, the NIK is not its NIK, or
    # the account already has a password: anything more would tell a stranger which NIPs
    # exist and which NIK belongs to which NIP. The backends spend the same work on each.
    failure_message = _(
        "The NIP and NIK do not match our records, or this account already has a password: "
        "then sign in with your NIP and password."
    )

    def clean_nik(self) -> str:
        nik = rules.normalize_number(self.cleaned_data["nik"])
        identity.validate_nik(nik)
        return nik

    def clean(self) -> dict:
        data = super().clean()
        if "nip" in data and "nik" in data:
            # Whether the two numbers agree (birth date, sex) depends on the input alone.
            identity.validate_nip_nik(data["nip"], data["nik"])
            self._authenticate(data["nip"], data["nik"])
        return data


def _units_of(person: Person) -> QuerySet[Unit]:
    return (
        Unit.objects.filter(agency_id=person.agency_id) if person.agency_id else Unit.objects.none()
    )


class CorrectionRequestForm(forms.Form):
    """What the participant says is wrong. Empty fields mean "this one is right"."""

    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    nik = forms.CharField(
        label=_("NIK"), max_length=40, required=False, widget=forms.TextInput(attrs=_NUMBER_ATTRS)
    )
    birth_place = forms.CharField(label=_("Birth place"), max_length=100, required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    note = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything else your agency admin should know."),
    )

    def __init__(self, person: Person, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units_of(person)
        for name in ("name", "birth_place", "position", "email", "phone"):
            self.fields[name].widget.attrs["placeholder"] = getattr(person, name)


class PersonEditForm(forms.ModelForm):
    """The agency admin's edit of a person; saved through the audited service."""

    # Longer than 16 so that a NIK typed in groups reaches the service, which normalises it.
    nik = forms.CharField(
        label=_("NIK"), max_length=40, widget=forms.TextInput(attrs=_NUMBER_ATTRS)
    )

    class Meta:
        model = Person
        fields = ["name", "nik", "birth_place", "unit", "position", "email", "phone"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units_of(self.instance)

    def _post_clean(self) -> None:
        # Validation of the values happens in the service, against the stored person;
        # the form must not write them onto the instance first.
        pass


class EnrolPersonForm(forms.Form):
    """One new person for the admin's own agency (many at once: the import, later)."""

    nip = forms.CharField(
        label=_("NIP"), max_length=40, widget=forms.TextInput(attrs=_NUMBER_ATTRS)
    )
    nik = forms.CharField(
        label=_("NIK"), max_length=40, widget=forms.TextInput(attrs=_NUMBER_ATTRS)
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    birth_place = forms.CharField(label=_("Birth place"), max_length=100, required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)

    def __init__(self, admin: Person, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units_of(admin)


class RejectCorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class NewPasswordForm(SetPasswordForm):
    """Django's form, with our words for the fields (``kata sandi`` throughout)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("Confirm the new password")
        self.fields["new_password2"].help_text = _("Type the same password again.")


class ChangePasswordForm(NewPasswordForm, PasswordChangeForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")
