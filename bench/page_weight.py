"""Page weight of the sign-in page and the dashboard: HTML plus every stylesheet and
script, uncompressed and gzip-compressed (as WhiteNoise serves them).

Run: .venv/bin/python bench/page_weight.py
"""

import gzip
import re
from pathlib import Path

from _django import setup_demo

setup_demo()

from django.contrib.staticfiles import finders  # noqa: E402
from django.test import Client  # noqa: E402

from latih.accounts.models import Person  # noqa: E402


def weigh(client: Client, url: str) -> tuple[int, int, list[str]]:
    html = client.get(url).content
    raw, packed, parts = len(html), len(gzip.compress(html)), ["html"]
    for asset in re.findall(rb'(?:href|src)="/static/([^"]+)"', html):
        data = Path(finders.find(asset.decode())).read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data))
        parts.append(asset.decode())
    return raw, packed, parts


def main() -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    rows = [("sign-in page", *weigh(client, "/login/"))]
    client.force_login(Person.objects.get(nip="199507222024212002"))
    rows.append(("dashboard", *weigh(client, "/")))
    rows.append(("profile", *weigh(client, "/profile/")))
    print(f"{'page':<14}{'raw KB':>9}{'gzip KB':>9}  parts")
    for name, raw, packed, parts in rows:
        print(f"{name:<14}{raw / 1024:>9.1f}{packed / 1024:>9.1f}  {', '.join(parts)}")


if __name__ == "__main__":
    main()
