from django.core.management.base import BaseCommand, CommandParser

from latih.demo import load_demo, print_logins


class Command(BaseCommand):
    help = "Load the demo agency and accounts (idempotent) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Put every demo account back in its demo state."
        )

    def handle(self, *args: object, reset: bool = False, **options: object) -> None:
        load_demo(reset=reset)
        if options["verbosity"] > 0:
            print_logins(self.stdout)
