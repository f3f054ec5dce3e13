"""Small helpers the needs views share."""

from django.http import Http404

from commonweal.core.viewtools import add_service_errors, posted, require  # noqa: F401 (shared by the views)
from commonweal.needs import selectors
from commonweal.needs.models import Comment, Need

# A need's discussion comes 25 comments a page, oldest first, paged by its own parameter (the
# history, for staff, pages by "page").
COMMENTS_PER_PAGE = 25
COMMENTS_PAGE_PARAM = "comments-page"


def need_or_404(pk: int) -> Need:
    need = selectors.need_get(pk)
    if need is None:
        raise Http404
    return need


def need_for_page_or_404(pk: int) -> Need:
    """The need as its page shows it (``selectors.need_for_page``), or 404."""
    need = selectors.need_for_page(pk)
    if need is None:
        raise Http404
    return need


def comment_url(need: Need, comment: Comment) -> str:
    """The need's page at the page of its discussion that shows ``comment``, scrolled to it."""
    page = selectors.need_comment_page(comment, COMMENTS_PER_PAGE)
    query = f"?{COMMENTS_PAGE_PARAM}={page}" if page > 1 else ""
    return f"{need.get_absolute_url()}{query}#comment-{comment.pk}"
