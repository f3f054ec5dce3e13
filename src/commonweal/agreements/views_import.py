"""Importing existing contracts from a CSV file: the page (place, body, file; the row-numbered
report, or what was imported) and the template file to fill in."""

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from commonweal.agreements import contracts_csv, permissions
from commonweal.agreements import services_import as services
from commonweal.agreements.contracts_csv import ContractProblems
from commonweal.agreements.forms_import import ContractsImportForm
from commonweal.core import csvfiles
from commonweal.core.viewtools import add_service_errors, posted, require
from commonweal.organisations.place_staff import staff_bodies, staff_places


def report_lines(problems: ContractProblems) -> list[str]:
    """Each problem as a line for people: 'Row 4: the end date is before the start date'."""
    return [problem.render(_, ngettext) for problem in problems.problems]


def template_text() -> str:
    """The template file's rows as CSV text, to show in the guidance."""
    out = io.StringIO()
    writer = csvfiles.writer(out)
    for row in contracts_csv.template_rows():
        writer.writerow(row)
    return out.getvalue().replace("\r\n", "\n")


@login_required
@require_http_methods(["GET", "POST"])
def contracts_import(request):
    require(permissions.can_create(request.user))
    form = ContractsImportForm(
        posted(request),
        request.FILES or None,
        places=staff_places(request.user),
        bodies=staff_bodies(request.user),
    )
    problems = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not services.may_import(request.user, data["place"], data["commissioner"]):
            form.add_error(
                "commissioner",
                _("Choose a body you act for that serves %(place)s")
                % {"place": data["place"].name},
            )
        else:
            try:
                imported = services.contracts_import(
                    actor=request.user,
                    place=data["place"],
                    commissioner=data["commissioner"],
                    data=data["file"].read(),
                )
            except ContractProblems as error:
                problems = [
                    {
                        "row": problem.row,
                        "column": problem.column,
                        "message": problem.message.render(_, ngettext),
                    }
                    for problem in error.problems
                ]
                for line in report_lines(error):
                    form.add_error("file", line)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return render(
                    request,
                    "agreements/import/done.html",
                    {
                        "imported": imported,
                        "place": data["place"],
                        "commissioner": data["commissioner"],
                    },
                )
    return render(
        request,
        "agreements/import/form.html",
        {
            "form": form,
            "problems": problems,
            "example": template_text(),
        },
    )


@login_required
@require_GET
def contracts_template(request):
    require(permissions.can_create(request.user))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="existing-agreements.csv"'
    writer = csvfiles.writer(response)
    for row in contracts_csv.template_rows():
        writer.writerow(row)
    return response
