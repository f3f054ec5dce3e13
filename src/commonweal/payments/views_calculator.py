"""The late-payment calculator's page: anyone may use it, without an account. A GET form, so an
answer can be linked to and nothing is stored."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from commonweal.payments.forms_calculator import LatePaymentForm, asked
from commonweal.payments.late_payment import percent


@require_safe
def calculator(request):
    """The question, and when it is answered, what is owed and how it was worked out."""
    form = LatePaymentForm(request.GET if asked(request.GET) else None)
    result = form.result if form.is_bound and form.is_valid() else None
    context = {"form": form, "result": result, "paid_today": form.paid_today}
    if result is not None:
        rate = result.reference_rate
        context |= {
            "reference_rate": percent(rate.rate),
            "margin": f"{rate.margin.normalize():f}",
            "statutory_rate": percent(result.statutory_rate),
            # Bank Rate on that day is not known yet: the rate in force now stands in for it.
            "rate_not_fixed_yet": rate.fixed_on > timezone.localdate(),
        }
    response = render(request, "payments/calculator/calculator.html", context)
    if form.paid_today:
        add_never_cache_headers(response)  # worked out for today: never kept for tomorrow
    return response
