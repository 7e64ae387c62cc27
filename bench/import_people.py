"""Bulk enrolment: participants imported per second from a list of N rows, as the
organizer's upload runs it (``cohorts.imports.start_import``, then the job), next to two
baselines measured in the same run (shared machines are noisy: the ratios are the figures
to compare):

- parse: reading the same file with ``sheets.open_sheet(...).rows()`` alone;
- bulk_create: ``Person.objects.bulk_create`` of N plain rows (of another agency), 1000
  per transaction. They stay: the import then runs against a table already holding N
  people, as on a platform in use.

The list (default 100,000 rows, CSV as Excel saves it: UTF-8 with BOM, ";", CRLF) holds
valid, unique, agreeing NIP/NIK pairs (PPPK NIPs, NIKs of real regencies, women's day +40)
of one agency, spread over five units, and 4 % deliberately bad rows: an unknown NIK
region, a NIK whose birth date differs from the NIP's, a NIP already on an earlier line
and a NIK already on an earlier line (1 % each). The import must create and enrol every
valid row and record one problem per bad row. The same file uploaded a second time must
change nothing (created 0, updated 0, no new audit row): the idempotent re-import rate.

The upload is a TemporaryUploadedFile, as Django hands over any file above 2.5 MB.
``start_import`` (the request: digest, check, queue) and the job (``jobs.run``, as a
worker runs it) are timed apart: the job's dispatch is held back until start_import
returns. Peak memory is the resident set's high-water mark of each phase (reset between
phases through /proc/self/clear_refs; the process-wide ru_maxrss where that is missing).

A throw-away installation: SQLite in a temporary LATIH_VAR_DIR, or with --postgres a
PostgreSQL database created for the run and dropped afterwards
(postgres://postgres@127.0.0.1:5432/latih_bench_import_<pid>); migrate only, no demo.
On PostgreSQL the whole database is ANALYZEd after the baselines, as autovacuum would
have done by then. A server with autovacuum off (the run says so) keeps the statistics of
the last ANALYZE: when that saw accounts_person nearly empty, the deferred foreign-key
checks at COMMIT (PersonChange.person and .actor, Enrollment.person: three per row) are
planned as sequential scans of accounts_person, and the import turns quadratic (a
1000-row chunk's COMMIT taking seconds, growing).

About a minute per database on 2 cores at the default size.

Run: .venv/bin/python bench/import_people.py [--rows 100000] [--postgres]
     [--xlsx [--xlsx-rows 20000]]  (also an XLSX written by openpyxl's write-only mode,
                                    without <dimension>; reading is slow)
     [--profile 20000]  (only: cProfile of the import job of that many rows, top functions)
"""

import argparse
import cProfile
import csv
import datetime as dt
import io
import os
import pstats
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from _django import ROOT
from _server import create_database

HEADER = (
    "NIP",
    "NIK",
    "Nama",
    "Tempat Lahir",
    "Email",
    "Nomor HP",
    "Instansi",
    "Unit Kerja",
    "Jabatan",
)
UNITS = ("Bidang Umum", "Bidang Mutasi", "Bidang Pengembangan", "Sekretariat", "Bidang Data")
BATCH = 1000
FIRST_BIRTH = dt.date(1970, 1, 1)
BIRTH_DAYS = 10_000  # 1970-01-01 .. 1997-05-19: two-digit years stay unique
# Every 100 rows, these are bad (the rows just before them are always valid).
BAD_REGION, BAD_BIRTH, DUPLICATE_NIP, DUPLICATE_NIK = 17, 41, 63, 89


