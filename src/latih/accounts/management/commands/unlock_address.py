from django.core.management.base import BaseCommand, CommandParser

from latih.accounts import throttle


class Command(BaseCommand):
    help = "Lift the sign-in lock on a network address before it expires."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("address", help="The IP address, as shown in the access attempts.")

    def handle(self, *args: object, address: str, **options: object) -> None:
        throttle.unlock(address)
        self.stdout.write(f"Sign-ins from {address} are allowed again.")
