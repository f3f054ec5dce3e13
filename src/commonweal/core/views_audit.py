"""The audit trail's signed checkpoints, public so that anyone can keep them and check the trail later."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from commonweal.core import audit_checkpoints

PAGE_SIZE = 50


@require_safe
def checkpoints(request):
    paginator = Paginator(audit_checkpoints.checkpoint_list(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_checkpoints.html",
        {
            "page_obj": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
            "ellipsis": Paginator.ELLIPSIS,
            "api_url": request.build_absolute_uri(reverse("api:audit-checkpoints")),
            **audit_checkpoints.published_key(),
        },
    )
