"""The demo installation: the agency "Pemerintah Kabupaten Ngawi" and one account per role,
the demo course (``learning.py``, its content in ``content.py`` and ``media/``), its question
bank (``exams.py``, ``bank.gift``) and its cohort (``cohorts.py``).

Only the ``load_demo`` and ``serve`` commands import this package; no runtime app does
(an import-linter contract in pyproject.toml checks it).

Loading is idempotent: what exists is left as it is (so a tester's new password survives a
restart), what is missing is created. ``reset=True`` puts every demo account back in its
demo state.
"""

from dataclasses import dataclass
from typing import TextIO

from django.db import transaction
from django.utils import translation

from latih.accounts.models import Person, Role
from latih.agencies.models import Agency, Unit
from latih.demo import cohorts as cohorts_demo
from latih.demo import exams as exams_demo
from latih.demo import learning as learning_demo

DEMO_PASSWORD = "Latih#Demo2026"
AGENCY_NAME = "Pemerintah Kabupaten Ngawi"
UNIT_NAME = "BKPSDM"


@dataclass(frozen=True)
class DemoAccount:
    role: Role
    name: str
    nip: str
    nik: str
    position: str
    password: str | None  # None: has never signed in, first login with the NIK


ACCOUNTS = (
    DemoAccount(
        Role.PARTICIPANT,
        "Budi Santoso",
        "199203152024211001",
        "3174051503920001",
        "Analis Kepegawaian Ahli Pertama",
        None,
    ),
    DemoAccount(
        Role.PARTICIPANT,
        "Siti Rahayu",
        "199507222024212002",
        "3273016207950002",
        "Pranata Komputer Ahli Pertama",
        DEMO_PASSWORD,
    ),
    DemoAccount(
        Role.PARTICIPANT,
        "Rahmat Hidayat",
        "199811082024211007",
        "3521010811980007",
        "Penata Layanan Operasional",
        DEMO_PASSWORD,
    ),
    DemoAccount(
        Role.FACILITATOR,
        "Andi Wijaya",
        "198104122006041003",
        "3521011204810003",
        "Widyaiswara Ahli Muda",
        DEMO_PASSWORD,
    ),
    DemoAccount(
        Role.AGENCY_ADMIN,
        "Rina Kusuma",
        "198811302010122004",
        "3521027011880004",
        "Analis SDM Aparatur",
        DEMO_PASSWORD,
    ),
    DemoAccount(
        Role.ORGANIZER,
        "Dewi Lestari",
        "197906252005011005",
        "3521032506790005",
        "Kepala Bidang Pengembangan Kompetensi",
        DEMO_PASSWORD,
    ),
    DemoAccount(
        Role.PLATFORM_ADMIN,
        "Admin Platform",
        "198501012010011006",
        "3521030101850006",
        "Administrator Sistem",
        DEMO_PASSWORD,
    ),
)


@transaction.atomic
def load_demo(reset: bool = False) -> list[DemoAccount]:
    agency, _ = Agency.objects.get_or_create(name=AGENCY_NAME, defaults={"code": "ngawi"})
    unit, _ = Unit.objects.get_or_create(agency=agency, name=UNIT_NAME)
    for account in ACCOUNTS:
        person = Person.objects.filter(nip=account.nip).first()
        if person is not None and not reset:
            continue
        if person is None:
            person = Person(nip=account.nip)
        person.nik = account.nik
        person.name = account.name
        person.role = account.role
        person.agency = agency
        person.unit = unit
        person.position = account.position
        person.birth_place = "Ngawi"
        person.email = f"{account.name.split()[0].lower()}@ngawikab.example"
        person.fill_from_nip()
        if account.password:
            person.set_password(account.password)
        else:
            person.set_unusable_password()
            person.first_signed_in_at = None
        person.save()
    people = {
        account.name.split()[0].lower(): Person.objects.get(nip=account.nip) for account in ACCOUNTS
    }
    course = learning_demo.load(
        {key: people[key] for key in ("siti", "budi", "rahmat")},
        facilitator=people["andi"],
        reset=reset,
    )
    exams_demo.load(course, rahmat=people["rahmat"], reset=reset)
    cohorts_demo.load(course, learning_demo.COHORT_NAME, agency)
    return list(ACCOUNTS)


def print_logins(out: TextIO) -> None:
    """The demo logins, for the terminal of whoever started the demo."""
    out.write("Demo logins (NIP / password):\n")
    with translation.override("en"):  # terminal output is English, like the docs
        for account in ACCOUNTS:
            secret = account.password or f"first login with NIK {account.nik}"
            role = str(account.role.label)
            out.write(f"  {role:<15} {account.name:<15} {account.nip}  {secret}\n")
