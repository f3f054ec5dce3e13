"""A plan's pipeline page: publishing it as open data, market engagement and its notes, and
providers saying they are interested."""

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from commonweal.commissioning import ocds, permissions, services_pipeline
from commonweal.commissioning.models import EngagementEvent
from commonweal.commissioning.views import managed_plan, plan_or_404
from commonweal.core.forms import DateField, PlainForm
from commonweal.core.viewtools import add_service_errors, paginate, posted, require
from commonweal.opendata.models import Release

INTERESTS_PAGE_SIZE = 50


class EventForm(PlainForm):
    title = django_forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter a title for the event")},
    )
    held_on = DateField(
        label=gettext_lazy("Date"),
        error_messages={"required": gettext_lazy("Enter the date of the event")},
    )
    where = django_forms.CharField(
        label=gettext_lazy("Where or how"), max_length=300, required=False
    )
    notes = django_forms.CharField(
        label=gettext_lazy("Notes"),
        required=False,
        widget=django_forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "What was said and asked. When you publish them, every interested provider gets them "
            "at the same time."
        ),
    )


def pipeline(request, pk: int):
    plan = plan_or_404(request.user, pk)
    can_manage = permissions.can_manage(request.user, plan)
    events = plan.engagement_events.all()
    if not can_manage:
        events = events.filter(notes_published_at__isnull=False)
    speaks_for = permissions.organisations_interested_as(request.user) if plan.is_published else []
    # Which of the person's own providers are interested: asked of those few, never of every row.
    interested_ids = set(
        plan.interests.filter(organisation__in=speaks_for).values_list("organisation_id", flat=True)
    )
    interests = (
        paginate(
            request,
            plan.interests.select_related("organisation").order_by("registered_at", "pk"),
            INTERESTS_PAGE_SIZE,
            param="interested",
        )
        if can_manage
        else {}
    )
    return render(
        request,
        "commissioning/pipeline.html",
        {
            "plan": plan,
            "section": "pipeline",
            "can_manage": can_manage,
            "why_not_publish": permissions.can_publish(plan) if can_manage else None,
            "events": events,
            "releases": Release.objects.filter(ocid=ocds.plan_ocid(plan)).order_by("-date", "-id")[
                :20
            ],
            "ocid": ocds.plan_ocid(plan),
            "release_waiting": (
                services_pipeline.release_waiting_because() if plan.is_published else ""
            ),
            "interest_count": plan.interests.count(),
            "interests": interests,
            "speaks_for": [(org, org.pk in interested_ids) for org in speaks_for],
        },
    )


@login_required
@require_POST
def publish(request, pk: int):
    plan = managed_plan(request.user, pk)
    try:
        if plan.is_published:
            services_pipeline.plan_release_update(actor=request.user, plan=plan)
            messages.success(request, _("The plan's latest details are published as open data."))
        else:
            released = services_pipeline.plan_publish(actor=request.user, plan=plan)
            messages.success(request, _("The plan is published to the pipeline."))
            if released is None:
                messages.info(request, services_pipeline.release_waiting_because())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("commissioning:pipeline", pk=plan.pk)


def _event_form_page(request, plan, event: EngagementEvent | None):
    initial = (
        {"title": event.title, "held_on": event.held_on, "where": event.where, "notes": event.notes}
        if event
        else {}
    )
    form = EventForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_pipeline.event_save(
                actor=request.user, plan=plan, event=event, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("commissioning:pipeline", pk=plan.pk)
    return render(
        request,
        "commissioning/event_form.html",
        {"plan": plan, "section": "pipeline", "form": form, "event": event},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_add(request, pk: int):
    return _event_form_page(request, managed_plan(request.user, pk), None)


def _event(plan, event_pk: int) -> EngagementEvent:
    event = plan.engagement_events.filter(pk=event_pk).first()
    if event is None:
        raise Http404
    return event


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int, event_pk: int):
    plan = managed_plan(request.user, pk)
    return _event_form_page(request, plan, _event(plan, event_pk))


@login_required
@require_POST
def event_publish(request, pk: int, event_pk: int):
    plan = managed_plan(request.user, pk)
    event = _event(plan, event_pk)
    try:
        services_pipeline.event_notes_publish(actor=request.user, event=event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The notes are published to every interested provider."))
    return redirect("commissioning:pipeline", pk=plan.pk)


@login_required
@require_POST
def interest(request, pk: int):
    """A provider's person says their organisation is interested (or no longer is)."""
    plan = plan_or_404(request.user, pk)
    choices = {str(org.pk): org for org in permissions.organisations_interested_as(request.user)}
    organisation = choices.get(request.POST.get("organisation", ""))
    require(organisation is not None and plan.is_published)
    existing = plan.interests.filter(organisation=organisation).first()
    if request.POST.get("action") == "withdraw":
        if existing:
            services_pipeline.interest_withdraw(actor=request.user, interest=existing)
        messages.success(
            request, _("%(org)s is no longer listed as interested.") % {"org": organisation.name}
        )
    else:
        services_pipeline.interest_register(
            actor=request.user, plan=plan, organisation=organisation
        )
        messages.success(
            request,
            _("%(org)s is interested. Its people will hear when notes are published.")
            % {"org": organisation.name},
        )
    return redirect("commissioning:pipeline", pk=plan.pk)
