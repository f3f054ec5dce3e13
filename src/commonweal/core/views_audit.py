"""The audit trail's signed checkpoints, public so that anyone can keep them and check the trail later."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from commonweal.core import audit_checkpoints
from commonweal.core.viewtools import paginate

PAGE_SIZE = 50


@require_safe
def checkpoints(request):
    listing = paginate(request, audit_checkpoints.checkpoint_list(), PAGE_SIZE)
    return render(
        request,
        "core/audit_checkpoints.html",
        {
            **listing,
            "api_url": request.build_absolute_uri(reverse("api:audit-checkpoints")),
            **audit_checkpoints.published_key(),
        },
    )
