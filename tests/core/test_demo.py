"""The demo data: valid identities, idempotent loading."""

from django.core.management import call_command

from latih.accounts import rules
from latih.accounts.models import Person
from latih.agencies.models import Agency, Unit
from latih.common import clock
from latih.demo import ACCOUNTS, DEMO_PASSWORD


def _snapshot():
    return sorted(
        Person.objects.values_list("nip", "nik", "name", "role", "password", "unit__name")
    )


def test_demo_identities_are_valid():
    regencies = rules.load_regency_codes()
    for account in ACCOUNTS:
        assert rules.check_identity(account.nip, account.nik, clock.today(), regencies) == [], (
            account
        )


def test_loading_twice_changes_nothing(db):
    call_command("load_demo", verbosity=0)
    first = _snapshot()
    call_command("load_demo", verbosity=0)
    assert _snapshot() == first
    assert Agency.objects.count() == 1 and Unit.objects.count() == 1
    assert Person.objects.count() == len(ACCOUNTS)


def test_demo_states(db):
    call_command("load_demo", verbosity=0)
    budi = Person.objects.get(nip="199203152024211001")
    assert budi.must_set_password and budi.first_signed_in_at is None
    siti = Person.objects.get(nip="199507222024212002")
    assert siti.check_password(DEMO_PASSWORD)
    rina = Person.objects.get(nip="198811302010122004")
    assert rina.role == "agency_admin" and rina.agency.name == "Pemerintah Kabupaten Ngawi"


def test_reset_restores_the_demo_state(db):
    call_command("load_demo", verbosity=0)
    budi = Person.objects.get(nip="199203152024211001")
    budi.set_password("Sudah#Diganti1")
    budi.save()
    call_command("load_demo", verbosity=0)
    assert not Person.objects.get(pk=budi.pk).must_set_password
    call_command("load_demo", "--reset", verbosity=0)
    assert Person.objects.get(pk=budi.pk).must_set_password


def test_serve_prints_the_logins_once_listening(capsys):
    from io import StringIO

    from latih.core.management.commands.serve import Command

    command = Command(stdout=StringIO())
    command.addr, command.port, command._raw_ipv6, command.use_ipv6 = (
        "127.0.0.1",
        "8000",
        False,
        False,
    )
    command.protocol = "http"
    command.on_bind("8000")
    out = command.stdout.getvalue()
    assert "http://127.0.0.1:8000/" in out
    assert "Budi Santoso" in out and "3174051503920001" in out and DEMO_PASSWORD in out
