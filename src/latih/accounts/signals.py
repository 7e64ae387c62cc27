"""Signal receivers of the accounts app."""

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from . import throttle


@receiver(user_login_failed, dispatch_uid="latih-count-address-failures")
def count_address_failure(
    sender: object, credentials: dict, request: HttpRequest | None = None, **kwargs: object
) -> None:
    # A refusal because the address is already locked is not a new failure.
    if request is not None and not getattr(request, "latih_address_locked", False):
        throttle.record_failure(request)
