"""The people taking part in a session, and the decisions they agree."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from commonweal.codesign import selectors, services
from commonweal.codesign.forms import DecisionForm, ParticipantForm
from commonweal.codesign.views._common import add_service_errors, managed_session_or_403, posted
from commonweal.core.viewtools import paginate

ORGANISATIONS_PAGE_SIZE = 20
# A session's own people, each with a button to remove them: a large meeting's come in pages.
PARTICIPANTS_PAGE_SIZE = 50
PARTICIPANTS_PAGE = "participants-page"


@login_required
@require_http_methods(["GET", "POST"])
def session_participants(request, pk: int):
    session = managed_session_or_403(request, pk)
    # The directory has thousands of organisations: after a search (even of nothing), a page of those
    # it found, to choose from.
    searching = "q" in request.GET
    q = request.GET.get("q", "").strip()
    choices = (
        paginate(request, selectors.organisations_to_represent(q), ORGANISATIONS_PAGE_SIZE)
        if searching
        else {}
    )
    form = ParticipantForm(
        posted(request), offered=choices["page_obj"].object_list if searching else ()
    )
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.participant_add(
                session=session, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s added") % {"name": participant.display_name})
            return redirect("codesign:participants", pk=session.pk)
    return render(
        request,
        "codesign/participants.html",
        {
            "session": session,
            "participants": paginate(
                request,
                selectors.session_participants(session),
                PARTICIPANTS_PAGE_SIZE,
                param=PARTICIPANTS_PAGE,
            ),
            "form": form,
            "searching": searching,
            "q": q,
            **choices,
        },
    )


@login_required
@require_POST
def participant_remove(request, pk: int, participant_id: int):
    session = managed_session_or_403(request, pk)
    participant = get_object_or_404(session.participants, pk=participant_id)
    try:
        services.participant_remove(participant=participant, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s removed") % {"name": participant.display_name})
    # Back to the page of the list the button was on.
    back = reverse("codesign:participants", kwargs={"pk": session.pk})
    page = request.GET.get(PARTICIPANTS_PAGE, "")
    return redirect(f"{back}?{urlencode({PARTICIPANTS_PAGE: page})}" if page.isdigit() else back)


@login_required
@require_http_methods(["GET", "POST"])
def decision_record(request, pk: int):
    session = managed_session_or_403(request, pk)
    form = DecisionForm(posted(request), session=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(
                session=session,
                actor=request.user,
                text=form.cleaned_data["text"],
                agreed_by=form.cleaned_data["agreed_by"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Decision recorded"))
            return redirect(session)
    return render(
        request,
        "codesign/decision_form.html",
        {
            "session": session,
            "form": form,
            "has_participants": session.participants.exists(),
        },
    )