# --- The installation -------------------------------------------------------------------------
def setup_django(var_dir: Path, url: str) -> None:
    """Django on a throw-away installation, migrated; no demo (nothing but this bench's)."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "latih.settings"
    os.environ["LATIH_VAR_DIR"] = str(var_dir)
    os.environ["MEDIA_ROOT"] = str(var_dir / "media")
    os.environ["STATICFILES_BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    for name in ("REDIS_URL", "CELERY_BROKER_URL", "MEDIA_STORAGE", "DATABASE_URL"):
        os.environ.pop(name, None)
    if url:
        os.environ["DATABASE_URL"] = url

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def database_name() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version} (WAL, synchronous=NORMAL)"


@dataclass
class Place:
    organizer: object
    agency: object
    course: object
    cohort: object
    other_agency: object  # the baseline's people
    baseline_next: int = 0  # the next baseline person's number


def make_place() -> Place:
    from latih.accounts.models import Person, Role
    from latih.agencies.models import Agency
    from latih.learning.models import Cohort, Course

    agency = Agency.objects.create(name="Pemerintah Kabupaten Ngawi", code="ngawi")
    course = Course.objects.create(
        title="Pelatihan Dasar PPPK", slug="latsar-pppk", hours=24, is_published=True
    )
    cohort = Cohort.objects.create(
        course=course,
        name="Angkatan Nasional I",
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 4, 30),
    )
    birth = dt.date(1965, 5, 5)  # before every generated person
    organizer = Person.objects.create_user(
        f"{birth:%Y%m%d}199003" + "1001",
        None,
        nik=f"352101{birth:%d%m%y}0001",
        name="Penyelenggara Bench",
        role=Role.ORGANIZER,
    )
    other = Agency.objects.create(name="Instansi Pembanding", code="pembanding")
    return Place(organizer, agency, course, cohort, other)


# --- The list ---------------------------------------------------------------------------------
class Identities:
    """Fresh, unique people: identity k is born on FIRST_BIRTH + k % BIRTH_DAYS with
    sequence number k // BIRTH_DAYS + 1, so (birth date, sequence) never repeats."""

    def __init__(self, regions: list[str], first: int = 0) -> None:
        self.regions = regions
        self.next = first

    def take(self) -> tuple[int, dt.date, bool, int]:
        k = self.next
        self.next += 1
        birth = FIRST_BIRTH + dt.timedelta(days=k % BIRTH_DAYS)
        return k, birth, (k // 3) % 2 == 1, k // BIRTH_DAYS + 1

    def region(self, k: int) -> str:
        return self.regions[k % len(self.regions)]


def nip_for(birth: dt.date, woman: bool, seq: int) -> str:
    """A PPPK NIP (as tests/factories.py writes them)."""
    return f"{birth:%Y%m%d}202421{2 if woman else 1}{seq:03d}"


def nik_for(birth: dt.date, woman: bool, seq: int, region: str) -> str:
    return f"{region}{birth.day + (40 if woman else 0):02d}{birth:%m%y}{seq:04d}"


def person_row(k: int, nip: str, nik: str, agency_code: str) -> list[str]:
    return [
        nip,
        nik,
        f"Peserta Impor {k}",
        ("Ngawi", "Madiun", "Bandung", "Makassar")[k % 4],
        f"peserta{k}@example.go.id",
        f"0812-3456-{k % 10_000:04d}",
        agency_code,
        UNITS[k % len(UNITS)],
        "Analis Sumber Daya Manusia Aparatur",
    ]


def make_rows(count: int, identities: Identities, agency_code: str) -> tuple[list[list[str]], int]:
    """``count`` rows, 4 % of them bad; returns the rows and how many are bad."""
    rows: list[list[str]] = []
    made: list[tuple[int, dt.date, bool, int]] = []  # the identity of each row
    bad = 0
    for index in range(count):
        k, birth, woman, seq = identities.take()
        region = identities.region(k)
        nip, nik = nip_for(birth, woman, seq), nik_for(birth, woman, seq, region)
        slot = index % 100
        if slot == BAD_REGION:
            nik = nik_for(birth, woman, seq, "000101")  # no such regency
        elif slot == BAD_BIRTH:
            # The day after the NIP's birth date (a sequence no valid NIK uses).
            nik = nik_for(birth + dt.timedelta(days=1), woman, 8000 + seq, region)
        elif slot == DUPLICATE_NIP:
            # The previous row's NIP with a NIK that agrees with it.
            _k, birth, woman, seq = made[-1]
            nip = nip_for(birth, woman, seq)
            nik = nik_for(birth, woman, 5000 + seq, region)
        elif slot == DUPLICATE_NIK:
            # The NIK of the row two above, with a NIP of the same birth date and gender.
            before = made[-2]
            _k, birth, woman, seq = before
            nip = nip_for(birth, woman, 500 + seq)
            nik = rows[-2][1]
        if slot in (BAD_REGION, BAD_BIRTH, DUPLICATE_NIP, DUPLICATE_NIK):
            bad += 1
        made.append((k, birth, woman, seq))
        rows.append(person_row(k, nip, nik, agency_code))
    return rows, bad


def csv_bytes(rows: list[list[str]]) -> bytes:
    """As Excel saves "CSV UTF-8" in an Indonesian locale: BOM, ";" and CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    """A workbook with a "Peserta" sheet, every cell text, written by openpyxl."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Peserta")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- Measuring --------------------------------------------------------------------------------
def reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # resets VmHWM, the resident set's high-water mark
    except OSError:
        pass


def _status_mb(field: str) -> float | None:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def peak_mb() -> float:
    """The resident set's high-water mark since the last reset_peak(), in MB."""
    peak = _status_mb("VmHWM")
    if peak is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return peak


def rss_mb() -> float:
    return _status_mb("VmRSS") or 0.0


@dataclass
class Phase:
    name: str
    rows: int
    seconds: float
    peak: float
    start: float  # resident set when the phase began, MB


def measured(name: str, rows: int, action) -> tuple[Phase, object]:
    reset_peak()
    start = rss_mb()
    began = time.perf_counter()
    outcome = action()
    return Phase(name, rows, time.perf_counter() - began, peak_mb(), start), outcome


def parse_file(path: Path, name: str) -> int:
    from latih.cohorts import sheets

    return sum(1 for _row in sheets.open_sheet(path, name).rows())


def bulk_create_people(place: Place, count: int) -> int:
    """``count`` plain people, BATCH per transaction; the baseline of writing them."""
    from django.db import transaction

    from latih.accounts.models import Person

    birth = dt.date(1980, 1, 1)
    first, place.baseline_next = place.baseline_next, place.baseline_next + count
    agency_id = place.other_agency.pk
    for start in range(first, first + count, BATCH):
        with transaction.atomic():
            Person.objects.bulk_create(
                [
                    Person(
                        nip=f"9{n:017d}",
                        nik=f"9{n:015d}",
                        name=f"Baseline {n}",
                        birth_date=birth,
                        gender="M",
                        agency_id=agency_id,
                        password="!",
                    )
                    for n in range(start, min(first + count, start + BATCH))
                ],
                batch_size=BATCH,
            )
    return count


def analyze() -> None:
    """PostgreSQL: fresh planner statistics, as autovacuum keeps them."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def autovacuum() -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        return f", autovacuum {cursor.fetchone()[0]}"


def uploaded(data: bytes, name: str):
    """The file as Django hands over an upload above 2.5 MB: in a temporary file."""
    from django.core.files.uploadedfile import TemporaryUploadedFile

    content_type = "text/csv" if name.endswith(".csv") else "application/octet-stream"
    upload = TemporaryUploadedFile(name, content_type, len(data), None)
    upload.write(data)
    upload.seek(0)
    return upload


class HeldDispatch:
    """Queued jobs are noted instead of run, so that the request and the job are timed
    apart; the job then runs through jobs.run, as a worker runs it."""

    def __enter__(self) -> list[int]:
        from latih.cohorts import jobs

        self.jobs = jobs
        self.original = jobs.dispatch
        self.held: list[int] = []
        jobs.dispatch = self.held.append
        return self.held

    def __exit__(self, *exc: object) -> None:
        self.jobs.dispatch = self.original


def import_file(place: Place, data: bytes, name: str, rows: int, label: str):
    """start_import, then the job; returns the two phases and the finished job."""
    from latih.cohorts import imports, jobs

    upload = uploaded(data, name)
    try:
        with HeldDispatch() as held:
            start, (job, created) = measured(
                "  start_import (request)",
                rows,
                lambda: imports.start_import(place.organizer, place.cohort, upload),
            )
        if not created or held != [job.pk]:
            raise RuntimeError(f"the upload did not queue a new job: {job}, held {held}")
        run, _ = measured("  the job (jobs.run)", rows, lambda: jobs.run(job.pk))
    finally:
        upload.close()
    job.refresh_from_db()
    if job.status != "done":
        raise RuntimeError(f"{label}: job {job.pk} {job.status}: {job.error}")
    whole = Phase(label, rows, start.seconds + run.seconds, max(start.peak, run.peak), start.start)
    return [whole, start, run], job


def counts_line(job) -> str:
    keys = ("rows", "bad", "created", "updated", "unchanged", "enrolled")
    return ", ".join(f"{key} {job.counts.get(key, 0)}" for key in keys)


def check_first(place: Place, job, valid: int, bad: int) -> list[str]:
    from latih.accounts.models import Person, PersonChange
    from latih.cohorts.models import ImportProblem
    from latih.learning.models import Enrollment

    found = {
        "people of the agency": Person.objects.filter(agency=place.agency).count(),
        "enrolments in the cohort": Enrollment.objects.filter(cohort=place.cohort).count(),
        "created (job)": job.counts.get("created", 0),
        "enrolled (job)": job.counts.get("enrolled", 0),
        "audit rows 'account'": PersonChange.objects.filter(field="account").count(),
    }
    problems = [
        f"{what}: {count}, expected {valid}" for what, count in found.items() if count != valid
    ]
    recorded = ImportProblem.objects.filter(job=job).count()
    if recorded != bad or job.counts.get("bad") != bad:
        problems.append(
            f"problems recorded {recorded} (job: {job.counts.get('bad')}), expected {bad}"
        )
    return problems


def problem_reasons(job) -> Counter:
    """The recorded reasons, line numbers and codes written as #."""
    from latih.cohorts.models import ImportProblem

    reasons = ImportProblem.objects.filter(job=job).values_list("reason", flat=True)
    return Counter(re.sub(r"\d+", "#", reason) for reason in reasons)


