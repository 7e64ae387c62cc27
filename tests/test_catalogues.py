"""The gettext catalogues are complete, not fuzzy, and keep the code's placeholders."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
LOCALE = SRC / "latih" / "locale"
LANGUAGES = ["id", "en"]

# %(name)s, %(length)d, %s, %d, %.2f ...; "%%" is a literal percent sign, not a placeholder.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGcou]")


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def _entries(language: str) -> list[polib.POEntry]:
    return [entry for entry in _catalogue(language) if not entry.obsolete]


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("%%", "")))


def _translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_header(language):
    catalogue = _catalogue(language)
    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata["Language"] == language
    assert "charset=UTF-8" in catalogue.metadata["Content-Type"]
    assert catalogue.metadata["Project-Id-Version"] == "Latih"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated(language):
    catalogue = _catalogue(language)
    match = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    assert match, "the header declares no Plural-Forms"
    nplurals = int(match.group(1))
    untranslated = []
    for entry in _entries(language):
        if entry.msgid_plural and len(entry.msgstr_plural) != nplurals:
            untranslated.append(entry.msgid)
        elif not all(text.strip() for text in _translations(entry)):
            untranslated.append(entry.msgid)
    assert not untranslated, f"untranslated in {language}: {untranslated}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy(language):
    fuzzy = [entry.msgid for entry in _entries(language) if "fuzzy" in entry.flags]
    assert not fuzzy, f"fuzzy in {language}: {fuzzy}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    wrong = []
    for entry in _entries(language):
        if not entry.msgid_plural:
            checks = [(entry.msgstr, _placeholders(entry.msgid), True)]
        else:
            # Every form may use the placeholders of the singular or the plural msgid (the
            # singular may drop the count: "one file"); the last, general form needs all the
            # plural's, as it is the only one in a language with a single form.
            allowed = _placeholders(entry.msgid) | _placeholders(entry.msgid_plural)
            forms = _translations(entry)
            checks = [(text, allowed, False) for text in forms[:-1]]
            checks.append((forms[-1], _placeholders(entry.msgid_plural), True))
        for text, expected, exact in checks:
            found = _placeholders(text)
            if found != expected if exact else not found <= expected:
                wrong.append((entry.msgid, sorted(expected), sorted(found)))
    assert not wrong, f"placeholders differ in {language} (msgid, expected, found): {wrong}"


def test_no_strings_are_missing_from_the_catalogue(tmp_path):
    if shutil.which("xgettext") is None:
        pytest.skip("xgettext (GNU gettext) is not on PATH: cannot extract strings from the code")
    copy = tmp_path / "latih"
    shutil.copytree(
        SRC / "latih",
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "static"),
    )
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    environment = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "latih.settings",
        "LATIH_VAR_DIR": str(var_dir),
    }
    # django-admin, not "python -m django": that would put the copy first on sys.path, where
    # latih/celery.py shadows the celery package. -P (Python 3.11+) does the same for the fallback.
    django_admin = Path(sys.executable).with_name("django-admin")
    command = (
        [str(django_admin)] if django_admin.exists() else [sys.executable, "-P", "-m", "django"]
    )
    result = subprocess.run(
        [*command, "makemessages", "-l", "id", "--no-location", "--no-obsolete"],
        cwd=copy,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"
    regenerated = polib.pofile(str(copy / "locale" / "id" / "LC_MESSAGES" / "django.po"))
    committed = {(entry.msgctxt, entry.msgid) for entry in _entries("id")}
    missing = [
        entry.msgid
        for entry in regenerated
        if not entry.obsolete and (entry.msgctxt, entry.msgid) not in committed
    ]
    assert not missing, (
        f"{len(missing)} string(s) in the code are missing from the catalogue; run makemessages "
        f"and translate them: {missing}"
    )
