"""Checking uploaded files by their content, never by their name, with a size limit.

A refused file gets a message saying why, in the user's language. The accepted types per
use are listed here once; the first bytes decide (``filetype``), and Office files are
opened as the zip archives they are, to tell slides from documents.
"""

import zipfile
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MB = 1024 * 1024


@dataclass(frozen=True)
class Accepts:
    label: object  # lazy text naming the accepted formats, for messages
    types: dict[str, str]  # detected extension -> MIME type to store and serve
    max_bytes: int


PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

ACCEPTS = {
    "video": Accepts(
        gettext_lazy("a video (MP4 or WebM)"),
        {"mp4": "video/mp4", "webm": "video/webm", "m4v": "video/mp4"},
        1024 * MB,
    ),
    "audio": Accepts(
        gettext_lazy("audio (MP3, M4A, OGG, Opus, WAV or WebM)"),
        {
            "mp3": "audio/mpeg",
            "m4a": "audio/mp4",
            "ogg": "audio/ogg",
            "opus": "audio/ogg",
            "wav": "audio/wav",
            "webm": "audio/webm",
        },
        200 * MB,
    ),
    "pdf": Accepts(gettext_lazy("a PDF document"), {"pdf": "application/pdf"}, 100 * MB),
    "slides": Accepts(gettext_lazy("a PowerPoint presentation (PPTX)"), {"pptx": PPTX}, 200 * MB),
    "journal": Accepts(
        gettext_lazy("a PDF or Word (DOCX) document"),
        {"pdf": "application/pdf", "docx": DOCX},
        10 * MB,
    ),
}


def _office_kind(upload: UploadedFile) -> str | None:
    """'pptx' or 'docx' when the file is such an Office Open XML archive."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "word/document.xml" in names:
        return "docx"
    return None


def detect(upload: UploadedFile) -> str | None:
    """The file's real type as an extension ('pdf', 'webm', 'pptx' …), from its content."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.extension in ("zip", "docx", "pptx", "xlsx"):
        return _office_kind(upload)
    return kind.extension


def check(upload: UploadedFile, use: str) -> str:
    """The MIME type to store for an acceptable ``upload``; ValidationError saying why not."""
    accepts = ACCEPTS[use]
    if upload.size > accepts.max_bytes:
        raise ValidationError(
            _("The file is %(size)d MB; at most %(limit)d MB is accepted."),
            params={"size": -(-upload.size // MB), "limit": accepts.max_bytes // MB},
            code="too_big",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    found = detect(upload)
    # WebM audio is WebM all the same; the use decides how it is played.
    if found not in accepts.types:
        raise ValidationError(
            _("This file is not %(expected)s, whatever its name says. Choose another file."),
            params={"expected": accepts.label},
            code="wrong_type",
        )
    return accepts.types[found]


def media_duration(upload: UploadedFile) -> float | None:
    """The length in seconds of an audio or video file, when its container tells it."""
    import mutagen  # only uploads of media need it

    upload.seek(0)
    try:
        info = mutagen.File(upload)
    except Exception:  # noqa: BLE001 - mutagen raises many kinds; unknown means "ask"
        info = None
    finally:
        upload.seek(0)
    length = getattr(getattr(info, "info", None), "length", None)
    return float(length) if length else None
