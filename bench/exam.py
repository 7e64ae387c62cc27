"""The academic evaluation under load: the exam-start storm, answer saving at increasing
concurrency, the capacity at one save per taker per 30 s, and that no acknowledged answer
is lost. Measured over HTTP against a real server (gunicorn, 2 workers x 4 threads, on
127.0.0.1), next to the minimal view GET /healthz on the same server in the same run:
shared machines are noisy, so the ratios are the figures to compare.

- A throw-away installation (as heartbeat.py): a temporary LATIH_VAR_DIR with migrate and
  load_demo. SQLite by default; with DATABASE_URL set (e.g.
  postgres://postgres@127.0.0.1:5432/latih_bench_exam) that database is created for the
  run and dropped afterwards. It must not exist yet: an existing database is never touched.
- TAKERS people (default 500), enrolled and consented in the demo course, who meet the
  evaluation's rules (every material completed with its trophy, every required journal
  submitted, first signed in 30 days ago; all written with bulk_create), each signed in
  (a session cookie each, and a matching csrftoken cookie and X-CSRFToken header).
  The demo's published evaluation draws 40 questions.
- Load: client threads in this process with keep-alive connections (a connection idle
  for more than a second is opened again: gunicorn closes it after 2 s). The load
  generator shares the cores with the server, the same for both views.

1. Exam-start storm: every taker POSTs /learn/<slug>/test/post/start/ (STORM_CONCURRENCY
   in flight) and follows the 302 to its attempt page (40 questions). Every
   DOUBLE_CLICK_EVERY-th taker sends two start POSTs at the same moment (a double click:
   two connections released together); both must lead to the same attempt. /healthz runs
   at the same concurrency just before and just after. The storm mixes the two views, so
   the req/s of each is its requests over its share of the client time (the sum of its
   latencies over the sum of all). Afterwards the database must hold exactly one attempt
   per taker, with 40 items each.
2. Answer saving, closed loop at LEVELS in flight, in slices alternating with /healthz
   (SECONDS per view and level in ROUNDS slices). Each thread owns its takers, one save in
   flight per taker, as exam.js sends them: position cycling 1..40 (every third save
   going back to change the answer given two saves before), seq strictly increasing per
   question, a valid option of that item (read from the database), another at each
   change.
3. Capacity: paced (open-loop) saves at RATES per second for RATE_SECONDS each. The
   schedule fixes when each save is due and its latency is counted from that moment, so
   a slow server's queue counts (no coordinated omission). A save that cannot even be
   sent within MAX_LAG of its due time is dropped (the client cannot keep the pace). The
   ramp stops at the first rate with p95 >= 300 ms, an error or a dropped save; the
   highest rate before it, R, carries R x 30 takers saving once per 30 s each. (The
   storm's TAKERS attempts take these saves in turn: each gets more than one per 30 s,
   which only makes a row's locks busier than in life.) At low rates a client thread's
   connection is idle longer than gunicorn's keep-alive and is opened again, as a
   browser's would be between two saves 30 s apart.
4. No answer lost: every save sent (errors and timeouts included) and every 200 are
   counted; after the run, for each item, the stored seq must equal the highest seq the
   client got acknowledged for it, with that save's option (lost: lower, or another
   option), and never exceed the highest seq sent. A lost answer prints FAIL and the
   exit status is 1 (so does a duplicated attempt in the storm).

About 3 minutes per database on 2 cores. The last line says how much CPU other processes
used meanwhile (with PostgreSQL, its own processes count there too): a busy neighbour
lowers every figure, the /healthz ratios less so.

Run: .venv/bin/python bench/exam.py
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/latih_bench_exam .venv/bin/python bench/exam.py
Tune: BENCH_TAKERS, BENCH_STORM_CONCURRENCY, BENCH_LEVELS (e.g. 1,8,32), BENCH_SECONDS,
      BENCH_RATES (e.g. 10,20,40,80), BENCH_RATE_SECONDS, BENCH_RATE_THREADS.
"""

import datetime as dt
import http.client
import json
import os
import re
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

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


def _numbers(name: str, default: str) -> tuple[int, ...]:
    return tuple(int(part) for part in os.environ.get(name, default).split(",") if part.strip())


