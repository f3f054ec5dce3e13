"""Django's makemessages, also finding plural sentences marked with ``ngettext_noop``.

The pure engines cannot import Django, so they mark their sentences with their own no-op
markers (``commonweal/messages.py``): ``gettext_noop``, which Django's makemessages
already finds, and ``ngettext_noop(singular, plural)``, added here.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=ngettext_noop:1,2"]
