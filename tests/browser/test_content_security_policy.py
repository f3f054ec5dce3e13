"""The Content-Security-Policy in a real browser: the pages keep it, and the checks every crawled page
gets (in support.Auditor) do catch a page that breaks it."""

import pytest
from django.urls import reverse

from .support import Auditor, policy_problems

pytestmark = pytest.mark.browser

BROKEN_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Broken – Commonweal</title></head>
<body><script>document.body.className += ' js-enabled govuk-frontend-supported';</script>
<main><h1 style="color: red">Inline script and style</h1></main></body></html>"""


def test_the_home_page_sends_the_policy_and_its_scripts_run(riverside, live_server, new_context):
    page = new_context().new_page()
    auditor = Auditor(role="csp-home", base_url=live_server.url)
    visit = auditor.visit(page, reverse("core:home"))
    assert visit is not None and visit.status == 200
    assert not auditor.problems, auditor.report()
    assert page.evaluate("() => document.body.classList.contains('js-enabled')")
    assert page.evaluate(
        "() => document.querySelector('[data-module=govuk-skip-link]')"
        ".hasAttribute('data-govuk-skip-link-init')"
    )


def test_the_checks_catch_an_inline_script_and_style_the_policy_blocks(live_server, new_context):
    """A page served with our policy but written with inline script and style: the browser blocks both,
    reports it, and the auditor says so (so a clean crawl means something)."""
    page = new_context().new_page()
    header = page.goto(live_server.url + reverse("core:home")).headers["content-security-policy"]
    assert policy_problems(header) == []
    url = live_server.url + "/broken-on-purpose/"
    page.route(
        url,
        lambda route: route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            body=BROKEN_PAGE,
            headers={"Content-Security-Policy": header},
        ),
    )
    auditor = Auditor(role="csp-broken", base_url=live_server.url)
    auditor.visit(page, "/broken-on-purpose/")
    found = {(problem.rule, problem.detail.split(":")[0]) for problem in auditor.problems}
    assert ("csp", "the browser reported a policy violation") in found
    assert ("javascript", "js-enabled.js did not run") in found
    details = " ".join(problem.detail for problem in auditor.problems if problem.rule == "csp")
    assert "script-src" in details and "style-src" in details


def test_a_page_without_the_policy_is_reported(live_server, new_context):
    page = new_context().new_page()
    url = live_server.url + "/no-policy/"
    page.route(
        url, lambda route: route.fulfill(status=200, content_type="text/html", body=BROKEN_PAGE)
    )
    auditor = Auditor(role="csp-missing", base_url=live_server.url)
    auditor.visit(page, "/no-policy/")
    assert any(
        p.rule == "csp" and p.detail == "no Content-Security-Policy header"
        for p in auditor.problems
    )
