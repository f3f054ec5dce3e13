"""An organisation's profile, and registering and editing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonweal.organisations import history, identifiers, permissions, selectors, services
from commonweal.organisations.forms import OrganisationForm
from commonweal.organisations.models import Organisation
from commonweal.organisations.selectors_social_facts import social_facts_in_force
from commonweal.organisations.services_social_facts import can_check
from commonweal.organisations.views._common import (
    add_service_errors,
    organisation_or_404,
    posted,
    require,
)


def organisation_detail(request, slug: str):
    organisation = organisation_or_404(slug)
    user = request.user
    roles = permissions.roles_held(user, organisation)  # asked once for the questions below
    can_view_private = permissions.can_view_private(user, organisation, roles=roles)
    try:
        register = identifiers.KNOWN_LISTS.get(identifiers.parse(organisation.org_id)[0])
    except identifiers.InvalidIdentifier:
        register = None
    # Worked out now, under the rules in force today, never read from a stored copy.
    findings = organisation.findings(on=timezone.localdate())
    band = findings["size_band"].value
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "findings": findings,
            # The reasons in the reader's language (the classification gives them as messages).
            "reasons": {name: f.why.render(gettext, ngettext) for name, f in findings.items()},
            "size_label": Organisation.SizeBand(band).label if isinstance(band, str) else None,
            "register": register,
            "documents": selectors.organisation_documents(
                organisation, include_private=can_view_private
            ),
            "can_view_private": can_view_private,
            "can_edit": permissions.can_edit(user, organisation, roles=roles),
            "verifications": selectors.organisation_verifications(organisation)
            if organisation.is_public_body
            else [],
            "can_verify": permissions.can_verify(user, organisation, roles=roles),
            "social_facts": social_facts_in_force(organisation),
            "can_check_social_facts": can_check(user, organisation, roles=roles),
            **(
                history.readable_page(request, selectors.organisation_history_entries(organisation))
                if permissions.can_view_history(user, organisation, roles=roles)
                else {"history": None}
            ),
        },
    )


@login_required
def organisation_register(request):
    form = OrganisationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_register(
                actor=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Shown in answer to the POST: the administrator role now needs two-factor
            # authentication, so the next page they ask for will be its set-up.
            return render(
                request,
                "organisations/registered.html",
                {
                    "organisation": organisation,
                    "two_factor_next": not request.user.is_verified(),
                    "has_authenticator": TOTPDevice.objects.filter(
                        user=request.user, confirmed=True
                    ).exists(),
                },
            )
    return render(request, "organisations/form.html", {"form": form, "organisation": None})


@login_required
def organisation_edit(request, slug: str):
    organisation = organisation_or_404(slug)
    require(permissions.can_edit(request.user, organisation))
    form = OrganisationForm(posted(request), instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation,
                actor=request.user,
                reason=_("Changed the organisation's details"),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your changes to %(organisation)s have been saved")
                % {"organisation": organisation},
            )
            return redirect(organisation)
    return render(request, "organisations/form.html", {"form": form, "organisation": organisation})
