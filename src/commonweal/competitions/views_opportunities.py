"""Pages for opportunities: finding them, one opportunity with everything a provider needs to bid,
and, for those who run it, starting, changing, the criteria tree, documents, publishing and
cancelling. Thin: reads through selectors_opportunities, writes through services_opportunities."""

from decimal import Decimal

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commonweal.commissioning.models import Plan
from commonweal.commissioning.selectors import plan_get
from commonweal.competitions import notices, permissions, services_opportunities
from commonweal.competitions import selectors_opportunities as selectors
from commonweal.competitions.forms_opportunities import (
    CancelForm,
    CriterionForm,
    DocumentForm,
    OpportunityForm,
)
from commonweal.competitions.models import Criterion, Document, Opportunity
from commonweal.core import uploads
from commonweal.core.forms import ID_RANGE, DateField, PlainForm
from commonweal.core.viewtools import add_service_errors, paginate, posted, require
from commonweal.needs.models import Term
from commonweal.places.models import Place

PAGE_SIZE = 25
DRAFTS_SHOWN = 20


def _id(value: int) -> int:
    if value not in ID_RANGE:
        raise Http404
    return value


def opportunity_or_404(user, pk: int) -> Opportunity:
    """The opportunity, for those who may see it: unknown is a 404, a draft not theirs a 403."""
    opportunity = selectors.opportunity_get(_id(pk))
    if opportunity is None:
        raise Http404
    require(permissions.can_view(user, opportunity))
    return opportunity


def managed_opportunity(user, pk: int) -> Opportunity:
    opportunity = opportunity_or_404(user, pk)
    require(permissions.can_manage(user, opportunity))
    return opportunity


def bid_url(opportunity: Opportunity) -> str:
    return reverse("competitions:bid", kwargs={"pk": opportunity.pk})


# --- finding -------------------------------------------------------------------------------------


