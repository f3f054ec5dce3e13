"""A page of a need's discussion, drawn in Python.

Each comment drawn by template tags took a dozen lookups, two date formats, a translation and (for
those who manage the need) a reversed address: most of the drawing time of a need's page, the page
staff open most. Drawn here instead, as needs/detail.html drew them (test_comments.py checks what
each shows: the author, the time, the text, a hidden comment's reason, the moderation link).
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from commonweal.needs.models import Comment

_BLOCK = '<div class="govuk-!-margin-bottom-6" id="comment-{pk}">\n{inside}</div>\n'
_HIDDEN = '<p class="govuk-body govuk-!-margin-bottom-1"><em>{text}</em></p>\n'
_SHOWN = (
    '<p class="govuk-body-s govuk-!-margin-bottom-1"><strong>{author}</strong>, '
    '<time datetime="{iso}">{when}</time></p>\n'
    '<div class="govuk-body govuk-!-margin-bottom-1">{body}</div>\n'
)
_MODERATE = (
    '<p class="govuk-body-s"><a class="govuk-link" href="{href}">{action}'
    '<span class="govuk-visually-hidden"> {number}</span></a></p>\n'
)


def comment_blocks(need, page, *, can_manage: bool) -> SafeString:
    """The comments of one page of the discussion; for those who manage the need, each with the
    link that hides it (or shows it again)."""
    former_member = escape(_("A former member"))
    hide, show_again = escape(_("Hide this comment")), escape(_("Show this comment again"))
    # Every comment's moderation address differs only in the comment's id: reversed once.
    moderate = reverse("needs:comment-moderate", kwargs={"pk": need.pk, "comment_id": 0})
    blocks = []
    for position, comment in enumerate(page.object_list):
        hidden = comment.moderation == Comment.Moderation.HIDDEN
        if hidden:
            inside = _HIDDEN.format(
                text=_("Hidden by a moderator: %(reason)s")
                % {"reason": escape(comment.moderation_reason)}
            )
        else:
            local = timezone.localtime(comment.created_at)
            inside = _SHOWN.format(
                author=escape(comment.author) if comment.author is not None else former_member,
                iso=local.isoformat(),  # what the date format "c" gives
                when=f"{_day(local)}, {local:%H:%M}",
                body=linebreaks(comment.body, autoescape=True),
            )
        if can_manage:
            inside += _MODERATE.format(
                href=moderate.replace("/comments/0/", f"/comments/{int(comment.pk)}/"),
                action=show_again if hidden else hide,
                number=escape(
                    _("(comment %(number)s)") % {"number": page.start_index() + position}
                ),
            )
        blocks.append(_BLOCK.format(pk=int(comment.pk), inside=inside))
    return mark_safe("".join(blocks))


def _day(moment) -> str:
    """ "j F Y": the day, the month's name in the language of the moment, the year."""
    return f"{moment.day} {MONTHS[moment.month]} {moment.year}"
