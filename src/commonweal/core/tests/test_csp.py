"""Every page carries a Content-Security-Policy that allows no inline script, and the pages keep it:
no inline script, no style attribute or <style> block, no on* handler in any template."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates"


def _policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class _InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.first_in_body: str | None = None
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._in_body and self.first_in_body is None:
            self.first_in_body = f"{tag} {attributes.get('src', '')}"
        if tag == "body":
            self._in_body = True
        if tag == "script" and "src" not in attributes:
            self.found.append("an inline <script>")
        if tag == "style":
            self.found.append("a <style> block")
        for name, _value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["core:home", "needs:list", "needs:summary", "api:docs", "accounts:sign-in"]
)
def test_a_page_carries_a_policy_that_allows_no_inline_script(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["core:home", "needs:summary", "api:docs"])
def test_a_page_has_nothing_inline_and_starts_its_body_with_the_js_enabled_file(client, name):
    finder = _InlineFinder()
    finder.feed(client.get(reverse(name)).content.decode())
    assert finder.found == []
    assert finder.first_in_body is not None and finder.first_in_body.startswith("script ")
    assert finder.first_in_body.endswith("commonweal/js-enabled.js")


@pytest.mark.django_db
def test_a_page_not_found_carries_the_policy_too(client):
    response = client.get("/this-page-does-not-exist-commonweal/")
    assert response.status_code == 404
    assert _policy(response)["script-src"] == ["'self'"]


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_no_template_has_an_inline_script_style_or_handler():
    offenders = []
    for template in sorted(TEMPLATE_DIR.rglob("*.html")):
        for number, line in enumerate(template.read_text().splitlines(), start=1):
            if INLINE.search(line):
                offenders.append(
                    f"{template.relative_to(TEMPLATE_DIR)}:{number}: {line.strip()[:100]}"
                )
    assert offenders == []
