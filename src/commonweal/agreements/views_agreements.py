"""Pages for agreements: the list (filters, paginated), one agreement, entering one (kind, then its
form; or from an award or grant decision), editing a draft, putting it in force, a variation, and
its KPIs, break points and asset transfers. Thin: reads through selectors, writes through
services_agreements and services_variations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from commonweal.agreements import (
    permissions,
    permissions_alliance,
    selectors,
    services_agreements,
    services_variations,
)
from commonweal.agreements.forms_agreements import (
    ENTERED_KINDS,
    AgreementForm,
    FromAwardForm,
    KindForm,
    ListFilterForm,
    VaryForm,
)
from commonweal.agreements.models import Agreement, Variation
from commonweal.competitions.models import Award, GrantDecision
from commonweal.core.forms import ID_RANGE
from commonweal.core.viewtools import add_service_errors, paginate, posted, require
from commonweal.organisations.models import Organisation
from commonweal.places.models import Place

PER_PAGE = 25
# An alliance's pages: name, link text, and whether only its parties may see it
# (permissions_alliance: the risk register and pain and gain are commercially sensitive).
ALLIANCE_PAGES = (
    ("agreements:members", gettext_lazy("Members"), False),
    ("agreements:decisions", gettext_lazy("Decisions"), False),
    ("agreements:risks", gettext_lazy("Risk register"), True),
    ("agreements:pain-gain", gettext_lazy("Pain and gain"), True),
)


def agreement_or_404(user, pk: int) -> Agreement:
    agreement = selectors.agreement_get(pk) if pk in ID_RANGE else None
    if agreement is None:
        raise Http404
    require(permissions.can_view(user, agreement))
    return agreement


def managed(user, pk: int) -> Agreement:
    if not user.is_authenticated:
        raise Http404
    agreement = agreement_or_404(user, pk)
    require(permissions.can_manage(user, agreement))
    return agreement


def _filters(request, form: ListFilterForm) -> selectors.Filters:
    if not form.is_valid():
        return selectors.Filters()
    data = form.cleaned_data
    place = Place.objects.filter(slug=data["place"]).first() if data["place"] else None
    organisation = data["organisation"]
    if organisation is not None and organisation not in ID_RANGE:
        organisation = None
    return selectors.Filters(
        place=place,
        kind=data["kind"],
        provider=data["provider"].strip(),
        status=data["status"],
        organisation=organisation,
    )


@require_http_methods(["GET"])
def agreement_list(request):
    places = list(
        Place.objects.filter(agreements__isnull=False)
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )
    form = ListFilterForm(request.GET, places=places)
    filters = _filters(request, form)
    rows = selectors.agreement_list(request.user, filters)
    organisation = (
        Organisation.objects.filter(pk=filters.organisation).only("name").first()
        if filters.organisation
        else None
    )
    context = {
        "form": form,
        "organisation": organisation,
        "can_create": permissions.can_create(request.user),
        **paginate(request, rows, PER_PAGE),
    }
    return render(request, "agreements/agreements/list.html", context)


def _url_if_any(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


def _links(request, agreement: Agreement) -> dict:
    """The pages other apps add for an agreement, where they exist."""
    found = {"alliance_pages": [], "invoices_url": ""}
    if agreement.kind == Agreement.Kind.ALLIANCE:
        parties_only_allowed = permissions_alliance.can_see_register(request.user, agreement)
        for name, label, parties_only in ALLIANCE_PAGES:
            url = _url_if_any(name, pk=agreement.pk)
            if url and (parties_only_allowed or not parties_only):
                found["alliance_pages"].append((url, label))
    if permissions.can_see_invoices(request.user, agreement):
        found["invoices_url"] = _url_if_any("payments:agreement-invoices", pk=agreement.pk)
    return found


@require_http_methods(["GET"])
def agreement_detail(request, pk: int):
    agreement = agreement_or_404(request.user, pk)
    can_manage = permissions.can_manage(request.user, agreement)
    context = {
        "agreement": agreement,
        "can_manage": can_manage,
        "is_partner": agreement.kind == Agreement.Kind.STRATEGIC_PARTNERSHIP
        and permissions.is_provider_side(request.user, agreement),
        "kpis": list(agreement.kpis.all()),
        "break_points": list(agreement.break_points.all()),
        "variations": _history(agreement),
        "assets": list(agreement.assets.all()),
        "members": list(agreement.members.select_related("organisation")),
        "subcontracts": list(
            selectors.visible_to(request.user)
            .filter(parent=agreement)
            .select_related("provider")
            .order_by("starts_on", "pk")
        ),
        "live_blockers": services_agreements.live_blockers(agreement)
        if can_manage and agreement.status == Agreement.Status.DRAFT
        else [],
        "kpis_needed": services_agreements.kpis_needed(agreement),
        **_links(request, agreement),
    }
    return render(request, "agreements/agreements/detail.html", context)


def _history(agreement: Agreement) -> list[Variation]:
    """The changes in order, each with its lines: what changed, from what, to what."""
    rows = list(agreement.variations.all())
    for row in rows:
        row.lines = [
            (Agreement._meta.get_field(name).verbose_name, before, row.after.get(name, ""))
            for name, before in row.before.items()
        ]
    return rows


def _form_page(request, template_context: dict):
    return render(request, "agreements/agreements/form.html", template_context)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_enter(request):
    require(permissions.can_create(request.user))
    form = KindForm(posted(request))
    if form.is_valid():
        return redirect("agreements:enter-kind", kind=form.cleaned_data["kind"])
    return render(
        request,
        "agreements/agreements/enter.html",
        {
            "form": form,
            "awards": selectors.awards_waiting(request.user),
            "grant_decisions": selectors.grant_decisions_waiting(request.user),
            "import_url": _url_if_any("agreements:import"),
        },
    )


def _create(request, form: AgreementForm, kind: str, **extra):
    fields = form.fields_for_service()
    members = form.cleaned_data.get("members")
    try:
        agreement = services_agreements.agreement_create(
            actor=request.user, kind=kind, members=members, **fields, **extra
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(
        request, _("The agreement is entered. It is being set up until you put it in force.")
    )
    return redirect(agreement)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_enter_kind(request, kind: str):
    if kind not in dict(ENTERED_KINDS):
        raise Http404
    require(permissions.can_create(request.user))
    form = AgreementForm(posted(request), kind=kind, user=request.user)
    if form.is_valid():
        done = _create(request, form, kind)
        if done:
            return done
    return _form_page(
        request,
        {
            "form": form,
            "title": _("Enter an agreement: %(kind)s") % {"kind": dict(ENTERED_KINDS)[kind]},
            "button": _("Enter the agreement"),
            "back": reverse("agreements:enter"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def subcontract_enter(request, pk: int):
    partnership = agreement_or_404(request.user, pk)
    if partnership.kind != Agreement.Kind.STRATEGIC_PARTNERSHIP:
        raise Http404
    require(permissions.is_provider_side(request.user, partnership))
    form = AgreementForm(posted(request), kind=Agreement.Kind.SUBCONTRACT, user=request.user)
    if form.is_valid():
        done = _create(request, form, Agreement.Kind.SUBCONTRACT, parent=partnership)
        if done:
            return done
    return _form_page(
        request,
        {
            "form": form,
            "caption": partnership.title,
            "title": _("Record a subcontract"),
            "intro": _(
                "A subcontract pays within %(days)s days or sooner: the partnership's payment "
                "terms flow down."
            )
            % {"days": partnership.payment_terms_days},
            "button": _("Record the subcontract"),
            "back": partnership.get_absolute_url(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request, pk: int):
    agreement = managed(request.user, pk)
    if agreement.status != Agreement.Status.DRAFT:
        messages.info(
            request, _("This agreement is in force: change it by a variation, with the reason.")
        )
        return redirect("agreements:vary", pk=agreement.pk)
    form = AgreementForm(
        posted(request), kind=agreement.kind, user=request.user, agreement=agreement
    )
    if form.is_valid():
        try:
            changed = services_agreements.agreement_update(
                actor=request.user, agreement=agreement, **form.fields_for_service()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if changed:
                messages.success(request, _("The agreement is saved."))
            return redirect(agreement)
    return _form_page(
        request,
        {
            "form": form,
            "caption": agreement.title,
            "title": _("Edit the agreement"),
            "button": _("Save"),
            "back": agreement.get_absolute_url(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_make_live(request, pk: int):
    agreement = managed(request.user, pk)
    blockers = services_agreements.live_blockers(agreement)
    if request.method == "POST" and not blockers:
        try:
            services_agreements.agreement_make_live(actor=request.user, agreement=agreement)
        except ValidationError as error:
            blockers = error.messages
        else:
            messages.success(request, _("The agreement is in force."))
            return redirect(agreement)
    return render(
        request,
        "agreements/agreements/make_live.html",
        {"agreement": agreement, "blockers": blockers},
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_vary(request, pk: int):
    agreement = managed(request.user, pk)
    if agreement.status != Agreement.Status.LIVE:
        raise Http404
    form = VaryForm(posted(request), agreement=agreement)
    if form.is_valid():
        kind = form.cleaned_data["kind"]
        try:
            services_variations.agreement_vary(
                actor=request.user,
                agreement=agreement,
                kind=kind,
                reason=form.cleaned_data["reason"],
                changes=form.changes(services_variations.VARIABLE[kind]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The change is recorded."))
            return redirect(agreement)
    return _form_page(
        request,
        {
            "form": form,
            "caption": agreement.title,
            "title": _("Record a change"),
            "intro": _(
                "Choose the kind of change, say why, and fill in what changes. Everything else "
                "stays as it is."
            ),
            "button": _("Record the change"),
            "back": agreement.get_absolute_url(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def from_award(request, award_pk: int):
    award = get_object_or_404(
        Award.objects.select_related(
            "opportunity__plan__place", "opportunity__plan__lead", "bid__organisation"
        ),
        pk=award_pk if award_pk in ID_RANGE else 0,
    )
    require(permissions.can_create(request.user))
    need_dates = not (award.contract_starts_on and award.contract_ends_on)
    form = FromAwardForm(posted(request), need_dates=need_dates)
    blockers = services_agreements.award_blockers(award)
    if form.is_valid() and not blockers:
        try:
            agreement = services_agreements.agreement_from_award(
                actor=request.user,
                award=award,
                starts_on=form.cleaned_data.get("starts_on"),
                ends_on=form.cleaned_data.get("ends_on"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The agreement is made from the award. Check it, then put it in force.")
            )
            return redirect(agreement)
    return render(
        request,
        "agreements/agreements/from_award.html",
        {
            "form": form,
            "award": award,
            "kind": dict(Agreement.Kind.choices)[services_agreements.award_kind(award)],
            "blockers": blockers,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def from_grant_decision(request, decision_pk: int):
    decision = get_object_or_404(
        GrantDecision.objects.select_related("bid__organisation", "bid__opportunity__plan__place"),
        pk=decision_pk if decision_pk in ID_RANGE else 0,
    )
    require(permissions.can_create(request.user))
    need_dates = not (decision.planned_start and decision.planned_end)
    form = FromAwardForm(posted(request), need_dates=need_dates)
    if form.is_valid():
        try:
            agreement = services_agreements.agreement_from_grant_decision(
                actor=request.user,
                decision=decision,
                starts_on=form.cleaned_data.get("starts_on"),
                ends_on=form.cleaned_data.get("ends_on"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The grant agreement is made. Check it, then put it in force.")
            )
            return redirect(agreement)
    return render(
        request,
        "agreements/agreements/from_grant_decision.html",
        {"form": form, "decision": decision},
    )
