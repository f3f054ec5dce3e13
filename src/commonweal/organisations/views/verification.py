"""Verifying public bodies: the list of those awaiting it, verifying one, and revoking a verification."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from commonweal.core.viewtools import paginate
from commonweal.organisations import permissions, selectors
from commonweal.organisations.forms import RevokeVerificationForm, VerifyForm
from commonweal.organisations.services_verification import (
    public_body_verification_revoke,
    public_body_verify,
)
from commonweal.organisations.views._common import (
    add_service_errors,
    organisation_or_404,
    posted,
    require,
)

PAGE_SIZE = 25


@login_required
@require_GET
def verification_list(request):
    require(permissions.is_verifier(request.user))
    return render(
        request,
        "organisations/verification_list.html",
        paginate(request, selectors.public_bodies_awaiting_verification(request.user), PAGE_SIZE),
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_verify(request, slug: str):
    organisation = organisation_or_404(slug)
    require(permissions.can_verify(request.user, organisation))
    form = VerifyForm(
        posted(request), places=selectors.verification_place_choices(request.user, organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            verification = public_body_verify(
                actor=request.user, organisation=organisation, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(organisation)s is verified for %(place)s")
                % {"organisation": organisation, "place": verification.place},
            )
            return redirect(organisation)
    return render(
        request, "organisations/verify.html", {"organisation": organisation, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def verification_revoke(request, slug: str, verification_id: int):
    organisation = organisation_or_404(slug)
    verification = selectors.verification_get(organisation, verification_id)
    if verification is None or verification.revoked_at is not None:
        raise Http404
    require(permissions.can_revoke(request.user, verification))
    form = RevokeVerificationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            public_body_verification_revoke(
                actor=request.user, verification=verification, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(organisation)s is no longer verified for %(place)s")
                % {"organisation": organisation, "place": verification.place},
            )
            return redirect(organisation)
    return render(
        request,
        "organisations/verification_revoke.html",
        {
            "organisation": organisation,
            "verification": verification,
            "form": form,
        },
    )
