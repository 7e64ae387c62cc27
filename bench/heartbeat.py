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
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from _server import (
    create_database,
    free_port,
    nik_for,
    nip_for,
    quantile,
    run_clients,
    server_log,
    setup_django,
    signed_in_cookie,
    start_server,
    stop_server,
)

PARTICIPANTS = int(os.environ.get("BENCH_PARTICIPANTS", "200"))
LEVELS = (1, 8, 32)
SECONDS = 5.0  # per view and level, in ROUNDS slices alternating between the two views
ROUNDS = 2
WARMUP_SECONDS = 1.0
WORKERS, THREADS = 2, 4
VIDEO_SECONDS = 3600.0
REPORT_SECONDS = 10  # the player reports every 10 s of playing (static/latih/learning.js)


# --- Participants -----------------------------------------------------------------------------
@dataclass
class Fixture:
    path: str  # the heartbeat URL
    material_id: int
    people: list[int]  # their primary keys
    cookies: list[str]  # one Cookie header per participant
    csrf: str
    bucket: float  # a full token bucket, in media seconds


def make_participants(count: int) -> Fixture:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from latih.accounts.models import Person, Role
    from latih.agencies.models import Agency
    from latih.demo.content import COURSE_SLUG
    from latih.learning import services
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
            services.consent(person, course)
            services.open_material(person, material)
            cookies.append(signed_in_cookie(person, csrf))
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

    from latih.common import clock
    from latih.learning.models import MaterialProgress

    ours = MaterialProgress.objects.filter(
        material_id=fixture.material_id, person_id__in=fixture.people
    )
    ours.update(tokens=fixture.bucket, tokens_at=clock.now() - dt.timedelta(hours=1))
    connections.close_all()


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
        return quantile(self.latencies, q)

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

        tally.elapsed = run_clients(level, client, box, start_line, seconds)
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
        server = start_server(var_dir, port, WORKERS, THREADS)
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