class FindForm(PlainForm):
    place = django_forms.ChoiceField(label=gettext_lazy("Place"), required=False)
    theme = django_forms.ChoiceField(label=gettext_lazy("Theme"), required=False)
    kind = django_forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("Tenders and grant rounds")), *Opportunity.Kind.choices],
    )
    value_min = django_forms.DecimalField(
        label=gettext_lazy("Worth at least, in pounds"),
        required=False,
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
    )
    value_max = django_forms.DecimalField(
        label=gettext_lazy("Worth at most, in pounds"),
        required=False,
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
    )
    open_now = django_forms.BooleanField(label=gettext_lazy("Open for bids now"), required=False)
    closes_before = DateField(label=gettext_lazy("Closing before"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        listed = Opportunity.objects.filter(published_at__isnull=False)
        places = Place.objects.filter(pk__in=listed.values("plan__place_id").order_by()).order_by(
            "name"
        )
        self.fields["place"].choices = [("", _("Anywhere"))] + [
            (place.slug, place.name) for place in places
        ]
        themes = Term.objects.filter(pk__in=listed.values("plan__themes").order_by()).order_by(
            "name"
        )
        self.fields["theme"].choices = [("", _("Any theme"))] + [
            (term.slug, term.name) for term in themes
        ]

    def filters(self) -> selectors.Filters:
        """The filters from what is valid (a wrong value is shown as an error and left out)."""
        data = self.cleaned_data if self.is_bound else {}
        place = Place.objects.filter(slug=data["place"]).first() if data.get("place") else None
        return selectors.Filters(
            place_ids=selectors.place_filter_ids(place) if place else None,
            theme=data.get("theme") or "",
            kind=data.get("kind") or "",
            value_min=data.get("value_min"),
            value_max=data.get("value_max"),
            open_now=bool(data.get("open_now")),
            closes_before=data.get("closes_before"),
        )


@require_GET
def opportunity_list(request):
    form = FindForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    drafts = (
        paginate(request, selectors.drafts_of(request.user), DRAFTS_SHOWN, param="drafts")
        if request.user.is_authenticated
        else {}
    )
    return render(
        request,
        "competitions/opportunities/list.html",
        {
            **paginate(request, selectors.published(form.filters()), PAGE_SIZE),
            "form": form,
            "drafts": drafts,
            "now": timezone.now(),
        },
    )


# --- one opportunity -----------------------------------------------------------------------------


@require_GET
def opportunity_detail(request, pk: int):
    opportunity = opportunity_or_404(request.user, pk)
    opportunity = selectors.with_details(opportunity.pk)
    can_manage = permissions.can_manage(request.user, opportunity)
    speaks_for = (
        permissions.bidder_organisations(request.user)
        if opportunity.is_published and opportunity.status != Opportunity.Status.CANCELLED
        else []
    )
    interested_ids = set(
        opportunity.interests.filter(organisation__in=speaks_for).values_list(
            "organisation_id", flat=True
        )
    )
    criteria = list(opportunity.criteria.all())
    return render(
        request,
        "competitions/opportunities/detail.html",
        {
            "opportunity": opportunity,
            "can_manage": can_manage,
            "parts": selectors.tree(opportunity, criteria),
            "price_explanation": selectors.price_explanation(opportunity),
            "why_not_publish": (
                services_opportunities.why_cannot_publish(opportunity)
                if can_manage and opportunity.status == Opportunity.Status.DRAFT
                else None
            ),
            "social_value_warning": selectors.social_value_warning(
                opportunity.plan, opportunity.social_value_weight, selectors.legal_day(opportunity)
            )
            if can_manage
            else "",
            "bid_url": bid_url(opportunity) if opportunity.bids_open() else "",
            "has_seat": permissions.seat(request.user, opportunity) is not None,
            "deadline_passed": opportunity.deadline_passed(),
            "speaks_for": [(org, org.pk in interested_ids) for org in speaks_for],
            "follow_kind": notices.KIND,
            "release_waiting": (
                services_opportunities.release_waiting_because()
                if can_manage and opportunity.is_published
                else ""
            ),
        },
    )


def _frameworks(plan: Plan):
    return services_opportunities.frameworks_for(plan).order_by("name", "id")


def _warn_social_value(request, plan: Plan, opportunity: Opportunity) -> None:
    warning = selectors.social_value_warning(
        plan, opportunity.social_value_weight, selectors.legal_day(opportunity)
    )
    if warning:
        messages.warning(request, warning)


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_create(request, plan_pk: int):
    plan = plan_get(_id(plan_pk))
    if plan is None:
        raise Http404
    require(permissions.can_create(request.user, plan))
    form = OpportunityForm(posted(request), plan=plan, frameworks=_frameworks(plan))
    refusal = (
        _("Publish the commissioning plan to the pipeline first.") if not plan.is_published else ""
    )
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            opportunity = services_opportunities.opportunity_create(
                actor=request.user,
                plan=plan,
                kind=form.cleaned_data["kind"],
                lot=form.cleaned_data.get("lot"),
                **form.service_values(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The draft is saved. Now add its criteria."))
            _warn_social_value(request, plan, opportunity)
            return redirect("competitions:criteria", pk=opportunity.pk)
    return render(
        request,
        "competitions/opportunities/form.html",
        {"form": form, "plan": plan, "opportunity": None, "refusal": refusal},
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_edit(request, pk: int):
    opportunity = managed_opportunity(request.user, pk)
    plan = opportunity.plan
    refusal = (
        ""
        if opportunity.status == Opportunity.Status.DRAFT
        else _(
            "This opportunity is published, so it can no longer be changed: providers are bidding "
            "on what it says."
        )
    )
    form = OpportunityForm(
        posted(request), plan=plan, frameworks=_frameworks(plan), opportunity=opportunity
    )
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            services_opportunities.opportunity_update(
                actor=request.user, opportunity=opportunity, **form.service_values()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The draft is saved."))
            _warn_social_value(request, plan, opportunity)
            return redirect(opportunity.get_absolute_url())
    return render(
        request,
        "competitions/opportunities/form.html",
        {"form": form, "plan": plan, "opportunity": opportunity, "refusal": refusal},
    )


# --- the criteria tree ---------------------------------------------------------------------------


def _draft_refusal(opportunity: Opportunity) -> str:
    if opportunity.status == Opportunity.Status.DRAFT:
        return ""
    return _(
        "The criteria can no longer be changed: the opportunity is published and providers are "
        "answering them."
    )


@login_required
@require_http_methods(["GET", "POST"])
def criteria(request, pk: int):
    """The tree with its weights, what is wrong with them, and the form to add a criterion."""
    opportunity = managed_opportunity(request.user, pk)
    refusal = _draft_refusal(opportunity)
    form = CriterionForm(posted(request), opportunity=opportunity)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            services_opportunities.criterion_save(
                actor=request.user, opportunity=opportunity, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The criterion is added."))
            return redirect("competitions:criteria", pk=opportunity.pk)
    rows = list(opportunity.criteria.order_by("part", "position", "id"))
    return render(
        request,
        "competitions/opportunities/criteria.html",
        {
            "opportunity": opportunity,
            "parts": selectors.tree(opportunity, rows),
            "form": form,
            "refusal": refusal,
            "editing": not refusal,
            "tree_problem": selectors.tree_problem(opportunity) if rows else "",
        },
    )


def _criterion(opportunity: Opportunity, criterion_pk: int) -> Criterion:
    criterion = opportunity.criteria.select_related("parent").filter(pk=_id(criterion_pk)).first()
    if criterion is None:
        raise Http404
    return criterion


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request, pk: int, criterion_pk: int):
    opportunity = managed_opportunity(request.user, pk)
    criterion = _criterion(opportunity, criterion_pk)
    refusal = _draft_refusal(opportunity)
    form = CriterionForm(posted(request), opportunity=opportunity, criterion=criterion)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            services_opportunities.criterion_save(
                actor=request.user,
                opportunity=opportunity,
                criterion=criterion,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The criterion is saved."))
            return redirect("competitions:criteria", pk=opportunity.pk)
    return render(
        request,
        "competitions/opportunities/criterion_form.html",
        {"opportunity": opportunity, "criterion": criterion, "form": form, "refusal": refusal},
    )


@login_required
@require_http_methods(["GET", "POST"])
def criterion_remove(request, pk: int, criterion_pk: int):
    opportunity = managed_opportunity(request.user, pk)
    criterion = _criterion(opportunity, criterion_pk)
    refusal = _draft_refusal(opportunity)
    if request.method == "POST" and not refusal:
        services_opportunities.criterion_remove(actor=request.user, criterion=criterion)
        messages.success(request, _("The criterion is removed."))
        return redirect("competitions:criteria", pk=opportunity.pk)
    return render(
        request,
        "competitions/opportunities/criterion_remove.html",
        {
            "opportunity": opportunity,
            "criterion": criterion,
            "below": criterion.children.count(),
            "refusal": refusal,
        },
    )


# --- documents -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def documents(request, pk: int):
    opportunity = managed_opportunity(request.user, pk)
    open_for_documents = opportunity.status == Opportunity.Status.DRAFT or (
        opportunity.status == Opportunity.Status.OPEN and not opportunity.deadline_passed()
    )
    refusal = "" if open_for_documents else _("Documents can be added only before bids close.")
    form = DocumentForm(posted(request), request.FILES or None)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            services_opportunities.document_add(
                actor=request.user,
                opportunity=opportunity,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The document is added. Every interested provider is told.")
                if opportunity.is_published
                else _("The document is added."),
            )
            return redirect("competitions:documents", pk=opportunity.pk)
    return render(
        request,
        "competitions/opportunities/documents.html",
        {
            "opportunity": opportunity,
            "documents": list(opportunity.documents.all()),
            "form": form,
            "refusal": refusal,
            "can_remove": opportunity.status == Opportunity.Status.DRAFT,
        },
    )


def _document(opportunity: Opportunity, document_pk: int) -> Document:
    document = opportunity.documents.filter(pk=_id(document_pk)).first()
    if document is None:
        raise Http404
    return document


@require_GET
def document_download(request, pk: int, document_pk: int):
    opportunity = opportunity_or_404(request.user, pk)
    document = _document(opportunity, document_pk)
    if not document.file:
        raise Http404
    try:
        stored = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    filename = (slugify(document.title) or "document") + uploads.extension_for(
        document.content_type
    )
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=filename,
        content_type=document.content_type or "application/octet-stream",
    )
    if not opportunity.is_published:
        patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_POST
def document_remove(request, pk: int, document_pk: int):
    opportunity = managed_opportunity(request.user, pk)
    document = _document(opportunity, document_pk)
    try:
        services_opportunities.document_remove(actor=request.user, document=document)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The document is removed."))
    return redirect("competitions:documents", pk=opportunity.pk)


# --- publishing, cancelling, interest ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def publish(request, pk: int):
    opportunity = managed_opportunity(request.user, pk)
    if request.method == "POST":
        try:
            if opportunity.is_published:
                services_opportunities.opportunity_release_update(
                    actor=request.user, opportunity=opportunity
                )
                messages.success(request, _("The latest details are published as open data."))
            else:
                released = services_opportunities.opportunity_publish(
                    actor=request.user, opportunity=opportunity
                )
                messages.success(request, _("The opportunity is published: it is open for bids."))
                if released is None:
                    messages.info(request, services_opportunities.release_waiting_because())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("competitions:publish", pk=opportunity.pk)
        return redirect(opportunity.get_absolute_url())
    return render(
        request,
        "competitions/opportunities/publish.html",
        {
            "opportunity": opportunity,
            "why_not": services_opportunities.why_cannot_publish(opportunity)
            if not opportunity.is_published
            else None,
            "social_value_warning": selectors.social_value_warning(
                opportunity.plan, opportunity.social_value_weight, selectors.legal_day(opportunity)
            ),
            "release_waiting": services_opportunities.release_waiting_because(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, pk: int):
    opportunity = managed_opportunity(request.user, pk)
    refusal = (
        _("This opportunity is already %(status)s.")
        % {"status": opportunity.get_status_display().lower()}
        if opportunity.status in (Opportunity.Status.AWARDED, Opportunity.Status.CANCELLED)
        else ""
    )
    form = CancelForm(posted(request))
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            services_opportunities.opportunity_cancel(
                actor=request.user, opportunity=opportunity, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The opportunity is cancelled. Everyone interested is told.")
            )
            return redirect(opportunity.get_absolute_url())
    return render(
        request,
        "competitions/opportunities/cancel.html",
        {"opportunity": opportunity, "form": form, "refusal": refusal},
    )


@login_required
@require_POST
def interest(request, pk: int):
    """A provider's person registers interest for their organisation (or withdraws it)."""
    opportunity = opportunity_or_404(request.user, pk)
    choices = {str(org.pk): org for org in permissions.bidder_organisations(request.user)}
    organisation = choices.get(request.POST.get("organisation", ""))
    require(organisation is not None and opportunity.is_published)
    if request.POST.get("action") == "withdraw":
        existing = opportunity.interests.filter(organisation=organisation).first()
        if existing:
            services_opportunities.interest_withdraw(actor=request.user, interest=existing)
        messages.success(
            request,
            _("%(org)s is no longer registered as interested.") % {"org": organisation.name},
        )
    else:
        try:
            services_opportunities.interest_register(
                actor=request.user, opportunity=opportunity, organisation=organisation
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(org)s is registered as interested. Its people will hear of every change.")
                % {"org": organisation.name},
            )
    return redirect(opportunity.get_absolute_url() + "#interest")
