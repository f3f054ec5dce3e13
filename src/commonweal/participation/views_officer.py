"""Budgeting round pages for the officers who run a round."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from commonweal.core import csvfiles
from commonweal.needs.choosers import choose_needs
from commonweal.organisations import place_staff
from commonweal.participation import (
    exchange,
    forms,
    permissions,
    results,
    selectors,
    services,
    services_counting,
    services_voting,
)
from commonweal.participation.models import BudgetRound, Project
from commonweal.participation.viewtools import (
    add_service_errors,
    managed_round_or_404,
    posted,
    require,
)

R = BudgetRound


def _bodies(user):
    """The verified public bodies a person may name as running a round (any, for the back office)."""
    return place_staff.staff_bodies(user)


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request):
    require(permissions.can_create(request.user))
    form = forms.RoundForm(
        posted(request), places=place_staff.staff_places(request.user), bodies=_bodies(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(
                actor=request.user, place=form.cleaned_data["place"], **form.round_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The round is set up as a draft. Add projects or open it for ideas.")
            )
            return redirect(round_)
    return render(request, "participation/round_form.html", {"form": form, "round": None})


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request, pk: int):
    round_ = managed_round_or_404(request.user, pk)
    initial = {name: getattr(round_, name) for name in services.ROUND_FIELDS}
    form = forms.RoundForm(
        posted(request),
        initial=initial,
        places=place_staff.staff_places(request.user),
        bodies=_bodies(request.user),
    )
    del form.fields["place"]  # a round stays with its place
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(round_=round_, actor=request.user, **form.round_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The round's settings are saved."))
            return redirect(round_)
    return render(request, "participation/round_form.html", {"form": form, "round": round_})


PHASE_WORDS = {
    R.Status.PROPOSALS: (
        gettext_lazy("Start taking project ideas"),
        gettext_lazy(
            "Anyone signed in can put forward a project idea, between the dates set for "
            "ideas if the round has them."
        ),
        gettext_lazy("The round is taking project ideas."),
    ),
    R.Status.REVIEW: (
        gettext_lazy("Stop taking ideas and check them"),
        gettext_lazy(
            "Nobody can put forward new ideas. Accept or reject each idea, with a reason."
        ),
        gettext_lazy("The round has stopped taking ideas. Accept or reject each one."),
    ),
    R.Status.VOTING: (
        gettext_lazy("Open voting"),
        gettext_lazy(
            "People who can take part can vote for the accepted projects, from the day "
            "voting opens to the end of the day it closes if the round has those dates. You "
            "can do this before the opening day: voting then opens on that day by itself. "
            "The ballot's settings cannot change after this."
        ),
        gettext_lazy("Voting is open."),
    ),
    R.Status.CLOSED: (
        gettext_lazy("Close voting"),
        gettext_lazy(
            "Nobody can vote or change their vote after this. You can then count the votes."
        ),
        gettext_lazy("Voting is closed. Count the votes next."),
    ),
}


def _phase_done_words(round_, to: str, done) -> str:
    """What happened, in words that match the round's dates."""
    today = timezone.localdate()
    if to == R.Status.VOTING and round_.voting_opens and today < round_.voting_opens:
        return _("Voting will open on %(day)s.") % {
            "day": date_format(round_.voting_opens, "j F Y")
        }
    if to == R.Status.PROPOSALS and round_.proposals_open and today < round_.proposals_open:
        return _("The round will take project ideas from %(day)s.") % {
            "day": date_format(round_.proposals_open, "j F Y")
        }
    return str(done)


