"""Publishing an agreement's payments as open data, for those who pay it (a button: POST only).
Thin: the service decides what is published and whether anything changed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonweal.agreements.models import Agreement
from commonweal.core.forms import ID_RANGE
from commonweal.core.viewtools import require
from commonweal.payments import permissions_invoices, services_opendata


def _back(agreement: Agreement) -> str:
    """The agreement's invoices and payments, where the button is."""
    return reverse("payments:agreement-invoices", kwargs={"pk": agreement.pk})


@login_required
@require_POST
def implementation_publish(request, pk: int):
    agreement = Agreement.objects.filter(pk=pk).first() if pk in ID_RANGE else None
    if agreement is None:
        raise Http404
    require(permissions_invoices.can_pay(request.user, agreement))
    try:
        done = services_opendata.implementation_publish(agreement=agreement, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if done.release is not None:
            messages.success(
                request,
                _("The payments are published as open data (release %(id)s).")
                % {"id": done.release.release_id},
            )
        else:
            messages.info(request, done.why_not)
    return redirect(_back(agreement))
