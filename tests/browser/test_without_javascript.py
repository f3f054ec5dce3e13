"""The key pages work with JavaScript switched off: they render, and their forms can be sent."""

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.organisations.models import Organisation
from commonweal.places.models import Place

from .support import sign_in, submit

pytestmark = pytest.mark.browser

PUBLIC = [
    "core:home",
    "places:list",
    "organisations:list",
    "api:docs",
    "accounts:sign-in",
    "accounts:sign-up",
    "accounts:password-reset",
]
SIGNED_IN = ["core:dashboard", "accounts:settings", "organisations:register"]

PAGE_STATE = """
() => ({
  jsEnabled: document.body.classList.contains('js-enabled'),
  h1: (document.querySelector('main h1') || {}).textContent || '',
  mainText: (document.querySelector('main') || {}).innerText || '',
  navigationVisible: !!document.querySelector('#navigation') && document.querySelector('#navigation').offsetParent !== null,
})
"""


def _check(page, base_url: str, path: str, problems: list[str]) -> None:
    response = page.goto(base_url + path)
    if response.status >= 400:
        problems.append(f"{path}: answered {response.status}")
        return
    state = page.evaluate(PAGE_STATE)
    if state["jsEnabled"]:
        problems.append(f"{path}: JavaScript ran although it is switched off")
    if not state["h1"].strip():
        problems.append(f"{path}: no h1 in main")
    if len(state["mainText"].strip()) < 20:
        problems.append(f"{path}: main has almost no content")
    if not state["navigationVisible"]:
        problems.append(f"{path}: the navigation is hidden without JavaScript")


def test_key_pages_render_and_forms_submit_without_javascript(riverside, live_server, new_context):
    page = new_context(java_script_enabled=False).new_page()
    problems: list[str] = []
    place = (
        Place.objects.filter(is_fictional=True).order_by("kind", "name").first()
        or Place.objects.first()
    )
    organisation = Organisation.objects.order_by("name").first()
    details = [place.get_absolute_url(), organisation.get_absolute_url()]

    for path in [reverse(name) for name in PUBLIC] + details:
        _check(page, live_server.url, path, problems)

    # Signing in is two forms for staff (password, then authenticator code): both must work unaided.
    sign_in(
        page,
        base_url=live_server.url,
        email=riverside.email_for(Role.COMMISSIONER),
        password=riverside.password,
    )
    for path in [reverse(name) for name in SIGNED_IN] + details:
        _check(page, live_server.url, path, problems)

    page.goto(live_server.url + reverse("organisations:register"))
    submit(page, "main form[method=post i]")
    if not page.locator(".govuk-error-summary").is_visible():
        problems.append(
            f"{reverse('organisations:register')}: no error summary after sending it empty without JavaScript"
        )

    assert not problems, "Without JavaScript:\n  - " + "\n  - ".join(problems)
