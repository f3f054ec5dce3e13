"""Every page each person can reach answers, and passes axe-core's WCAG 2.2 A and AA rules.

For each role in the Riverside demo place (and for someone not signed in): sign in through the
real form, crawl every same-origin link from the home page and the dashboard, and check each page.
A JSON report goes to test-artifacts/reports/<role>.json, and a screenshot of each page with a
problem to test-artifacts/screenshots/<role>/ (of every page with BROWSER_SCREENSHOTS=all).
"""

import pytest
from django.urls import reverse

from .people import ANONYMOUS, PERSONAS
from .support import MISSING_PAGE, PAGES_PER_ROLE, Auditor, Crawler, sign_in, url_for

pytestmark = pytest.mark.browser

# Pages a crawl can miss: the ones behind the sign-in form, and the deliberate 404.
FIXED_PAGES = ["accounts:sign-in", "accounts:sign-up", "accounts:password-reset"]
# Linked URL names the navigation and dashboards rely on.
NEEDED_URL_NAMES = [
    "core:home",
    "core:dashboard",
    "accounts:sign-in",
    "accounts:sign-out",
    "accounts:sign-up",
    "accounts:settings",
    "accounts:two-factor-setup",
    "accounts:two-factor-verify",
    "accounts:password-reset",
    "places:list",
    "organisations:list",
    "organisations:register",
    "api:docs",
    "api:schema",
]


@pytest.mark.parametrize("role", PERSONAS)
def test_every_reachable_page_answers_and_is_accessible(role, riverside, live_server, new_context):
    missing = [name for name in NEEDED_URL_NAMES if url_for(name) is None]
    assert not missing, f"These URL names do not exist: {', '.join(missing)}"

    page = new_context().new_page()
    if role != ANONYMOUS:
        sign_in(
            page,
            base_url=live_server.url,
            email=riverside.email_for(role),
            password=riverside.password,
        )

    auditor = Auditor(role=role, base_url=live_server.url)
    never = {reverse("accounts:sign-out"), reverse("api:schema")}
    left_over = Crawler(auditor, never=never).crawl(
        page, [reverse("core:home"), reverse("core:dashboard")]
    )
    # Every kind of page must be checked: reaching the limit means a kind was left out.
    assert not left_over, (
        f"{role}: the crawl stopped at {PAGES_PER_ROLE} pages; not checked: {', '.join(left_over)}"
    )
    for name in FIXED_PAGES:
        path = reverse(name)
        if path not in auditor.checked:
            auditor.visit(page, path)
    auditor.visit(page, MISSING_PAGE, expect_status=404)

    if role != ANONYMOUS:
        # Still signed in after the crawl: nothing reachable by a link signed this person out.
        page.goto(live_server.url + reverse("core:dashboard"))
        assert page.url.endswith(reverse("core:dashboard")), (
            f"{role} was signed out by the crawl: now on {page.url}"
        )

    assert not auditor.problems, auditor.report()
    auditor.report()


def test_the_pages_an_email_links_to_are_accessible(riverside, live_server, new_context):
    """The link to stop emails is opened from a mail program, signed in or not: its page, the page
    that says it is done, and the page for a link that is not right."""
    from commonweal.accounts.models import User
    from commonweal.notifications import services
    from commonweal.notifications.topics import Topic

    person = User.objects.get(email=riverside.email_for("resident"))
    path = services.unsubscribe_url(person.pk, [Topic.RESULTS, Topic.PANEL]).split("/", 3)[-1]
    page = new_context().new_page()
    auditor = Auditor(role=ANONYMOUS, base_url=live_server.url)
    auditor.visit(page, "/" + path)
    page.get_by_role("button", name="Stop these emails").click()
    page.wait_for_load_state("load")
    assert "We will stop these emails" in page.content()
    auditor.check_page(page, label="unsubscribed")
    auditor.visit(
        page, reverse("notifications:unsubscribe", kwargs={"token": "made-up"}), expect_status=404
    )
    assert not auditor.problems, auditor.report()
