from django.urls import path

from . import views

# With the portal's dashboard at "" (``core:dashboard``), added in latih/urls.py.
app_name = "core"

urlpatterns = [
    path("healthz", views.health, name="health"),
]
