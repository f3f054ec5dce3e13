"""Pages for notifications: the list, the choices, following, and stopping emails in one click."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from commonweal.core.viewtools import paginate, posted, safe_next
from commonweal.notifications import registry, selectors, services
from commonweal.notifications.forms import FollowForm, PreferencesForm
from commonweal.notifications.topics import Topic

PER_PAGE = 20
FOLLOWS_PER_PAGE = 50


@login_required
def notification_list(request):
    """The person's notifications, newest first; those shown are marked read as they are shown."""
    page = paginate(request, selectors.notifications_of(request.user), PER_PAGE)
    rows = list(page["page_obj"])
    unread = [row.pk for row in rows if row.read_at is None]
    if unread:
        services.notifications_read(user=request.user, notification_ids=unread)
    return render(
        request,
        "notifications/list.html",
        {**page, "rows": rows, "new": set(unread)},
    )


@login_required
def notification_settings(request):
    """How often the person wants emails about each topic, and what they follow."""
    current = selectors.frequencies_of(request.user)
    form = PreferencesForm(posted(request), initial=current)
    if form.is_bound and form.is_valid():
        changed = services.preferences_set(user=request.user, frequencies=form.cleaned_data)
        if changed:
            messages.success(request, _("Your choices are saved."))
        else:
            messages.info(request, _("You did not change anything."))
        return redirect("notifications:settings")
    page = paginate(
        request, selectors.follows_of(request.user), FOLLOWS_PER_PAGE, param="following-page"
    )
    return render(
        request,
        "notifications/settings.html",
        {
            **page,
            "form": form,
            "followed": selectors.followed(request.user, list(page["page_obj"])),
            "email_confirmed": request.user.email_confirmed_at is not None,
        },
    )


def _followed_from(request) -> tuple[str, int, object, registry.Kind]:
    form = FollowForm(request.POST)
    if not form.is_valid():
        raise Http404
    kind_name, object_id = form.cleaned_data["kind"], form.cleaned_data["object_id"]
    kind = registry.kind_for(kind_name)
    record = registry.record(kind_name, object_id) if kind is not None else None
    if record is None:
        raise Http404
    return kind_name, object_id, record, kind


def _back(request, record) -> str:
    default = record.get_absolute_url() if hasattr(record, "get_absolute_url") else "core:home"
    return safe_next(request, request.POST.get("next"), default)


@login_required
@require_POST
def follow(request):
    kind_name, object_id, record, kind = _followed_from(request)
    try:
        created = services.follow(user=request.user, kind=kind_name, object_id=object_id)
    except ValidationError as error:
        raise Http404 from error  # says nothing of a record the person may not see
    if created:
        messages.success(
            request,
            _("You are following %(record)s. We will tell you when something changes.")
            % {"record": record},
        )
    else:
        messages.info(request, _("You already follow %(record)s.") % {"record": record})
    return redirect(_back(request, record))


@login_required
@require_POST
def unfollow(request):
    kind_name, object_id, record, _kind = _followed_from(request)
    if services.unfollow(user=request.user, kind=kind_name, object_id=object_id):
        messages.success(request, _("You no longer follow %(record)s.") % {"record": record})
    return redirect(_back(request, record))


# A mail program's "Unsubscribe" button posts here with no cookie and no form token (RFC 8058); the
# signed address itself says who and what, and posting it twice does no harm.
@csrf_exempt
def unsubscribe(request, token: str):
    try:
        user, topics = services.unsubscribe_read(token)
    except ValidationError:
        return render(request, "notifications/unsubscribe_wrong.html", status=404)
    labels = [Topic(topic).label for topic in topics]
    if request.method == "POST":
        services.unsubscribe(token=token)
        return render(
            request,
            "notifications/unsubscribed.html",
            {"labels": labels, "for_them": request.user == user},
        )
    return render(
        request,
        "notifications/unsubscribe.html",
        {"labels": labels, "token": token, "for_them": request.user == user},
    )
