"""Managing a need, for public-body staff of its place: status, merging duplicates, moderating comments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.core.viewtools import paginate
from commonweal.needs import links, permissions, selectors, services
from commonweal.needs.forms import MergeForm, ModerateForm, StatusForm
from commonweal.needs.models import Comment
from commonweal.needs.views._common import (
    add_service_errors,
    comment_url,
    need_or_404,
    posted,
    require,
)

MERGE_PAGE_SIZE = 20


@login_required
@require_http_methods(["GET", "POST"])
def need_status(request, pk: int):
    need = need_or_404(pk)
    require(permissions.can_manage(request.user, need))
    # "You said, we did" in one step: the need's page sends what the change rests on (an item
    # linked to the need), looked up among its links again, and a first draft of the reason.
    token = (request.POST if request.method == "POST" else request.GET).get("because", "")
    because = links.because_of(need, token) if token else None
    if token and because is None and request.method == "GET":
        raise Http404
    initial = {"status": need.status}
    if because is not None:
        initial = {"status": because.status or need.status, "reason": because.reason}
    form = StatusForm(posted(request), initial=initial)
    if request.method == "POST" and token and because is None:
        form.add_error(None, _("What this change rested on is no longer linked to the need"))
    if request.method == "POST" and form.is_valid():
        evidence = {}
        if because is not None:
            evidence = {"evidence_label": because.label, "evidence_url": because.url}
        try:
            services.need_status_set(need=need, actor=request.user, **form.cleaned_data, **evidence)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The status has been changed and the reason published."))
            return redirect(f"{need.get_absolute_url()}#status")
    return render(request, "needs/status.html", {"need": need, "form": form, "because": because})


@login_required
@require_http_methods(["GET", "POST"])
def need_merge(request, pk: int):
    need = need_or_404(pk)
    require(permissions.can_manage(request.user, need))
    q = request.GET.get("q", "").strip()
    choices = paginate(
        request, selectors.need_merge_choices(need, request.user, q), MERGE_PAGE_SIZE
    )
    form = MergeForm(posted(request), need=need, offered=choices["page_obj"].object_list)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        if not permissions.can_manage(request.user, target):
            form.add_error("target", _("You can only merge into a need for a place you manage"))
        else:
            try:
                services.need_merge(
                    source=need,
                    target=target,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The need has been merged. Its supporters, evidence and comments are here now."
                    ),
                )
                return redirect(target)
    return render(request, "needs/merge.html", {"need": need, "form": form, "q": q, **choices})


@login_required
@require_http_methods(["GET", "POST"])
def comment_moderate(request, pk: int, comment_id: int):
    need = need_or_404(pk)
    require(permissions.can_manage(request.user, need))
    comment = selectors.need_comment_get(need, comment_id)
    if comment is None:
        raise Http404
    hide = comment.moderation == Comment.Moderation.VISIBLE
    form = ModerateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_moderate(
                comment=comment, actor=request.user, hide=hide, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The comment has been hidden.") if hide else _("The comment is visible again."),
            )
            return redirect(comment_url(need, comment))
    return render(
        request,
        "needs/moderate.html",
        {"need": need, "comment": comment, "form": form, "hide": hide},
    )
