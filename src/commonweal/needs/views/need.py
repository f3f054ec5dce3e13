"""A need: raising one, its page, "this affects me too" and its discussion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commonweal.core import pagecache
from commonweal.core.viewtools import paginate
from commonweal.needs import links, permissions, selectors, services
from commonweal.needs.forms import CommentForm, NeedEditForm, NeedForm, StatusForm
from commonweal.needs.models import Term
from commonweal.needs.views._comments import comment_blocks
from commonweal.needs.views._common import (
    COMMENTS_PAGE_PARAM,
    COMMENTS_PER_PAGE,
    add_service_errors,
    comment_url,
    need_for_page_or_404,
    need_or_404,
    posted,
    require,
)
from commonweal.organisations import history, place_staff


@login_required
@require_http_methods(["GET", "POST"])
def need_raise(request):
    require(permissions.can_raise(request.user))
    form = NeedForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_raise(actor=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your need has been raised. You can now add evidence to it.")
            )
            return redirect(need)
    return render(request, "needs/raise.html", {"form": form})


def _edit_reason(user, need) -> str:
    """Who changed the need, in words for the history."""
    if permissions.can_edit_as_raiser(user, need):
        return _("Edited by the person who raised it")
    assignment = place_staff.staff_role(user, need.place)
    if assignment is not None:
        return _("Edited by staff at %(organisation)s (%(role)s)") % {
            "role": assignment.get_role_display().lower(),
            "organisation": assignment.organisation.name,
        }
    return _("Edited by the back office")


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request, pk: int):
    need = need_or_404(pk)
    require(permissions.can_edit(request.user, need))
    form = NeedEditForm(posted(request), need=need, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(
                need=need,
                actor=request.user,
                reason=_edit_reason(request.user, need),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The need has been changed."))
            return redirect(need)
    return render(request, "needs/edit.html", {"need": need, "form": form})


def linked_and_story(need) -> tuple[SafeString, SafeString, list]:
    """What links to the need and the needs merged into it, and the need's story (each step of
    its status and whatever linked to it, in order), drawn: the same for everyone, so kept in the
    pages cache until a kind of link (its stamps) or a need changes, or the day does (the story
    says whether a session or a round is still to come). With them, what a status change can
    rest on ("You said, we did" in one step), for those who manage the need."""
    today = timezone.localdate()

    def build() -> dict[str, str]:
        linked = links.linked_to(need)
        steps = [
            links.StoryEvent(change.changed_at, "needs/includes/story_step.html", change)
            for change in selectors.need_status_changes(need)
        ]
        story = sorted(steps + links.story_events(linked), key=lambda event: event.at)
        return {
            "linked": render_to_string(
                "needs/includes/linked.html",
                {"linked": linked, "merged_needs": list(need.merged_needs.all())},
            ),
            "story": render_to_string(
                "needs/includes/story.html", {"story": story, "now": timezone.now()}
            ),
            "becauses": links.becauses(linked),
        }

    stamps = links.linked_stamps()
    drawn = (
        build()
        if stamps is None
        else pagecache.cached(
            "need-linked-story", need.pk, today.isoformat(), stamps=(*stamps, "needs"), build=build
        )
    )
    # Safe: both were rendered by templates, which escaped them.
    return mark_safe(drawn["linked"]), mark_safe(drawn["story"]), drawn["becauses"]


def detail_context(request, need, *, comment_form=None, status_form=None) -> dict:
    """Everything the need page shows, with the forms this person may use."""
    user = request.user
    # Who acts for the place, asked once: five of the page's questions turn on it.
    staff = place_staff.is_place_staff(user, need.place)
    can_manage = permissions.can_manage(user, need, staff=staff)
    themes = selectors.need_themes(need)
    linked_html, story_html, becauses = linked_and_story(need)
    supported, following = selectors.need_supported_and_followed_by(need, user)
    # A page of the discussion: a need may have thousands of comments.
    comments = paginate(
        request, selectors.need_comments(need), COMMENTS_PER_PAGE, param=COMMENTS_PAGE_PARAM
    )
    return {
        "need": need,
        "outcome_areas": [t for t in themes if t.vocabulary == Term.Vocabulary.OUTCOME_AREA],
        "groups": [t for t in themes if t.vocabulary == Term.Vocabulary.BENEFICIARY_GROUP],
        "agencies": [t for t in themes if t.vocabulary == Term.Vocabulary.AGENCY],
        "evidence": selectors.need_evidence(need, user, staff=staff),
        # Outcomes, sessions, rounds and the like: each app above needs registers its kind
        # (links.py); the story puts them in order with the steps of the need's status.
        "linked_html": linked_html,
        "story_html": story_html,
        "comments": comments,
        "comment_blocks": comment_blocks(need, comments["page_obj"], can_manage=can_manage),
        "supported": supported,
        "following": following,
        "can_support": permissions.can_support(user, need),
        "can_comment": permissions.can_comment(user, need),
        "can_add_evidence": permissions.can_add_evidence(user, need, staff=staff),
        "can_manage": can_manage,
        # What a status change can rest on, one step each ("You said, we did"): for managers.
        "becauses": becauses if can_manage and not need.is_merged else [],
        "can_edit": permissions.can_edit(user, need, staff=staff),
        "comment_form": comment_form or CommentForm(),
        "status_form": status_form
        or (
            StatusForm(initial={"status": need.status})
            if can_manage and need.status != need.Status.MERGED
            else None
        ),
        **(
            history.readable_page(request, selectors.need_history_entries(need))
            if permissions.can_view_history(user, need, staff=staff)
            else {"history": None}
        ),
        # The form with errors, if any, for the error summary and the page title.
        "form": comment_form,
    }


@require_GET
def need_detail(request, pk: int):
    need = need_for_page_or_404(pk)
    return render(request, "needs/detail.html", detail_context(request, need))


@login_required
@require_POST
def need_support(request, pk: int):
    need = need_or_404(pk)
    require(permissions.can_support(request.user, need))
    try:
        recorded = services.need_support(need=need, user=request.user)
    except ValidationError as error:
        messages.info(request, error.messages[0])
    else:
        if recorded:
            messages.success(request, _("Thank you. You have said this need affects you too."))
        else:
            messages.info(
                request,
                _("You have already said this need affects you. We count each person once."),
            )
    return redirect(f"{need.get_absolute_url()}#support")


@login_required
@require_POST
def need_unsupport(request, pk: int):
    need = need_or_404(pk)
    if services.need_unsupport(need=need, user=request.user):
        messages.success(request, _("You no longer support this need."))
    return redirect(f"{need.get_absolute_url()}#support")


@login_required
@require_POST
def comment_add(request, pk: int):
    need = need_for_page_or_404(pk)  # shown again with the form's errors
    require(permissions.can_comment(request.user, need))
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_add(
                need=need, author=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your comment has been added."))
            return redirect(comment_url(need, comment))  # the page of the discussion it is on
    return render(request, "needs/detail.html", detail_context(request, need, comment_form=form))