def _reason_action(
    request,
    round_,
    *,
    act,
    heading: str,
    explanation: str,
    done,
    form: forms.ReasonForm | None = None,
):
    """A page that asks for a reason and takes one step on the round: ``act(reason)`` calls the
    service (its refusal shown on the form), ``done()`` says what happened and where to go next."""
    form = form or forms.ReasonForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return done()
    return render(
        request,
        "participation/action.html",
        {
            "round": round_,
            "form": form,
            "heading": heading,
            "explanation": explanation,
            "button": heading,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_move(request, pk: int, to: str):
    round_ = managed_round_or_404(request.user, pk)
    if to not in PHASE_WORDS:
        raise Http404
    heading, explanation, done = PHASE_WORDS[to]

    def moved():
        messages.success(request, _phase_done_words(round_, to, done))
        return redirect(round_)

    return _reason_action(
        request,
        round_,
        act=lambda reason: services.round_move(
            round_=round_, actor=request.user, to=to, reason=reason
        ),
        heading=heading,
        explanation=explanation,
        done=moved,
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_add(request, pk: int):
    round_ = managed_round_or_404(request.user, pk)
    form = forms.ProjectForm(posted(request), needs=selectors.needs_for_round(round_))
    # A place has thousands of needs: those chosen, and a page of those a search finds.
    chooser = choose_needs(request, form) if "needs" in form.fields else None
    if request.method == "POST" and form.is_valid():
        try:
            services.project_add(round_=round_, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project is on the ballot."))
            return redirect(round_)
    return render(
        request,
        "participation/propose.html",
        {"round": round_, "form": form, "chooser": chooser, "officer": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_review(request, pk: int, project_pk: int):
    round_ = managed_round_or_404(request.user, pk)
    project = get_object_or_404(Project, round=round_, pk=project_pk)
    form = forms.ReviewForm(posted(request), initial={"cost": project.cost})
    if request.method == "POST" and form.is_valid():
        try:
            services.project_review(project=project, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your decision on %(project)s is saved.") % {"project": project.title}
            )
            return redirect(round_)
    return render(
        request,
        "participation/review.html",
        {
            "round": round_,
            "project": project,
            "form": form,
            "steps": permissions.manager_steps(round_),  # once voting starts, no form to refuse
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def eligibility_upload(request, pk: int):
    round_ = managed_round_or_404(request.user, pk)
    form = forms.UploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        text = form.text()
        if text is not None:
            try:
                count = services.eligibility_list_upload(
                    round_=round_, actor=request.user, text=text
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "The list has %(count)d person on it.",
                        "The list has %(count)d people on it.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect(round_)
    return render(request, "participation/eligibility.html", {"round": round_, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def codes_create(request, pk: int):
    round_ = managed_round_or_404(request.user, pk)
    form = forms.CodesForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.invitation_codes_create(
                round_=round_, actor=request.user, count=form.cleaned_data["count"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if form.cleaned_data["download"]:
                out = io.StringIO()
                writer = csvfiles.writer(out)
                writer.writerow(["round", "code"])
                writer.writerows([round_.title, code] for code in codes)
                response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
                response["Content-Disposition"] = (
                    f'attachment; filename="{slugify(round_.title)}-codes.csv"'
                )
                response["Cache-Control"] = "no-store"
                return response
            response = render(
                request, "participation/codes_made.html", {"round": round_, "codes": codes}
            )
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "participation/codes.html", {"round": round_, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def person_verify(request, pk: int):
    round_ = managed_round_or_404(request.user, pk)
    form = forms.VerifyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.person_verify(round_=round_, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(email)s can now vote in this round.") % form.cleaned_data
            )
            return redirect("participation:verify", pk=round_.pk)
    return render(request, "participation/verify.html", {"round": round_, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def paper_ballot(request, pk: int):
    round_ = managed_round_or_404(request.user, pk)
    projects = selectors.ballot_projects(round_)
    form = forms.PaperBallotForm(posted(request), round_=round_, projects=projects)
    if request.method == "POST" and form.is_valid():
        try:
            services_voting.paper_ballot_enter(
                round_=round_,
                actor=request.user,
                marks=form.marks(),
                batch=form.cleaned_data["batch"],
                voter_email=form.cleaned_data["voter_email"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The paper ballot is entered. Enter the next one."))
            return redirect("participation:paper", pk=round_.pk)
    return render(request, "participation/paper.html", {"round": round_, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def round_count(request, pk: int):
    round_ = managed_round_or_404(request.user, pk)
    form = forms.CountForm(
        posted(request),
        published=round_.status == R.Status.PUBLISHED,
        initial={
            "rule": round_.rule,
            "satisfaction": round_.effective_satisfaction,
            "completion": round_.completion,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_counting.round_count_queue(
                round_=round_, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The votes are being counted. This page shows the count when it is done.")
                if round_.status != R.Status.PUBLISHED
                else _(
                    "The votes are being counted again. The published results show the new "
                    "count when it is done."
                ),
            )
            return redirect(round_)
    return render(
        request,
        "participation/count.html",
        {"round": round_, "form": form, "counting": selectors.count_in_progress(round_)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_count_stop(request, pk: int):
    """Stop a count that has waited or run far too long (its worker stopped)."""
    round_ = managed_round_or_404(request.user, pk)
    counting = selectors.count_in_progress(round_)
    if counting is None or not counting.is_stuck():
        if request.method == "POST":
            messages.info(request, _("There is no count to stop: it has finished or is under way."))
        return redirect(round_)
    form = forms.ReasonForm(posted(request))
    form.fields["reason"].required = True
    form.fields["reason"].error_messages["required"] = _("Say why you are stopping this count.")

    def stopped():
        messages.success(request, _("The count is stopped. You can count the votes again."))
        return redirect(round_)

    return _reason_action(
        request,
        round_,
        act=lambda reason: services_counting.count_request_stop(
            round_=round_, actor=request.user, reason=reason
        ),
        heading=_("Stop this count"),
        explanation=_(
            "This count was asked for on %(when)s and has not finished. A count takes a few "
            "minutes at most, so the work doing it has probably stopped. Stopping it lets you "
            "count the votes again, or publish the last count."
        )
        % {"when": date_format(timezone.localtime(counting.requested_at), "j F Y H:i")},
        done=stopped,
        form=form,
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_publish(request, pk: int):
    """A preview of the latest count, for those who run the round only, with the button that
    publishes it under it (offered only when publishing would be accepted)."""
    round_ = managed_round_or_404(request.user, pk)
    form = forms.ReasonForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services_counting.round_publish(
                round_=round_, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The results are published. Everyone can see them."))
            return redirect("participation:results", pk=round_.pk)
    latest = selectors.latest_count(round_)
    counting = selectors.count_in_progress(round_)
    uncounted = selectors.ballots_after(latest, selectors.turnout(round_))
    facts = {"counted": latest is not None, "counting": counting is not None}
    response = render(
        request,
        "participation/publish.html",
        {
            "round": round_,
            "form": form,
            "results": results.results_for(round_)
            if permissions.can_preview_results(request.user, round_)
            else None,
            "counting": counting,
            "uncounted": uncounted,
            "published": permissions.can_see_results(request.user, round_),
            "refusal": permissions.publish_refusal(round_, **facts, uncounted=uncounted),
            "steps": permissions.manager_steps(round_, **facts, uncounted=uncounted),
        },
    )
    response["Cache-Control"] = "no-store"  # the count is not public yet
    return response


def round_export(request, pk: int):
    """The round as a Pabulib file, once its results are published (it holds the anonymous ballots)."""
    round_ = selectors.round_get(pk)
    if round_ is None or not permissions.can_see_results(request.user, round_):
        raise Http404
    stored = exchange.round_export_stored(round_)
    etag = f'"{stored.etag}"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    response = HttpResponse(stored.text, content_type="text/plain; charset=utf-8")
    response["ETag"] = etag
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(round_.title) or "round"}.pb"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def round_import(request):
    require(permissions.can_create(request.user))
    form = forms.ImportForm(
        posted(request), request.FILES or None, places=place_staff.staff_places(request.user)
    )
    if request.method == "POST" and form.is_valid():
        text = form.text()
        if text is not None:
            try:
                round_ = exchange.round_import(
                    actor=request.user, place=form.cleaned_data["place"], text=text
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The file is imported as a draft round."))
                return redirect(round_)
    return render(request, "participation/import.html", {"form": form})
