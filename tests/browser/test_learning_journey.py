"""The learning path in Chromium on a phone-sized screen.

Siti (midway in the demo) opens Agenda 2, plays its first video to the end, presses
"Selesai Menonton", sees her trophies rise and submits a journal that Andi, her
facilitator, accepts. Then a new participant studies the whole demo course, Materi
Kebijakan to Agenda 4.
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from latih.demo import DEMO_PASSWORD
from latih.learning.models import Enrollment, Journal, Material, MaterialProgress, TrophyAward
from tests.browser.conftest import sign_in, time_passes, until

pytestmark = pytest.mark.browser

SITI = "199507222024212002"
ANDI = "198104122006041003"
AGENDA_2 = "Agenda 2 — Nilai-Nilai Dasar ASN BerAKHLAK"


def trophies(page) -> int:
    return int(page.get_by_test_id("trophies-earned").first.inner_text().split("/")[0])


# The player runs this many times faster than real time (Chromium's fastest); the time a
# participant would spend watching passes on the clocks instead (``time_passes``).
SPEED = 16


def start_playing(page) -> float:
    """Start the page's video (or audio) from the start at ``SPEED``; its duration."""
    # All of it is loaded first: a player that stalls to buffer mid-way (likelier at this
    # speed on a busy machine) starts a new interval and the seconds before are lost.
    page.evaluate("document.querySelector('video, audio').preload = 'auto'")
    page.wait_for_function(
        """() => { const v = document.querySelector('video, audio'), b = v.buffered;
                   return v.readyState >= 4 && b.length && b.end(b.length - 1) >= v.duration; }"""
    )
    page.evaluate(
        """speed => { const v = document.querySelector('video, audio');
                      v.muted = true; v.playbackRate = speed; return v.play(); }""",
        SPEED,
    )
    return page.evaluate("document.querySelector('video, audio').duration")


def played_to_the_end(page, duration: float) -> None:
    page.wait_for_function(
        "() => document.querySelector('video, audio').ended",
        timeout=(duration / SPEED + 15) * 1000,
    )


def play_to_the_end(
    page, server_clock, rate: float = 1.0, button: str = "Selesai Menonton"
) -> None:
    """Play the page's video (or audio) until the server lets it count, as if at ``rate``:
    while the player plays it through at ``SPEED``, the time watching at ``rate`` takes
    passes on the server and in the page. The server checks every report against its own
    clock (never faster than the course's highest playback rate) and the page shows the
    button only when the server says so."""
    duration = start_playing(page)
    time_passes(page, server_clock, duration / rate)
    played_to_the_end(page, duration)
    # The last report (and a retry of a refused one, up to 3 s later) may still be on its
    # way on a loaded machine: wait for the server's answer, not for a timer.
    expect(page.get_by_role("button", name=button, exact=True)).to_be_visible(timeout=20_000)