# --- The run ----------------------------------------------------------------------------------
def print_table(phases: list[Phase], parse: Phase, write: Phase) -> None:
    print(
        "   phase                         rows  seconds    rows/s  time/parse  "
        "time/bulk_create  peak RSS MB  (growth)"
    )
    for phase in phases:
        rate = phase.rows / phase.seconds if phase.seconds else float("inf")
        print(
            f"   {phase.name:<26} {phase.rows:8d} {phase.seconds:8.2f} {rate:9.0f}"
            f"  {phase.seconds / parse.seconds:9.2f}x  {phase.seconds / write.seconds:15.2f}x"
            f"  {phase.peak:11.0f}  {phase.peak - phase.start:+7.0f}"
        )


def run_list(place: Place, var_dir: Path, rows: list[list[str]], bad: int, kind: str) -> bool:
    """Baselines, the import, the re-import and the checks, for one file; True when all
    checks passed."""
    from latih.accounts.models import PersonChange
    from latih.learning.models import Enrollment

    count = len(rows)
    valid = count - bad
    name = f"peserta.{kind}"
    data = csv_bytes(rows) if kind == "csv" else xlsx_bytes(rows)
    path = var_dir / name
    path.write_bytes(data)
    rows.clear()  # the file is what the phases read: the list would only weigh on memory
    print()
    print(
        f"{kind.upper()}: {count} rows ({len(data) / 2**20:.1f} MB), {valid} valid, {bad} bad "
        f"({bad / count:.1%}: unknown NIK region, NIK birth date not the NIP's, NIP or NIK "
        f"already on an earlier line)"
    )
    if kind == "xlsx":
        print(
            "   (written by openpyxl's write-only mode, which records no <dimension>: "
            "Sheet.count() then reads the whole sheet, in start_import's request too)"
        )

    parse, parsed = measured("parse (sheets rows())", count, lambda: parse_file(path, name))
    if parsed != count:
        raise RuntimeError(f"parsed {parsed} rows of {count}")
    write, _ = measured("bulk_create Person", count, lambda: bulk_create_people(place, count))
    analyze()

    first, job = import_file(place, data, name, count, "import (request + job)")
    problems = check_first(place, job, valid, bad) if kind == "csv" else []
    if kind != "csv":  # the CSV's people are there too: judge this file by its job
        if (job.counts.get("created"), job.counts.get("enrolled"), job.counts.get("bad")) != (
            valid,
            valid,
            bad,
        ):
            problems.append(f"expected created = enrolled = {valid}, bad = {bad}")
    reasons = problem_reasons(job)

    audit = PersonChange.objects.count()
    enrolments = Enrollment.objects.count()
    again, second = import_file(place, data, name, count, "re-import (same file)")
    if second.counts.get("created") or second.counts.get("updated"):
        problems.append(f"the re-import changed people: {counts_line(second)}")
    if second.counts.get("enrolled") or Enrollment.objects.count() != enrolments:
        problems.append("the re-import enrolled people again")
    if PersonChange.objects.count() != audit:
        problems.append(f"the re-import wrote {PersonChange.objects.count() - audit} audit rows")
    if second.counts.get("unchanged") != valid or second.counts.get("bad") != bad:
        problems.append(f"the re-import: {counts_line(second)}")

    print_table([parse, write, *first, *again], parse, write)
    print(f"   first import:  {counts_line(job)}")
    print(f"   re-import:     {counts_line(second)}")
    print(f"   problems recorded: {sum(reasons.values())}, by reason (numbers as #):")
    for reason, times in reasons.most_common():
        print(f"     {times:6d}  {reason}")
    print(
        f"   import {count / first[0].seconds:.0f} rows/s ({first[0].seconds / parse.seconds:.1f}x "
        f"the parse, {first[0].seconds / write.seconds:.1f}x the bulk_create); re-import "
        f"{count / again[0].seconds:.0f} rows/s; 100,000 rows in "
        f"{100_000 / (count / first[0].seconds) / 60:.1f} min"
    )
    for problem in problems:
        print(f"   FAIL: {problem}")
    if not problems:
        print(
            f"   checks: {valid} people created and enrolled, {bad} problems, re-import "
            "changed nothing: OK"
        )
    return not problems


