"""Forms of the organizer's studio: a course with its policy, a section, a material (whose
fields depend on its kind) and the enrolment of participants by NIP.

Files are plain form fields, never assigned to the model by the form: the services check
them by their content before anything is stored.
"""

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from .models import Course, Material, Section

POLICY_FIELDS = (
    "sequential",
    "trophies_total",
    "trophies_required",
    "trophies_for_evaluation",
    "evaluation_after_days",
    "video_coverage",
    "max_playback_rate",
)

_ACCEPT = {
    Material.Kind.VIDEO: "video/mp4,video/webm,.mp4,.m4v,.webm",
    Material.Kind.AUDIO: "audio/*,.mp3,.m4a,.ogg,.opus,.wav,.webm",
    Material.Kind.PDF: "application/pdf,.pdf",
    Material.Kind.SLIDES: ".pptx",
}

_FILE_LABEL = {
    Material.Kind.VIDEO: _("Video file"),
    Material.Kind.AUDIO: _("Audio file"),
    Material.Kind.PDF: _("PDF document"),
    Material.Kind.SLIDES: _("PowerPoint file (PPTX)"),
}

# The fields each kind of material has, besides title, trophies, downloadable, description.
KIND_FIELDS = {
    Material.Kind.VIDEO: ("file", "duration"),
    Material.Kind.AUDIO: ("file", "duration"),
    Material.Kind.PDF: ("file",),
    Material.Kind.SLIDES: ("file", "pdf_file"),
    Material.Kind.TEXT: ("body",),
    Material.Kind.LINK: ("url",),
}


class CourseForm(forms.ModelForm):
    welcome_video = forms.FileField(
        label=_("Welcome video"),
        required=False,
        help_text=_("MP4 or WebM, played once to each participant before the course."),
        widget=forms.FileInput(attrs={"accept": _ACCEPT[Material.Kind.VIDEO]}),
    )

    class Meta:
        model = Course
        fields = (
            "title",
            "slug",
            "description",
            "rules",
            "hours",
            *POLICY_FIELDS,
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "rules": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {"slug": _("Letters, digits and hyphens; used in the course's address.")}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # The upload is its own field; keep it beside the other course facts.
        self.order_fields(["title", "slug", "description", "rules", "welcome_video", "hours"])

    def general_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in POLICY_FIELDS]

    def policy_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in POLICY_FIELDS]


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ("title", "journal_required", "journal_prompt")
        widgets = {"journal_prompt": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "journal_prompt": _("What participants should write about in their journal."),
        }


class MaterialForm(forms.ModelForm):
    """One form for every kind; fields the kind does not have are left out."""

    file = forms.FileField(label=_("File"), required=False, widget=forms.FileInput)
    pdf_file = forms.FileField(
        label=_("PDF version"),
        required=False,
        help_text=_("Shown in the page; the PowerPoint file is offered for download."),
        widget=forms.FileInput(attrs={"accept": _ACCEPT[Material.Kind.PDF]}),
    )

    url = forms.URLField(
        label=_("link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    class Meta:
        model = Material
        fields = ("title", "trophies", "downloadable", "description", "body", "url", "duration")
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "body": _(
                "HTML with simple formatting: paragraphs, headings, lists, links and tables. "
                "Anything else is removed."
            ),
        }

    def __init__(self, *args: object, kind: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.instance.kind = kind
        keep = {"title", "trophies", "downloadable", "description", *KIND_FIELDS[kind]}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "file" in self.fields:
            field = self.fields["file"]
            field.label = _FILE_LABEL[kind]
            field.required = not self.instance.file
            field.widget.attrs["accept"] = _ACCEPT[kind]
            if self.instance.file:
                field.help_text = _("Now: %(name)s. Choose a file only to replace it.") % {
                    "name": self.instance.file_name
                }
        if "duration" in self.fields:
            field = self.fields["duration"]
            field.required = False
            field.validators.append(MinValueValidator(0))
            # studio.js fills it from the chosen file; the server reads MP4, MP3 and OGG too.
            field.widget.attrs.update({"min": "0", "step": "0.01", "data-duration": "1"})
            field.help_text = _(
                "Read from the file when you choose it. If it stays empty for a WebM file, "
                "enter it yourself."
            )
            if not self.instance.duration:
                self.initial["duration"] = None
        if "url" in self.fields:
            self.fields["url"].required = True
        self.order_fields(["title", *KIND_FIELDS[kind]])

    def clean_duration(self) -> float:
        # Left empty: the service reads it from the file, or keeps the one already known.
        value = self.cleaned_data.get("duration")
        return self.instance.duration if value is None else value


class EnrolForm(forms.Form):
    cohort = forms.CharField(
        label=_("Cohort (angkatan)"),
        max_length=200,
        help_text=_("An existing cohort's name, or a new one to create it."),
        widget=forms.TextInput(attrs={"list": "cohort-names", "autocomplete": "off"}),
    )
    nips = forms.CharField(
        label=_("NIPs"),
        help_text=_("One NIP per line."),
        widget=forms.Textarea(attrs={"rows": 6, "inputmode": "numeric", "spellcheck": "false"}),
    )

    def clean_cohort(self) -> str:
        return self.cleaned_data["cohort"].strip()

    def clean_nips(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["nips"].splitlines() if line.strip()]
