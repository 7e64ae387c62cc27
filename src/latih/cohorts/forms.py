"""Forms of the cohort pages: opening a cohort, uploading a participant list, the
course's completion and certificate policy, and the reasons for reopening or revoking."""

from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from latih.accounts import permissions
from latih.accounts import rules as identity_rules
from latih.accounts.models import Person
from latih.accounts.permissions import Action
from latih.agencies.models import Agency
from latih.learning.models import Cohort, Course

from . import numbers as certificate_rules
from . import results, rules

_BAND_MESSAGES = {
    rules.BandProblem.BAD_LINE: _("Line %(line)d: write the lowest score, then the predicate."),
    rules.BandProblem.OUT_OF_RANGE: _("Line %(line)d: a score is at most 100."),
    rules.BandProblem.DUPLICATE: _("Line %(line)d: this lowest score is already used."),
    rules.BandProblem.NO_ZERO: _("The lowest band must start at 0, so every score has one."),
    rules.BandProblem.EMPTY: _("Give at least one predicate."),
}
_FORMAT_MESSAGES = {
    certificate_rules.FormatProblem.SYNTAX: _("The format cannot be read: check its braces."),
    certificate_rules.FormatProblem.UNKNOWN_FIELD: _("Unknown field {%(field)s}."),
    certificate_rules.FormatProblem.NO_SEQUENCE: _("The format needs {seq}, the sequence."),
    certificate_rules.FormatProblem.TOO_LONG: _("Numbers made by this format are too long."),
}


class CohortForm(forms.ModelForm):
    facilitator_nips = forms.CharField(
        label=_("Facilitators"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "inputmode": "numeric"}),
        help_text=_("Their NIPs, one per line."),
    )

    class Meta:
        model = Cohort
        fields = ["name", "starts_on", "ends_on", "agencies"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "agencies": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {
            "agencies": _(
                "Their admins may enrol their people in this cohort. An organizer's import "
                "adds the agencies of the people it enrols."
            )
        }

    def __init__(self, *args: object, course: Course, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.course = course
        self.fields["starts_on"].required = True
        self.fields["ends_on"].required = True
        self.fields["agencies"].queryset = Agency.objects.order_by("name")
        self.fields["agencies"].required = False
        if self.instance.pk and not self.is_bound:
            self.initial["facilitator_nips"] = "\n".join(
                self.instance.facilitators.values_list("nip", flat=True)
            )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        taken = Cohort.objects.filter(course=self.course, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This course already has a cohort with this name."))
        return name

    def clean_facilitator_nips(self) -> list[Person]:
        nips = [
            identity_rules.normalize_number(line)
            for line in self.cleaned_data["facilitator_nips"].splitlines()
        ]
        nips = [nip for nip in nips if nip]
        found = {
            person.nip: person
            for person in Person.objects.filter(
                nip__in=nips, role__in=permissions.roles_that_can(Action.REVIEW_JOURNALS)
            )
        }
        unknown = [nip for nip in nips if nip not in found]
        if unknown:
            raise forms.ValidationError(
                _("No facilitator has these NIPs: %(nips)s") % {"nips": ", ".join(unknown)}
            )
        return list(found.values())

    def clean(self) -> dict:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The cohort cannot end before it starts."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Participant list"),
        help_text=_("CSV or XLSX, with the columns of the template. Up to 200,000 rows."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class FinalizeForm(forms.Form):
    """The confirmation, and before the cohort's end the reason for finalizing early
    (the rule itself is ``results.finalize_refusal``, which the service applies too)."""

    confirm = forms.BooleanField(
        label=_("I have reviewed the results; make them final and issue the certificates.")
    )
    early_reason = forms.CharField(
        label=_("Reason for finalizing before the cohort ends"),
        max_length=500,
        error_messages={"required": _("Give the reason for finalizing before the cohort ends.")},
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Needed until the cohort's last day. The certificates then state today as the "
            "end of the training, and the evaluation closes."
        ),
    )

    def __init__(
        self, *args: object, cohort: Cohort | None = None, today: date | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.cohort, self.today = cohort, today
        if cohort is None or today is None or not results.finalizing_early(cohort, today):
            del self.fields["early_reason"]

    def clean(self) -> dict:
        data = super().clean()
        if self.cohort is not None and self.today is not None and not self.errors:
            refusal = results.finalize_refusal(
                self.cohort, self.today, data.get("early_reason", "")
            )
            if refusal:
                field = "early_reason" if "early_reason" in self.fields else None
                self.add_error(field, refusal)
        return data


class CompletionPolicyForm(forms.ModelForm):
    """The course's final-result and certificate policy."""

    bands = forms.CharField(
        label=_("Predicates"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            'One per line: the lowest score, then the predicate, e.g. "90,01 Sangat Memuaskan".'
        ),
    )

    class Meta:
        model = Course
        fields = [
            "hours",
            "academic_weight",
            "attitude_weight",
            "certificate_number_format",
            "certificate_issuer",
            "certificate_place",
            "signatory_name",
            "signatory_title",
            "signatory_nip",
        ]
        help_texts = {
            "certificate_number_format": _(
                "Fields: {seq} (required; five digits with {seq:05}), {check} (four "
                "characters that make numbers hard to guess), {agency}, {course}, {year}."
            ),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["bands"] = rules.bands_text(rules.bands_from(self.instance.predicates))

    def clean_bands(self) -> list[list[str]]:
        bands, problems = rules.parse_bands(self.cleaned_data["bands"])
        if problems:
            raise forms.ValidationError(
                [_BAND_MESSAGES[code] % {"line": line} for code, line in problems]
            )
        return [[str(band.lowest), band.label] for band in bands]

    def clean_certificate_number_format(self) -> str:
        fmt = self.cleaned_data["certificate_number_format"].strip()
        problems = certificate_rules.check_format(fmt)
        if problems:
            raise forms.ValidationError(
                [_FORMAT_MESSAGES[code] % {"field": name} for code, name in problems]
            )
        return fmt

    def clean_signatory_nip(self) -> str:
        return identity_rules.normalize_number(self.cleaned_data["signatory_nip"])

    def clean(self) -> dict:
        data = super().clean()
        if data.get("academic_weight") == 0 and data.get("attitude_weight") == 0:
            self.add_error("attitude_weight", _("At least one weight must be above 0."))
        return data

    def save(self, commit: bool = True) -> Course:
        self.instance.predicates = self.cleaned_data["bands"]
        return super().save(commit)


def weights_share(course: Course) -> tuple[Decimal, Decimal]:
    """Each score's share of the final result, in percent (for the explanation)."""
    total = Decimal(course.academic_weight + course.attitude_weight) or Decimal(1)
    return (
        (Decimal(100) * course.academic_weight / total).quantize(Decimal("0.1")),
        (Decimal(100) * course.attitude_weight / total).quantize(Decimal("0.1")),
    )
