"""Co-design sessions: the list, one session, setting one up and changing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.codesign import permissions, selectors, services
from commonweal.codesign.forms import SessionFilterForm, SessionForm
from commonweal.codesign.views._common import (
    add_service_errors,
    managed_session_or_403,
    posted,
    session_or_404,
)
from commonweal.core.viewtools import paginate

PAGE_SIZE = 20
ORGANISERS_PAGE_SIZE = 20


def session_list(request):
    form = SessionFilterForm(request.GET or None, places=selectors.places_with_sessions())
    place = form.cleaned_data.get("place") if form.is_bound and form.is_valid() else None
    listing = paginate(request, selectors.sessions_past(place=place), PAGE_SIZE)
    return render(
        request,
        "codesign/list.html",
        {
            "form": form,
            "place": place,
            # The sessions coming up page by a parameter of their own: a city plans many at once.
            "upcoming": paginate(
                request, selectors.sessions_upcoming(place=place), PAGE_SIZE, param="upcoming"
            ),
            **listing,
            "log_places": selectors.places_with_a_log(),
            "can_create": permissions.can_create_sessions(request.user),
        },
    )


def session_detail(request, pk: int):
    session = session_or_404(pk)
    return render(
        request,
        "codesign/session.html",
        {
            "session": session,
            "participant_groups": selectors.session_participant_groups(session),
            "decisions": selectors.session_decisions(session),
            "needs": selectors.session_needs(session),
            "outcomes": selectors.session_outcomes(session),
            "can_manage": permissions.can_manage(request.user, session),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request):
    if not permissions.can_create_sessions(request.user):
        raise PermissionDenied
    organisers = permissions.organisations_user_may_organise_for(request.user)
    # The back office may name any of thousands: a page of those a search found, to choose from.
    q = request.GET.get("q", "").strip()
    choices = paginate(request, selectors.organisations_found(organisers, q), ORGANISERS_PAGE_SIZE)
    form = SessionForm(
        posted(request), organisers=organisers, offered=choices["page_obj"].object_list
    )
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        if not permissions.can_organise(
            request.user, place=fields["place"], organisation=fields["organised_by"]
        ):
            form.add_error(
                "place",
                _(
                    "You cannot set up a session for this place with this organisation. "
                    "Choose a place the public body is verified for."
                )
                if fields["organised_by"].is_public_body
                else _(
                    "You cannot set up a session for this place with this organisation. "
                    "Choose a place the organisation serves."
                ),
            )
        else:
            try:
                session = services.session_create(actor=request.user, **fields)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Session set up. Now add the people taking part."))
                return redirect("codesign:participants", pk=session.pk)
    return render(
        request,
        "codesign/session_form.html",
        {"form": form, "session": None, "q": q, **choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk: int):
    session = managed_session_or_403(request, pk)
    form = SessionForm(posted(request), session=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, actor=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Session details saved"))
            return redirect(session)
    return render(request, "codesign/session_form.html", {"form": form, "session": session})
