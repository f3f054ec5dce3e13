"""The people of an organisation and their roles: adding and removing."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.accounts.roles import Role
from commonweal.organisations import permissions, selectors, services
from commonweal.organisations.forms import MemberAddForm
from commonweal.organisations.views._common import (
    add_service_errors,
    organisation_or_404,
    posted,
    require,
)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_members(request, slug: str):
    organisation = organisation_or_404(slug)
    require(permissions.can_edit(request.user, organisation))
    form = MemberAddForm(posted(request), roles=selectors.organisation_roles_allowed(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.organisation_member_add(
                organisation=organisation,
                actor=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s is now %(role)s for %(organisation)s")
                % {
                    "person": assignment.user,
                    "role": assignment.get_role_display().lower(),
                    "organisation": organisation,
                },
            )
            return redirect("organisations:members", slug=organisation.slug)
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "members": selectors.organisation_members(organisation),
            "administrator_count": selectors.organisation_administrator_count(organisation),
            "administrator": Role.ADMINISTRATOR,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_member_remove(request, slug: str, assignment_id: int):
    organisation = organisation_or_404(slug)
    require(permissions.can_edit(request.user, organisation))
    assignment = get_object_or_404(
        organisation.role_assignments.select_related("user"), pk=assignment_id
    )
    form = forms.Form(posted(request))
    last_administrator = (
        assignment.role == Role.ADMINISTRATOR
        and selectors.organisation_administrator_count(organisation) <= 1
    )
    if request.method == "POST":
        try:
            services.organisation_member_remove(actor=request.user, assignment=assignment)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s is no longer %(role)s for %(organisation)s")
                % {
                    "person": assignment.user,
                    "role": assignment.get_role_display().lower(),
                    "organisation": organisation,
                },
            )
            if permissions.can_edit(request.user, organisation):
                return redirect("organisations:members", slug=organisation.slug)
            return redirect(organisation)
    return render(
        request,
        "organisations/member_remove.html",
        {
            "organisation": organisation,
            "assignment": assignment,
            "form": form,
            "last_administrator": last_administrator,
        },
    )
