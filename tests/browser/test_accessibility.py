"""The main pages pass axe-core, and the PDF viewer serves keyboard and screen-reader users.

Every demo person signs in and visits their main pages (30 pages, from the sign-in page
to the organizer's preview) in Chromium; axe-core (vendored in ``tests/browser/vendor/``)
checks each page as it stands, and any *serious* or *critical* violation fails the test.
The Content-Security-Policy stays on: axe is evaluated through the DevTools protocol
(``page.evaluate``), which the page's policy does not govern, instead of an inline
``<script>`` the policy would refuse.

The PDF viewer: its scroll container takes the focus, scrolls with the keyboard, and
carries pdf.js's text layer, so the document's words are in the page for screen readers;
the browser reports no policy violation while it draws.
"""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from latih.accounts.models import Person
from latih.demo import DEMO_PASSWORD
from latih.learning.models import Cohort, Course, Journal, Material, Section
from tests.browser.conftest import sign_in
from tests.browser.test_csp_journey import LISTEN

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
FAILING = ("serious", "critical")

SITI = "199507222024212002"
RAHMAT = "199811082024211007"
ANDI = "198104122006041003"
RINA = "198811302010122004"
DEWI = "197906252005011005"
ADMIN = "198501012010011006"

# Runs axe on the whole document; answers the violations, each with its nodes' targets.
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
  }));
}"""


def _material(kind: str) -> Material:
    return (
        Material.objects.filter(section__course__slug="latsar-pppk", kind=kind)
        .order_by("section__position", "position")
        .first()
    )


class Audit:
    """The axe findings of every page visited, by page."""

    def __init__(self) -> None:
        self.found: dict[str, list[dict]] = {}

    def check(self, page, path: str | None = None) -> None:
        if path is not None:
            response = page.goto(path)
            assert response.status < 400, f"{path} answered {response.status}"
        page.wait_for_load_state("networkidle")
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(AXE)  # through DevTools: the page's CSP does not apply
        label = page.url.split("//", 1)[-1].split("/", 1)[-1]
        # Numbered: two people may visit the same address (their dashboards).
        self.found[f"{len(self.found) + 1:02} /{label}"] = page.evaluate(RUN_AXE)

    def failing(self) -> list[str]:
        return [
            f"{url}: [{v['impact']}] {v['id']} ({v['help']})\n    " + "\n    ".join(v["nodes"])
            for url, violations in self.found.items()
            for v in violations
            if v["impact"] in FAILING
        ]


def test_the_main_pages_have_no_serious_accessibility_violation(open_page, transactional_db):
    call_command("load_demo", verbosity=0)
    course = Course.objects.get(slug="latsar-pppk")
    cohort = Cohort.objects.get(course=course)
    journal_section = Section.objects.filter(course=course, journal_required=True).first()
    siti = Person.objects.get(nip=SITI)
    siti_journal = Journal.objects.filter(person=siti).first()
    audit = Audit()

    visitor = open_page(1280, 900)
    for path in ("/login/", "/login/first/", "/verify/"):
        audit.check(visitor, path)

    # Siti, on a phone: dashboard, profile, the course, a video, a PDF, a journal.
    participant = open_page()
    sign_in(participant, SITI, DEMO_PASSWORD)
    for path in (
        "/",
        "/profile/",
        f"/learn/{course.slug}/",
        f"/learn/{course.slug}/m/{_material('video').pk}/",
        f"/learn/{course.slug}/s/{journal_section.pk}/journal/",
    ):
        audit.check(participant, path)
    participant.goto(f"/learn/{course.slug}/m/{_material('pdf').pk}/")
    expect(participant.locator(".pdf-sheet[data-text='1']").first).to_be_attached()
    audit.check(participant)

    # Rahmat: the evaluation's page, an attempt, its finish page and its result.
    rahmat = open_page()
    sign_in(rahmat, RAHMAT, DEMO_PASSWORD)
    audit.check(rahmat, f"/learn/{course.slug}/test/post/")
    rahmat.locator("form.start button[type=submit]").click()
    rahmat.wait_for_url("**/attempt/*/")
    audit.check(rahmat)
    rahmat.goto(rahmat.url + "finish/")
    audit.check(rahmat)
    rahmat.get_by_test_id("confirm-finish").click()
    rahmat.wait_for_url("**/result/")
    audit.check(rahmat)

    # Andi: the journals to review, and one journal.
    andi = open_page(1280, 900)
    sign_in(andi, ANDI, DEMO_PASSWORD)
    for path in ("/review/journals/", f"/review/journals/{siti_journal.pk}/"):
        audit.check(andi, path)

    # Dewi: the studio, the bank, a test's settings, the preview, the cohort.
    dewi = open_page(1280, 900)
    sign_in(dewi, DEWI, DEMO_PASSWORD)
    for path in (
        "/studio/",
        f"/studio/{course.pk}/",
        f"/studio/{course.pk}/bank/",
        f"/studio/{course.pk}/tests/post/",
        f"/studio/{course.pk}/preview/",
        f"/studio/{course.pk}/preview/s/{journal_section.pk}/journal/",
        "/cohorts/",
        f"/cohorts/{cohort.pk}/",
        f"/cohorts/{cohort.pk}/results/",
    ):
        audit.check(dewi, path)
    dewi.goto(f"/studio/{course.pk}/preview/m/{_material('slides').pk}/")
    expect(dewi.locator(".pdf-sheet[data-text='1']").first).to_be_attached()
    audit.check(dewi)

    # Rina: people, a person, hours, corrections.
    rina = open_page(1280, 900)
    sign_in(rina, RINA, DEMO_PASSWORD)
    for path in (
        "/manage/people/",
        f"/manage/people/{siti.pk}/",
        "/manage/hours/",
        "/manage/corrections/",
    ):
        audit.check(rina, path)

    # The platform admin: their dashboard.
    admin = open_page(1280, 900)
    sign_in(admin, ADMIN, DEMO_PASSWORD)
    audit.check(admin, "/")

    assert len(audit.found) >= 20
    failing = audit.failing()
    assert not failing, f"{len(failing)} serious violation(s):\n" + "\n".join(failing)


def test_the_pdf_viewer_scrolls_by_keyboard_and_has_the_text(open_page, transactional_db):
    call_command("load_demo", verbosity=0)
    violations: list[str] = []
    page = open_page(1280, 800)
    page.context.expose_function("latihViolation", lambda text: violations.append(text))
    page.context.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text or message.text.startswith("Refused to")
            else None
        ),
    )
    sign_in(page, SITI, DEMO_PASSWORD)
    pdf = _material("pdf")
    page.goto(f"/learn/latsar-pppk/m/{pdf.pk}/")

    viewer = page.get_by_role("region", name=pdf.title)
    expect(viewer).to_have_attribute("tabindex", "0")
    first = page.get_by_role("img", name="Halaman 1 dari", exact=False).first
    expect(first).to_be_visible()
    expect(page.locator(".pdf-sheet[data-text='1']").first).to_be_attached()
    # The page's words are in the document, for screen readers (not only drawn).
    words = page.locator(".pdf-sheet").first.locator(".textLayer").inner_text()
    assert len(words.split()) > 10, words

    # Tab reaches the viewer; the keys scroll it.
    page.locator("h1").click()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.pdf-view')"):
            break
    else:
        pytest.fail("Tab never reached the PDF viewer")
    assert page.evaluate("() => document.querySelector('.pdf-view').scrollTop") == 0
    page.keyboard.press("PageDown")
    page.wait_for_function("() => document.querySelector('.pdf-view').scrollTop > 100")
    page.keyboard.press("ArrowDown")
    before = page.evaluate("() => document.querySelector('.pdf-view').scrollTop")
    page.keyboard.press("End")
    page.wait_for_function(f"() => document.querySelector('.pdf-view').scrollTop > {before}")
    page.keyboard.press("Home")
    page.wait_for_function("() => document.querySelector('.pdf-view').scrollTop === 0")
    assert not violations, violations
