"""Configuration comes from the environment only, and production values pass the deploy check."""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-production-secret-with-enough-entropy-3f9a1c77e2b4d",
    "ALLOWED_HOSTS": "latih.example.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://latih.example.go.id",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_COOKIES": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_PRELOAD": "1",
    "BEHIND_TLS_PROXY": "1",
    "DATABASE_URL": "postgres://latih:secret@db.internal:5432/latih",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "EMAIL_URL": "smtp+tls://latih:secret@mail.internal:587",
    "MEDIA_STORAGE": "s3",
    "S3_BUCKET": "latih-media",
    "S3_ENDPOINT_URL": "https://s3.internal",
    "SITE_URL": "https://latih.example.go.id",
}


def _run(args, extra_env, tmp_path):
    # Nothing of the test run's own environment may leak in (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE, which the deploy check rightly refuses).
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION and k != "DJANGO_ALLOW_ASYNC_UNSAFE" and not k.startswith("LATIH_")
    }
    env.update(extra_env, LATIH_VAR_DIR=str(tmp_path))
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings(extra_env, tmp_path, *names):
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: str(getattr(s, n)) for n in {names!r}}}))"
    )
    result = _run(["shell", "-c", code], extra_env, tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_values_pass_the_deploy_check(tmp_path):
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_values_choose_postgres_redis_smtp_and_s3(tmp_path):
    values = _settings(
        PRODUCTION,
        tmp_path,
        "DATABASES",
        "CACHES",
        "SESSION_ENGINE",
        "EMAIL_BACKEND",
        "STORAGES",
        "CELERY_BROKER_URL",
        "DEBUG",
    )
    assert "postgresql" in values["DATABASES"] and "db.internal" in values["DATABASES"]
    assert "RedisCache" in values["CACHES"] and "cache.internal" in values["CACHES"]
    assert values["SESSION_ENGINE"].endswith("cached_db")
    assert "smtp" in values["EMAIL_BACKEND"]
    assert "S3Storage" in values["STORAGES"] and "latih-media" in values["STORAGES"]
    assert values["CELERY_BROKER_URL"] == "redis://cache.internal:6379/0"
    assert values["DEBUG"] == "False"


def test_defaults_are_embedded(tmp_path):
    values = _settings({}, tmp_path, "DATABASES", "CACHES", "STORAGES", "CELERY_TASK_ALWAYS_EAGER")
    assert "sqlite3" in values["DATABASES"]
    assert "LocMemCache" in values["CACHES"]
    assert "FileSystemStorage" in values["STORAGES"]
    assert values["CELERY_TASK_ALWAYS_EAGER"] == "True"
    # The embedded secret key is generated once and kept private.
    key = tmp_path / "secret_key"
    assert key.exists() and oct(key.stat().st_mode & 0o777) == "0o600"
