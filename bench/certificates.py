"""Certificates issued and rendered per second: the certificates job of a finalized cohort
(``certificates.services.run_issuance`` through ``cohorts.jobs.run``, as a worker runs
it), next to two baselines measured in the same process and run (shared machines are
noisy: the ratios are the figures to compare), half before and half after the job:

- minimal PDF: a one-page ReportLab canvas with one drawString;
- pdf.render: the certificate's own layout (``certificates.pdf.render``), without the
  database or the storage.

A throw-away installation: SQLite in a temporary LATIH_VAR_DIR (MEDIA_ROOT inside it), or
with --postgres a PostgreSQL database created for the run and dropped afterwards
(postgres://postgres@127.0.0.1:5432/latih_bench_certificates_<pid>); migrate only, then
ANALYZE once the cohort is written.
A course with its certificate settings, a cohort, COUNT people (one agency) each with a
passing FinalResult (bulk_create), the cohort marked final. The job numbers and snapshots
every certificate, writes the hours ledger, then renders and stores each PDF; the time
inside pdf.render and inside services.render (PDF + storage + its UPDATE) is measured
apart. Afterwards: COUNT valid certificates, each with its PDF on disk and a distinct
number, COUNT hours entries; and the job run again must issue 0 and render 0.

About 35 s at the default 1,000 on 2 cores; --count 10000 about 3 minutes on SQLite.

Run: .venv/bin/python bench/certificates.py [--count 1000] [--postgres] [--baseline 500]
"""

import argparse
import datetime as dt
import io
import os
import shutil
import signal
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from _django import ROOT
from _server import create_database

FIRST_BIRTH = dt.date(1970, 1, 1)
BIRTH_DAYS = 10_000
BATCH = 1000


def setup_django(var_dir: Path, url: str) -> None:
    """Django on a throw-away installation, migrated; no demo."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "latih.settings"
    os.environ["LATIH_VAR_DIR"] = str(var_dir)
    os.environ["MEDIA_ROOT"] = str(var_dir / "media")
    os.environ["STATICFILES_BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    os.environ["SITE_URL"] = "https://latih.lan.go.id"
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


def make_cohort(count: int):
    """A finalized cohort whose ``count`` participants all passed; returns (cohort,
    organizer)."""
    from django.db import transaction

    from latih.accounts.models import Person, Role
    from latih.agencies.models import Agency
    from latih.cohorts.models import FinalResult
    from latih.common import clock
    from latih.learning.models import Cohort, Course, Enrollment

    agency = Agency.objects.create(name="Pemerintah Kabupaten Ngawi", code="ngawi")
    course = Course.objects.create(
        title="Pelatihan Dasar Calon Pegawai Pemerintah dengan Perjanjian Kerja",
        slug="latsar-pppk",
        hours=24,
        is_published=True,
        certificate_issuer="Lembaga Administrasi Negara",
        certificate_place="Jakarta",
        signatory_name="Dr. Ratna Sari Dewi, S.Sos., M.Si.",
        signatory_title="Kepala Pusat Pembinaan Program dan Kebijakan Pengembangan Kompetensi ASN",
        signatory_nip="197304151998032001",
    )
    cohort = Cohort.objects.create(
        course=course,
        name="Angkatan Nasional I",
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 4, 30),
    )
    birth = dt.date(1965, 5, 5)
    organizer = Person.objects.create_user(
        f"{birth:%Y%m%d}199003" + "1001",
        None,
        nik=f"352101{birth:%d%m%y}0001",
        name="Penyelenggara Bench",
        role=Role.ORGANIZER,
    )
    now = clock.now()
    for start in range(0, count, BATCH):
        people = []
        for k in range(start, min(count, start + BATCH)):
            born = FIRST_BIRTH + dt.timedelta(days=k % BIRTH_DAYS)
            woman, seq = k % 2 == 1, k // BIRTH_DAYS + 1
            people.append(
                Person(
                    nip=f"{born:%Y%m%d}202421{2 if woman else 1}{seq:03d}",
                    nik=f"352101{born.day + (40 if woman else 0):02d}{born:%m%y}{seq:04d}",
                    name=f"Peserta Sertifikat {k} {'Binti' if woman else 'Bin'} Contoh Nama",
                    birth_date=born,
                    gender="F" if woman else "M",
                    agency=agency,
                    password="!",
                    date_joined=now,
                )
            )
        with transaction.atomic():
            Person.objects.bulk_create(people)
            ids = list(
                Person.objects.filter(nip__in=[p.nip for p in people]).values_list("pk", flat=True)
            )
            Enrollment.objects.bulk_create(
                [
                    Enrollment(person_id=pk, course=course, cohort=cohort, completed_at=now)
                    for pk in ids
                ]
            )
            FinalResult.objects.bulk_create(
                [
                    FinalResult(
                        cohort=cohort,
                        person_id=pk,
                        academic_score=Decimal("88.50"),
                        attitude_score=Decimal("100.00"),
                        final_score=Decimal("94.25"),
                        predicate="Sangat Memuaskan",
                        passed=True,
                        unmet=[],
                        trophies=50,
                        computed_at=now,
                    )
                    for pk in ids
                ]
            )
    Cohort.objects.filter(pk=cohort.pk).update(finalized_at=now, finalized_by=organizer)
    cohort.refresh_from_db()
    analyze()
    return cohort, organizer


def analyze() -> None:
    """PostgreSQL: fresh planner statistics, as autovacuum keeps them (this server may
    have it off: see bench/import_people.py)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# --- Baselines --------------------------------------------------------------------------------
