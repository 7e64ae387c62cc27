"""Small files must not fill the database (Trust #4): a participant list costs what its
bounds allow, whatever it holds.

The attack: an XLSX of a few kilobytes whose rows all point at one 2 MB shared string
stored 42 MB of problem rows, and a 97 KB file made a 94 MB job page.
"""

from dataclasses import replace
from itertools import count

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from latih.cohorts import imports, sheets
from latih.cohorts.models import ImportProblem
from latih.cohorts.sheets import SheetError, open_sheet
from latih.common import spreadsheets_limits as bounds
from tests.upload_craft import shared_string_workbook, zip_bomb_workbook

from .conftest import HEADER, csv_bytes
from .test_import import person_row

HUGE = 2 * 1024 * 1024
CELL = sheets.LIMITS.max_cell_chars + len(bounds.CUT_MARK)


@pytest.fixture
def huge_job(organizer, cohort, django_capture_on_commit_callbacks):
    """The attack file, imported by an organizer: 1,100 rows of one 2 MB string."""
    content = shared_string_workbook(HEADER, rows=1100, huge=HUGE)
    assert len(content) < 8 * 1024
    with django_capture_on_commit_callbacks(execute=True):
        job, _created = imports.start_import(
            organizer, cohort, SimpleUploadedFile("peserta.xlsx", content)
        )
    job.refresh_from_db()
    return job


def test_a_small_workbook_of_one_huge_string_stores_bounded_problems(huge_job):
    assert huge_job.status == "done", huge_job.error
    assert huge_job.counts["bad"] == 1100
    stored = list(ImportProblem.objects.filter(job=huge_job))
    assert len(stored) == imports.MAX_PROBLEMS == 1000
    assert huge_job.counts["unlisted"] == 100
    assert [problem.line for problem in stored] == list(range(2, 1002))  # the first ones
    for problem in stored:
        assert all(len(value) <= CELL for value in problem.values.values())
        assert len(problem.reason) <= imports.MAX_REASON
    assert stored[0].values["name"] == "x" * sheets.LIMITS.max_cell_chars + "…"
    size = sum(len(problem.reason) + sum(map(len, problem.values.values())) for problem in stored)
    assert size < 3_000_000  # was 1,100 rows × 9 cells × 2 MB


def test_the_job_page_is_paginated_and_small(
    huge_job, organizer_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = organizer_client.get(f"/cohorts/jobs/{huge_job.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 200_000
    assert page.count('data-testid="problem"') == 50
    assert "Halaman 1 dari 20" in page
    assert "100 baris bermasalah lainnya tidak ditampilkan" in page
    last = organizer_client.get(f"/cohorts/jobs/{huge_job.pk}/?page=20").content.decode()
    assert last.count('data-testid="problem"') == 50 and ">1001<" in last
    fragment = organizer_client.get(f"/cohorts/jobs/{huge_job.pk}/?page=2", HTTP_HX_REQUEST="true")
    assert len(fragment.content) < 200_000


def test_the_error_file_holds_the_kept_rows(huge_job, organizer_client):
    response = organizer_client.get(f"/cohorts/jobs/{huge_job.pk}/problems.csv")
    content = b"".join(response.streaming_content)
    assert len(content.decode("utf-8-sig").strip().splitlines()) == 1 + 1000
    assert len(content) < 4_000_000


def test_the_kept_problems_stay_bounded_across_chunks_and_a_restart(
    organizer, cohort, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports, "CHUNK", 4)
    monkeypatch.setattr(imports, "MAX_PROBLEMS", 6)
    content = csv_bytes([person_row(n, "Entah") for n in range(1, 12)])
    with django_capture_on_commit_callbacks(execute=True):
        job, _created = imports.start_import(
            organizer, cohort, SimpleUploadedFile("p.csv", content)
        )
    job.refresh_from_db()
    assert ImportProblem.objects.filter(job=job).count() == 6
    assert (job.counts["bad"], job.counts["unlisted"]) == (11, 5)


# --- The reader's own bounds ------------------------------------------------------------------


def write(tmp_path, content: bytes, name: str = "p.csv"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_every_cell_is_cut_to_the_bound_and_marked(tmp_path):
    path = write(tmp_path, csv_bytes([["1" * 18, "2" * 16, "N" * 5000]]))
    (row,) = open_sheet(path, "p.csv").rows()
    assert row.values["name"] == "N" * sheets.LIMITS.max_cell_chars + "…"


def test_a_csv_line_past_the_bound_is_refused_before_it_is_read_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "LIMITS", replace(sheets.LIMITS, max_line_chars=100))
    path = write(tmp_path, csv_bytes([["1", "2", "3"], ["ab;" * 1000]]))
    sheet = open_sheet(path, "p.csv")
    with pytest.raises(SheetError, match="Baris 3 berkas lebih panjang dari 100 karakter"):
        list(sheet.rows())


def test_a_row_keeps_at_most_the_bounded_number_of_cells(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "LIMITS", replace(sheets.LIMITS, max_columns=3))
    content = shared_string_workbook(HEADER, rows=2, huge=10, columns=5000)
    path = write(tmp_path, content, "p.xlsx")
    sheet = open_sheet(path, "p.xlsx")
    records = list(sheet._records())
    assert all(len(cells) <= 3 for _line, cells in records)
    assert [row.values["name"] for row in sheet.rows()] == ["x" * 10, "x" * 10]


def test_reading_stops_past_the_time_bound(tmp_path, monkeypatch):
    ticks = count()
    monkeypatch.setattr(bounds, "monotonic", lambda: float(next(ticks)))  # a second a call
    monkeypatch.setattr(sheets, "LIMITS", replace(sheets.LIMITS, max_seconds=30))
    path = write(tmp_path, csv_bytes([person_row(n) for n in range(100)]))
    sheet = open_sheet(path, "p.csv")
    read = []
    with pytest.raises(SheetError, match="melebihi 30 detik"):
        read.extend(sheet.rows())
    assert len(read) < 30


def test_time_spent_by_the_caller_between_rows_does_not_count(tmp_path, monkeypatch):
    now = [0.0]
    monkeypatch.setattr(bounds, "monotonic", lambda: now[0])
    monkeypatch.setattr(sheets, "LIMITS", replace(sheets.LIMITS, max_seconds=30))
    path = write(tmp_path, csv_bytes([person_row(n) for n in range(5)]))
    rows = 0
    for _row in open_sheet(path, "p.csv").rows():
        now[0] += 100  # the job writing a chunk to the database
        rows += 1
    assert rows == 5


def test_counting_stops_at_the_row_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "LIMITS", replace(sheets.LIMITS, max_rows=10))
    path = write(tmp_path, csv_bytes([["1", "2", "3"]] * 1000))
    sheet = open_sheet(path, "p.csv")
    seen = []
    real = sheet._data_rows

    def spy():
        for row in real():
            seen.append(row)
            yield row

    monkeypatch.setattr(sheet, "_data_rows", spy)
    with pytest.raises(SheetError, match="10"):
        sheet.count()
    assert len(seen) == 11


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "LIMITS", replace(sheets.LIMITS, max_part=1024 * 1024))
    content = zip_bomb_workbook(HEADER, unpacked=2 * 1024 * 1024)
    assert len(content) < 8 * 1024
    path = write(tmp_path, content, "p.xlsx")
    opened = []
    monkeypatch.setattr(sheets, "_open_worksheet", lambda *args: opened.append(args))
    with pytest.raises(SheetError, match="terlalu besar"):
        open_sheet(path, "p.xlsx")
    assert not opened