TAKERS = int(os.environ.get("BENCH_TAKERS", "500"))
STORM_CONCURRENCY = int(os.environ.get("BENCH_STORM_CONCURRENCY", "32"))
DOUBLE_CLICK_EVERY = 10  # one taker in ten double-clicks "start"
LEVELS = _numbers("BENCH_LEVELS", "1,8,32")
SECONDS = float(os.environ.get("BENCH_SECONDS", "4"))  # per view and level
ROUNDS = 2
WARMUP_SECONDS = 1.0
RATES = _numbers("BENCH_RATES", "10,20,40,80,120,160,200,240,320,480,640")
RATE_SECONDS = float(os.environ.get("BENCH_RATE_SECONDS", "15"))
RATE_THREADS = int(os.environ.get("BENCH_RATE_THREADS", "96"))  # paced saves in flight, at most
HEALTH_RATE, HEALTH_SECONDS = 50, 3.0  # the paced /healthz before the ramp
P95_LIMIT = 0.300
SAVE_EVERY = 30  # seconds between two saves of one taker, in life
MAX_LAG = 2.0
TIMEOUT = 30.0
IDLE_RECONNECT = 1.0  # gunicorn's keep-alive timeout is 2 s
WORKERS, THREADS = 2, 4
QUESTIONS = 40
ATTEMPT_URL = re.compile(r"/attempt/(\d+)/$")


# --- Takers -----------------------------------------------------------------------------------
@dataclass
class Takers:
    start_path: str
    test_id: int
    people: list[int]  # primary keys
    cookies: list[str]  # one Cookie header per taker
    csrf: str

    def headers(self, who: int, form: bool = True) -> dict[str, str]:
        headers = {"Cookie": self.cookies[who], "X-CSRFToken": self.csrf}
        if form:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-Requested-With"] = "fetch"
        return headers


