"""Addresses the layout shows on every page, worked out once a process instead of on every page.

``{% url %}`` reverses its name on every render (about 11 µs each) and ``{% static %}`` looks its
file up in the manifest (about 10 µs); the header, navigation and footer asked for 18 of them on
every page. These tags give the same strings, kept per URL configuration and script prefix.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@register.simple_tag
def layout_url(name: str) -> str:
    """``{% url name %}`` for a page that takes no arguments: ``{% layout_url 'core:home' %}``."""
    return _reversed(name, get_urlconf(), settings.ROOT_URLCONF, get_script_prefix())


@register.simple_tag
def layout_static(path: str) -> str:
    """``{% static path %}`` for the layout's own files (its style sheet, scripts and icon)."""
    storage = settings.STORAGES["staticfiles"]["BACKEND"]
    return _static(path, storage, settings.STATIC_URL, get_script_prefix())


@lru_cache(maxsize=256)
def _reversed(name: str, urlconf: str | None, _root: str, _prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


@lru_cache(maxsize=64)
def _static(path: str, _storage: str, _static_url: str, _prefix: str) -> str:
    return static(path)


@register.filter
def under(path: str, section: str) -> bool:
    """Whether a page's path is in a section of the site (its list's address and below), for the
    navigation to mark where the person is: ``{% if request.path|under:needs_url %}``."""
    return bool(section) and section != "/" and str(path).startswith(section)
