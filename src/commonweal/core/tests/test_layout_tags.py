"""The layout's addresses, worked out once a process, are the ones {% url %} and {% static %} give."""

from django.template import Context, Template
from django.templatetags.static import static
from django.urls import reverse

LAYOUT_PAGES = (
    "core:home",
    "needs:list",
    "organisations:list",
    "places:list",
    "core:dashboard",
    "accounts:settings",
    "accounts:sign-in",
    "accounts:sign-up",
    "accounts:sign-out",
    "api:docs",
    "core:audit-checkpoints",
)


def _render(source: str) -> str:
    return Template("{% load layout %}" + source).render(Context())


def test_layout_url_is_the_url_tags_address_every_time():
    for name in LAYOUT_PAGES:
        assert _render(f"{{% layout_url '{name}' %}}") == reverse(name)
        assert _render(f"{{% layout_url '{name}' %}}") == reverse(name)
    assert (
        _render("{% layout_url 'needs:list' as found %}[{{ found }}]")
        == f"[{reverse('needs:list')}]"
    )


def test_layout_static_is_the_static_tags_address():
    for path in ("commonweal/commonweal.css", "commonweal/init.js"):
        assert _render(f"{{% layout_static '{path}' %}}") == static(path)


def test_the_script_prefix_is_kept():
    from django.urls import get_script_prefix, set_script_prefix

    plain = reverse("needs:list")
    before = get_script_prefix()
    set_script_prefix("/commonweal/")
    try:
        assert _render("{% layout_url 'needs:list' %}") == "/commonweal" + plain
    finally:
        set_script_prefix(before)
    assert _render("{% layout_url 'needs:list' %}") == plain