def make_takers(count: int) -> Takers:
    """``count`` people who may start the demo course's academic evaluation, signed in."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from latih.accounts.models import Person, Role
    from latih.agencies.models import Agency
    from latih.common import clock
    from latih.demo.content import COURSE_SLUG
    from latih.exams import services
    from latih.exams.models import Test
    from latih.learning.models import (
        Course,
        Enrollment,
        Journal,
        Material,
        MaterialProgress,
        TrophyAward,
    )

    course = Course.objects.get(slug=COURSE_SLUG)
    test = Test.objects.get(course=course, kind=Test.Kind.POST, is_published=True)
    agency = Agency.objects.order_by("pk").first()
    unit = agency.units.order_by("pk").first()
    password = make_password("Latih#Bench2026")  # one Argon2 hash for all: setup stays fast
    csrf = secrets.token_hex(16)  # 32 characters: a CSRF secret, sent as cookie and header
    now = clock.now()
    materials = list(Material.objects.filter(section__course=course, is_archived=False))
    journal_sections = list(course.sections.filter(journal_required=True))
    people = []
    for n in range(1, count + 1):
        # Birth dates from 1972 on, sequence numbers from 101: no demo person's NIP.
        birth = dt.date(1972, 1, 1) + dt.timedelta(days=(n * 37) % 7000)
        woman = n % 2 == 0
        person = Person(
            nip=nip_for(birth, woman, seq=100 + n % 900),
            nik=nik_for(birth, woman, seq=5000 + n),
            name=f"Peserta Ujian {n}",
            agency=agency,
            unit=unit,
            role=Role.PARTICIPANT,
            password=password,
            first_signed_in_at=now - dt.timedelta(days=30),
        )
        if not person.fill_from_nip():
            raise ValueError(f"not a valid NIP: {person.nip}")
        people.append(person)
    with transaction.atomic():
        Person.objects.bulk_create(people, batch_size=500)
        by_nip = dict(
            Person.objects.filter(nip__in=[p.nip for p in people]).values_list("nip", "pk")
        )
        for person in people:
            person.pk = by_nip[person.nip]
        Enrollment.objects.bulk_create(
            [Enrollment(person=p, course=course, consented_at=now) for p in people],
            batch_size=500,
        )
        MaterialProgress.objects.bulk_create(
            [
                MaterialProgress(person=p, material=m, opened_at=now, completed_at=now)
                for p in people
                for m in materials
            ],
            batch_size=1000,
        )
        TrophyAward.objects.bulk_create(
            [
                TrophyAward(person=p, material=m, course=course, trophies=m.trophies)
                for p in people
                for m in materials
            ],
            batch_size=1000,
        )
        Journal.objects.bulk_create(
            [
                Journal(
                    person=p,
                    section=s,
                    status=Journal.Status.SUBMITTED,
                    text="Refleksi.",
                    submitted_at=now,
                )
                for p in people
                for s in journal_sections
            ],
            batch_size=1000,
        )
        cookies = [signed_in_cookie(person, csrf) for person in people]
    for person in (people[0], people[-1]):  # the rules agree that they may start
        place = services.standing(Person.objects.get(pk=person.pk), test)
        if not place.can_start:
            raise RuntimeError(f"taker {person.nip} may not start: {place.unmet}")
    return Takers(
        start_path=f"/learn/{course.slug}/test/post/start/",
        test_id=test.pk,
        people=[p.pk for p in people],
        cookies=cookies,
        csrf=csrf,
    )


# --- HTTP -------------------------------------------------------------------------------------
class Client:
    """One keep-alive connection, opened again after an error or a second idle."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection: http.client.HTTPConnection | None = None
        self.used = 0.0

    def request(self, method: str, path: str, body: str | None = None, headers=None):
        if self.connection is None or time.perf_counter() - self.used > IDLE_RECONNECT:
            self.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            self.connection.request(method, path, body=body, headers=headers or {})
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        self.used = time.perf_counter()
        if (response.getheader("Connection") or "").lower() == "close":
            self.close()
        return response.status, response.getheader("Location") or "", data

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # seconds, of good answers
    ok: int = 0
    errors: int = 0
    elapsed: float = 0.0
    first_error: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, other: "Tally") -> None:
        with self.lock:
            self.latencies += other.latencies
            self.ok += other.ok
            self.errors += other.errors
            self.elapsed += other.elapsed
            self.first_error = self.first_error or other.first_error

    def good(self, took: float) -> None:
        with self.lock:
            self.ok += 1
            self.latencies.append(took)

    def bad(self, error: str) -> None:
        with self.lock:
            self.errors += 1
            self.first_error = self.first_error or error

    @property
    def rate(self) -> float:
        return self.ok / self.elapsed if self.elapsed else 0.0

    def q(self, q: float) -> float:
        return quantile(self.latencies, q)

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")


def attempt_in(location: str) -> int | None:
    match = ATTEMPT_URL.search(location)
    return int(match.group(1)) if match else None


# --- 1. The exam-start storm --------------------------------------------------------------------
@dataclass
class Storm:
    start: Tally
    page: Tally
    elapsed: float
    attempts: dict[int, int]  # taker index -> attempt pk, as the redirects said
    doubles: int = 0
    doubles_same: int = 0
    problems: list[str] = field(default_factory=list)


