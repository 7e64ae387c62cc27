"""What one sign-in costs: Argon2 verification against a minimal Django request, both
measured here, in this process, in the same run (shared machines are noisy, so only
the ratio is meaningful).

Run: .venv/bin/python bench/sign_in.py
"""

import statistics
import time

from _django import setup_demo

setup_demo()

from django.contrib.auth.hashers import check_password, make_password  # noqa: E402
from django.test import Client  # noqa: E402

ROUNDS = 30


def timed(action) -> float:
    """Median seconds of ``action`` over ROUNDS runs, after one warm-up."""
    action()
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    encoded = make_password("Latih#Demo2026")

    baseline = timed(lambda: client.get("/healthz"))
    verify = timed(lambda: check_password("Latih#Demo2026", encoded))
    sign_in = timed(
        lambda: Client(HTTP_HOST="127.0.0.1").post(
            "/login/", {"nip": "199507222024212002", "password": "Latih#Demo2026"}
        )
    )
    print(f"minimal view (/healthz)   {baseline * 1000:8.2f} ms   1.0x")
    print(f"Argon2 verify             {verify * 1000:8.2f} ms {verify / baseline:6.1f}x")
    print(f"full sign-in (POST)       {sign_in * 1000:8.2f} ms {sign_in / baseline:6.1f}x")
    print(f"sign-ins per second per core, at most: {1 / sign_in:.1f}")


if __name__ == "__main__":
    main()
