"""The Celery application: workers run ``celery -A latih worker``.

Its broker comes from the settings (``CELERY_BROKER_URL``, by default ``REDIS_URL``);
without one, jobs run eagerly in the process that queued them (the embedded mode).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "latih.settings")

app = Celery("latih")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