def minimal_pdf(n: int) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4), pageCompression=1, invariant=1)
    canvas.drawString(100, 400, f"Sertifikat {n}")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def sample_data(n: int):
    """What the job would print for the n-th holder (the same lengths of text)."""
    from latih.certificates import pdf

    born = FIRST_BIRTH + dt.timedelta(days=n % BIRTH_DAYS)
    return pdf.CertificateData(
        number=f"{n + 1:05d}/K7QX/NGAWI/2026",
        name=f"Peserta Sertifikat {n} Bin Contoh Nama",
        nip=f"{born:%Y%m%d}2024211{n // BIRTH_DAYS + 1:03d}",
        agency="Pemerintah Kabupaten Ngawi",
        course="Pelatihan Dasar Calon Pegawai Pemerintah dengan Perjanjian Kerja",
        hours=24,
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 4, 30),
        predicate="Sangat Memuaskan",
        final_score=Decimal("94.25"),
        issuer="Lembaga Administrasi Negara",
        place="Jakarta",
        issued_on=dt.date(2026, 5, 4),
        signatory_name="Dr. Ratna Sari Dewi, S.Sos., M.Si.",
        signatory_title="Kepala Pusat Pembinaan Program dan Kebijakan Pengembangan Kompetensi ASN",
        signatory_nip="197304151998032001",
        verify_url=f"https://latih.lan.go.id/v/{'x' * 22}{n:08d}",
    )


class Baseline:
    """Seconds and documents of one baseline, gathered in several rounds."""

    def __init__(self, name: str, make) -> None:
        self.name, self.make = name, make
        self.seconds, self.count, self.bytes = 0.0, 0, 0

    def run(self, count: int) -> None:
        began = time.perf_counter()
        for n in range(self.count, self.count + count):
            self.bytes += len(self.make(n))
        self.seconds += time.perf_counter() - began
        self.count += count

    @property
    def rate(self) -> float:
        return self.count / self.seconds


def render_pdf(n: int) -> bytes:
    from latih.certificates import pdf

    return pdf.render(sample_data(n))


# --- The job ----------------------------------------------------------------------------------
class Timed:
    """Adds the time spent in ``module.name`` up while in the block."""

    def __init__(self, module: object, name: str) -> None:
        self.module, self.name = module, name
        self.seconds, self.calls = 0.0, 0

    def __enter__(self) -> "Timed":
        self.original = getattr(self.module, self.name)

        def timed(*args: object, **kwargs: object) -> object:
            began = time.perf_counter()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - began
                self.calls += 1

        setattr(self.module, self.name, timed)
        return self

    def __exit__(self, *exc: object) -> None:
        setattr(self.module, self.name, self.original)


def run_job(cohort, organizer) -> tuple[object, float, Timed, Timed]:
    """Queue the certificates job and run it as a worker does; returns the finished job,
    its seconds, and the time inside services.render and pdf.render."""
    from latih.certificates import pdf, services
    from latih.cohorts import jobs
    from latih.cohorts.models import Job

    held: list[int] = []
    original = jobs.dispatch
    jobs.dispatch = held.append  # run below, timed, rather than when the queueing commits
    try:
        job, created = jobs.queue(cohort, Job.Kind.CERTIFICATES, organizer)
    finally:
        jobs.dispatch = original
    if not created or held != [job.pk]:
        raise RuntimeError(f"the certificates job was not queued: {job}, held {held}")
    with Timed(services, "render") as stored, Timed(pdf, "render") as drawn:
        began = time.perf_counter()
        jobs.run(job.pk)
        seconds = time.perf_counter() - began
    job.refresh_from_db()
    if job.status != "done":
        raise RuntimeError(f"job {job.pk} {job.status}: {job.error}")
    return job, seconds, stored, drawn


