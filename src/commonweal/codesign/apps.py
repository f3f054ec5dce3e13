from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Bumped when a session changes or the needs it worked on do: a need's page lists its sessions.
SESSIONS_STAMP = "codesign-sessions"


class CodesignConfig(AppConfig):
    name = "commonweal.codesign"
    label = "codesign"
    verbose_name = _("Co-design")

    def ready(self) -> None:
        from commonweal.codesign import models, notices
        from commonweal.core import audit, pagecache

        notices.register()  # news about a session's decisions reaches the people of its needs

        for model in (models.Session, models.Participant, models.Decision):
            audit.register(model)
        pagecache.watch(models.Session, SESSIONS_STAMP)
        pagecache.watch(models.Session.needs.through, SESSIONS_STAMP)

        from commonweal.codesign.selectors import need_sessions
        from commonweal.needs import links

        links.register(
            "codesign",
            links.LinkKind(
                heading=_("Co-design sessions that worked on it"),
                items=need_sessions,
                template="codesign/includes/need_link.html",
                position=20,
                stamps=(SESSIONS_STAMP,),
                when=lambda session: session.starts_at,
                event_template="codesign/includes/need_event.html",
                evidence=lambda session: (session.title, session.get_absolute_url()),
                suggests="under_review",
                reason=lambda session: (
                    _("Residents, services and commissioners worked on it together at %(session)s.")
                    % {"session": session.title}
                ),
            ),
        )
