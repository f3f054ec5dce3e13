"""WSGI entry point for gunicorn: ``gunicorn commonweal.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonweal.settings")
application = get_wsgi_application()
