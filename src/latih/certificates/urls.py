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
