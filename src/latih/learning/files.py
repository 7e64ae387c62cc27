"""Serving stored files to those allowed to see them, with byte ranges.

Video players ask for ranges to seek and to start playing before the whole file is
loaded (a slow phone connection needs that). Local files are answered here; on object
storage (S3) the browser is sent to a short-lived signed address instead.
"""

import re

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

from . import uploads
from .models import Material

# At most 18 digits a side: a longer number is no byte range (and no int() to choke on).
_RANGE = re.compile(r"^bytes=([0-9]{0,18})-([0-9]{0,18})$")


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The first byte range of a Range header as (start, end inclusive), or None when the
    header is absent, of another form, or unsatisfiable."""
    match = _RANGE.match(header.strip())
    if not match or size == 0:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0:
            return None
        return max(0, size - length), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size or end < start:
        return None
    return start, min(end, size - 1)


def serve(
    request: HttpRequest,
    stored: FieldFile,
    content_type: str,
    download_name: str = "",
    attachment: bool = False,
) -> HttpResponse:
    """Answer with ``stored`` (permission already checked by the caller)."""
    disposition = content_disposition_header(attachment, download_name or stored.name)
    if settings.STORAGES["default"]["BACKEND"].endswith("S3Storage"):
        url = stored.storage.url(
            stored.name,
            parameters={
                "ResponseContentDisposition": disposition,
                "ResponseContentType": content_type,
            },
            expire=300,
        )
        return HttpResponseRedirect(url)
    size = stored.size
    header = request.headers.get("Range", "").strip()
    wanted = parse_range(header, size)
    if wanted is None and _RANGE.match(header):  # a byte range past the end of the file
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle = stored.open("rb")
    if wanted is None:
        response = FileResponse(handle, content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        start, end = wanted
        handle.seek(start)
        response = FileResponse(_limited(handle, end - start + 1), content_type=content_type)
        response.status_code = 206
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _limited(handle: object, length: int, chunk: int = 64 * 1024) -> object:
    """Yield ``length`` bytes from ``handle`` in chunks, then close it."""
    try:
        remaining = length
        while remaining > 0:
            data = handle.read(min(chunk, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data
    finally:
        handle.close()


def serve_material(
    request: HttpRequest, item: Material, which: str, download: bool
) -> HttpResponse:
    """A material's file (``which`` "pdf": its PDF version), access already checked by the
    caller; for the participant's page and the organizer's preview alike."""
    if which == "pdf":
        if not item.pdf_file:
            raise Http404
        name = (item.file_name.rsplit(".", 1)[0] or item.title) + ".pdf"
        return serve(request, item.pdf_file, "application/pdf", name, download)
    if not item.file:
        raise Http404
    types = {Material.Kind.PDF: "application/pdf", Material.Kind.SLIDES: uploads.PPTX}
    content_type = item.file_type or types.get(item.kind, "application/octet-stream")
    # Slides as PowerPoint are only ever a download: browsers cannot show them.
    attachment = download or item.kind == Material.Kind.SLIDES
    return serve(request, item.file, content_type, item.file_name or item.title, attachment)
