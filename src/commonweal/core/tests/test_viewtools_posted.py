"""What a form is bound to (viewtools.posted): a browser sends every line break as CR LF, so a text
with line breaks sent back unchanged would be stored changed; they come as LF, as text is stored."""

from django.test import RequestFactory

from commonweal.core.viewtools import posted


def test_line_breaks_sent_by_a_browser_come_as_they_were_stored():
    request = RequestFactory().post(
        "/", {"agenda": "1. Welcome\r\n2. Stories\r\n\r\n3. Next", "notes": ["a\rb", "c"]}
    )
    data = posted(request)
    assert data["agenda"] == "1. Welcome\n2. Stories\n\n3. Next"
    assert data.getlist("notes") == ["a\nb", "c"]


def test_everything_else_is_as_sent():
    request = RequestFactory().post("/", {"title": " Riverside ", "needs": ["3", "4"]})
    data = posted(request)
    assert data["title"] == " Riverside " and data.getlist("needs") == ["3", "4"]


def test_nothing_is_posted_on_a_get():
    assert posted(RequestFactory().get("/", {"title": "Riverside"})) is None
