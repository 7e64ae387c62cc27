"""The academic evaluation in Chromium on a phone-sized screen, on the demo course.

Rahmat (who has studied everything) has already used three attempts, so the page tells
him his fourth can earn at most 90,01. He starts it, answers, loses the connection,
answers more (the page says they are not saved), reloads while his answers still cannot
reach the server (they come back from the device), gets the connection back (they are
sent), reloads again and sees every answer kept, finishes and sees his capped score.
"""

from decimal import Decimal

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from latih.accounts.models import Person
from latih.common import clock
from latih.demo import DEMO_PASSWORD
from latih.exams import services
from latih.exams.models import Attempt, Item
from latih.exams.models import Test as ExamTest
from tests.browser.conftest import sign_in, time_passes

pytestmark = pytest.mark.browser

RAHMAT = "199811082024211007"


def right_options(item: Item) -> list[int]:
    return [option["id"] for option in item.options if Decimal(option["fraction"]) > 0]


def answer(page, item: Item) -> None:
    for option in right_options(item):
        page.locator(f'input[name="q-{item.position}"][value="{option}"]').check()


def stored(attempt: Attempt) -> int:
    return Item.objects.filter(attempt=attempt).exclude(selected=[]).count()


def test_rahmat_takes_the_evaluation_through_a_lost_connection(open_page, transactional_db):
    call_command("load_demo", verbosity=0)
    rahmat = Person.objects.get(nip=RAHMAT)
    evaluation = ExamTest.objects.get(kind="post")
    for _ in range(3):
        services.submit_attempt(services.start_attempt(rahmat, evaluation))

    page = open_page()
    sign_in(page, RAHMAT, DEMO_PASSWORD)
    page.get_by_role("link", name="Pelatihan Dasar PPPK").first.click()
    page.get_by_role("link", name="Evaluasi Akademik Pelatihan Dasar PPPK").click()
    expect(page.get_by_test_id("next-cap")).to_contain_text(
        "Percobaan 4: nilai tertinggi yang dapat diraih 90,01"
    )
    page.get_by_role("button", name="Mulai percobaan baru").click()
    expect(page.locator("[data-clock]")).to_contain_text("1:29:")
    attempt = Attempt.objects.get(person=rahmat, submitted_at__isnull=True)
    items = list(attempt.items.order_by("position"))
    assert len(items) == 40
    status = page.locator("[data-status]")

    for item in items[:10]:
        answer(page, item)
    expect(status).to_contain_text("Semua jawaban tersimpan")
    assert stored(attempt) == 10

    # The connection drops: answers wait on the device, and the page says so.
    page.context.set_offline(True)
    for item in items[10:14]:
        answer(page, item)
    warning = page.locator("[data-unsaved]")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("4 jawaban belum tersimpan")
    assert stored(attempt) == 10

    # Back online, but the answers still cannot get through when the page reloads: they
    # come back from the device, checked.
    page.route("**/answer/", lambda route: route.abort())
    page.context.set_offline(False)
    page.reload()
    for item in items[:14]:
        for option in right_options(item):
            expect(
                page.locator(f'input[name="q-{item.position}"][value="{option}"]')
            ).to_be_checked()
    assert stored(attempt) == 10

    # Through again: the waiting answers are sent.
    page.unroute("**/answer/")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status).to_contain_text("Semua jawaban tersimpan", timeout=15_000)
    assert stored(attempt) == 14

    for item in items[14:39]:
        answer(page, item)
    expect(status).to_contain_text("39 dari 40 dijawab")
    expect(status).to_contain_text("Semua jawaban tersimpan")
    page.reload()
    expect(page.locator("input:checked")).to_have_count(
        sum(len(right_options(item)) for item in items[:39])
    )
    assert stored(attempt) == 39

    page.get_by_role("button", name="Selesai").click()
    expect(page.get_by_test_id("unanswered")).to_contain_text("1 dari 40 soal belum dijawab")
    page.get_by_role("link", name="40").click()
    answer(page, items[39])
    expect(status).to_contain_text("40 dari 40 dijawab")
    expect(status).to_contain_text("Semua jawaban tersimpan")
    page.get_by_role("button", name="Selesai").click()
    expect(page.get_by_text("Semua soal sudah dijawab.")).to_be_visible()
    page.get_by_role("button", name="Ya, selesai").click()

    expect(page.get_by_test_id("score")).to_have_text("90,01")
    expect(page.get_by_test_id("cap")).to_have_text("90,01")
    expect(page.get_by_text("Nilai sebelum dibatasi")).to_be_visible()
    expect(page.get_by_test_id("outcome")).to_contain_text("Mencapai batas lulus")
    expect(page.get_by_test_id("standing-status")).to_have_text("Lulus")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    attempt.refresh_from_db()
    assert (attempt.raw_score, attempt.score) == (Decimal("100.00"), Decimal("90.01"))