def no_horizontal_overflow(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_siti_watches_a_video_and_her_journal_is_accepted(
    open_page, server_clock, transactional_db
):
    call_command("load_demo", verbosity=0)
    siti = open_page()
    siti.clock.install()
    sign_in(siti, SITI, DEMO_PASSWORD)
    siti.get_by_role("link", name="Pelatihan Dasar PPPK").first.click()
    expect(siti.locator("h1")).to_have_text("Pelatihan Dasar PPPK")
    before = trophies(siti)
    assert before == 15
    section = siti.locator("li.section", has=siti.get_by_role("heading", name=AGENDA_2))
    with server_clock.stopped():
        section.get_by_role("link").first.click()
        siti.wait_for_url(re.compile(r"/m/\d+/$"))
        done = siti.get_by_role("button", name="Selesai Menonton")
        expect(done).to_be_hidden()
        no_horizontal_overflow(siti)
        material = int(re.search(r"/m/(\d+)/", siti.url)[1])
        viewing = MaterialProgress.objects.filter(person__nip=SITI, material=material)
        assert viewing.get().ignored_reports == 0
        # Played through in no time by the server's clock: more than anyone can watch.
        duration = start_playing(siti)
        played_to_the_end(siti, duration)
        until(siti, lambda: viewing.get().ignored_reports > 0)
        expect(done).to_be_hidden()
        # The time watching it takes passes: the page's timer sends the report again, and
        # now it counts.
        time_passes(siti, server_clock, duration)
        expect(done).to_be_visible()
    done.click()
    expect(siti.get_by_role("status").filter(has_text="Anda mendapat")).to_contain_text(
        re.compile(r"Selesai! Anda mendapat \d trofi")
    )
    expect(siti.get_by_test_id("trophies-earned")).not_to_have_text(re.compile(rf"^{before}\b"))
    assert trophies(siti) > before

    # Rewatching is allowed and earns nothing more.
    siti.reload()
    expect(siti.get_by_text("Anda telah menyelesaikan materi ini.")).to_be_visible()

    # The Agenda 2 journal can be written once the section is open.
    siti.goto("/learn/latsar-pppk/")
    section = siti.locator("li.section", has=siti.get_by_role("heading", name=AGENDA_2))
    section.get_by_role("link", name="Jurnal resume").click()
    siti.wait_for_load_state()
    siti.get_by_label("Tulis jurnal Anda").fill(
        "Nilai berorientasi pelayanan mengajak saya menyapa warga dengan ramah dan menjawab "
        "pertanyaan mereka sampai tuntas."
    )
    # The tab is reloaded before anything was sent: the text comes back from the device.
    siti.reload()
    expect(siti.get_by_label("Tulis jurnal Anda")).to_have_value(re.compile("^Nilai berorientasi"))
    expect(siti.get_by_text("dipulihkan dari perangkat ini")).to_be_visible()
    siti.get_by_role("button", name="Kirim jurnal").click()
    expect(siti.get_by_role("status")).to_contain_text("Jurnal Anda telah dikirim")

    andi = open_page()
    sign_in(andi, ANDI, DEMO_PASSWORD)
    andi.get_by_role("navigation").get_by_role("link", name="Jurnal").click()
    card = andi.locator("article.journal", has_text="Siti Rahayu")
    expect(card).to_contain_text("berorientasi pelayanan")
    card.get_by_role("button", name="Terima").click()
    expect(andi.locator("article.journal", has_text="Siti Rahayu")).to_contain_text("Diterima")
    no_horizontal_overflow(andi)

    siti.goto("/")
    expect(siti.locator("main")).to_contain_text(f"Jurnal untuk {AGENDA_2} diterima.")


def test_a_participant_studies_the_whole_course_on_a_phone(phone, server_clock, transactional_db):
    """Budi goes from the rules to the last material of Agenda 4, every journal submitted."""
    call_command("load_demo", verbosity=0)
    from latih.accounts.models import Person

    budi = Person.objects.get(nip="199203152024211001")
    budi.set_password(DEMO_PASSWORD)
    budi.save()
    Enrollment.objects.filter(person=budi).update(welcome_seen_at="2026-11-23T08:00Z")
    page = phone
    page.clock.install()
    sign_in(page, budi.nip, DEMO_PASSWORD)
    page.goto("/learn/latsar-pppk/")
    page.get_by_label("Saya memahami dan bersedia mematuhi ketentuan ini").check()
    page.get_by_role("button", name="Mulai Akses Materi").click()

    studied = 0
    while True:
        next_step = page.locator("p.next a.btn")
        if next_step.count() == 0:
            break
        label = next_step.inner_text()
        next_step.click()
        page.wait_for_url(re.compile(r"/(m/\d+|s/\d+/journal)/$"))
        page.wait_for_load_state()
        if label.startswith("Jurnal resume"):
            page.get_by_label("Tulis jurnal Anda").fill("Yang saya pelajari dan rencana saya.")
            page.get_by_role("button", name="Kirim jurnal").click()
            expect(page.get_by_role("status")).to_contain_text("Jurnal Anda telah dikirim")
            continue
        no_horizontal_overflow(page)
        if page.locator("video").count():
            play_to_the_end(page, server_clock, rate=2.0)
            page.get_by_role("button", name="Selesai Menonton").click()
        elif page.locator("audio").count():  # the server hears it played, as a video
            play_to_the_end(page, server_clock, rate=2.0, button="Selesai")
            page.get_by_role("button", name="Selesai", exact=True).click()
        else:
            page.get_by_role("button", name="Selesai", exact=True).click()
        expect(page.get_by_role("status").filter(has_text="Selesai!")).to_be_visible()
        studied += 1
        page.goto("/learn/latsar-pppk/")

    expect(page.locator("main")).to_contain_text("Anda telah menyelesaikan semua bagian")
    assert studied == 40
    assert sum(TrophyAward.objects.filter(person=budi).values_list("trophies", flat=True)) == 50
    assert Journal.objects.filter(person=budi, status="submitted").count() == 4
    assert Enrollment.objects.get(person=budi).completed_at is not None


def test_pdf_and_slides_are_drawn_in_the_page_on_a_phone(phone, transactional_db):
    """Phones have no PDF viewer for embedded documents: pdf.js draws the pages."""
    call_command("load_demo", verbosity=0)
    sign_in(phone, SITI, DEMO_PASSWORD)
    for kind in ("pdf", "slides"):
        material = (
            Material.objects.filter(section__course__slug="latsar-pppk", kind=kind)
            .order_by("section__position", "position")
            .first()
        )
        phone.goto(f"/learn/latsar-pppk/m/{material.pk}/")
        first_page = phone.locator("canvas.pdf-page[data-page='1']")
        expect(first_page).to_have_attribute("data-rendered", "1")
        assert first_page.get_attribute("aria-label").startswith("Halaman 1 dari ")
        assert phone.evaluate("document.querySelector('canvas.pdf-page').width") > 300
        no_horizontal_overflow(phone)
