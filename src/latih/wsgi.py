"""WSGI entry point for production servers (gunicorn, uWSGI)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "latih.settings")
application = get_wsgi_application()

# A production server does not start without its public address (certificates' QR codes).
from latih.certificates.addresses import require_site_url  # noqa: E402

require_site_url()
