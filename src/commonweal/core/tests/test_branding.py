"""Commonweal is not a GOV.UK service: no crown, no GDS Transport, no Crown copyright."""

from pathlib import Path

import commonweal

PACKAGE = Path(commonweal.__file__).parent
FORBIDDEN = (
    "GDS Transport",
    "Crown copyright",
    "govuk-crest",
    "govuk-logo",
    "govuk-header__logotype",
)


def _shipped_files():
    for pattern in (
        "templates/**/*.html",
        "**/templates/**/*.html",
        "**/static/**/*.css",
        "**/static/**/*.svg",
    ):
        yield from PACKAGE.glob(pattern)


def test_no_template_or_stylesheet_uses_gov_uk_branding():
    files = sorted(set(_shipped_files()))
    assert any(path.name == "commonweal.css" for path in files), (
        "the compiled stylesheet should be committed"
    )
    offenders = [
        f"{path.relative_to(PACKAGE)}: {word}"
        for path in files
        for word in FORBIDDEN
        if word in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert offenders == []


def test_the_stylesheet_uses_our_own_font_stack():
    css = (PACKAGE / "core/static/commonweal/commonweal.css").read_text()
    assert "system-ui" in css
    assert "@font-face" not in css
