"""The needs and outcomes a session worked on: linking and unlinking."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from commonweal.codesign import selectors, services
from commonweal.codesign.apps import SESSIONS_STAMP
from commonweal.codesign.forms import NeedLinkForm, OutcomeLinkForm
from commonweal.codesign.views._common import add_service_errors, managed_session_or_403
from commonweal.core.viewtools import CountKept, paginate
from commonweal.needs.apps import NEEDS_STAMP

NEED = "need"
OUTCOME = "outcome"
NEEDS_PAGE_SIZE = 20


@login_required
@require_http_methods(["GET", "POST"])
def session_links(request, pk: int):
    session = managed_session_or_403(request, pk)
    linking = request.POST.get("link") if request.method == "POST" else None
    q = request.GET.get("q", "").strip()
    # A place has thousands of needs: a page of those a search finds, to choose from, counted
    # again only when a need or a session's needs change.
    linkable = CountKept(selectors.needs_linkable(session, q), stamps=(NEEDS_STAMP, SESSIONS_STAMP))
    choices = paginate(request, linkable, NEEDS_PAGE_SIZE)
    need_form = NeedLinkForm(
        request.POST if linking == NEED else None,
        needs=selectors.needs_linkable(session),
        offered=choices["page_obj"].object_list,
        prefix=NEED,
    )
    outcome_form = OutcomeLinkForm(
        request.POST if linking == OUTCOME else None,
        outcomes=selectors.outcomes_linkable(session),
        prefix=OUTCOME,
    )
    form = need_form if linking == NEED else outcome_form if linking == OUTCOME else None
    if form is not None and form.is_valid():
        try:
            if linking == NEED:
                services.session_need_link(
                    session=session, need=form.cleaned_data["need"], actor=request.user
                )
            else:
                services.session_outcome_link(
                    session=session, outcome=form.cleaned_data["outcome"], actor=request.user
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Linked to the session"))
            return redirect("codesign:links", pk=session.pk)
    return render(
        request,
        "codesign/links.html",
        {
            "session": session,
            "need_form": need_form,
            "outcome_form": outcome_form,
            "form": form,
            "needs": selectors.session_needs(session),
            "q": q,
            **choices,
            "outcomes": selectors.session_outcomes(session),
        },
    )


@login_required
@require_POST
def need_unlink(request, pk: int, need_id: int):
    session = managed_session_or_403(request, pk)
    need = get_object_or_404(session.needs, pk=need_id)
    services.session_need_unlink(session=session, need=need, actor=request.user)
    messages.success(
        request, _("%(need)s is no longer linked to the session") % {"need": need.title}
    )
    return redirect("codesign:links", pk=session.pk)


@login_required
@require_POST
def outcome_unlink(request, pk: int, outcome_id: int):
    session = managed_session_or_403(request, pk)
    outcome = get_object_or_404(session.outcomes, pk=outcome_id)
    services.session_outcome_unlink(session=session, outcome=outcome, actor=request.user)
    messages.success(
        request, _("%(outcome)s is no longer linked to the session") % {"outcome": outcome.title}
    )
    return redirect("codesign:links", pk=session.pk)
