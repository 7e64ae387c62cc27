"""The portal's pages keep the names they had before the portal existed
(``core:dashboard``, ``accounts:profile``, ``accounts:hours``): ``latih/urls.py``
includes each list in that namespace, so no app below needs to know the portal."""

from django.urls import path

from . import views

dashboard = [path("", views.dashboard, name="dashboard")]
profile = [
    path("profile/", views.profile, name="profile"),
    path("manage/hours/", views.hours, name="hours"),
]
