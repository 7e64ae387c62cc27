"""``manage.py serve``: Django's runserver that, once it listens, prints the demo logins
and, without a Celery broker, runs the evaluation's deadline sweep and the cohorts'
background jobs in threads.

``make run`` uses it, so the logins are the last thing on the screen before requests
start to scroll by. In production Celery beat runs the same sweep.

Unless ``SITE_URL`` is set, the address certificates' QR codes hold is the one this server
listens on (``PORT=9000 make run``: port 9000).
"""

import logging
import os
import threading

from django.conf import settings
from django.core.management.commands.runserver import Command as RunserverCommand
from django.db import close_old_connections

from latih.certificates.addresses import served_at
from latih.cohorts import jobs
from latih.demo import print_logins

log = logging.getLogger(__name__)
SWEEP_SECONDS = 30


def _sweep_forever(stop: threading.Event) -> None:
    from latih.cohorts.jobs import resume_stalled
    from latih.exams.services import submit_expired

    while not stop.wait(SWEEP_SECONDS):
        for sweep in (submit_expired, resume_stalled):
            try:
                close_old_connections()
                sweep()
            except Exception:  # the sweep must outlive a locked database or a bad row
                log.exception("sweep %s failed", sweep.__name__)
            finally:
                close_old_connections()


class Command(RunserverCommand):
    help = "Serve the app (development server) and print the demo logins once it listens."

    def _follow_address(self, port: int | str) -> None:
        if not os.environ.get("SITE_URL"):
            settings.SITE_URL = served_at(self.addr, port)

    def get_handler(self, *args: object, **options: object) -> object:
        self._follow_address(self.port)
        return super().get_handler(*args, **options)

    def on_bind(self, server_port: int) -> None:
        self._follow_address(server_port)  # the real port, should 0 have asked for any
        super().on_bind(server_port)
        print_logins(self.stdout)
        if settings.CELERY_TASK_ALWAYS_EAGER:
            # Without a broker, long jobs (imports, certificates) run in threads of this
            # process, so that a request returns at once and shows their progress.
            jobs.threaded = True
            threading.Thread(
                target=_sweep_forever, args=(threading.Event(),), daemon=True, name="sweep"
            ).start()
