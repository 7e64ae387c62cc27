"""Per-address limits count the visitor's address: behind the trusted reverse proxies the
entry they wrote in X-Forwarded-For, never an entry the visitor wrote itself."""

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.urls import reverse

from latih.common.netaddr import client_address
from tests.factories import PASSWORD, make_person

SIGN_IN = reverse("accounts:sign_in")
PROXY = "10.0.0.2"  # the reverse proxy, as the application server sees it


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        # No proxy: whatever the client writes in the header is ignored.
        (0, None, "203.0.113.7", "203.0.113.7"),
        (0, "198.51.100.1", "203.0.113.7", "203.0.113.7"),
        # One proxy: its entry is the last one; entries left of it are the client's words.
        (1, "203.0.113.7", PROXY, "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", PROXY, "203.0.113.7"),
        (1, "198.51.100.1,203.0.113.7", PROXY, "203.0.113.7"),
        # Two proxies (a CDN, then nginx): the second entry from the right.
        (2, "198.51.100.1, 203.0.113.7, 192.0.2.9", PROXY, "203.0.113.7"),
        # Missing, too short or malformed where it matters: the nearest proxy's address.
        (1, None, PROXY, PROXY),
        (1, "", PROXY, PROXY),
        (2, "203.0.113.7", PROXY, PROXY),
        (1, "203.0.113.7, not-an-address", PROXY, PROXY),
        (1, "203.0.113.7, 999.1.1.1", PROXY, PROXY),
        # One address has one spelling.
        (1, "2001:DB8:0:0:0:0:0:1", PROXY, "2001:db8::"),
        (1, "[2001:db8::1]", PROXY, "2001:db8::"),
        # One /64 is one visitor: the next address in it is no fresh start.
        (1, "2001:db8::ffff:1", PROXY, "2001:db8::"),
        (1, "2001:db8:0:1::1", PROXY, "2001:db8:0:1::"),
        (1, "::ffff:203.0.113.7", PROXY, "203.0.113.7"),
        (0, None, "::FFFF:203.0.113.7", "203.0.113.7"),
        (0, None, "fe80::1%eth0", "fe80::"),
        # No address at all.
        (0, None, "", None),
    ],
)
def test_client_address(settings, proxies, forwarded, remote, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(RequestFactory().get("/", **meta)) == expected


def test_a_padded_header_is_read_only_at_its_end(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    padded = "1.1.1.1, " * 20_000 + "203.0.113.7"
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=padded)
    assert client_address(request) == "203.0.113.7"
    # A trusted entry is never cut in two to make another valid address.
    settings.TRUSTED_PROXY_COUNT = 2
    long_left = "9" * 300 + ", 10.200.30.4, 203.0.113.7"
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=long_left)
    assert client_address(request) == "10.200.30.4"


def _fail_via_proxy(nip, visitor, spoof="198.51.100.1"):
    # The visitor writes its own X-Forwarded-For; the proxy appends the visitor's address.
    return Client().post(
        SIGN_IN,
        {"nip": nip, "password": "salah-lagi"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"{spoof}, {visitor}",
    )


def test_behind_the_proxy_one_visitors_failures_do_not_lock_another(agency, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for person in [make_person(agency) for _ in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT)]:
        _fail_via_proxy(person.nip, "203.0.113.7")
    locked = _fail_via_proxy(make_person(agency).nip, "203.0.113.7")
    assert locked.status_code == 429

    innocent = make_person(agency)
    response = Client().post(
        SIGN_IN,
        {"nip": innocent.nip, "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )
    assert response.status_code == 302


def test_behind_the_proxy_a_visitor_cannot_escape_its_count_by_forging_the_header(agency, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    for n in range(6):
        _fail_via_proxy(make_person(agency).nip, "203.0.113.7", spoof=f"198.51.100.{n}")
    response = Client().post(
        SIGN_IN,
        {"nip": make_person(agency).nip, "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.7",
    )
    assert response.status_code == 429


def test_without_a_proxy_a_forged_header_changes_nothing(agency, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    for n in range(6):
        Client().post(
            SIGN_IN,
            {"nip": make_person(agency).nip, "password": "salah-lagi"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    response = Client().post(
        SIGN_IN,
        {"nip": make_person(agency).nip, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert response.status_code == 429


def test_axes_records_the_visitors_address(participant, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _fail_via_proxy(participant.nip, "2001:DB8::7")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["2001:db8::"]


def test_a_sign_in_refused_by_the_address_lock_does_not_count_against_the_account(
    agency, participant, settings
):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for person in [make_person(agency) for _ in range(3)]:
        Client().post(SIGN_IN, {"nip": person.nip, "password": "x"}, REMOTE_ADDR="10.9.9.9")
    # From the locked address, someone keeps trying the participant's NIP.
    for _ in range(2 * settings.AXES_FAILURE_LIMIT):
        refused = Client().post(
            SIGN_IN, {"nip": participant.nip, "password": "x"}, REMOTE_ADDR="10.9.9.9"
        )
        assert refused.status_code == 429
        assert "dari jaringan Anda" in refused.content.decode()
    assert not AccessAttempt.objects.filter(username=participant.nip).exists()
    # The participant, elsewhere, signs in as usual.
    response = Client().post(
        SIGN_IN, {"nip": participant.nip, "password": PASSWORD}, REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 302


def test_certificate_lookups_are_limited_per_visitor_behind_the_proxy(db, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.VERIFY_LOOKUP_LIMIT = 3
    verify = reverse("certificates:verify")

    def look_up(visitor, spoof):
        return Client().get(
            verify,
            {"number": "00001/XXXX/uji/2026"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"{spoof}, {visitor}",
        )

    statuses = [look_up("203.0.113.7", f"198.51.100.{n}").status_code for n in range(4)]
    assert statuses == [404, 404, 404, 429]
    assert look_up("203.0.113.8", "198.51.100.1").status_code == 404


def test_an_ipv6_visitor_cannot_escape_the_lock_by_changing_address_in_its_64(agency, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for n, person in enumerate(make_person(agency) for _ in range(3)):
        _fail_via_proxy(person.nip, f"2001:db8:aa:bb::{n + 1:x}")
    # A fresh address in the same /64 is the same visitor.
    assert _fail_via_proxy(make_person(agency).nip, "2001:db8:aa:bb::ffff").status_code == 429
    # Another /64 is another visitor.
    assert _fail_via_proxy(make_person(agency).nip, "2001:db8:aa:bc::1").status_code == 200
