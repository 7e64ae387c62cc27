"""Forms of the evaluation studio: a question with its option rows, a bank import, a
test's settings with its score caps and draw, a grant and a regrade.

Numbers the organizers type take a decimal comma as Indonesian users write it
("33,33333"). The forms only read what was typed; the services decide what may be saved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import formats, rules
from .formats import BankOption, BankQuestion
from .formats.checks import format_weight, parse_weight
from .models import Category, Grant, Option, Question
from .models import Test as ExamTest

OPTION_ROWS = 8
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_CAP_ROWS = 20
IMPORT_ACCEPT = ".gift,.txt,.xml,.xlsx,.csv"
HUNDRED = Decimal(100)
_LOCAL_TIME = {"type": "datetime-local"}
_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class DecimalCommaField(forms.DecimalField):
    """A number typed with a decimal comma ("33,33333") or a decimal point."""

    widget = forms.TextInput

    def to_python(self, value: object) -> Decimal | None:
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".")
        return super().to_python(value)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, str]:
        attrs = super().widget_attrs(widget)
        attrs.setdefault("inputmode", "decimal")
        return attrs


# --- Categories and questions ------------------------------------------------------------------
class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ("name",)
        help_texts = {"name": gettext_lazy("Usually one per module (mata pelatihan).")}
        widgets = {"name": forms.TextInput(attrs={"list": "module-names", "autocomplete": "off"})}


class QuestionForm(forms.ModelForm):
    # One radio button per option row; the rows render it (see question_form.html).
    correct = forms.TypedChoiceField(
        label=gettext_lazy("Correct option"),
        choices=[(str(index), str(index + 1)) for index in range(OPTION_ROWS)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Question
        fields = ("category", "name", "text", "format", "multiple", "feedback")
        labels = {"category": gettext_lazy("Category")}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "feedback": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "name": gettext_lazy(
                "A short name to find the question by; not shown to participants."
            ),
            "format": gettext_lazy(
                "HTML allows simple formatting: paragraphs, lists, tables and images. "
                "Anything else is removed."
            ),
            "multiple": gettext_lazy(
                "Tick when more than one option is right: give every option its credit below."
            ),
            "feedback": gettext_lazy("Shown with the correct answers after the attempt."),
        }

    def __init__(self, *args: object, course: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        category.queryset = Category.objects.filter(course=course).order_by("name")
        category.empty_label = None

    def question_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self._meta.fields]


class OptionForm(forms.Form):
    """One option row; a row left empty is no option."""

    text = forms.CharField(
        label=gettext_lazy("Option"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    credit = forms.CharField(label=gettext_lazy("Credit (%)"), required=False, max_length=20)
    feedback = forms.CharField(label=gettext_lazy("Feedback"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["credit"].widget.attrs.update({"inputmode": "decimal", "size": "9"})

    def clean_credit(self) -> Decimal | None:
        raw = self.cleaned_data["credit"].strip()
        if not raw:
            return None
        value = parse_weight(raw)
        if value is None:
            raise ValidationError(_("Enter a number, such as 100, 50 or 33,33333."))
        return value

    @property
    def blank(self) -> bool:
        data = self.cleaned_data
        return not data.get("text") and not data.get("feedback") and not data.get("credit")


def _one_correct(options: Sequence[Option]) -> int | None:
    """The row of the correct option when a question is simply right-or-wrong (one option
    at 100 %, the others at 0): then the radio buttons can show it."""
    full = [index for index, option in enumerate(options) if option.fraction == HUNDRED]
    rest_zero = all(option.fraction in (HUNDRED, 0) for option in options)
    return full[0] if len(full) == 1 and rest_zero else None


class QuestionEditor:
    """The question form and its eight option rows, read together into a question and
    its options for ``services.save_question``."""

    def __init__(
        self, data: Mapping[str, object] | None, course: object, question: Question
    ) -> None:
        options = list(question.options.all()) if question.pk else []
        correct = None if question.multiple else _one_correct(options)
        initial = {"correct": str(correct) if correct is not None else None}
        self.form = QuestionForm(data, instance=question, course=course, initial=initial)
        self.rows = [
            OptionForm(
                data,
                prefix=f"option-{index}",
                initial=(
                    {
                        "text": options[index].text,
                        "credit": format_weight(options[index].fraction),
                        "feedback": options[index].feedback,
                    }
                    if index < len(options)
                    else None
                ),
            )
            for index in range(OPTION_ROWS)
        ]
        self._options: list[BankOption] = []

    def row_views(self) -> list[tuple[int, OptionForm, bool]]:
        """(row number, its form, whether its radio button is chosen)."""
        chosen = self.form["correct"].value()
        return [
            (index + 1, row, chosen is not None and str(chosen) == str(index))
            for index, row in enumerate(self.rows)
        ]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        valid = all([row.is_valid() for row in self.rows]) and valid
        if not valid:
            return False
        used = [(index, row) for index, row in enumerate(self.rows) if not row.blank]
        multiple = self.form.cleaned_data["multiple"]
        correct = self.form.cleaned_data.get("correct")
        if not multiple and correct is not None and correct not in dict(used):
            self.form.add_error("correct", _("The option chosen as correct is empty."))
            return False
        self._options = [
            BankOption(
                row.cleaned_data["text"],
                self._credit(index, row, multiple, correct),
                row.cleaned_data["feedback"],
            )
            for index, row in used
        ]
        # The same check the service makes, with the rows numbered as the page shows them.
        question = self.form.instance
        problems = formats.check(
            BankQuestion(text=question.text, options=self._options, multiple=multiple),
            labels=[str(index + 1) for index, _row in used],
        )
        for problem in problems:
            self.form.add_error(None, problem)
        return not problems

    @staticmethod
    def _credit(index: int, row: OptionForm, multiple: bool, correct: int | None) -> Decimal:
        if not multiple and correct is not None:
            return HUNDRED if index == correct else Decimal(0)
        return row.cleaned_data["credit"] or Decimal(0)

    def options(self) -> list[BankOption]:
        return self._options


# --- Import ------------------------------------------------------------------------------------
class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Question file"),
        help_text=gettext_lazy(
            "GIFT (.gift, .txt), Moodle XML (.xml), Excel (.xlsx) or CSV; at most 5 MB."
        ),
        widget=forms.FileInput(attrs={"accept": IMPORT_ACCEPT}),
    )
    clean_only = forms.BooleanField(
        label=gettext_lazy("Import the clean questions only and list the rest"),
        required=False,
        help_text=gettext_lazy(
            "Without this, nothing is imported while any question in the file has a problem."
        ),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                _("The file is %(size)s MB; the limit is 5 MB. Split it into smaller files.")
                % {"size": f"{upload.size / 1024 / 1024:.1f}"}
            )
        return upload


# --- Test settings ---------------------------------------------------------------------------
class TestForm(forms.ModelForm):
    class Meta:
        model = ExamTest
        fields = (
            "title",
            "instructions",
            "question_count",
            "time_limit",
            "pass_mark",
            "max_attempts",
            "opens_at",
            "closes_at",
            "show_answers",
            "is_published",
        )
        field_classes = {"pass_mark": DecimalCommaField}
        widgets = {
            "instructions": forms.Textarea(attrs={"rows": 4}),
            "opens_at": forms.DateTimeInput(attrs=_LOCAL_TIME, format=_LOCAL_FORMAT),
            "closes_at": forms.DateTimeInput(attrs=_LOCAL_TIME, format=_LOCAL_FORMAT),
        }
        help_texts = {
            "opens_at": gettext_lazy("Empty: open as soon as it is published."),
            "closes_at": gettext_lazy(
                "Empty: no closing time (a cohort's last day still applies)."
            ),
            "pass_mark": gettext_lazy("Out of 100."),
        }

    def clean(self) -> dict[str, object]:
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and opens >= closes:
            self.add_error("closes_at", _("The test must close after it opens."))
        return data


class CapForm(forms.Form):
    """One row of the score-cap table: from attempt N, at most X."""

    first = forms.IntegerField(
        label=gettext_lazy("From attempt"), required=False, min_value=1, max_value=1000
    )
    cap = DecimalCommaField(
        label=gettext_lazy("At most"),
        required=False,
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=HUNDRED,
    )

    def clean(self) -> dict[str, object]:
        data = super().clean()
        first, cap = data.get("first"), data.get("cap")
        if (first is None) != (cap is None) and not self.errors:
            raise ValidationError(_("Give both the attempt and the highest score, or neither."))
        return data


def _caps_problem(error: rules.BadCaps) -> str:
    if error.code == rules.BadCaps.NOT_FROM_ONE:
        return _("The first row must be from attempt 1.")
    if error.code == rules.BadCaps.NOT_INCREASING:
        return _("Each attempt number may appear only once.")
    if error.code == rules.BadCaps.EMPTY:
        return _("Give at least one row, from attempt 1.")
    return _("Each highest score must be above 0 and at most 100.")


class CapsTable:
    """The score-cap rows; rows left empty are ignored, the rest sorted by attempt."""

    def __init__(self, data: Mapping[str, object] | None, caps: object) -> None:
        try:
            table = rules.parse_caps(caps)
        except rules.BadCaps:
            table = list(rules.DEFAULT_CAPS)
        if data is not None:
            try:
                count = int(data.get("caps-rows", 0))
            except (TypeError, ValueError):
                count = 0
            count = max(1, min(count, MAX_CAP_ROWS))
        else:
            count = min(len(table) + 3, MAX_CAP_ROWS)
        self.count = count
        self.rows = [
            CapForm(
                data,
                prefix=f"cap-{index}",
                initial=(
                    {"first": table[index][0], "cap": format_weight(table[index][1])}
                    if data is None and index < len(table)
                    else None
                ),
            )
            for index in range(count)
        ]
        self.errors: list[str] = []
        self._table: list[list[object]] = []

    def is_valid(self) -> bool:
        if not all([row.is_valid() for row in self.rows]):
            return False
        pairs = sorted(
            (row.cleaned_data["first"], row.cleaned_data["cap"])
            for row in self.rows
            if row.cleaned_data.get("first") is not None
        )
        raw = [[first, format_weight(cap)] for first, cap in pairs]
        try:
            rules.parse_caps(raw)
        except rules.BadCaps as error:
            self.errors.append(_caps_problem(error))
            return False
        self._table = raw
        return True

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(row.errors for row in self.rows)

    def table(self) -> list[list[object]]:
        return self._table


class DrawsForm(forms.Form):
    """How many questions an attempt draws from each category (0: none)."""

    def __init__(
        self,
        data: Mapping[str, object] | None,
        categories: Sequence[Category],
        counts: Mapping[int, int],
    ) -> None:
        super().__init__(data, prefix="draw")
        self.categories = list(categories)
        for category in self.categories:
            self.fields[str(category.pk)] = forms.IntegerField(
                label=category.name,
                required=False,
                min_value=0,
                max_value=500,
                initial=counts.get(category.pk, 0),
                widget=forms.NumberInput(attrs={"size": "4", "inputmode": "numeric"}),
            )

    def counts(self) -> dict[int, int]:
        return {
            category.pk: self.cleaned_data.get(str(category.pk)) or 0
            for category in self.categories
        }


# --- Results: grants -------------------------------------------------------------------------
class GrantForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Give"),
        choices=Grant.Kind.choices,
        initial=Grant.Kind.EXTRA_TIME,
        widget=forms.RadioSelect,
    )
    minutes = forms.IntegerField(
        label=gettext_lazy("Extra minutes"),
        required=False,
        min_value=1,
        max_value=24 * 60,
        help_text=gettext_lazy(
            "For extra time: added to the attempt in progress, or else to the next one."
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Give the reason.")},
        help_text=gettext_lazy("Kept with the grant, for the record."),
    )

    def grant_fields(self) -> list[forms.BoundField]:
        return [self["minutes"], self["reason"]]


# --- Statistics: regrading -------------------------------------------------------------------
class RegradeForm(forms.Form):
    """The credit of each option of a question, and why it changes."""

    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Give the reason.")},
        help_text=gettext_lazy("Kept in the regrade log."),
    )

    def __init__(self, data: Mapping[str, object] | None, options: Sequence[Option]) -> None:
        super().__init__(data)
        self.options = list(options)
        credits = {}
        for number, option in enumerate(self.options, start=1):
            credits[f"credit_{option.pk}"] = DecimalCommaField(
                label=_("Option %(number)s: %(text)s")
                % {"number": number, "text": formats.excerpt(option.text, 60)},
                max_digits=8,
                decimal_places=5,
                min_value=-HUNDRED,
                max_value=HUNDRED,
                initial=format_weight(option.fraction),
                widget=forms.TextInput(attrs={"size": "9"}),
            )
        # The credits first, then the reason.
        self.fields = {**credits, "reason": self.fields["reason"]}

    def fractions(self) -> dict[int, Decimal]:
        return {option.pk: self.cleaned_data[f"credit_{option.pk}"] for option in self.options}
