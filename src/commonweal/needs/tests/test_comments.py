"""The discussion: anyone signed in comments; public-body staff for the place moderate, with a reason."""

import pytest
from django.urls import reverse

from commonweal.needs import services
from commonweal.needs.models import Comment

pytestmark = pytest.mark.django_db


def comment_url(need):
    return reverse("needs:comment", kwargs={"pk": need.pk})


def moderate_url(comment):
    return reverse(
        "needs:comment-moderate", kwargs={"pk": comment.need_id, "comment_id": comment.pk}
    )


def test_anonymous_people_cannot_comment(client, need):
    assert client.post(comment_url(need), {"body": "Hello"}).status_code == 302
    assert not Comment.objects.exists()
    assert "Sign in to join the discussion" in client.get(need.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", ["stranger", "raiser", "place_staff", "other_staff"])
def test_anyone_signed_in_comments(sign_in, request, need, who):
    client = sign_in(request.getfixturevalue(who))
    response = client.post(comment_url(need), {"body": "This happened to my son too."}, follow=True)
    assert "This happened to my son too." in response.content.decode()
    assert Comment.objects.get().author == request.getfixturevalue(who)


def test_an_empty_comment_is_explained_on_the_need_page(sign_in, stranger, need):
    response = sign_in(stranger).post(comment_url(need), {"body": ""})
    content = response.content.decode()
    assert (
        response.status_code == 200
        and "There is a problem" in content
        and "Enter your comment" in content
    )
    assert not Comment.objects.exists()


@pytest.fixture
def comment(need, stranger):
    return services.comment_add(need=need, author=stranger, body="Something rude")


@pytest.mark.parametrize("who", ["stranger", "raiser", "other_staff"])
def test_others_may_not_moderate(sign_in, request, comment, who):
    client = sign_in(request.getfixturevalue(who))
    assert client.get(moderate_url(comment)).status_code == 403
    assert client.post(moderate_url(comment), {"reason": "Rude"}).status_code == 403
    assert Comment.objects.get().moderation == "visible"


def test_anonymous_people_may_not_moderate(client, comment):
    assert client.post(moderate_url(comment), {"reason": "Rude"}).status_code == 302
    assert Comment.objects.get().moderation == "visible"


@pytest.mark.parametrize("who", ["place_staff", "back_office"])
def test_place_staff_hide_a_comment_and_everyone_sees_why(
    sign_in, client, request, need, comment, who
):
    staff = sign_in(request.getfixturevalue(who))
    assert (
        staff.post(moderate_url(comment), {"reason": "It broke the house rules"}).status_code == 302
    )
    staff.logout()
    content = client.get(need.get_absolute_url()).content.decode()
    assert "Hidden by a moderator: It broke the house rules" in content
    assert "Something rude" not in content


def test_a_reason_is_required_to_hide(sign_in, place_staff, comment):
    response = sign_in(place_staff).post(moderate_url(comment), {"reason": ""})
    assert "Enter the reason, so everyone can see why" in response.content.decode()
    assert Comment.objects.get().moderation == "visible"


def test_a_hidden_comment_can_be_shown_again(sign_in, place_staff, comment, need):
    services.comment_moderate(comment=comment, actor=place_staff, hide=True, reason="Rude")
    client = sign_in(place_staff)
    assert "Show a comment again" in client.get(moderate_url(comment)).content.decode()
    client.post(moderate_url(comment), {"reason": "On reflection it was fair"})
    assert Comment.objects.get().moderation == "visible"


def test_a_comment_on_another_need_is_not_found(sign_in, place_staff, comment, raiser, ward):
    from commonweal.needs.tests.conftest import raise_need

    other = raise_need(raiser, ward)
    url = reverse("needs:comment-moderate", kwargs={"pk": other.pk, "comment_id": comment.pk})
    assert sign_in(place_staff).get(url).status_code == 404


# --- a long discussion comes a page at a time ------------------------------------------------------


def discuss(need, author, count: int) -> list[Comment]:
    return [
        services.comment_add(need=need, author=author, body=f"Comment number {number:02d}.")
        for number in range(1, count + 1)
    ]


def shown(content: str) -> list[int]:
    return [number for number in range(1, 100) if f"Comment number {number:02d}." in content]


def test_the_discussion_comes_25_comments_a_page_oldest_first(client, need, stranger):
    discuss(need, stranger, 30)
    first = client.get(need.get_absolute_url()).content.decode()
    assert shown(first) == list(range(1, 26))
    assert "Comments 1 to 25 of 30, oldest first." in first
    assert 'aria-label="Pages of comments"' in first and "?comments-page=2#comments" in first
    second = client.get(need.get_absolute_url(), {"comments-page": "2"}).content.decode()
    assert shown(second) == list(range(26, 31))
    assert "Comments 26 to 30 of 30, oldest first." in second


def test_a_short_discussion_has_no_pages(client, need, stranger):
    discuss(need, stranger, 3)
    content = client.get(need.get_absolute_url()).content.decode()
    assert shown(content) == [1, 2, 3]
    assert "Pages of comments" not in content and "oldest first" not in content


def test_a_new_comment_takes_its_writer_to_the_page_that_shows_it(sign_in, need, stranger):
    client = sign_in(stranger)
    discuss(need, stranger, 3)
    response = client.post(comment_url(need), {"body": "The fourth."})
    fourth = Comment.objects.get(body="The fourth.")
    assert response.url == f"{need.get_absolute_url()}#comment-{fourth.pk}"
    discuss(need, stranger, 22)
    response = client.post(comment_url(need), {"body": "The twenty-sixth."})
    latest = Comment.objects.get(body="The twenty-sixth.")
    assert response.url == f"{need.get_absolute_url()}?comments-page=2#comment-{latest.pk}"
    page = client.get(response.url).content.decode()
    assert f'id="comment-{latest.pk}"' in page and "The twenty-sixth." in page


def test_moderating_a_comment_returns_to_the_page_that_shows_it(
    sign_in, need, stranger, place_staff
):
    comments = discuss(need, stranger, 30)
    response = sign_in(place_staff).post(moderate_url(comments[27]), {"reason": "Off topic"})
    assert response.url == f"{need.get_absolute_url()}?comments-page=2#comment-{comments[27].pk}"


# The discussion as needs/detail.html drew it with template tags before it was drawn in Python
# (views/_comments.py): the two must say the same.
_TEMPLATE_LOOP = """{% load i18n %}{% for comment in page.object_list %}
<div class="govuk-!-margin-bottom-6" id="comment-{{ comment.pk }}">
  {% if comment.moderation == "hidden" %}
  <p class="govuk-body govuk-!-margin-bottom-1"><em>{% blocktranslate with reason=comment.moderation_reason %}Hidden by a moderator: {{ reason }}{% endblocktranslate %}</em></p>
  {% else %}
  <p class="govuk-body-s govuk-!-margin-bottom-1"><strong>{{ comment.author|default:_("A former member") }}</strong>, <time datetime="{{ comment.created_at|date:'c' }}">{{ comment.created_at|date:"j F Y, H:i" }}</time></p>
  <div class="govuk-body govuk-!-margin-bottom-1">{{ comment.body|linebreaks }}</div>
  {% endif %}
  {% if can_manage %}<p class="govuk-body-s"><a class="govuk-link" href="{% url 'needs:comment-moderate' need.pk comment.pk %}">{% if comment.moderation == "hidden" %}{% translate "Show this comment again" %}{% else %}{% translate "Hide this comment" %}{% endif %}<span class="govuk-visually-hidden"> {% blocktranslate with number=page.start_index|add:forloop.counter0 %}(comment {{ number }}){% endblocktranslate %}</span></a></p>{% endif %}
</div>
{% endfor %}"""


@pytest.mark.parametrize("can_manage", [True, False])
def test_the_discussion_drawn_in_python_says_what_the_template_said(need, stranger, can_manage):
    import re

    from django.core.paginator import Paginator
    from django.template import engines

    from commonweal.needs import selectors
    from commonweal.needs.views._comments import comment_blocks

    gone = type(stranger).objects.create_user(email="gone@example.org", full_name="Gone Person")
    services.comment_add(need=need, author=stranger, body="Line one <b>&</b>\nline two\n\nNew para")
    services.comment_add(need=need, author=gone, body="Soon without an author")
    hidden = services.comment_add(need=need, author=stranger, body="Rude")
    Comment.objects.filter(pk=hidden.pk).update(
        moderation=Comment.Moderation.HIDDEN, moderation_reason="It named <someone>"
    )
    gone.delete()
    page = Paginator(selectors.need_comments(need), 2).get_page(2)  # numbered from 3
    page_one = Paginator(selectors.need_comments(need), 2).get_page(1)

    def same(html: str) -> str:
        return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()

    template = engines["django"].from_string(_TEMPLATE_LOOP)
    for shown in (page_one, page):
        before = template.render({"page": shown, "need": need, "can_manage": can_manage})
        after = comment_blocks(need, shown, can_manage=can_manage)
        assert same(after) == same(before)
    assert "A former member" in comment_blocks(need, page_one, can_manage=can_manage)
