"""The MIT-licensed files others wrote are in tests/fixtures/ with their notices, small; the
GPL-licensed Moodle files stay in ../shared/fixtures (its README asks so), and a test that
skips for want of them says why in the summary."""

import tomllib

from tests.conftest import ROOT
from tests.exams.formats.conftest import FIXTURES

NOTICES = {
    "gift/fuhrmanator": "gift/fuhrmanator/LICENSE",
    "gift/pygiftparser-mtommasi": "gift/pygiftparser-mtommasi/LICENSE",
}


def test_question_bank_fixtures_are_inside_the_checkout():
    assert FIXTURES.is_relative_to(ROOT)
    for folder in NOTICES:
        assert any((FIXTURES / folder).rglob("*.*")), folder


def test_every_copied_folder_keeps_its_licence_notice():
    readme = (FIXTURES / "README.md").read_text()
    for folder, notice in NOTICES.items():
        assert (FIXTURES / notice).is_file(), notice
        assert f"`{folder}/`" in readme
    copied = {
        path.parent.relative_to(FIXTURES).as_posix()
        for path in FIXTURES.rglob("*")
        if path.is_file() and path.name not in ("README.md", "SOURCES.md")
    }
    # Every folder with files lies under one whose licence is named.
    assert all(any(f"{folder}/".startswith(f"{known}/") for known in NOTICES) for folder in copied)


def test_fixtures_stay_small():
    size = sum(path.stat().st_size for path in FIXTURES.rglob("*") if path.is_file())
    assert size < 200_000, size


def test_skipped_tests_print_their_reason():
    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    report = [option for option in options["addopts"].split() if option.startswith("-r")]
    # "s": skips with their reasons; "f" and "E": failures and errors, pytest's default.
    assert report and {"s", "f", "E"} <= set(report[-1][2:])


def test_no_gpl_licensed_moodle_file_is_copied_into_the_project():
    """../shared/fixtures/README.md: the Moodle files are read from there, never copied."""
    assert not (FIXTURES / "moodlexml").exists()
    assert not (FIXTURES / "gift" / "moodle").exists()
    assert not list(FIXTURES.rglob("GPL*"))
