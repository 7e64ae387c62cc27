"""Factories for tests: people with valid, agreeing NIP and NIK, agencies and units."""

import datetime as dt
import itertools

from latih.accounts.models import Person, Role
from latih.agencies.models import Agency, Unit

PASSWORD = "Sandi-Uji#2026"
_sequence = itertools.count(1)


def nip_for(birth: dt.date, woman: bool = False, seq: int = 1, pppk: bool = True) -> str:
    middle = "202421" if pppk else "201503"
    return f"{birth:%Y%m%d}{middle}{2 if woman else 1}{seq:03d}"


def nik_for(birth: dt.date, woman: bool = False, seq: int = 1, region: str = "352101") -> str:
    day = birth.day + (40 if woman else 0)
    return f"{region}{day:02d}{birth:%m%y}{seq:04d}"


def make_agency(name: str | None = None, units: tuple[str, ...] = ("BKPSDM",)) -> Agency:
    n = next(_sequence)
    agency = Agency.objects.create(name=name or f"Instansi Uji {n}", code=f"uji-{n}")
    for unit in units:
        Unit.objects.create(agency=agency, name=unit)
    return agency


def make_person(
    agency: Agency | None = None,
    role: str = Role.PARTICIPANT,
    password: str | None = PASSWORD,
    woman: bool = False,
    name: str | None = None,
) -> Person:
    """A person with a fresh NIP/NIK pair; ``password=None`` means never signed in."""
    n = next(_sequence)
    # Birth dates from 1970 to 1994, so every NIP stays plausible however many are made.
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=(n * 37) % 9000)
    agency = agency if agency is not None else make_agency()
    return Person.objects.create_user(
        nip_for(birth, woman, seq=n % 1000 or 1),
        password,
        nik=nik_for(birth, woman, seq=n),
        name=name or f"Pegawai Uji {n}",
        agency=agency,
        unit=agency.units.first(),
        role=role,
        phone="081234567890",
        email=f"uji{n}@example.go.id",
    )
