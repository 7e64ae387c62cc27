"""What the HTTP benchmarks share: a throw-away installation (a temporary LATIH_VAR_DIR,
SQLite or a PostgreSQL database created for the run and dropped afterwards, migrate and
load_demo), people signed in server-side, and gunicorn on 127.0.0.1 on a free port.

Used by heartbeat.py and exam.py.
"""

import datetime as dt
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from _django import ROOT


# --- The throw-away installation ----------------------------------------------------------
def create_database(url: str):
    """Create the PostgreSQL database named in ``url``; returns the function that drops it.
    An existing database is never touched."""
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
    """Django on the throw-away installation in ``var_dir``, migrated, with the demo."""
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


# --- People -----------------------------------------------------------------------------------
def nip_for(birth: dt.date, woman: bool = False, seq: int = 1) -> str:
    """A PPPK NIP (as in tests/factories.py)."""
    return f"{birth:%Y%m%d}202421{2 if woman else 1}{seq:03d}"


def nik_for(birth: dt.date, woman: bool = False, seq: int = 1, region: str = "352101") -> str:
    day = birth.day + (40 if woman else 0)
    return f"{region}{day:02d}{birth:%m%y}{seq:04d}"


def signed_in_cookie(person, csrf: str) -> str:
    """A session created server-side for ``person`` (as a sign-in does) and the Cookie
    header that carries it, with ``csrf`` as the csrftoken cookie (send it as X-CSRFToken
    too)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = person._meta.pk.value_to_string(person)
    session[BACKEND_SESSION_KEY] = "latih.accounts.backends.NipPasswordBackend"
    session[HASH_SESSION_KEY] = person.get_session_auth_hash()
    session.create()
    return (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    )


# --- The server -------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(var_dir: Path, port: int, workers: int, threads: int) -> subprocess.Popen:
    """gunicorn (gthread) serving latih on 127.0.0.1:``port``, once /healthz answers."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "latih.wsgi:application",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
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


# --- Figures ----------------------------------------------------------------------------------
def quantile(values: list[float], q: float) -> float:
    """The ``q`` quantile (nearest rank) of ``values``; NaN when there are none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_clients(level: int, client, box: dict, start_line, seconds: float) -> float:
    """Start ``level`` client threads (``client(n)``), let them run ``seconds`` from the
    moment they are all at ``start_line``, and return the time they took."""
    threads = [threading.Thread(target=client, args=(n,)) for n in range(level)]
    for thread in threads:
        thread.start()
    box["stop"] = time.perf_counter() + seconds
    began = time.perf_counter()
    start_line.wait()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began
