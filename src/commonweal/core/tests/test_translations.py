"""Looking messages up without Django's empty English catalogues."""

import gettext

from django.utils import translation
from django.utils.translation import trans_real

from commonweal.core.translations import drop_empty_fallbacks, install


def _chain(catalogue):
    found = []
    while catalogue is not None:
        found.append(catalogue)
        catalogue = catalogue._fallback
    return found


def _with_catalog(messages: dict[str, str]) -> gettext.GNUTranslations:
    catalogue = gettext.GNUTranslations()
    catalogue._catalog = messages
    catalogue._fallback = None
    catalogue.plural = lambda n: int(n != 1)
    return catalogue


def test_the_site_language_walks_no_empty_catalogue():
    # Done once a process when the apps are ready; done again here, as a test changing
    # LOCALE_PATHS before this one makes Django build its catalogues afresh.
    install()
    english = trans_real.translation("en-gb")
    for fallback in _chain(english)[1:]:
        assert set(fallback._catalog) - {""}


def test_only_empty_catalogues_are_unhooked_and_messages_read_the_same():
    top = _with_catalog({"": "header", "Needs": "Needs (top)"})
    empty_one = _with_catalog({"": "header"})
    full = _with_catalog({"": "header", "Places": "Lleoedd"})
    empty_two = _with_catalog({})
    top._fallback, empty_one._fallback, full._fallback = empty_one, full, empty_two

    drop_empty_fallbacks(top)

    assert _chain(top) == [top, full]
    assert top.gettext("Needs") == "Needs (top)"
    assert top.gettext("Places") == "Lleoedd"
    assert top.gettext("Anything else") == "Anything else"
    assert top.ngettext("%d need", "%d needs", 1) == "%d need"
    assert top.ngettext("%d need", "%d needs", 2) == "%d needs"


def test_pages_still_translate_in_english():
    with translation.override("en-gb"):
        assert translation.gettext("Skip to main content") == "Skip to main content"
        assert translation.ngettext("%(n)s need", "%(n)s needs", 3) == "%(n)s needs"
