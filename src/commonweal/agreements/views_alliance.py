"""An alliance's governance pages: its members and shares, the leadership team's decisions (public),
the risk register and the years of pain and gain (the parties only). Who may: permissions_alliance.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commonweal.agreements import permissions_alliance as may
from commonweal.agreements import selectors_alliance as selectors
from commonweal.agreements import services_alliance as services
from commonweal.agreements.forms_alliance import (
    DecisionForm,
    MemberAddForm,
    MemberForm,
    PainGainForm,
    RiskForm,
)
from commonweal.agreements.models import Agreement
from commonweal.core.viewtools import add_service_errors, paginate, posted, require

PAGE_SIZE = 20
SEARCH_LENGTH = 200


def _alliance_or_404(user, pk: int) -> Agreement:
    agreement = selectors.alliance_get(pk)
    if agreement is None or not may.can_see_decisions(user, agreement):
        raise Http404
    return agreement


def _common(request, agreement: Agreement, section: str) -> dict:
    user = request.user
    return {
        "agreement": agreement,
        "section": section,
        "is_open": services.is_open(agreement),
        "can_govern": may.can_govern(user, agreement),
        "can_see_register": may.can_see_register(user, agreement),
        "can_manage_members": may.can_manage_members(user, agreement),
    }


# --- Members --------------------------------------------------------------------------------------


@require_GET
def members(request, pk: int):
    agreement = _alliance_or_404(request.user, pk)
    context = _common(request, agreement, "members")
    rows = list(selectors.members(agreement))
    for member in rows:
        member.can_remove = services.member_may_leave(member)
    context.update(members=rows, shares_total=sum(member.share for member in rows))
    return render(request, "agreements/alliance/members.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk: int):
    agreement = _alliance_or_404(request.user, pk)
    require(may.can_manage_members(request.user, agreement))
    q = request.GET.get("q", "").strip()[:SEARCH_LENGTH]
    searching = "q" in request.GET
    found = (
        paginate(request, selectors.organisations_to_add(agreement, q), PAGE_SIZE)
        if searching
        else None
    )
    offered = list(found["page_obj"].object_list) if found else []
    form = MemberAddForm(posted(request), offered=offered)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_add(
                actor=request.user, agreement=agreement, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s is a member of the alliance") % {"name": member.organisation}
            )
            return redirect("agreements:members", pk=agreement.pk)
    context = _common(request, agreement, "members")
    context.update(form=form, q=q, searching=searching, found=found)
    return render(request, "agreements/alliance/member_add.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk: int, member_pk: int):
    agreement = _alliance_or_404(request.user, pk)
    require(may.can_manage_members(request.user, agreement))
    member = selectors.member_get(agreement, member_pk)
    if member is None:
        raise Http404
    form = MemberForm(
        posted(request),
        initial={"share": member.share, "on_leadership_team": member.on_leadership_team},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.member_change(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if form.has_changed():
                messages.success(request, _("The member's share and seat are saved"))
            return redirect("agreements:members", pk=agreement.pk)
    context = _common(request, agreement, "members")
    context.update(form=form, member=member)
    return render(request, "agreements/alliance/member_edit.html", context)


@login_required
@require_POST
def member_remove(request, pk: int, member_pk: int):
    agreement = _alliance_or_404(request.user, pk)
    require(may.can_manage_members(request.user, agreement))
    member = selectors.member_get(agreement, member_pk)
    if member is None:
        raise Http404
    try:
        services.member_remove(actor=request.user, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(name)s is no longer a member") % {"name": member.organisation}
        )
    return redirect("agreements:members", pk=agreement.pk)


# --- Decisions ------------------------------------------------------------------------------------


@require_GET
def decisions(request, pk: int):
    agreement = _alliance_or_404(request.user, pk)
    context = _common(request, agreement, "decisions")
    context["decisions"] = paginate(request, selectors.decisions(agreement), PAGE_SIZE)
    context["team"] = list(selectors.leadership_team(agreement))
    return render(request, "agreements/alliance/decisions.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request, pk: int):
    agreement = _alliance_or_404(request.user, pk)
    require(may.can_govern(request.user, agreement))
    form = DecisionForm(
        posted(request),
        team=selectors.leadership_team(agreement),
        principle=agreement.principle,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(actor=request.user, agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision is recorded"))
            return redirect("agreements:decisions", pk=agreement.pk)
    context = _common(request, agreement, "decisions")
    context["form"] = form
    return render(request, "agreements/alliance/decision_add.html", context)


# --- Risks ----------------------------------------------------------------------------------------


def _register_or_refuse(request, pk: int):
    """The alliance, for its parties: anyone else signed in is refused, the public sent to sign in."""
    agreement = _alliance_or_404(request.user, pk)
    if not request.user.is_authenticated:
        return agreement, redirect_to_login(request.get_full_path())
    require(may.can_see_register(request.user, agreement))
    return agreement, None


@require_GET
def risks(request, pk: int):
    agreement, refused = _register_or_refuse(request, pk)
    if refused:
        return refused
    context = _common(request, agreement, "risks")
    context["risks"] = paginate(request, selectors.risks(agreement), PAGE_SIZE)
    for risk in context["risks"]["page_obj"].object_list:
        risk.is_open = services.risk_is_open(risk)
    return render(request, "agreements/alliance/risks.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def risk_add(request, pk: int):
    agreement = _alliance_or_404(request.user, pk)
    require(may.can_govern(request.user, agreement))
    form = RiskForm(posted(request), members=selectors.members(agreement))
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_add(actor=request.user, agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The risk is on the register"))
            return redirect("agreements:risks", pk=agreement.pk)
    context = _common(request, agreement, "risks")
    context["form"] = form
    return render(request, "agreements/alliance/risk_form.html", context)


def _risk_or_404(agreement: Agreement, risk_pk: int):
    risk = selectors.risk_get(agreement, risk_pk)
    if risk is None:
        raise Http404
    return risk


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request, pk: int, risk_pk: int):
    agreement = _alliance_or_404(request.user, pk)
    require(may.can_govern(request.user, agreement))
    risk = _risk_or_404(agreement, risk_pk)
    form = RiskForm(
        posted(request),
        members=selectors.members(agreement),
        initial={
            "title": risk.title,
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "owner": risk.owner_id,
            "mitigation": risk.mitigation,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_update(actor=request.user, risk=risk, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if form.has_changed():
                messages.success(request, _("The risk is saved"))
            return redirect("agreements:risks", pk=agreement.pk)
    context = _common(request, agreement, "risks")
    context.update(form=form, risk=risk)
    return render(request, "agreements/alliance/risk_form.html", context)


@login_required
@require_POST
def risk_close(request, pk: int, risk_pk: int):
    agreement = _alliance_or_404(request.user, pk)
    require(may.can_govern(request.user, agreement))
    risk = _risk_or_404(agreement, risk_pk)
    try:
        services.risk_close(actor=request.user, risk=risk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The risk is closed. It stays on the register."))
    return redirect("agreements:risks", pk=agreement.pk)


# --- Pain and gain --------------------------------------------------------------------------------


@require_GET
def pain_gain(request, pk: int):
    agreement, refused = _register_or_refuse(request, pk)
    if refused:
        return refused
    context = _common(request, agreement, "pain-gain")
    years = paginate(request, selectors.pain_gain_years(agreement), PAGE_SIZE)
    for year in years["page_obj"].object_list:
        year.lines = [line.render(gettext, ngettext) for line in selectors.working_lines(year)]
    context["years"] = years
    context["members"] = list(selectors.members(agreement))
    return render(request, "agreements/alliance/pain_gain.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def pain_gain_add(request, pk: int):
    agreement = _alliance_or_404(request.user, pk)
    require(may.can_govern(request.user, agreement))
    form = PainGainForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.pain_gain_record(actor=request.user, agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The year's pain and gain is recorded"))
            return redirect("agreements:pain-gain", pk=agreement.pk)
    context = _common(request, agreement, "pain-gain")
    context["form"] = form
    return render(request, "agreements/alliance/pain_gain_add.html", context)
