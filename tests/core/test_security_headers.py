"""Every response carries the Content-Security-Policy and the Permissions-Policy, and the
templates hold nothing the policy would refuse (inline scripts, handlers, styles)."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from latih.learning.models import Material
from tests.conftest import ROOT
from tests.factories import enrol, make_course, make_person, signed_in

TEMPLATES = ROOT / "src" / "latih" / "templates"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _assert_protected(response):
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "worker-src" in directives  # pdf.js's worker
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


def test_html_pages_carry_the_policies(client, participant):
    _assert_protected(client.get(reverse("accounts:sign_in")))
    client.force_login(participant)
    _assert_protected(client.get(reverse("core:dashboard")))


def test_error_pages_carry_the_policies(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    _assert_protected(response)


def test_json_answers_carry_the_policies(client, db):
    response = client.get(reverse("core:health"))
    assert response["Content-Type"].startswith("application/json")
    _assert_protected(response)


def test_file_downloads_carry_the_policies(agency, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    course = make_course()
    person = make_person(agency)
    enrol(person, course)
    section = course.sections.order_by("position").first()
    pdf = Material.objects.create(section=section, title="Modul", kind="pdf", position=0)
    pdf.file.save("m.pdf", SimpleUploadedFile("m.pdf", PDF))
    response = signed_in(person).get(reverse("learning:material_file", args=[course.slug, pdf.pk]))
    assert response.status_code == 200
    _assert_protected(response)


def _policy_with(**environment):
    env = {key: value for key, value in os.environ.items() if not key.startswith("S3_")}
    env.update(environment, PYTHONPATH=str(ROOT / "src"), DJANGO_SETTINGS_MODULE="latih.settings")
    script = "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY)"
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return dict(part.strip().split(" ", 1) for part in result.stdout.strip().split(";"))


def test_media_on_s3_may_be_loaded_from_the_storage_only():
    policy = _policy_with(
        MEDIA_STORAGE="s3", S3_BUCKET="latih", S3_ENDPOINT_URL="https://minio.example.go.id:9000"
    )
    for directive in ("img-src", "media-src", "connect-src"):
        assert "https://minio.example.go.id:9000" in policy[directive]
        assert "https://latih.minio.example.go.id:9000" in policy[directive]
    assert "minio" not in policy["script-src"]
    assert "minio" not in _policy_with(MEDIA_STORAGE="local")["media-src"]


def test_the_policy_is_what_the_settings_say(client, db):
    assert client.get(reverse("accounts:sign_in"))["Content-Security-Policy"] == (
        settings.CONTENT_SECURITY_POLICY
    )


# What the policy refuses, were it in a template.
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> block"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an inline event handler"),
    (re.compile(r"\bstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: address"),
    (re.compile(r"\bhx-on", re.I), "an hx-on handler (evaluated code)"),
]


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=str)
def test_templates_hold_nothing_inline(template):
    text = template.read_text()
    found = [what for pattern, what in INLINE if pattern.search(text)]
    assert not found, f"{template.relative_to(TEMPLATES)} has {', '.join(found)}"


def test_htmx_is_told_not_to_inject_its_styles():
    base = (TEMPLATES / "base.html").read_text()
    assert '"includeIndicatorStyles": false' in base
