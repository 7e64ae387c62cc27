"""What the progress report (heartbeat) costs under concurrent load: every participant's
player POSTs {"intervals": [[start, end]]} to /learn/<slug>/m/<pk>/viewing/ every 10 s
while watching. Measured over HTTP against a real server (gunicorn, 2 workers x 4
threads, on 127.0.0.1), next to the minimal view GET /healthz on the same server in the
same run: shared machines are noisy, so the ratios are the figures to compare.

- A throw-away installation: a temporary LATIH_VAR_DIR with migrate and load_demo. SQLite
  by default; with DATABASE_URL set (e.g. postgres://postgres@127.0.0.1:5432/latih_bench)
  that database is created for the run and dropped afterwards. It must not exist yet:
  an existing database is never touched.
- PARTICIPANTS people (default 200), enrolled and consented in the demo course, each with
  the first video of Materi Kebijakan opened and signed in (a session cookie each, and a
  matching csrftoken cookie and X-CSRFToken header). The demo video lasts 8 s, so in the
  throw-away database it is made an hour long: every report then adds 10 new seconds.
- We measure an accepted report, the common case: before each heartbeat slice every one's
  token bucket is full (tokens_at an hour ago), so the reports are not ignored as too
  fast although they come much faster than one per 10 s per participant.
- Load: client threads in this process with keep-alive connections, LEVELS requests at
  once, SECONDS per view and level in slices alternating between the two views (so both
  meet the same neighbours on the machine). Each thread owns its own participants: a
  participant has one report in flight at a time, as one player would, and sends
  [[10k, 10k + 10]] as its k-th report. The load generator shares the cores with the
  server, the same for both views.
- At the end the database must agree with the client: the sum of MaterialProgress.reports
  equals the number of 200 answers, and the seconds watched equal 10 per accepted report
  (no lost updates).

Run: .venv/bin/python bench/heartbeat.py
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/latih_bench .venv/bin/python bench/heartbeat.py
"""

import datetime as dt
import http.client
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from _django import ROOT

PARTICIPANTS = int(os.environ.get("BENCH_PARTICIPANTS", "200"))
LEVELS = (1, 8, 32)
SECONDS = 5.0  # per view and level, in ROUNDS slices alternating between the two views
ROUNDS = 2
WARMUP_SECONDS = 1.0
WORKERS, THREADS = 2, 4
VIDEO_SECONDS = 3600.0
REPORT_SECONDS = 10  # the player reports every 10 s of playing (static/latih/learning.js)


# --- The throw-away installation ----------------------------------------------------------
def create_database(url: str):
    """Create the PostgreSQL database named in ``url``; returns the function that drops it."""
    import environ
    import psycopg
    from psycopg import sql

    config = environ.Env.db_url_config(url)
    if "postgresql" not in config["ENGINE"]:
        raise SystemExit(f"DATABASE_URL: only PostgreSQL is supported here, not {url!r}")
    name = config["NAME"]
    params = {
        "dbname": "postgres",
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "autocommit": True,
    }
    with psycopg.connect(**params) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            raise SystemExit(f"database {name!r} exists already: not touching it")
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop() -> None:
        with psycopg.connect(**params) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    return drop


def setup_django(var_dir: Path) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "latih.settings"
    os.environ["LATIH_VAR_DIR"] = str(var_dir)
    os.environ["STATICFILES_BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1"
    (var_dir / "static").mkdir()  # STATIC_ROOT: WhiteNoise warns when it is missing

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)


# --- Participants -----------------------------------------------------------------------------
def nip_for(birth: dt.date, woman: bool = False, seq: int = 1) -> str:
    """A PPPK NIP (as in tests/factories.py)."""
    return f"{birth:%Y%m%d}202421{2 if woman else 1}{seq:03d}"


def nik_for(birth: dt.date, woman: bool = False, seq: int = 1, region: str = "352101") -> str:
    day = birth.day + (40 if woman else 0)
    return f"{region}{day:02d}{birth:%m%y}{seq:04d}"


@dataclass
class Fixture:
    path: str  # the heartbeat URL
    material_id: int
    people: list[int]  # their primary keys
    cookies: list[str]  # one Cookie header per participant
    csrf: str
    bucket: float  # a full token bucket, in media seconds


