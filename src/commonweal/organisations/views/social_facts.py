"""Checking an organisation's inherent social value facts, and withdrawing a check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.organisations.forms_social_facts import (
    SocialFactsCheckForm,
    WithdrawSocialFactsCheckForm,
)
from commonweal.organisations.selectors_social_facts import (
    social_facts_check_get,
    social_facts_in_force,
)
from commonweal.organisations.services_social_facts import (
    can_check,
    check_place_choices,
    check_record,
    check_withdraw,
    checking_body,
)
from commonweal.organisations.views._common import (
    add_service_errors,
    organisation_or_404,
    posted,
    require,
)


@login_required
@require_http_methods(["GET", "POST"])
def social_facts_check(request, slug: str):
    organisation = organisation_or_404(slug)
    may, body = checking_body(request.user, organisation)
    require(may)
    in_force = social_facts_in_force(organisation)
    form = SocialFactsCheckForm(
        posted(request),
        places=check_place_choices(request.user, organisation),
        in_force=in_force,
    )
    if request.method == "POST" and form.is_valid():
        try:
            check = check_record(
                actor=request.user, organisation=organisation, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if in_force is not None and check.pk == in_force.pk:
                messages.info(request, _("Nothing changed: the check in force says the same."))
            else:
                messages.success(
                    request,
                    _("The social value facts of %(organisation)s are checked")
                    % {"organisation": organisation},
                )
            return redirect(organisation)
    return render(
        request,
        "organisations/social_facts_check.html",
        {"organisation": organisation, "form": form, "in_force": in_force, "body": body},
    )


@login_required
@require_http_methods(["GET", "POST"])
def social_facts_withdraw(request, slug: str, check_id: int):
    organisation = organisation_or_404(slug)
    check = social_facts_check_get(organisation, check_id)
    if check is None or check.revoked_at is not None:
        raise Http404
    require(can_check(request.user, organisation))
    form = WithdrawSocialFactsCheckForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            check_withdraw(actor=request.user, check=check, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The check of %(organisation)s's social value facts is withdrawn")
                % {"organisation": organisation},
            )
            return redirect(organisation)
    return render(
        request,
        "organisations/social_facts_withdraw.html",
        {"organisation": organisation, "check": check, "form": form},
    )
