"""A form sent empty answers with the GOV.UK error summary: focused, linked to its fields, accessible."""

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role

from .support import Auditor, fill_first, sign_in, submit

pytestmark = pytest.mark.browser

FORM = "main form[method=post i]"

SUMMARY_IS_FOCUSED = (
    "() => !!(document.activeElement && document.activeElement.closest('.govuk-error-summary'))"
)
# Each link in the summary must lead to a field on the page.
BROKEN_SUMMARY_LINKS = """
() => [...document.querySelectorAll('.govuk-error-summary a[href^="#"]')]
  .map(a => a.getAttribute('href').slice(1))
  .filter(id => !document.getElementById(id))
"""


def _open_form(page, base_url: str, url_name: str) -> str:
    path = reverse(url_name)
    response = page.goto(base_url + path)
    assert response.status == 200, f"{path} answered {response.status}"
    assert page.url.split("?")[0].endswith(path), f"{path} sent us to {page.url}"
    # The browser's own validation would stop an empty form being sent: GOV.UK forms use novalidate.
    blocked = page.eval_on_selector(FORM, "f => !f.noValidate && !!f.querySelector(':invalid')")
    assert not blocked, (
        f"The form on {path} has required fields without novalidate: the browser stops it being sent"
    )
    return path


def _assert_error_state(page, auditor: Auditor, path: str) -> None:
    assert page.url.split("?")[0].endswith(path), (
        f"Sending the form on {path} empty went to {page.url}"
    )
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible(), f"No error summary on {path} after sending it empty"
    assert page.title().startswith("Error:"), (
        f"The page title does not start with 'Error:': {page.title()!r}"
    )
    assert page.locator(".govuk-error-message").count(), (
        f"No error message beside any field on {path}"
    )
    assert not page.evaluate(BROKEN_SUMMARY_LINKS), f"Error summary links on {path} lead nowhere"
    assert page.evaluate(SUMMARY_IS_FOCUSED), f"The error summary on {path} does not take focus"
    auditor.check_page(page, label=f"{path}?errors")
    assert not auditor.problems, auditor.report()


@pytest.mark.parametrize(
    "url_name, role",
    [
        ("accounts:sign-in", None),
        ("accounts:sign-up", None),
        ("organisations:register", Role.RESIDENT),
    ],
)
def test_empty_form_shows_the_error_summary(url_name, role, riverside, live_server, new_context):
    page = new_context().new_page()
    if role:
        sign_in(
            page,
            base_url=live_server.url,
            email=riverside.email_for(role),
            password=riverside.password,
        )
    path = _open_form(page, live_server.url, url_name)

    submit(page, FORM)

    auditor = Auditor(role=f"errors-{url_name.replace(':', '-')}", base_url=live_server.url)
    _assert_error_state(page, auditor, path)


def test_sign_up_keeps_what_was_typed(riverside, live_server, new_context):
    page = new_context().new_page()
    path = _open_form(page, live_server.url, "accounts:sign-up")
    fill_first(page, ["input[name=full_name]"], "Ada Riverside")
    fill_first(page, ["input[name=email]"], "not an email address")

    submit(page, FORM)

    assert page.locator("main input[name=full_name]").input_value() == "Ada Riverside"
    assert page.locator("main input[name=email]").input_value() == "not an email address"
    _assert_error_state(page, Auditor(role="errors-sign-up-typed", base_url=live_server.url), path)


def test_stopping_a_selection_run_asks_why_then_shows_who_and_why(
    riverside, live_server, new_context
):
    from commonweal.demo.panels import TITLE
    from commonweal.panels.models import Panel, SelectionRun

    panel = Panel.objects.get(title=TITLE)
    run = SelectionRun.objects.create(
        panel=panel, method="leximin", time_limit=120
    )  # no worker takes it
    page = new_context().new_page()
    sign_in(
        page,
        base_url=live_server.url,
        email=riverside.email_for(Role.COMMISSIONER),
        password=riverside.password,
    )
    auditor = Auditor(role="errors-run-stop", base_url=live_server.url)
    run_path = reverse("panels:run", kwargs={"pk": panel.pk, "run_pk": run.pk})
    page.goto(live_server.url + run_path)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("link", name="Stop this run").click()
    path = reverse("panels:run-stop", kwargs={"pk": panel.pk, "run_pk": run.pk})
    assert page.url.endswith(path)
    auditor.check_page(page, label=path)

    submit(page, FORM)
    _assert_error_state(page, auditor, path)

    fill_first(page, ["textarea[name=reason]"], "Started with the wrong time limit")
    submit(page, FORM)
    assert page.url.endswith(run_path)
    assert "Started with the wrong time limit" in page.locator("main").inner_text()
    auditor.check_page(page, label=f"{run_path}?stopped")
    assert not auditor.problems, auditor.report()