def make_participants(count: int) -> Fixture:
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from latih.accounts.models import Person, Role
    from latih.agencies.models import Agency
    from latih.learning import services
    from latih.learning.demo_content import COURSE_SLUG
    from latih.learning.models import Course, Material

    course = Course.objects.get(slug=COURSE_SLUG)
    material = (
        Material.objects.filter(
            section__course=course, section__title="Materi Kebijakan", kind=Material.Kind.VIDEO
        )
        .order_by("position")
        .first()
    )
    Material.objects.filter(pk=material.pk).update(duration=VIDEO_SECONDS)
    material.refresh_from_db()
    policy = services.viewing_policy(course)
    agency = Agency.objects.order_by("pk").first()
    unit = agency.units.order_by("pk").first()
    password = make_password("Latih#Bench2026")  # one Argon2 hash for all: setup stays fast
    store = import_module(settings.SESSION_ENGINE).SessionStore
    csrf = secrets.token_hex(16)  # 32 characters: a CSRF secret, sent as cookie and header
    cookies, people = [], []
    with transaction.atomic():
        for n in range(1, count + 1):
            # Birth dates from 1972 on, sequence numbers from 101: no demo person's NIP.
            birth = dt.date(1972, 1, 1) + dt.timedelta(days=(n * 37) % 7000)
            woman = n % 2 == 0
            person = Person.objects.create_user(
                nip_for(birth, woman, seq=100 + n % 900),
                None,
                nik=nik_for(birth, woman, seq=5000 + n),
                name=f"Peserta Beban {n}",
                agency=agency,
                unit=unit,
                role=Role.PARTICIPANT,
            )
            person.password = password
            person.save(update_fields=["password"])
            people.append(person.pk)
            services.enroll(person, course)
            services.do_consent(person, course)
            services.open_material(person, material)
            session = store()
            session[SESSION_KEY] = person._meta.pk.value_to_string(person)
            session[BACKEND_SESSION_KEY] = "latih.accounts.backends.NipPasswordBackend"
            session[HASH_SESSION_KEY] = person.get_session_auth_hash()
            session.create()
            cookies.append(
                f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
                f"{settings.CSRF_COOKIE_NAME}={csrf}"
            )
    return Fixture(
        path=f"/learn/{course.slug}/m/{material.pk}/viewing/",
        material_id=material.pk,
        people=people,
        cookies=cookies,
        csrf=csrf,
        bucket=(policy.max_backlog_seconds + policy.slack_seconds) * policy.max_rate,
    )


def fill_buckets(fixture: Fixture) -> None:
    """Every participant may add a full bucket of seconds: the reports are accepted."""
    from django.db import connections

    from latih import clock
    from latih.learning.models import MaterialProgress

    ours = MaterialProgress.objects.filter(
        material_id=fixture.material_id, person_id__in=fixture.people
    )
    ours.update(tokens=fixture.bucket, tokens_at=clock.now() - dt.timedelta(hours=1))
    connections.close_all()


# --- The server -------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(var_dir: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "latih.wsgi:application",
        "--workers",
        str(WORKERS),
        "--threads",
        str(THREADS),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    # The server's own output (gunicorn, Django's logging) goes to a file, shown on trouble.
    with (var_dir / "server.log").open("wb") as log:
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({server.returncode}): {server_log(var_dir)}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                connection.close()
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise RuntimeError(f"gunicorn did not answer /healthz: {server_log(var_dir)}")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def server_log(var_dir: Path) -> str:
    path = var_dir / "server.log"
    return path.read_text(errors="replace")[-3000:] if path.exists() else ""


# --- The load ---------------------------------------------------------------------------------
@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # seconds, of 200 answers
    ok: int = 0
    accepted: int = 0
    ignored: int = 0
    errors: int = 0
    elapsed: float = 0.0
    first_error: str = ""

    def add(self, other: "Tally") -> None:
        self.latencies += other.latencies
        self.ok += other.ok
        self.accepted += other.accepted
        self.ignored += other.ignored
        self.errors += other.errors
        self.elapsed += other.elapsed
        self.first_error = self.first_error or other.first_error

    @property
    def rate(self) -> float:
        return self.ok / self.elapsed if self.elapsed else 0.0

    def quantile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")


class Load:
    def __init__(self, port: int, fixture: Fixture) -> None:
        self.port = port
        self.fixture = fixture
        self.next_report = [0] * len(fixture.cookies)  # k of each participant's next report
        self.lock = threading.Lock()

    def health(self, connection: http.client.HTTPConnection, _mine: list[int], _i: int):
        connection.request("GET", "/healthz")
        return connection.getresponse()

    def heartbeat(self, connection: http.client.HTTPConnection, mine: list[int], i: int):
        person = mine[i % len(mine)]
        k = self.next_report[person]
        self.next_report[person] = k + 1
        body = json.dumps({"intervals": [[k * REPORT_SECONDS, (k + 1) * REPORT_SECONDS]]})
        headers = {
            "Content-Type": "application/json",
            "Cookie": self.fixture.cookies[person],
            "X-CSRFToken": self.fixture.csrf,
        }
        connection.request("POST", self.fixture.path, body=body, headers=headers)
        return connection.getresponse()

    def run(self, send, level: int, seconds: float) -> Tally:
        tally = Tally()
        people = len(self.fixture.cookies)
        start_line = threading.Barrier(level + 1)
        box: dict[str, float] = {}

        def client(index: int) -> None:
            mine = list(range(index, people, level)) or [index % people]
            latencies, ok, accepted, ignored, errors, first_error = [], 0, 0, 0, 0, ""
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            start_line.wait()
            i = 0
            while time.perf_counter() < box["stop"]:
                began = time.perf_counter()
                try:
                    response = send(connection, mine, i)
                    body = response.read()
                except (OSError, http.client.HTTPException) as error:
                    errors += 1
                    first_error = first_error or repr(error)
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                    i += 1
                    continue
                took = time.perf_counter() - began
                i += 1
                if response.status != 200:
                    errors += 1
                    first_error = first_error or f"{response.status}: {body[:200]!r}"
                    continue
                ok += 1
                latencies.append(took)
                if send == self.heartbeat:
                    if json.loads(body).get("accepted"):
                        accepted += 1
                    else:
                        ignored += 1
            connection.close()
            mine_tally = Tally(latencies, ok, accepted, ignored, errors, 0.0, first_error)
            with self.lock:
                tally.add(mine_tally)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(level)]
        for thread in threads:
            thread.start()
        box["stop"] = time.perf_counter() + seconds
        began = time.perf_counter()
        start_line.wait()
        for thread in threads:
            thread.join()
        tally.elapsed = time.perf_counter() - began
        return tally


