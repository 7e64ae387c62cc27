"""``manage.py unlock_address ADDRESS``: lift the sign-in lock on a network address.

The counters live where every process of the installation reads them (Redis, or the
database in the embedded mode), so this command changes what the running server sees.
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from latih.accounts import throttle
from latih.common import netaddr


class Command(BaseCommand):
    help = "Lift the sign-in lock on a network address before it expires."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("address", help="The IP address, as shown in the access attempts.")

    def handle(self, *args: object, address: str, **options: object) -> None:
        normalized = netaddr.normalize(address)
        if normalized is None:
            raise CommandError(f"{address!r} is not an IP address.")
        if throttle.unlock(normalized):
            self.stdout.write(f"Sign-ins from {normalized} are allowed again.")
        else:
            self.stdout.write(f"No failed sign-ins are counted for {normalized}: nothing to lift.")
