"""Refused in-page actions say why, in place, to the eye and to a screen reader.

htmx drops 4xx answers unless told otherwise: a facilitator returning a journal without
feedback, or a "Selesai Menonton" the server refuses, used to see nothing happen at all.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from latih.accounts.models import Person
from latih.demo import DEMO_PASSWORD
from latih.exams import services as exams
from latih.exams.models import Test as ExamTest
from latih.learning import services
from latih.learning.models import Journal, Section
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

SITI = "199507222024212002"
ANDI = "198104122006041003"
RAHMAT = "199811082024211007"
AGENDA_2 = "Agenda 2 — Nilai-Nilai Dasar ASN BerAKHLAK"


def _siti_submits_her_agenda_2_journal() -> Journal:
    siti = Person.objects.get(nip=SITI)
    section = Section.objects.get(course__slug="latsar-pppk", title=AGENDA_2)
    return services.save_journal(siti, section, text="Yang saya pelajari di Agenda 2.", submit=True)


def test_returning_a_journal_without_feedback_says_why(open_page, transactional_db):
    call_command("load_demo", verbosity=0)
    journal = _siti_submits_her_agenda_2_journal()
    andi = open_page()
    sign_in(andi, ANDI, DEMO_PASSWORD)
    andi.goto(reverse("learning:review_queue"))
    card = andi.locator(f"#journal-{journal.pk}")
    card.get_by_role("button", name="Kembalikan untuk diperbaiki").click()

    alert = card.get_by_role("alert")
    expect(alert).to_have_text("Tuliskan apa yang perlu diperbaiki sebelum mengembalikan jurnal.")
    expect(alert).to_be_focused()
    # The form is still there to be filled in, and nothing was decided.
    card.get_by_label("Masukan").fill("Tambahkan contoh dari tempat kerja Anda.")
    card.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    expect(card).to_contain_text("Dikembalikan")
    journal.refresh_from_db()
    assert journal.status == Journal.Status.RETURNED


def test_a_refusal_without_a_fragment_of_its_own_is_shown_before_the_form(
    open_page, transactional_db
):
    """An error page (here a 404: the journal went away meanwhile) is not swapped into the
    card; its message, or a translated one, is shown before the form instead."""
    call_command("load_demo", verbosity=0)
    journal = _siti_submits_her_agenda_2_journal()
    andi = open_page()
    sign_in(andi, ANDI, DEMO_PASSWORD)
    andi.goto(reverse("learning:review_queue"))
    card = andi.locator(f"#journal-{journal.pk}")
    expect(card).to_be_visible()
    Journal.objects.filter(pk=journal.pk).delete()
    card.get_by_role("button", name="Terima").click()

    alert = card.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).not_to_have_text("")
    assert card.locator("header, footer, h1").count() == 0  # no page inside the card
    expect(card.get_by_role("button", name="Terima")).to_be_enabled()


def test_a_refused_finished_watching_says_why(open_page, transactional_db):
    call_command("load_demo", verbosity=0)
    siti = open_page()
    sign_in(siti, SITI, DEMO_PASSWORD)
    siti.goto("/learn/latsar-pppk/")
    section = siti.locator("li.section", has=siti.get_by_role("heading", name=AGENDA_2))
    section.get_by_role("link").first.click()
    button = siti.get_by_role("button", name="Selesai Menonton")
    expect(button).to_be_hidden()
    # The button is shown without the video played: the server must refuse it.
    siti.locator("[data-complete-after-watching]").evaluate("form => { form.hidden = false; }")
    button.click()

    alert = siti.locator("#completion").get_by_role("alert")
    expect(alert).to_contain_text("Video belum ditonton sampai selesai")
    expect(alert).to_be_focused()
    expect(siti.get_by_role("status").filter(has_text="Selesai!")).to_have_count(0)


def test_an_answer_the_server_refuses_says_why_at_its_question(open_page, transactional_db):
    call_command("load_demo", verbosity=0)
    rahmat = Person.objects.get(nip=RAHMAT)
    attempt = exams.start_attempt(rahmat, ExamTest.objects.get(kind="post"))
    page = open_page()
    sign_in(page, RAHMAT, DEMO_PASSWORD)
    page.goto(reverse("exams:attempt", args=[attempt.pk]))
    first = page.locator('input[name="q-1"]').first
    # An option that is not the question's (no page offers one): the server refuses it.
    first.evaluate("input => { input.value = '999999999'; }")
    first.check()

    alert = page.locator("#q-1").get_by_role("alert")
    expect(alert).to_have_text("Pilihan itu bukan bagian dari soal ini.")
    assert not attempt.items.exclude(selected=[]).exists()
