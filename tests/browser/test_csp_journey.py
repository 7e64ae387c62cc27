"""Under the Content-Security-Policy the pages still work, and the browser refuses nothing.

Every demo person visits their main pages in Chromium while the test listens for what
the browser reports when the policy blocks something (a "Refused to ..." console message,
a ``securitypolicyviolation`` event). Any report fails the test. Along the way: pdf.js
draws a PDF with its worker, a video plays, htmx swaps the people list as Rina types, and
the organizer's studio and cohort pages answer.
"""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from latih.accounts.models import Person
from latih.demo import DEMO_PASSWORD
from latih.learning.models import Cohort, Course, Material
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

SITI = "199507222024212002"
RAHMAT = "199811082024211007"
ANDI = "198104122006041003"
RINA = "198811302010122004"
DEWI = "197906252005011005"
ADMIN = "198501012010011006"

# Runs in every document before its own scripts (Playwright injects it past the policy).
LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.latihViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched(open_page):
    """Pages whose policy violations are collected in ``violations``."""
    violations = []

    def watched(width: int = 1280, height: int = 900):
        page = open_page(width, height)
        page.context.expose_function(
            "latihViolation", lambda text: violations.append(f"{page.url}: {text}")
        )
        page.context.add_init_script(LISTEN)

        def on_console(message):
            text = message.text
            if "Content Security Policy" in text or text.startswith("Refused to"):
                violations.append(f"{page.url}: {text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: violations.append(f"{page.url}: {error}"))
        return page

    watched.violations = violations
    return watched


def visit(page, path: str, status: int = 200) -> None:
    response = page.goto(path)
    assert response.status == status, f"{path} answered {response.status}"
    assert "content-security-policy" in response.headers  # Playwright's names are lowercase
    page.wait_for_load_state("networkidle")


def _material(kind: str) -> Material:
    return (
        Material.objects.filter(section__course__slug="latsar-pppk", kind=kind)
        .order_by("section__position", "position")
        .first()
    )


def test_the_demo_pages_work_under_the_policy(watched, transactional_db):
    call_command("load_demo", verbosity=0)
    course = Course.objects.get(slug="latsar-pppk")
    cohort = Cohort.objects.get(course=course)

    visitor = watched(360, 740)
    for path in ("/login/", "/login/first/", "/verify/"):
        visit(visitor, path)
    visit(visitor, "/verify/?number=00001%2FX%2Fy%2F2026", status=404)  # unknown: still a page

    # Siti: dashboard, profile (progress bars), the course, a PDF drawn by pdf.js, a video.
    siti = watched(360, 740)
    sign_in(siti, SITI, DEMO_PASSWORD)
    for path in ("/", "/profile/", "/learn/latsar-pppk/"):
        visit(siti, path)
    expect(siti.locator("progress.bar").first).to_be_visible()
    for kind in ("pdf", "slides"):
        visit(siti, f"/learn/latsar-pppk/m/{_material(kind).pk}/")
        first_page = siti.locator("canvas.pdf-page[data-page='1']")
        expect(first_page).to_have_attribute("data-rendered", "1")
    visit(siti, f"/learn/latsar-pppk/m/{_material('video').pk}/")
    siti.wait_for_function("() => document.querySelector('video').readyState >= 1")
    siti.evaluate(
        "(() => { const v = document.querySelector('video'); v.muted = true; return v.play(); })()"
    )
    siti.wait_for_function("() => document.querySelector('video').currentTime > 0.2")

    # Rahmat: the evaluation's page.
    rahmat = watched(360, 740)
    sign_in(rahmat, RAHMAT, DEMO_PASSWORD)
    visit(rahmat, "/learn/latsar-pppk/test/post/")

    # Andi: journals to review.
    andi = watched()
    sign_in(andi, ANDI, DEMO_PASSWORD)
    visit(andi, "/review/journals/")

    # Rina: the people list, searched as she types (an htmx swap), a person, corrections.
    rina = watched()
    sign_in(rina, RINA, DEMO_PASSWORD)
    visit(rina, "/manage/people/")
    rows_before = rina.locator("#people").inner_text()
    rina.locator("#q").fill("Siti")
    expect(rina.locator("#people")).to_contain_text("Siti Rahayu")
    expect(rina.locator("#people")).not_to_contain_text("Rahmat Hidayat")
    assert rina.locator("#people").inner_text() != rows_before
    assert "q=Siti" in rina.url  # hx-push-url
    siti_pk = Person.objects.get(nip=SITI).pk
    for path in (f"/manage/people/{siti_pk}/", "/manage/corrections/", "/manage/hours/"):
        visit(rina, path)

    # Dewi: the studio, the question bank, the cohorts.
    dewi = watched()
    sign_in(dewi, DEWI, DEMO_PASSWORD)
    for path in (
        "/studio/",
        f"/studio/{course.pk}/",
        f"/studio/materials/{_material('pdf').pk}/edit/",
        f"/studio/{course.pk}/bank/",
        "/cohorts/",
        f"/cohorts/{cohort.pk}/",
        f"/cohorts/{cohort.pk}/results/",
    ):
        visit(dewi, path)

    # The platform admin: Django's admin.
    admin = watched()
    sign_in(admin, ADMIN, DEMO_PASSWORD)
    for path in ("/admin/", "/admin/accounts/person/", f"/admin/accounts/person/{siti_pk}/change/"):
        visit(admin, path)

    assert not watched.violations, "\n".join(watched.violations)
