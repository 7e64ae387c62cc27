"""Public verification and the certificate downloads."""

from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("v/<str:token>/", views.verify_token, name="verify_token"),
    path("certificates/<id:pk>/download/", views.download, name="download"),
    path("certificates/<id:pk>/revoke/", views.revoke, name="revoke"),
]

# A cohort's certificates keep their first name, ``cohorts:certificates``: latih/urls.py
# includes this list in the cohorts namespace.
cohort_pages = [
    path("cohorts/<id:pk>/certificates/", views.cohort_certificates, name="certificates"),
]
