"""NIPs and locks on a 360 px phone: a NIP stays on one line, tables of people become
cards without scrolling sideways, and the lock is a drawn icon with a name, not an emoji
that shows as an empty box where no emoji font is installed."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from latih.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

RINA = "198811302010122004"  # agency admin
SITI = "199507222024212002"
NBSP = "\u00a0"


def no_horizontal_overflow(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def one_line(locator) -> bool:
    return locator.evaluate("element => element.getClientRects().length === 1")


def test_the_people_list_is_a_list_of_cards_on_a_phone(phone, transactional_db):
    call_command("load_demo", verbosity=0)
    sign_in(phone, RINA, DEMO_PASSWORD)
    phone.goto("/manage/people/")
    rahmat = phone.locator('data.nip[value="199811082024211007"]')
    expect(rahmat).to_have_text(f"19981108{NBSP}202421{NBSP}1{NBSP}007")
    assert one_line(rahmat)
    row = phone.locator("tr", has=rahmat)
    assert row.evaluate("row => getComputedStyle(row).display") == "block"
    cell = row.locator("td", has=rahmat)
    label = cell.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"NIP: "' or label.startswith('"NIP')
    no_horizontal_overflow(phone)
    # The header row is still there for screen readers.
    expect(phone.get_by_role("columnheader", name="NIP")).to_have_count(1)


def test_a_wide_screen_keeps_the_table(open_page, transactional_db):
    call_command("load_demo", verbosity=0)
    page = open_page(width=1280, height=800)
    sign_in(page, RINA, DEMO_PASSWORD)
    page.goto("/manage/people/")
    row = page.locator("tr", has=page.locator('data.nip[value="199811082024211007"]'))
    assert row.evaluate("row => getComputedStyle(row).display") == "table-row"


def test_the_profile_nip_stays_on_one_line(phone, transactional_db):
    call_command("load_demo", verbosity=0)
    sign_in(phone, SITI, DEMO_PASSWORD)
    phone.goto("/profile/")
    nip = phone.locator(f'data.nip[value="{SITI}"]')
    expect(nip).to_be_visible()
    assert one_line(nip)


def test_a_locked_material_shows_a_named_lock_icon(phone, transactional_db):
    call_command("load_demo", verbosity=0)
    sign_in(phone, SITI, DEMO_PASSWORD)
    phone.goto("/learn/latsar-pppk/")
    expect(phone.locator("main")).not_to_contain_text("🔒")
    locks = phone.get_by_role("img", name="Terkunci")
    assert locks.count() > 0
    # Open every section: each lock is drawn, the size of the text.
    phone.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")
    box = phone.locator("svg.icon--lock").first.bounding_box()
    assert box and 10 <= box["width"] <= 24 and 10 <= box["height"] <= 24
    no_horizontal_overflow(phone)
