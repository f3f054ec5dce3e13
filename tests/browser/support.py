"""What the browser tests share: signing in through the real form, crawling, axe-core, screenshots."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.urls import NoReverseMatch, Resolver404, resolve, reverse

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
AXE_PATH = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA that axe-core knows.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}

# The commissioner reaches about 500 kinds of page since agreements and payments came.
PAGES_PER_ROLE = 650
# BROWSER_SCREENSHOTS=all: a screenshot of every page checked, not only of those with a problem.
SCREENSHOT_EVERY_PAGE = os.environ.get("BROWSER_SCREENSHOTS") == "all"
QUERY_VARIANTS_PER_PATH = 3
# Pages of one URL pattern (one template, one view) checked for each role: every kind of page is
# checked, with several of its instances, and the run stays within minutes however much data the
# demo holds (forty needs each with status, merge and evidence pages).
PAGES_PER_KIND = 4
SKIPPED_PREFIXES = ("/admin/", "/static/", "/uploads/")
DOWNLOAD_SUFFIXES = (
    ".csv",
    ".json",
    ".pdf",
    ".zip",
    ".xlsx",
    ".ods",
    ".odt",
    ".docx",
    ".xml",
    ".txt",
    ".png",
    ".jpg",
    ".svg",
)
MISSING_PAGE = "/this-page-does-not-exist-commonweal/"

# Checks axe-core files under best practice, which our own rules make requirements:
# one h1, a page title of our own, headings that do not skip a level.
# A phone's width in CSS pixels (WCAG 2.2's reflow criterion, 1.4.10, asks for 320; the issue for
# 375, the commonest small phone): at it no page may scroll sideways.
PHONE_WIDTH = 375
# What sticks out past the right edge at that width: the innermost elements, to say where to look.
OVERFLOW_JS = """
(width) => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.classList.length ? '.' + [...el.classList].slice(0, 2).join('.') : '');
  const wide = [...document.body.querySelectorAll('*')].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > root.clientWidth + 1;
  });
  const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
          targets: innermost.slice(0, 5).map((el) => name(el) + ' (' + Math.round(el.getBoundingClientRect().right) + 'px)')};
}
"""

STRUCTURE_JS = """
() => {
  const problems = [];
  const h1s = document.querySelectorAll('h1');
  if (h1s.length !== 1) problems.push(['commonweal-one-h1', `${h1s.length} h1 elements`, ['h1']]);
  const title = document.title.trim();
  if (!title || title.startsWith('–') || title.startsWith('-')) problems.push(['commonweal-page-title', `title is "${title}"`, ['title']]);
  let previous = 1;
  for (const heading of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const level = Number(heading.tagName[1]);
    if (level > previous + 1) {
      const text = heading.textContent.trim().slice(0, 60);
      problems.push(['commonweal-heading-order', `h${level} "${text}" follows h${previous}`, [heading.tagName.toLowerCase()]]);
    }
    previous = level;
  }
  return problems;
}
"""

# The same document (bar its CSRF tokens) gives the same axe-core answer: check it once per session.
_AXE_RESULTS: dict[str, list[dict]] = {}
DOCUMENT_JS = "() => document.documentElement.outerHTML"
CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*"')

AXE_RUN_JS = """
async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')),
  }));
}
"""


# Set in every page before its own scripts run (see conftest.new_context): the browser's reports of
# anything the Content-Security-Policy blocked.
CSP_LISTENER_JS = """
(() => {
  const blocked = [];
  Object.defineProperty(window, '__cwCspViolations', {value: blocked});
  document.addEventListener('securitypolicyviolation', (event) => blocked.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || 'an inline script or style'}` +
    (event.sourceFile ? ` (${event.sourceFile}:${event.lineNumber})` : '') +
    (event.sample ? `: ${event.sample}` : '')
  ));
})();
"""
# What a page says about its scripts once loaded: what the policy blocked, whether the JavaScript
# file that starts the body ran, and whether GOV.UK Frontend set up each of its components.
SCRIPTS_JS = """
() => ({
  blocked: window.__cwCspViolations ? [...window.__cwCspViolations] : null,
  jsEnabled: document.body.classList.contains('js-enabled'),
  frontendSupported: document.body.classList.contains('govuk-frontend-supported'),
  notInitialised: [...document.querySelectorAll('[data-module^="govuk-"]')]
    .filter((element) => !element.hasAttribute(`data-${element.dataset.module}-init`))
    .map((element) => element.dataset.module),
})
"""


def policy_problems(header: str | None) -> list[str]:
    """What is wrong with a page's Content-Security-Policy header, if anything."""
    if not header:
        return ["no Content-Security-Policy header"]
    directives = {}
    for part in header.split(";"):
        if part.strip():
            name, *values = part.split()
            directives[name] = values
    problems = []
    if directives.get("script-src") != ["'self'"]:
        problems.append(f"script-src is {directives.get('script-src')}, not only 'self'")
    if "'unsafe-inline'" in header:
        problems.append("the policy allows 'unsafe-inline'")
    for name, wanted in (
        ("object-src", ["'none'"]),
        ("frame-ancestors", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
    ):
        if directives.get(name) != wanted:
            problems.append(f"{name} is {directives.get(name)}, not {' '.join(wanted)}")
    return problems


@dataclass
class Problem:
    url: str
    rule: str
    detail: str
    targets: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        targets = "; ".join(self.targets[:8]) + (
            f"; and {len(self.targets) - 8} more" if len(self.targets) > 8 else ""
        )
        return f"{self.url}  [{self.rule}] {self.detail}" + (
            f"\n      at: {targets}" if targets else ""
        )


@dataclass
class Visit:
    url: str
    status: int
    html: bool
    screenshot: str = ""


def url_for(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def slug_for(path_and_query: str) -> str:
    """A file name for a page: its path in words, and a short hash when it has a query string."""
    parts = urlsplit(path_and_query)
    words = re.sub(r"[^a-zA-Z0-9]+", "-", parts.path).strip("-") or "home"
    if parts.query:
        words += "--" + hashlib.sha1(parts.query.encode()).hexdigest()[:8]
    return words[:150]


def phone_overflow(page) -> dict | None:
    """Whether the page, laid out at a phone's width, is wider than the screen (and what sticks
    out); the window is put back as it was."""
    size = page.viewport_size
    page.set_viewport_size({"width": PHONE_WIDTH, "height": size["height"]})
    try:
        return page.evaluate(OVERFLOW_JS, PHONE_WIDTH)
    finally:
        page.set_viewport_size(size)


class Auditor:
    """Runs the per-page checks on one page and collects what is wrong."""

    def __init__(self, *, role: str, base_url: str):
        self.role = role
        self.base_url = base_url.rstrip("/")
        self.problems: list[Problem] = []
        self.visits: list[Visit] = []
        self.checked: set[str] = set()
        self.shots = ARTIFACTS / "screenshots" / role
        shutil.rmtree(self.shots, ignore_errors=True)
        self.shots.mkdir(parents=True, exist_ok=True)

    def relative(self, url: str) -> str:
        parts = urlsplit(url)
        return urlunsplit(("", "", parts.path, parts.query, ""))

    def check_page(self, page, *, label: str | None = None) -> str:
        """axe-core and the structure checks on the page as it is now.

        A screenshot is taken when they find a problem (of every page with BROWSER_SCREENSHOTS=all);
        returns its path, or "" when there is none.
        """
        self.listen(page)
        where = label or self.relative(page.url)
        self.checked.add(self.relative(page.url))
        problems_before = len(self.problems)
        for rule, detail, targets in page.evaluate(STRUCTURE_JS):
            self.problems.append(Problem(where, rule, detail, targets))
        scripts = page.evaluate(SCRIPTS_JS)
        if scripts["blocked"] is None:
            self.problems.append(
                Problem(where, "csp", "the listener for policy violations is not in this page")
            )
        for blocked in scripts["blocked"] or []:
            self.problems.append(
                Problem(where, "csp", f"the browser reported a policy violation: {blocked}")
            )
        if not (scripts["jsEnabled"] and scripts["frontendSupported"]):
            self.problems.append(
                Problem(
                    where,
                    "javascript",
                    "js-enabled.js did not run: the body lacks "
                    "js-enabled or govuk-frontend-supported",
                )
            )
        if scripts["notInitialised"]:
            self.problems.append(
                Problem(
                    where,
                    "javascript",
                    "GOV.UK Frontend did not set up "
                    + ", ".join(sorted(set(scripts["notInitialised"]))),
                )
            )
        overflow = phone_overflow(page)
        if overflow:
            self.problems.append(
                Problem(
                    where,
                    "commonweal-phone-width",
                    f"at {PHONE_WIDTH} pixels wide the page scrolls sideways "
                    f"({overflow['scrollWidth']} pixels wide)",
                    overflow["targets"],
                )
            )
        for violation in axe_violations(page):
            if violation["impact"] in FAILING_IMPACTS:
                self.problems.append(
                    Problem(
                        where,
                        f"axe:{violation['id']}",
                        f"{violation['impact']}: {violation['help']}",
                        violation["targets"],
                    )
                )
        # A full-page screenshot takes as long as all the checks together: take one where it helps
        # someone see a problem, or of every page when asked (to look through the pages by eye).
        if len(self.problems) == problems_before and not SCREENSHOT_EVERY_PAGE:
            return ""
        shot = self.shots / f"{slug_for(where)}.png"
        page.screenshot(path=str(shot), full_page=True)
        return str(shot.relative_to(REPO_ROOT))

    def listen(self, page) -> None:
        """Count what the browser's console says the policy blocked (also what no page event reports)."""
        if getattr(page, "_cw_listening", False):
            return
        page._cw_listening = True

        def on_console(message) -> None:
            if (
                "Content Security Policy" in message.text
                or "Content-Security-Policy" in message.text
            ):
                self.problems.append(
                    Problem(self.relative(page.url), "csp", f"console: {message.text[:300]}")
                )

        page.on("console", on_console)

    def visit(self, page, path: str, *, expect_status: int | None = None) -> Visit | None:
        """Open a page, check its status, and run the page checks if it is HTML."""
        self.listen(page)
        url = self.base_url + path
        try:
            response = page.goto(url, wait_until="load")
        except Exception as error:  # a download, a timeout, a crash of the page
            if "Download is starting" in str(error):
                return None
            self.problems.append(Problem(path, "navigation", str(error).splitlines()[0]))
            return None
        if response is None:
            self.problems.append(Problem(path, "navigation", "no response"))
            return None
        status = response.status
        content_type = response.headers.get("content-type", "")
        visit = Visit(url=page.url, status=status, html="text/html" in content_type)
        self.visits.append(visit)
        if visit.html:
            for problem in policy_problems(response.headers.get("content-security-policy")):
                self.problems.append(Problem(path, "csp", problem))
        if expect_status is not None:
            if status != expect_status:
                self.problems.append(
                    Problem(path, "status", f"answered {status}, expected {expect_status}")
                )
        elif status >= 400:
            self.problems.append(Problem(path, "status", f"answered {status}"))
        if visit.html and self.relative(page.url) not in self.checked:
            visit.screenshot = self.check_page(page)
        return visit

    def report(self) -> str:
        reports = ARTIFACTS / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        (reports / f"{self.role}.json").write_text(
            json.dumps(
                {
                    "role": self.role,
                    "visited": [
                        {"url": v.url, "status": v.status, "screenshot": v.screenshot}
                        for v in self.visits
                    ],
                    "problems": [p.__dict__ for p in self.problems],
                },
                indent=2,
            )
        )
        lines = [f"{len(self.problems)} problem(s) for {self.role} on {len(self.visits)} page(s):"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG A and AA violations on the page as it is now."""
    document = CSRF_VALUE.sub(r'\1"', page.evaluate(DOCUMENT_JS))
    key = hashlib.sha256(document.encode()).hexdigest()
    if key not in _AXE_RESULTS:
        # Contexts made by the `new_context` fixture load axe-core into every page; others get it now.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE_PATH))
        _AXE_RESULTS[key] = page.evaluate(AXE_RUN_JS, AXE_TAGS)
    return _AXE_RESULTS[key]


class Crawler:
    """Breadth-first over same-origin links, GET only, from some starting pages."""

    def __init__(self, auditor: Auditor, *, never: set[str], limit: int = PAGES_PER_ROLE):
        self.auditor = auditor
        self.never = {p for p in never if p}
        self.limit = limit
        self.seen: set[str] = set()
        self.queries: dict[str, int] = {}

    def _accept(self, href: str) -> str | None:
        parts = urlsplit(href)
        base = urlsplit(self.auditor.base_url)
        if parts.scheme not in ("http", "https") or parts.netloc != base.netloc:
            return None
        path = parts.path or "/"
        if (
            path.startswith(SKIPPED_PREFIXES)
            or path in self.never
            or path.lower().endswith(DOWNLOAD_SUFFIXES)
        ):
            return None
        if re.search(r"(^|&)(format|download|export)=", parts.query):
            return None
        target = urlunsplit(("", "", path, parts.query, ""))
        if target in self.seen:
            return None
        if parts.query:
            if self.queries.get(path, 0) >= QUERY_VARIANTS_PER_PATH:
                return None
            self.queries[path] = self.queries.get(path, 0) + 1
        return target

    def crawl(self, page, starts: list[str]) -> list[str]:
        """Visit and check every kind of page reachable from the starts; return those left over at the limit.

        Each URL pattern is checked on its first few pages found (the hundredth organisation uses
        the same template as the first four).
        """
        fresh: deque[str] = deque()
        kinds: dict[str, int] = {}

        def enqueue(target: str) -> None:
            self.seen.add(target)
            kind = route_of(target)
            kinds[kind] = kinds.get(kind, 0) + 1
            if kinds[kind] <= PAGES_PER_KIND:
                fresh.append(target)

        for start in starts:
            if start and (accepted := self._accept(self.auditor.base_url + start)):
                enqueue(accepted)
        visited = 0
        while fresh and visited < self.limit:
            path = fresh.popleft()
            visit = self.auditor.visit(page, path)
            visited += 1
            if visit is None or not visit.html:
                continue
            self.seen.add(self.auditor.relative(page.url))
            hrefs = page.eval_on_selector_all(
                "a[href]",
                "links => links.filter(a => !a.hasAttribute('download')).map(a => a.href)",
            )
            for href in hrefs:
                if accepted := self._accept(href.split("#")[0]):
                    enqueue(accepted)
        return list(fresh)


def route_of(path: str) -> str:
    """The URL pattern a path matches, like organisations/<slug:slug>/."""
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return path


def submit(page, form_selector: str) -> None:
    """Submit a form with its submit button, and wait for the page that answers."""
    form = page.locator(form_selector).first
    button = form.locator("button:not([type=button]):not([type=reset]), input[type=submit]").first
    with page.expect_navigation(wait_until="load"):
        button.click()


def fill_first(page, selectors: list[str], value: str, *, scope: str = "main") -> None:
    for selector in selectors:
        locator = page.locator(f"{scope} {selector}")
        if locator.count():
            locator.first.fill(value)
            return
    raise AssertionError(f"No field matching any of {selectors} on {page.url}")


def current_totp(user, *, confirmed: bool = True) -> str:
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-id").first()
    assert device is not None, (
        f"{user.email} has no {'confirmed' if confirmed else 'unconfirmed'} authenticator app"
    )
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    return str(token).zfill(device.digits)


CODE_FIELDS = [
    "input[autocomplete=one-time-code]",
    "input[name=otp_token]",
    "input[name=token]",
    "input[name=code]",
    "input[inputmode=numeric]",
    "form input[type=text]",
]


def sign_in(page, *, base_url: str, email: str, password: str) -> None:
    """Sign in through the real forms: email and password, then the authenticator code if asked."""
    from commonweal.accounts.models import User

    page.goto(base_url + reverse("accounts:sign-in"))
    fill_first(page, ["input[type=email]", "input[name=email]", "input[name=username]"], email)
    fill_first(page, ["input[type=password]"], password)
    submit(page, "main form:has(input[type=password])")
    path = urlsplit(page.url).path
    assert path != reverse("accounts:sign-in"), (
        f"Signing in as {email} did not work: still on {page.url}"
    )
    user = User.objects.get(email=email)
    asked_for_code = False
    for step in ("accounts:two-factor-verify", "accounts:two-factor-setup"):
        if urlsplit(page.url).path == reverse(step):
            asked_for_code = True
            token = current_totp(user, confirmed=step.endswith("verify"))
            fill_first(page, CODE_FIELDS, token)
            submit(page, "main form[method=post i]")
            assert urlsplit(page.url).path != reverse(step), (
                f"The authenticator code for {email} was refused on {page.url}"
            )
    if user.needs_two_factor:
        assert asked_for_code, (
            f"{email} holds a staff role but was not asked for an authenticator code"
        )