def clock_text(seconds: int) -> str:
    """The attempt page's clock: 1:29:59, 59:59, 0:59."""
    h, m, s = seconds // 3600, seconds % 3600 // 60, seconds % 60
    return f"{h}:{m:02}:{s:02}" if h else f"{m}:{s:02}"


def test_when_the_time_is_up_the_page_shows_the_result_with_the_saved_answers(
    open_page, server_clock, transactional_db
):
    """The attempt runs its whole time limit, which passes on the server's clock and the
    page's at once instead of being waited for."""
    call_command("load_demo", verbosity=0)
    rahmat = Person.objects.get(nip=RAHMAT)
    page = open_page()
    sign_in(page, RAHMAT, DEMO_PASSWORD)
    with server_clock.stopped():
        attempt = services.start_attempt(rahmat, ExamTest.objects.get(kind="post"))
        limit = attempt.seconds_left()
        assert limit > 30 * 60
        first, last = attempt.items.get(position=1), attempt.items.get(position=40)
        page.clock.install(time=clock.now())
        page.clock.pause_at(clock.now())  # the page's time, too, moves only when told
        page.goto(f"/attempt/{attempt.pk}/")
        expect(page.locator("[data-clock]")).to_have_text(clock_text(limit))
        answer(page, first)
        status = page.locator("[data-status]")
        expect(status).to_contain_text("Semua jawaban tersimpan")

        time_passes(page, server_clock, limit - 59)
        expect(page.locator("[data-time-warning]")).to_have_text("Sisa waktu: 1 menit.")
        answer(page, last)  # in the last minute
        expect(status).to_contain_text("2 dari 40 dijawab")
        expect(status).to_contain_text("Semua jawaban tersimpan")
        assert stored(attempt) == 2

        # The clock reaches zero; the page waits a moment for last answers, then asks the
        # server for the result, which submits the attempt with what it has saved.
        time_passes(page, server_clock, 59 + 3)
        page.wait_for_url(f"**/attempt/{attempt.pk}/result/")
        expect(
            page.get_by_text("dikumpulkan pada batas waktu dengan jawaban yang tersimpan")
        ).to_be_visible()
    attempt.refresh_from_db()
    assert attempt.auto_submitted and attempt.submitted_at == attempt.deadline
    assert attempt.raw_score == Decimal("5.00")  # two of 40 questions right


def test_an_answer_given_before_the_script_arrives_is_saved(open_page, transactional_db):
    call_command("load_demo", verbosity=0)
    rahmat = Person.objects.get(nip=RAHMAT)
    attempt = services.start_attempt(rahmat, ExamTest.objects.get(kind="post"))
    first = attempt.items.get(position=1)
    page = open_page()
    sign_in(page, RAHMAT, DEMO_PASSWORD)
    held = []
    page.route("**/exam*.js", lambda route: held.append(route))
    page.goto(f"/attempt/{attempt.pk}/", wait_until="commit")
    answer(page, first)  # a slow phone: the page shows, the script is still on its way
    assert held and stored(attempt) == 0
    held[0].continue_()
    expect(page.locator("[data-status]")).to_contain_text("Semua jawaban tersimpan")
    assert Item.objects.get(pk=first.pk).selected == right_options(first)
