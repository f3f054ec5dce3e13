"""The GOV.UK form tags render real HTML, escaped only where a person's input goes."""

from django import forms
from django.template import Context, Template


class ExampleForm(forms.Form):
    name = forms.CharField(label="Your name")
    email = forms.EmailField(label="Email address")


def render(form) -> str:
    return Template("{% load govuk %}{% govuk_fields form %}").render(Context({"form": form}))


def test_every_field_is_rendered_as_html_not_as_escaped_text():
    html = render(ExampleForm())
    assert '<label class="govuk-label" for="id_name">' in html
    assert '<input type="email" name="email"' in html
    assert "&lt;" not in html


def test_what_a_person_typed_is_still_escaped():
    html = render(ExampleForm(data={"name": "<script>x</script>", "email": "bad"}))
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;" in html
