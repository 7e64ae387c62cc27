"""Latih: an open MOOC platform for training Indonesia's civil servants."""

from .celery import app as celery_app

__all__ = ["celery_app"]
