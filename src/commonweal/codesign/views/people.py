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
from commonweal.core.forms import show_again
from commonweal.core.viewtools import page_of, paginate

ORGANISATIONS_PAGE_SIZE = 20
# The button that searches and turns the pages of organisations found: its value is the page.
ORGANISATIONS_PAGE = "organisation-page"
SEARCH_LENGTH = 200
# A session's own people, each with a button to remove them: a large meeting's come in pages.
PARTICIPANTS_PAGE_SIZE = 50
PARTICIPANTS_PAGE = "participants-page"


@login_required
@require_http_methods(["GET", "POST"])
def session_participants(request, pk: int):
    session = managed_session_or_403(request, pk)
    # The directory has thousands of organisations: after a search (even of nothing), a page of those
    # it found, to choose from. The search and the pages of what it found are buttons of the form
    # itself, so what was typed in the rest of it is sent too and shown again, never saved.
    turning = request.method == "POST" and ORGANISATIONS_PAGE in request.POST
    searching = turning or "q" in request.GET
    data = request.POST if turning else request.GET
    q = data.get("q", "").strip()[:SEARCH_LENGTH]
    choices = (
        page_of(
            selectors.organisations_to_represent(q),
            ORGANISATIONS_PAGE_SIZE,
            data.get(ORGANISATIONS_PAGE if turning else "page"),
        )
        if searching
        else {}
    )
    offered = list(choices["page_obj"].object_list) if searching else []
    form = ParticipantForm(posted(request), offered=offered)
    if turning:
        show_again(form)
        # The organisation chosen before the search stays on offer, first, so it is not lost.
        chosen = form.fields["organisation"].prepare_value(form.initial.get("organisation"))
        if str(chosen).isdigit() and all(str(o.pk) != str(chosen) for o in offered):
            form.fields["organisation"].offered = [
                *selectors.organisations_to_represent().filter(pk=int(chosen))[:1],
                *offered,
            ]
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
            "organisations_page": ORGANISATIONS_PAGE,
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
