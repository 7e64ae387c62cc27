"""The address in certificates' QR codes is right: the embedded server's own address
(whatever port it listens on), and in production the SITE_URL it must be given."""

import io
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from pypdf import PdfReader

from latih.certificates import services
from latih.certificates.addresses import problem, served_at
from latih.core.management.commands.serve import Command
from tests.conftest import ROOT
from tests.core.test_settings import PRODUCTION, _run, _settings

WITHOUT_SITE_URL = {k: v for k, v in PRODUCTION.items() if k != "SITE_URL"}


@pytest.mark.parametrize(
    "address, port, url",
    [
        ("127.0.0.1", 9000, "http://127.0.0.1:9000"),
        ("127.0.0.1", "8000", "http://127.0.0.1:8000"),
        ("::1", 8000, "http://[::1]:8000"),
        ("localhost", 8123, "http://localhost:8123"),
        ("192.168.1.20", 8000, "http://192.168.1.20:8000"),
    ],
)
def test_the_embedded_address_is_where_the_server_listens(address, port, url):
    assert served_at(address, port) == url


@pytest.mark.parametrize("address", ["0.0.0.0", "0", "::"])
def test_a_server_on_every_interface_is_reached_by_a_real_address(address):
    url = served_at(address, 8000)
    assert url.endswith(":8000")
    assert "0.0.0.0" not in url and "[::]" not in url and url != "http://0:8000"


@pytest.mark.parametrize(
    "site_url, embedded, refused",
    [
        ("https://latih.example.go.id", False, False),
        ("https://latih.example.go.id/pelatihan", False, False),
        ("http://10.0.0.5:8000", False, False),
        ("", False, True),
        ("", True, False),
        ("latih.example.go.id", False, True),
        ("ftp://latih.example.go.id", True, True),
        ("https://", False, True),
        ("https://latih.example.go.id/?x=1", False, True),
    ],
)
def test_which_site_urls_production_accepts(site_url, embedded, refused):
    assert (problem(site_url, embedded=embedded) is not None) == refused


def _serve(port, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # no sweep thread in a test
    command = Command(stdout=io.StringIO())
    command.addr, command.port, command._raw_ipv6, command.use_ipv6 = (
        "127.0.0.1",
        str(port),
        False,
        False,
    )
    command.protocol = "http"
    command.on_bind(port)
    return command


def test_the_qr_code_follows_the_port_the_server_listens_on(certificate, settings, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    settings.SITE_URL = "http://127.0.0.1:8000"
    _serve(9000, settings)
    assert settings.SITE_URL == "http://127.0.0.1:9000"
    services.render(certificate)
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as handle:
        text = "".join(page.extract_text() for page in PdfReader(handle).pages)
    assert f"http://127.0.0.1:9000/v/{certificate.token}/" in text.replace("\n", "")
    assert "127.0.0.1:8000" not in text


def test_a_site_url_given_is_kept_by_the_server(settings, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://latih.example.go.id")
    settings.SITE_URL = "https://latih.example.go.id"
    _serve(9000, settings)
    assert settings.SITE_URL == "https://latih.example.go.id"


def test_no_certificate_is_printed_without_an_address(certificate, settings):
    settings.SITE_URL = ""
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        services.verify_url(certificate)


def test_embedded_commands_use_the_port_make_run_was_given(tmp_path):
    assert _settings({"PORT": "9000"}, tmp_path, "SITE_URL") == {
        "SITE_URL": "http://127.0.0.1:9000"
    }
    values = _settings(PRODUCTION, tmp_path, "SITE_URL", "EMBEDDED")
    assert values == {"SITE_URL": "https://latih.example.go.id", "EMBEDDED": "False"}


@pytest.mark.parametrize("args", [["check"], ["check", "--deploy"]])
def test_production_without_site_url_fails_the_check(tmp_path, args):
    result = _run(args, WITHOUT_SITE_URL, tmp_path)
    assert result.returncode != 0
    assert "latih.E001" in result.stderr and "SITE_URL is not set" in result.stderr


def test_a_production_server_does_not_start_without_site_url(tmp_path):
    code = ["-c", "import latih.wsgi"]
    result = _run_python(code, WITHOUT_SITE_URL, tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SITE_URL is not set" in result.stderr
    assert _run_python(code, PRODUCTION, tmp_path).returncode == 0


def _run_python(args, extra_env, tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION and k != "DJANGO_ALLOW_ASYNC_UNSAFE" and not k.startswith("LATIH_")
    }
    env.update(extra_env, LATIH_VAR_DIR=str(tmp_path), PYTHONPATH=str(ROOT / "src"))
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