# --- The run ----------------------------------------------------------------------------------
def check_database(fixture: Fixture, answered: int, accepted: int, ignored: int) -> list[str]:
    from django.db.models import Sum

    from latih.learning.models import MaterialProgress

    ours = MaterialProgress.objects.filter(
        material_id=fixture.material_id, person_id__in=fixture.people
    )
    totals = ours.aggregate(
        reports=Sum("reports"), ignored=Sum("ignored_reports"), watched=Sum("watched_seconds")
    )
    problems = []
    if totals["reports"] != answered:
        problems.append(f"reports in the database {totals['reports']} != 200 answers {answered}")
    if totals["ignored"] != ignored:
        problems.append(f"ignored in the database {totals['ignored']} != answered {ignored}")
    if abs(totals["watched"] - REPORT_SECONDS * accepted) > 0.01:
        problems.append(
            f"seconds watched {totals['watched']:.0f} != {REPORT_SECONDS} x {accepted} accepted"
        )
    return problems


def main() -> None:
    var_dir = Path(tempfile.mkdtemp(prefix="latih-bench-"))
    url = os.environ.get("DATABASE_URL", "")
    drop_database = None
    server = None
    try:
        if url:
            drop_database = create_database(url)
        setup_django(var_dir)
        from django.db import connection, connections

        fixture = make_participants(PARTICIPANTS)
        engine = connection.vendor
        connections.close_all()
        port = free_port()
        server = start_server(var_dir, port)
        load = Load(port, fixture)

        # Warm-up: both workers import the views and open their connections.
        fill_buckets(fixture)
        load.run(load.health, 8, WARMUP_SECONDS)
        warm = load.run(load.heartbeat, 8, WARMUP_SECONDS)
        if warm.ok == 0:
            raise RuntimeError(f"no heartbeat answered 200: {warm.first_error}")
        answered, accepted, ignored = warm.ok, warm.accepted, warm.ignored

        rows = []
        for level in LEVELS:
            base, beat = Tally(), Tally()
            for _ in range(ROUNDS):  # alternating, so that both see the same neighbours
                base.add(load.run(load.health, level, SECONDS / ROUNDS))
                fill_buckets(fixture)
                beat.add(load.run(load.heartbeat, level, SECONDS / ROUNDS))
            answered, accepted, ignored = (
                answered + beat.ok,
                accepted + beat.accepted,
                ignored + beat.ignored,
            )
            rows.append((level, base, beat))

        print(
            f"heartbeat: POST {fixture.path} on {engine}, gunicorn {WORKERS} workers x "
            f"{THREADS} threads, {PARTICIPANTS} participants, {SECONDS:.0f} s per cell"
        )
        print(
            "conc  base req/s  beat req/s  req/s ratio  p50 ratio  p95 ratio  "
            "beat p50 ms  beat p95 ms  accepted/ignored/errors"
        )
        for level, base, beat in rows:
            print(
                f"{level:4d}  {base.rate:10.0f}  {beat.rate:10.0f}  {beat.rate / base.rate:11.2f}"
                f"  {beat.p50 / base.p50:8.1f}x  {beat.quantile(0.95) / base.quantile(0.95):8.1f}x"
                f"  {beat.p50 * 1000:11.1f}  {beat.quantile(0.95) * 1000:11.1f}"
                f"  {beat.accepted}/{beat.ignored}/{beat.errors}"
            )
        for level, base, beat in rows:
            for name, tally in (("healthz", base), ("heartbeat", beat)):
                if tally.errors:
                    print(f"  {name} at {level}: {tally.errors} errors, first {tally.first_error}")
        level, _base, beat = rows[-1]
        print(
            f"at {level} concurrent: {beat.rate:.0f} reports/s -> one such server carries about "
            f"{beat.rate * REPORT_SECONDS:.0f} participants watching (one report per "
            f"{REPORT_SECONDS} s)"
        )
        stop_server(server)
        problems = check_database(fixture, answered, accepted, ignored)
        print(
            "database agrees: "
            + ("yes" if not problems else "NO")
            + f" ({answered} reports answered 200 in all, warm-up included)"
        )
        for problem in problems:
            print(f"  {problem}")
        if server_log(var_dir).strip():
            print("server log (last 3000 characters):\n" + server_log(var_dir))
    finally:
        if server is not None:
            stop_server(server)
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if drop_database is not None:
            drop_database()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
