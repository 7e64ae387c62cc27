"""``manage.py serve``: Django's runserver that, once it listens, prints the demo logins.

``make run`` uses it, so the logins are the last thing on the screen before requests
start to scroll by.
"""

from django.core.management.commands.runserver import Command as RunserverCommand

from latih.core.demo import print_logins


class Command(RunserverCommand):
    help = "Serve the app (development server) and print the demo logins once it listens."

    def on_bind(self, server_port: int) -> None:
        super().on_bind(server_port)
        print_logins(self.stdout)
