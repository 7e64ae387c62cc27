"""What the embedded mode keeps in var/ (the database with NIKs, the secret key, uploads)
is readable by the account that runs Latih only: directories 0700, files 0600."""

import os
import stat
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# Saves one upload through the default storage, as the learning and cohort pages do.
SAVE_UPLOAD = """
import django
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
print(default_storage.save("materials/2026/07/slides.pdf", ContentFile(b"%PDF-1.4")))
"""


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def _run(args, var, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SECRET_KEY", "DATABASE_URL", "MEDIA_ROOT", "MEDIA_STORAGE", "REDIS_URL")
    }
    env.update(LATIH_VAR_DIR=str(var), PYTHONPATH=str(ROOT / "src"), **extra)
    env["DJANGO_SETTINGS_MODULE"] = "latih.settings"
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=180
    )


@pytest.fixture(scope="module")
def var(tmp_path_factory):
    """A fresh installation: migrated, with one upload."""
    var = tmp_path_factory.mktemp("install") / "var"
    migrated = _run([str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"], var)
    assert migrated.returncode == 0, migrated.stderr
    saved = _run(["-c", SAVE_UPLOAD], var)
    assert saved.returncode == 0, saved.stderr
    return var


def test_var_is_private_to_the_account(var):
    assert _mode(var) == 0o700


@pytest.mark.parametrize("name", ["secret_key", "latih.sqlite3"])
def test_the_key_and_the_database_are_private(var, name):
    assert _mode(var / name) == 0o600


def test_uploads_and_their_folders_are_private(var):
    assert _mode(var / "media") == 0o700
    assert _mode(var / "media" / "materials" / "2026" / "07") == 0o700
    assert _mode(var / "media" / "materials" / "2026" / "07" / "slides.pdf") == 0o600


def test_files_an_older_version_left_readable_are_tightened(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    (var / "secret_key").write_text("an-old-key-" * 5)
    (var / "latih.sqlite3").write_bytes(b"")
    for name in ("secret_key", "latih.sqlite3"):
        os.chmod(var / name, 0o644)
    result = _run([str(ROOT / "manage.py"), "check"], var)
    assert result.returncode == 0, result.stderr
    assert _mode(var / "secret_key") == 0o600
    assert _mode(var / "latih.sqlite3") == 0o600
    assert (var / "secret_key").read_text() == "an-old-key-" * 5