def profile_import(place: Place, var_dir: Path, count: int) -> None:
    """cProfile of the import job of ``count`` rows (start_import not included)."""
    from latih.cohorts import imports, jobs

    rows, bad = make_rows(count, Identities(regions(), first=0), place.agency.code)
    data = csv_bytes(rows)
    upload = uploaded(data, "peserta.csv")
    with HeldDispatch():
        job, _ = imports.start_import(place.organizer, place.cohort, upload)
    upload.close()
    profiler = cProfile.Profile()
    began = time.perf_counter()
    profiler.runcall(jobs.run, job.pk)
    elapsed = time.perf_counter() - began
    job.refresh_from_db()
    print(
        f"profile: the import job of {count} CSV rows ({bad} bad), {elapsed:.1f} s under "
        f"cProfile, {job.status}: {counts_line(job)}"
    )
    for order, limit in (("cumulative", 25), ("tottime", 15)):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats(order).print_stats(limit)
        text = out.getvalue()
        print(f"--- top {limit} by {order}")
        print(text[text.find("   ncalls") :].rstrip())


def regions() -> list[str]:
    from latih.accounts import rules

    codes = sorted(rules.load_regency_codes())
    return [code + "01" for code in codes[:: max(1, len(codes) // 8)]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the CSV list")
    parser.add_argument("--postgres", action="store_true", help="a scratch PostgreSQL database")
    parser.add_argument("--xlsx", action="store_true", help="also an XLSX list")
    parser.add_argument("--xlsx-rows", type=int, default=20_000, help="rows of the XLSX list")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="ROWS", help="only profile an import"
    )
    options = parser.parse_args()

    # A timeout's SIGTERM still drops the scratch database and removes the directory.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    var_dir = Path(tempfile.mkdtemp(prefix="latih-bench-"))
    url = ""
    drop_database = None
    ok = True
    try:
        began = time.perf_counter()
        if options.postgres:
            url = f"postgres://postgres@127.0.0.1:5432/latih_bench_import_{os.getpid()}"
            drop_database = create_database(url)
        setup_django(var_dir, url)
        import logging

        logging.getLogger("latih").setLevel(logging.ERROR)
        place = make_place()
        print(
            f"import_people bench: {os.cpu_count()} CPUs, {database_name()}{autovacuum()}, "
            f"chunks of 1000 rows per transaction; setup {time.perf_counter() - began:.1f} s, load "
            f"average {' '.join(f'{v:.2f}' for v in os.getloadavg())}"
        )
        if options.profile:
            profile_import(place, var_dir, options.profile)
            return 0
        identities = Identities(regions())
        rows, bad = make_rows(options.rows, identities, place.agency.code)
        ok = run_list(place, var_dir, rows, bad, "csv")
        del rows
        if options.xlsx:
            rows, bad = make_rows(options.xlsx_rows, identities, place.agency.code)
            ok = run_list(place, var_dir, rows, bad, "xlsx") and ok
        print(
            f"whole run: {time.perf_counter() - began:.0f} s, load average at the end "
            f"{' '.join(f'{v:.2f}' for v in os.getloadavg())}"
        )
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if drop_database is not None:
            drop_database()
        shutil.rmtree(var_dir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