def check(cohort, count: int, media: Path) -> tuple[list[str], int]:
    """Problems with what the job left; and the bytes of PDF on disk."""
    from django.db.models import Count

    from latih.certificates.models import Certificate
    from latih.learning.models import HoursEntry

    problems = []
    valid = Certificate.objects.filter(cohort=cohort, revoked_at__isnull=True)
    facts = valid.aggregate(
        n=Count("pk"), numbers=Count("number", distinct=True), rendered=Count("rendered_at")
    )
    for key, what in (("n", "certificates"), ("numbers", "numbers"), ("rendered", "rendered")):
        if facts[key] != count:
            problems.append(f"{what}: {facts[key]}, expected {count}")
    files = list(valid.values_list("pdf", flat=True))
    written = 0
    missing = 0
    for name in files:
        path = media / name
        if name and path.exists():
            written += path.stat().st_size
        else:
            missing += 1
    if missing:
        problems.append(f"{missing} PDFs missing on disk")
    on_disk = sum(1 for _ in (media / "certificates").rglob("*.pdf"))
    if on_disk != count:
        problems.append(f"{on_disk} PDF files on disk, expected {count}")
    hours = HoursEntry.objects.filter(cohort=cohort, voided_at__isnull=True).count()
    if hours != count:
        problems.append(f"hours entries: {hours}, expected {count}")
    return problems, written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="passed participants")
    parser.add_argument("--postgres", action="store_true", help="a scratch PostgreSQL database")
    parser.add_argument(
        "--baseline",
        type=int,
        default=0,
        help="documents per baseline (half before, half after the job; default min(COUNT, 1000))",
    )
    options = parser.parse_args()
    count = options.count
    per_baseline = options.baseline or min(count, 1000)

    # A timeout's SIGTERM still drops the scratch database and removes the directory.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    var_dir = Path(tempfile.mkdtemp(prefix="latih-bench-"))
    url = ""
    drop_database = None
    failed = False
    try:
        began = time.perf_counter()
        if options.postgres:
            url = f"postgres://postgres@127.0.0.1:5432/latih_bench_certificates_{os.getpid()}"
            drop_database = create_database(url)
        setup_django(var_dir, url)
        import logging

        logging.getLogger("latih").setLevel(logging.ERROR)
        installed = time.perf_counter()
        cohort, organizer = make_cohort(count)
        ready = time.perf_counter()
        print(
            f"certificates bench: {os.cpu_count()} CPUs, {database_name()}, {count} passed "
            f"participants; setup: migrate {installed - began:.1f} s, cohort "
            f"{ready - installed:.1f} s; load average "
            f"{' '.join(f'{v:.2f}' for v in os.getloadavg())}"
        )
        minimal = Baseline("minimal ReportLab page", minimal_pdf)
        layout = Baseline("pdf.render alone", render_pdf)
        minimal.run(5)  # warm-up: imports, fonts, the QR code module
        layout.run(5)
        minimal = Baseline("minimal ReportLab page", minimal_pdf)
        layout = Baseline("pdf.render alone", render_pdf)
        first_half = per_baseline // 2
        minimal.run(first_half)
        layout.run(first_half)

        job, seconds, stored, drawn = run_job(cohort, organizer)

        minimal.run(per_baseline - first_half)
        layout.run(per_baseline - first_half)
        media = var_dir / "media"
        problems, written = check(cohort, count, media)

        again, again_seconds, again_stored, _again_drawn = run_job(cohort, organizer)
        if again.counts.get("issued") or again.counts.get("rendered") or again_stored.calls:
            problems.append(f"the second run changed something: {again.counts}")

        rate = count / seconds
        issuing = seconds - stored.seconds
        print()
        print(
            "   what                              documents  seconds   docs/s  "
            "time/minimal  time/pdf.render"
        )
        rows = [
            (minimal.name, minimal.count, minimal.seconds),
            (layout.name, layout.count, layout.seconds),
            ("certificates job (jobs.run)", count, seconds),
            ("  numbering, snapshot, hours", count, issuing),
            ("  render + store (services)", stored.calls, stored.seconds),
            ("    of which pdf.render", drawn.calls, drawn.seconds),
            ("    of which storage + UPDATE", stored.calls, stored.seconds - drawn.seconds),
            ("job run again (idempotent)", count, again_seconds),
        ]
        for name, documents, spent in rows:
            per_doc_min = (spent / documents) / (minimal.seconds / minimal.count)
            per_doc_layout = (spent / documents) / (layout.seconds / layout.count)
            print(
                f"   {name:<33} {documents:9d} {spent:8.2f} {documents / spent:8.1f}"
                f"  {per_doc_min:11.1f}x  {per_doc_layout:14.2f}x"
            )
        print("   (time/...: seconds per document over the baseline's seconds per document)")
        print()
        print(
            f"   certificates: {count}, seconds: {seconds:.2f}, certificates/s: {rate:.1f}, "
            f"ratio to pdf.render alone: {rate / layout.rate:.2f} of its rate, to a minimal "
            f"page: {rate / minimal.rate:.3f}"
        )
        print(
            f"   PDFs written: {written / 2**20:.1f} MB ({written / count / 1024:.1f} kB each; "
            f"minimal page {minimal.bytes / minimal.count / 1024:.1f} kB, pdf.render alone "
            f"{layout.bytes / layout.count / 1024:.1f} kB)"
        )
        print(
            f"   10,000 certificates at this rate: {10_000 / rate / 60:.1f} min "
            f"(pdf.render alone: {10_000 / layout.rate / 60:.1f} min)"
        )
        print(f"   job counts: {job.counts}; run again: {again.counts} in {again_seconds:.2f} s")
        for problem in problems:
            print(f"   FAIL: {problem}")
        if not problems:
            print(
                f"   checks: {count} valid certificates, distinct numbers, every PDF on disk, "
                f"{count} hours entries; the second run issued 0 and rendered 0: OK"
            )
        failed = bool(problems)
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
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
