"""A panel's workspace: the page its members and staff share (meetings, papers, tasks), a meeting's
page, a paper's download, staff's forms to add, change and remove each thing, and a member marking a
task done. Nobody else sees any of it: an unknown panel or thing is a 404, someone else's a 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commonweal.core import uploads
from commonweal.core.viewtools import add_service_errors, paginate, posted, require
from commonweal.panels import permissions, services_workspace
from commonweal.panels import selectors_workspace as selectors
from commonweal.panels.forms_workspace import ConfirmDeleteForm, MeetingForm, PaperForm, TaskForm
from commonweal.panels.models import Meeting, Panel, PanelTask, Paper
from commonweal.panels.views import panel_or_404

PAST_PAGE_SIZE = 10
PAPERS_PAGE_SIZE = 20
TASKS_PAGE_SIZE = 25


def _workspace_panel(user, pk: int) -> Panel:
    panel = panel_or_404(user, pk)
    require(permissions.can_see_workspace(user, panel))
    return panel


def _managed_workspace(user, pk: int) -> Panel:
    panel = panel_or_404(user, pk)
    require(permissions.can_manage_workspace(user, panel))
    return panel


def _found(thing):
    if thing is None:
        raise Http404
    return thing


@login_required
@require_GET
def workspace(request, pk: int):
    panel = _workspace_panel(request.user, pk)
    can_manage = permissions.can_manage_workspace(request.user, panel)
    member = selectors.membership(request.user, panel)
    upcoming = list(selectors.meetings_upcoming(panel))
    tasks = (
        selectors.tasks_for_member(member)
        if member is not None
        else selectors.tasks_for_staff(panel)
    )
    return render(
        request,
        "panels/workspace.html",
        {
            "panel": panel,
            "member": member,
            "can_manage": can_manage,
            "next_meeting": upcoming[0] if upcoming else None,
            "later_meetings": upcoming[1:],
            "past": paginate(request, selectors.meetings_past(panel), PAST_PAGE_SIZE, param="past"),
            "papers": paginate(request, selectors.papers(panel), PAPERS_PAGE_SIZE, param="papers"),
            "tasks": paginate(request, tasks, TASKS_PAGE_SIZE, param="tasks"),
            "members_count": panel.members.count() if member is None else None,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_GET
def meeting_detail(request, pk: int, meeting_pk: int):
    panel = _workspace_panel(request.user, pk)
    meeting = _found(selectors.meeting_get(panel, meeting_pk))
    return render(
        request,
        "panels/meeting.html",
        {
            "panel": panel,
            "meeting": meeting,
            "papers": selectors.meeting_papers(meeting),
            "can_manage": permissions.can_manage_workspace(request.user, panel),
        },
    )


def _workspace_url(panel: Panel, anchor: str) -> str:
    return f"{reverse('panels:workspace', kwargs={'pk': panel.pk})}#{anchor}"


# Meetings


@login_required
@require_http_methods(["GET", "POST"])
def meeting_add(request, pk: int):
    panel = _managed_workspace(request.user, pk)
    form = MeetingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services_workspace.meeting_create(
                actor=request.user, panel=panel, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is arranged."))
            return redirect(meeting)
    return render(request, "panels/meeting_form.html", {"panel": panel, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int, meeting_pk: int):
    panel = _managed_workspace(request.user, pk)
    meeting = _found(selectors.meeting_get(panel, meeting_pk))
    form = MeetingForm(posted(request), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services_workspace.meeting_update(
                actor=request.user, meeting=meeting, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is changed."))
            return redirect(meeting)
    return render(
        request, "panels/meeting_form.html", {"panel": panel, "form": form, "meeting": meeting}
    )


def _delete_page(request, panel: Panel, thing, *, kind: str, remove, done: str, anchor: str):
    """A page that asks to confirm, then removes ``thing`` through ``remove``."""
    form = ConfirmDeleteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            remove(actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(_workspace_url(panel, anchor))
    return render(
        request,
        "panels/workspace_delete.html",
        {"panel": panel, "thing": thing, "kind": kind, "form": form, "anchor": anchor},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_delete(request, pk: int, meeting_pk: int):
    panel = _managed_workspace(request.user, pk)
    meeting: Meeting = _found(selectors.meeting_get(panel, meeting_pk))
    return _delete_page(
        request,
        panel,
        meeting,
        kind="meeting",
        remove=lambda actor: services_workspace.meeting_delete(actor=actor, meeting=meeting),
        done=_("The meeting is called off."),
        anchor="meetings",
    )


# Papers


def _paper_form(request, panel: Panel, paper: Paper | None = None) -> PaperForm:
    return PaperForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
        meetings=panel.meetings.order_by("-starts_at", "-pk"),
        paper=paper,
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_add(request, pk: int):
    panel = _managed_workspace(request.user, pk)
    form = _paper_form(request, panel)
    initial_meeting = request.GET.get("meeting", "")
    if request.method == "GET" and initial_meeting.isdigit():
        form.initial["meeting"] = int(initial_meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services_workspace.paper_add(actor=request.user, panel=panel, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The paper is added."))
            return redirect(_workspace_url(panel, "papers"))
    return render(request, "panels/paper_form.html", {"panel": panel, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def paper_edit(request, pk: int, paper_pk: int):
    panel = _managed_workspace(request.user, pk)
    paper = _found(selectors.paper_get(panel, paper_pk))
    form = _paper_form(request, panel, paper)
    if request.method == "POST" and form.is_valid():
        try:
            services_workspace.paper_update(
                actor=request.user, paper=paper, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The paper is changed."))
            return redirect(_workspace_url(panel, "papers"))
    return render(request, "panels/paper_form.html", {"panel": panel, "form": form, "paper": paper})


@login_required
@require_http_methods(["GET", "POST"])
def paper_delete(request, pk: int, paper_pk: int):
    panel = _managed_workspace(request.user, pk)
    paper: Paper = _found(selectors.paper_get(panel, paper_pk))
    return _delete_page(
        request,
        panel,
        paper,
        kind="paper",
        remove=lambda actor: services_workspace.paper_delete(actor=actor, paper=paper),
        done=_("The paper is removed."),
        anchor="papers",
    )


@login_required
@require_GET
def paper_download(request, pk: int, paper_pk: int):
    panel = _workspace_panel(request.user, pk)
    paper = _found(selectors.paper_get(panel, paper_pk))
    if not paper.file:
        raise Http404
    try:
        stored = paper.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    filename = (slugify(paper.title) or "paper") + uploads.extension_for(paper.content_type)
    response = FileResponse(
        stored, as_attachment=True, filename=filename, content_type=paper.content_type
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


# Tasks


def _task_form(request, panel: Panel, task: PanelTask | None = None) -> TaskForm:
    return TaskForm(posted(request), members=selectors.members_to_give_tasks(panel), task=task)


@login_required
@require_http_methods(["GET", "POST"])
def task_add(request, pk: int):
    panel = _managed_workspace(request.user, pk)
    form = _task_form(request, panel)
    if request.method == "POST" and form.is_valid():
        try:
            services_workspace.task_create(actor=request.user, panel=panel, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The task is given."))
            return redirect(_workspace_url(panel, "tasks"))
    return render(request, "panels/task_form.html", {"panel": panel, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request, pk: int, task_pk: int):
    panel = _managed_workspace(request.user, pk)
    task = _found(selectors.task_get(panel, task_pk))
    form = _task_form(request, panel, task)
    if request.method == "POST" and form.is_valid():
        try:
            services_workspace.task_update(actor=request.user, task=task, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The task is changed."))
            return redirect(_workspace_url(panel, "tasks"))
    return render(request, "panels/task_form.html", {"panel": panel, "form": form, "task": task})


@login_required
@require_http_methods(["GET", "POST"])
def task_delete(request, pk: int, task_pk: int):
    panel = _managed_workspace(request.user, pk)
    task: PanelTask = _found(selectors.task_get(panel, task_pk))
    return _delete_page(
        request,
        panel,
        task,
        kind="task",
        remove=lambda actor: services_workspace.task_delete(actor=actor, task=task),
        done=_("The task is taken back."),
        anchor="tasks",
    )


@login_required
@require_POST
def task_done(request, pk: int, task_pk: int):
    """A member marks a task given to them done (``done=yes``) or not done (``done=no``)."""
    panel = _workspace_panel(request.user, pk)
    task = _found(selectors.task_get(panel, task_pk))
    member = selectors.membership(request.user, panel)
    if member is None:
        raise PermissionDenied
    try:
        if request.POST.get("done") == "no":
            services_workspace.task_mark_not_done(actor=request.user, task=task, member=member)
            messages.success(request, _("%(task)s is marked not done.") % {"task": task.title})
        else:
            services_workspace.task_mark_done(actor=request.user, task=task, member=member)
            messages.success(request, _("%(task)s is marked done.") % {"task": task.title})
    except ValidationError:
        raise PermissionDenied from None  # a task given to someone else: saying nothing about it
    return redirect(_workspace_url(panel, "tasks"))