def storm(port: int, takers: Takers, level: int) -> Storm:
    count = len(takers.people)
    result = Storm(Tally(), Tally(), 0.0, {})
    lock = threading.Lock()
    todo = iter(range(count))

    def start(client: Client, who: int, box: list, gate: threading.Barrier | None = None):
        if gate is not None:
            gate.wait()
        began = time.perf_counter()
        try:
            status, location, body = client.request(
                "POST", takers.start_path, "", takers.headers(who)
            )
        except (OSError, http.client.HTTPException) as error:
            result.start.bad(f"start: {error!r}")
            return
        took = time.perf_counter() - began
        pk = attempt_in(location)
        if status != 302 or pk is None:
            result.start.bad(f"start {status} {location!r}: {body[:200]!r}")
            return
        result.start.good(took)
        box.append(pk)

    def page(client: Client, who: int, pk: int) -> None:
        began = time.perf_counter()
        try:
            status, _location, body = client.request(
                "GET", f"/attempt/{pk}/", None, takers.headers(who, form=False)
            )
        except (OSError, http.client.HTTPException) as error:
            result.page.bad(f"page: {error!r}")
            return
        took = time.perf_counter() - began
        shown = body.count(b'<fieldset class="question"')
        if status != 200 or shown != QUESTIONS:
            result.page.bad(f"page {status} with {shown} questions: {body[:200]!r}")
            return
        result.page.good(took)

    def client_thread() -> None:
        client, twin = Client(port), Client(port)
        while True:
            with lock:
                who = next(todo, None)
            if who is None:
                break
            box: list[int] = []
            if who % DOUBLE_CLICK_EVERY == 0:  # two starts released at the same moment
                gate = threading.Barrier(2)
                other = threading.Thread(target=start, args=(twin, who, box, gate))
                other.start()
                start(client, who, box, gate)
                other.join()
                with lock:
                    result.doubles += 1
                    if len(box) == 2 and box[0] == box[1]:
                        result.doubles_same += 1
                    elif len(box) == 2:
                        result.problems.append(f"double click of taker {who}: attempts {box}")
            else:
                start(client, who, box)
            if box:
                with lock:
                    result.attempts[who] = box[0]
                page(client, who, box[0])
        client.close()
        twin.close()

    threads = [threading.Thread(target=client_thread) for _ in range(level)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.perf_counter() - began
    return result


def check_attempts(takers: Takers, seen: dict[int, int]) -> list[str]:
    """Exactly one attempt per taker, with 40 items, the one its redirect named."""
    from django.db import connections
    from django.db.models import Count

    from latih.exams.models import Attempt

    rows = list(
        Attempt.objects.filter(test_id=takers.test_id, person_id__in=takers.people)
        .annotate(items_count=Count("items"))
        .values_list("person_id", "pk", "items_count")
    )
    connections.close_all()
    problems = []
    by_person: dict[int, list[tuple[int, int]]] = {}
    for person, pk, items in rows:
        by_person.setdefault(person, []).append((pk, items))
    several = {p: a for p, a in by_person.items() if len(a) > 1}
    missing = [p for p in takers.people if p not in by_person]
    if several:
        sample = list(several.items())[:5]
        problems.append(f"{len(several)} takers have several attempts, e.g. {sample}")
    if missing:
        problems.append(f"{len(missing)} takers have no attempt")
    wrong = [(p, a) for p, attempts in by_person.items() for a in attempts if a[1] != QUESTIONS]
    if wrong:
        problems.append(f"{len(wrong)} attempts without {QUESTIONS} items, e.g. {wrong[:5]}")
    for who, pk in seen.items():
        stored = by_person.get(takers.people[who], [])
        if pk not in [a[0] for a in stored]:
            problems.append(f"taker {who} was sent to attempt {pk}, not in the database")
            break
    return problems


# --- 2-4. Saving answers ------------------------------------------------------------------------
class Answers:
    """The takers' saves as exam.js sends them, and what the client knows of each item:
    the highest seq sent and the highest seq acknowledged (answered 200).

    Each taker goes through its questions 1..40 and round again; every third save goes
    back to change the answer given two saves before (1, 2, 1, 3, 4, 3, 5, ...), so
    stored answers are replaced by newer ones too. Each change picks another option."""

    def __init__(self, takers: Takers, attempts: dict[int, int]) -> None:
        from django.db import connections

        from latih.exams.models import Item

        self.takers = takers
        self.who = sorted(attempts)  # taker indexes with an attempt
        self.attempt = attempts
        self.options: dict[tuple[int, int], list[int]] = {}
        rows = Item.objects.filter(attempt_id__in=list(attempts.values())).values_list(
            "attempt_id", "position", "options"
        )
        for attempt, position, options in rows:
            self.options[(attempt, position)] = [option["id"] for option in options]
        connections.close_all()
        self.turn = dict.fromkeys(self.who, 0)  # the next save of each taker
        self.sent_seq: dict[tuple[int, int], int] = {}
        self.acked_seq: dict[tuple[int, int], int] = {}
        self.sent = 0
        self.acked = 0
        self.lock = threading.Lock()

    def save(self, client: Client, n: int) -> str | None:
        """The next save of the ``n``-th taker (modulo): None when answered 200."""
        who = self.who[n % len(self.who)]
        attempt = self.attempt[who]
        with self.lock:
            turn = self.turn[who]
            self.turn[who] += 1
            pair, step = divmod(turn, 3)
            position = (2 * pair + (step == 1)) % QUESTIONS + 1
            key = (attempt, position)
            seq = self.sent_seq.get(key, 0) + 1
            self.sent_seq[key] = seq
            self.sent += 1
        options = self.options[key]
        option = options[seq % len(options)]
        body = urlencode({"position": position, "seq": seq, "option": option})
        status, _location, data = client.request(
            "POST", f"/attempt/{attempt}/answer/", body, self.takers.headers(who)
        )
        if status != 200:
            return f"save {status}: {data[:200]!r}"
        answer = json.loads(data)
        if (
            answer.get("position") != position
            or answer.get("seq", 0) < seq
            or (answer.get("seq") == seq and answer.get("selected") != [option])
        ):
            return f"save answered {answer} for position {position} seq {seq} option {option}"
        with self.lock:
            self.acked += 1
            if seq > self.acked_seq.get(key, 0):
                self.acked_seq[key] = seq
        return None


def closed_loop(port: int, level: int, seconds: float, send, people: int) -> Tally:
    """``level`` threads sending back to back for ``seconds``; thread t owns the people
    t, t + level, ... (one request in flight each)."""
    tally = Tally()
    start_line = threading.Barrier(level + 1)
    box: dict[str, float] = {}

    def client_thread(index: int) -> None:
        mine = list(range(index, people, level)) or [index % people]
        client = Client(port)
        own = Tally()
        start_line.wait()
        i = 0
        while time.perf_counter() < box["stop"]:
            began = time.perf_counter()
            try:
                error = send(client, mine[i % len(mine)])
            except (OSError, http.client.HTTPException, ValueError) as failure:
                error = repr(failure)
            i += 1
            if error:
                own.errors += 1
                own.first_error = own.first_error or error
            else:
                own.ok += 1
                own.latencies.append(time.perf_counter() - began)
        client.close()
        tally.add(own)

    tally.elapsed = run_clients(level, client_thread, box, start_line, seconds)
    return tally


def health(port: int):
    def send(client: Client, _who: int) -> str | None:
        status, _location, body = client.request("GET", "/healthz")
        return None if status == 200 else f"healthz {status}: {body[:200]!r}"

    return send


@dataclass
class Paced:
    rate: int
    scheduled: int
    tally: Tally  # latencies from the due time
    dropped: int = 0
    lags: list[float] = field(default_factory=list)  # send time - due time

    @property
    def sent(self) -> int:
        return self.scheduled - self.dropped

    @property
    def passed(self) -> bool:
        return self.tally.errors == 0 and self.dropped == 0 and self.tally.q(0.95) < P95_LIMIT


def paced(port: int, rate: int, seconds: float, send, threads: int) -> Paced:
    """Open loop: request j is due at t0 + j / rate, whoever is free sends it; its latency
    runs from the due time. One not sent within MAX_LAG of it is dropped."""
    scheduled = int(rate * seconds)
    result = Paced(rate, scheduled, Tally())
    lock = threading.Lock()
    todo = iter(range(scheduled))
    t0 = time.perf_counter() + 0.2

    def client_thread() -> None:
        client = Client(port)
        dropped, lags = 0, []
        while True:
            with lock:
                j = next(todo, None)
            if j is None:
                break
            due = t0 + j / rate
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            lag = time.perf_counter() - due
            if lag > MAX_LAG:
                dropped += 1
                continue
            lags.append(lag)
            try:
                error = send(client, j)
            except (OSError, http.client.HTTPException, ValueError) as failure:
                error = repr(failure)
            if error:
                result.tally.bad(error)
            else:
                result.tally.good(time.perf_counter() - due)
        client.close()
        with lock:
            result.dropped += dropped
            result.lags += lags

    pool = [threading.Thread(target=client_thread) for _ in range(min(threads, scheduled))]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    result.tally.elapsed = time.perf_counter() - t0
    return result


def check_answers(answers: Answers) -> dict[str, object]:
    """Compare every item's stored seq (and answer) with what the client sent and was
    acknowledged."""
    from django.db import connections

    from latih.exams.models import Item

    stored = {
        (attempt, position): (seq, selected)
        for attempt, position, seq, selected in Item.objects.filter(
            attempt_id__in=list(answers.attempt.values())
        ).values_list("attempt_id", "position", "seq", "selected")
    }
    connections.close_all()
    matching, lost, unacked_stored, beyond = 0, [], 0, []
    for key, (seq, selected) in stored.items():
        acked = answers.acked_seq.get(key, 0)
        sent = answers.sent_seq.get(key, 0)
        if seq > sent:
            beyond.append((key, seq, sent))
        if acked:
            options = answers.options[key]
            if seq == acked and selected == [options[seq % len(options)]]:
                matching += 1
            elif seq <= acked:  # an older answer, or another one than acknowledged
                lost.append((key, seq, acked))
            else:
                unacked_stored += 1  # a later save stored, but its answer never came back
        elif seq:
            unacked_stored += 1
    missing = [key for key in answers.sent_seq if key not in stored]
    return {
        "sent": answers.sent,
        "acked": answers.acked,
        "items_acked": len(answers.acked_seq),
        "changed": sum(1 for seq in answers.acked_seq.values() if seq > 1),
        "highest_seq": max(answers.acked_seq.values(), default=0),
        "matching": matching,
        "lost": lost,
        "unacked_stored": unacked_stored,
        "beyond": beyond,
        "missing": missing,
    }


# --- The run ----------------------------------------------------------------------------------
def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def cpu_seconds() -> tuple[float, float, float] | None:
    """CPU seconds used on the whole machine, by this process and its waited-for children
    (gunicorn, once stopped), and the wall clock; None where /proc/stat is missing."""
    try:
        with open("/proc/stat") as stat:
            ticks = [int(value) for value in stat.readline().split()[1:9]]
    except OSError:
        return None
    busy = (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # not idle, iowait
    own = os.times()
    mine = own.user + own.system + own.children_user + own.children_system
    return busy, mine, time.perf_counter()


def loadavg() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def database_name() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version} (WAL, IMMEDIATE transactions)"


def main() -> int:
    var_dir = Path(tempfile.mkdtemp(prefix="latih-bench-"))
    url = os.environ.get("DATABASE_URL", "")
    drop_database = None
    server = None
    failed = False
    try:
        began = time.perf_counter()
        if url:
            drop_database = create_database(url)
        setup_django(var_dir)
        from django.db import connections

        installed = time.perf_counter()
        takers = make_takers(TAKERS)
        engine = database_name()
        connections.close_all()
        ready = time.perf_counter()
        port = free_port()
        cpu_before = cpu_seconds()
        server = start_server(var_dir, port, WORKERS, THREADS)
        print(
            f"exam bench: {os.cpu_count()} CPUs, {engine}, gunicorn {WORKERS} workers x "
            f"{THREADS} threads (gthread) on 127.0.0.1:{port}, {TAKERS} takers, "
            f"{QUESTIONS} questions per attempt"
        )
        print(
            f"setup: migrate + load_demo {installed - began:.1f} s, takers "
            f"{ready - installed:.1f} s; load average now {loadavg()}"
        )
        people = len(takers.people)
        send_health = health(port)

        # Warm-up: both workers import the views and open their connections; the test
        # page (GET, no attempt started) loads the evaluation's code and templates.
        closed_loop(port, 8, WARMUP_SECONDS, send_health, people)

        def test_page(client: Client, who: int) -> str | None:
            path = takers.start_path.removesuffix("start/")
            status, _location, body = client.request("GET", path, None, takers.headers(who, False))
            return None if status == 200 else f"test page {status}: {body[:200]!r}"

        warm = closed_loop(port, 8, WARMUP_SECONDS, test_page, people)
        if warm.ok == 0:
            raise RuntimeError(f"no test page answered 200: {warm.first_error}")

        # 1. The storm, between two /healthz slices at the same concurrency.
        level = STORM_CONCURRENCY
        base = closed_loop(port, level, SECONDS / ROUNDS, send_health, people)
        result = storm(port, takers, level)
        base.add(closed_loop(port, level, SECONDS / ROUNDS, send_health, people))
        problems = result.problems + check_attempts(takers, result.attempts)
        busy = sum(result.start.latencies) + sum(result.page.latencies)
        print()
        print(
            f"1. exam-start storm: {people} takers, {level} in flight, one in "
            f"{DOUBLE_CLICK_EVERY} double-clicks (two start POSTs at once)"
        )
        print(
            "   view                  answered  req/s  req/s ratio   p50 ms   p95 ms  p95 ratio"
            "  errors"
        )
        print(
            f"   GET /healthz          {base.ok:8d}  {base.rate:5.0f}  {1:11.2f}  "
            f"{ms(base.p50):>7}  {ms(base.q(0.95)):>7}  {1:8.1f}x  {base.errors:6d}"
        )
        for name, tally in (("POST start -> 302", result.start), ("GET attempt page", result.page)):
            share = sum(tally.latencies) / busy if busy else 0
            rate = tally.ok / (result.elapsed * share) if share else 0.0
            print(
                f"   {name:<20}  {tally.ok:8d}  {rate:5.0f}  {rate / base.rate:11.2f}  "
                f"{ms(tally.p50):>7}  {ms(tally.q(0.95)):>7}  "
                f"{tally.q(0.95) / base.q(0.95):8.1f}x  {tally.errors:6d}"
            )
        total = result.start.ok + result.page.ok
        print(
            f"   the storm: {total} requests in {result.elapsed:.1f} s = "
            f"{total / result.elapsed:.0f} req/s, {len(result.attempts) / result.elapsed:.1f} "
            f"takers started and shown their 40 questions per second"
        )
        print(
            f"   double clicks sent to the same attempt: {result.doubles_same}/{result.doubles}; "
            f"one attempt per taker with {QUESTIONS} items: " + ("yes" if not problems else "NO")
        )
        for tally_name, tally in (("start", result.start), ("page", result.page)):
            if tally.errors:
                print(f"   {tally_name}: {tally.errors} errors, first {tally.first_error}")
        for problem in problems:
            print(f"   FAIL: {problem}")
        failed = failed or bool(problems)
        if not result.attempts:
            raise RuntimeError("no attempt started: nothing to answer")

        # 2. Saving at increasing concurrency, alternating with /healthz.
        answers = Answers(takers, result.attempts)
        savers = len(answers.who)
        closed_loop(port, 8, WARMUP_SECONDS, answers.save, savers)
        rows = []
        for level in LEVELS:
            base, save = Tally(), Tally()
            for _ in range(ROUNDS):
                base.add(closed_loop(port, level, SECONDS / ROUNDS, send_health, savers))
                save.add(closed_loop(port, level, SECONDS / ROUNDS, answers.save, savers))
            rows.append((level, base, save))
        print()
        print(
            f"2. answer saving: POST /attempt/<pk>/answer/, closed loop, {SECONDS:.0f} s per "
            f"view and level, one save in flight per taker"
        )
        print(
            "   conc  healthz req/s  save req/s  req/s ratio  p50 ratio  p95 ratio  "
            "save p50 ms  p95 ms  p99 ms  errors"
        )
        for level, base, save in rows:
            print(
                f"   {level:4d}  {base.rate:13.0f}  {save.rate:10.0f}"
                f"  {save.rate / base.rate:11.2f}"
                f"  {save.p50 / base.p50:8.1f}x  {save.q(0.95) / base.q(0.95):8.1f}x"
                f"  {ms(save.p50):>11}  {ms(save.q(0.95)):>6}  {ms(save.q(0.99)):>6}"
                f"  {save.errors:6d}"
            )
        for level, base, save in rows:
            for name, tally in (("healthz", base), ("save", save)):
                if tally.errors:
                    print(f"   {name} at {level}: {tally.errors} errors, first {tally.first_error}")

        # 3. Capacity: paced saves at increasing rates.
        print()
        print(
            f"3. capacity: paced saves (open loop, latency from the due time), "
            f"{RATE_SECONDS:.0f} s per rate, up to {RATE_THREADS} in flight, over {savers} attempts"
        )
        context = paced(port, HEALTH_RATE, HEALTH_SECONDS, send_health, RATE_THREADS)
        print(
            f"   GET /healthz paced at {HEALTH_RATE}/s first: p50 {ms(context.tally.p50)} ms, "
            f"p95 {ms(context.tally.q(0.95))} ms, errors {context.tally.errors}"
        )
        print(
            "   saves/s   sent  answered  done/s  p50 ms  p95 ms  p99 ms  max ms  "
            "lag p95 ms  errors  dropped  p95 < 300 ms, no error"
        )
        best = None
        ramp = []
        for rate in RATES:
            run = paced(port, rate, RATE_SECONDS, answers.save, RATE_THREADS)
            ramp.append(run)
            tally = run.tally
            print(
                f"   {rate:7d}  {run.sent:5d}  {tally.ok:8d}  {tally.rate:6.0f}  {ms(tally.p50):>6}"
                f"  {ms(tally.q(0.95)):>6}  {ms(tally.q(0.99)):>6}"
                f"  {ms(max(tally.latencies, default=float('nan'))):>6}"
                f"  {ms(quantile(run.lags, 0.95)):>10}  {tally.errors:6d}  {run.dropped:7d}"
                f"  {'yes' if run.passed else 'NO'}",
                flush=True,
            )
            if tally.errors:
                print(f"            first error: {tally.first_error}")
            if not run.passed:
                break
            best = rate
            time.sleep(0.5)
        if best is None:
            print("   no rate held p95 < 300 ms without errors")
        else:
            limit = (
                ""
                if len(ramp) > len([r for r in ramp if r.passed])
                else " (the ramp's top: more may hold)"
            )
            print(
                f"   highest rate with p95 < 300 ms and no error: {best} saves/s{limit} -> max "
                f"concurrent takers = {best} x {SAVE_EVERY} = {best * SAVE_EVERY} "
                f"(one save per {SAVE_EVERY} s each)"
            )

        # 4. No answer lost.
        stop_server(server)
        cpu_after = cpu_seconds()
        check = check_answers(answers)
        lost = len(check["lost"])
        print()
        print(
            f"4. answers sent: {check['sent']}, acknowledged: {check['acked']}, stored (items "
            f"whose seq matches the last acknowledged): {check['matching']} of "
            f"{check['items_acked']} items acknowledged, lost: {lost}"
        )
        print(
            f"   items whose answer was changed and acknowledged again: {check['changed']} "
            f"(highest seq {check['highest_seq']})"
        )
        if check["unacked_stored"]:
            print(
                f"   items whose stored seq is newer than the last acknowledged (the save was "
                f"stored but its answer never came back): {check['unacked_stored']}"
            )
        bad = lost or check["beyond"] or check["missing"]
        if bad:
            failed = True
            print("   " + "!" * 70)
            print(
                f"   FAIL: {lost} acknowledged answers lost, e.g. (item, stored, acked) "
                f"{check['lost'][:5]}"
            )
            if check["beyond"]:
                print(f"   FAIL: stored seq above the highest sent: {check['beyond'][:5]}")
            if check["missing"]:
                print(f"   FAIL: items answered but not in the database: {check['missing'][:5]}")
            print("   " + "!" * 70)
        else:
            print("   no acknowledged answer lost: OK")
        if server_log(var_dir).strip():
            print("server log (last 3000 characters):\n" + server_log(var_dir))
        print(
            f"whole run: {time.perf_counter() - began:.0f} s, load average at the end {loadavg()}"
        )
        if cpu_before and cpu_after:
            machine = cpu_after[0] - cpu_before[0]
            ours = cpu_after[1] - cpu_before[1]
            others = "PostgreSQL's processes and any other" if "PostgreSQL" in engine else "other"
            print(
                f"CPU while the server ran ({cpu_after[2] - cpu_before[2]:.0f} s on "
                f"{os.cpu_count()} CPUs): this client and gunicorn {ours:.0f} s, {others} "
                f"processes {machine - ours:.0f} s"
            )
    finally:
        if server is not None:
            stop_server(server)
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if drop_database is not None:
            drop_database()
        shutil.rmtree(var_dir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
