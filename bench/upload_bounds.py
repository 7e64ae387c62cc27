"""What a hostile question-bank spreadsheet costs the server, next to an honest one.

The review of issue "Trust" found that a 4 KB XLSX whose rows all point at one 2 MB shared
string took seconds and hundreds of megabytes to read. Each case here is read by the real
reader (``latih.exams.formats.read_bank``) in a fresh Python process, RUNS times, and we
report the reading's CPU time and the most memory Python held while reading it
(tracemalloc's peak, in a second read); the honest file is the baseline to compare with:

- baseline: an honest bank of 300 questions written by the project's own template writer;
- shared-string: 300 rows, every cell the same 2 MB shared string (about 4 KB on disk);
- shared-string-6000: 6,000 such rows of a 20-character string (past the row bound);
- zip-bomb: a sheet part that unpacks to 200 MB of zeros.

Run: .venv/bin/python bench/upload_bounds.py        (RUNS=5 for more runs)
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("RUNS", "3"))

CHILD = r"""
import json, os, sys, time, tracemalloc
sys.path[:0] = [os.path.join(ROOT, "src"), ROOT]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "latih.settings")
import django
django.setup()
from latih.exams.formats import read_bank
data = open(PATH, "rb").read()
start, cpu = time.perf_counter(), time.process_time()
result = read_bank(data, "bank.xlsx")
wall, cpu = time.perf_counter() - start, time.process_time() - cpu
# A second read under tracemalloc: the most memory Python held while reading.
tracemalloc.start()
read_bank(data, "bank.xlsx")
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(json.dumps({
    "wall_ms": 1000 * wall,
    "cpu_ms": 1000 * cpu,
    "peak_mb": peak / 1024 / 1024,
    "questions": len(result.questions),
    "problems": len(result.problems),
}))
"""


def _files(folder: Path) -> dict[str, Path]:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "latih.settings")
    os.environ.setdefault("LATIH_VAR_DIR", str(folder / "var"))
    import django

    django.setup()
    from latih.exams.formats import BankOption, BankQuestion, table
    from tests.upload_craft import shared_string_workbook, zip_bomb_workbook

    header = ["kategori", "soal", "jenis", *(f"pilihan_{c}" for c in "abcdefgh"), "kunci"]
    honest = [
        BankQuestion(
            text=f"Soal nomor {n}: manakah nilai dasar ASN yang tepat?",
            options=[
                BankOption(f"Pilihan {n}.{k}", Decimal(100 if k == 0 else 0)) for k in range(4)
            ],
            category="Agenda 2",
        )
        for n in range(300)
    ]
    cases = {
        "baseline": table.write_xlsx(honest),
        "shared-string": shared_string_workbook(header, rows=300, huge=2 * 1024 * 1024),
        "shared-string-6000": shared_string_workbook(header, rows=6000, huge=20),
        "zip-bomb": zip_bomb_workbook(header, unpacked=200 * 1024 * 1024),
    }
    paths = {}
    for name, data in cases.items():
        path = folder / f"{name}.xlsx"
        path.write_bytes(data)
        paths[name] = path
    return paths


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        paths = _files(folder)
        print(f"load before: {os.getloadavg()}")
        results: dict[str, list[dict]] = {name: [] for name in paths}
        for _run in range(RUNS):
            for name, path in paths.items():  # interleaved: each case meets the same noise
                code = CHILD.replace("ROOT", repr(str(ROOT))).replace("PATH", repr(str(path)))
                env = {**os.environ, "LATIH_VAR_DIR": str(folder / "var")}
                out = subprocess.run(
                    [sys.executable, "-c", code], capture_output=True, text=True, env=env
                )
                if out.returncode:
                    raise SystemExit(out.stderr)
                results[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"load after: {os.getloadavg()}  ({RUNS} runs each, min / median / max)")
        base_cpu = statistics.median(r["cpu_ms"] for r in results["baseline"])
        for name, runs in results.items():
            size = paths[name].stat().st_size
            cpu = sorted(r["cpu_ms"] for r in runs)
            peak = sorted(r["peak_mb"] for r in runs)
            print(
                f"{name:20} {size / 1024:8.1f} KB  cpu ms {cpu[0]:7.0f} / "
                f"{statistics.median(cpu):7.0f} / {cpu[-1]:7.0f}  "
                f"(x{statistics.median(cpu) / base_cpu:5.2f} baseline)  "
                f"peak MB {peak[0]:6.1f} / {statistics.median(peak):6.1f} / {peak[-1]:6.1f}  "
                f"questions {runs[0]['questions']}, problems {runs[0]['problems']}"
            )


if __name__ == "__main__":
    main()
