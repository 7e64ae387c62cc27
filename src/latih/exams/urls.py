"""The participant's tests and attempts."""

from django.urls import path

from . import views

app_name = "exams"

KIND = "<str:kind>"

urlpatterns = [
    path(f"learn/<slug:slug>/test/{KIND}/", views.test, name="test"),
    path(f"learn/<slug:slug>/test/{KIND}/start/", views.start, name="start"),
    path("attempt/<int:pk>/", views.attempt, name="attempt"),
    path("attempt/<int:pk>/answer/", views.answer, name="answer"),
    path("attempt/<int:pk>/save/", views.save_all, name="save_all"),
    path("attempt/<int:pk>/finish/", views.finish, name="finish"),
    path("attempt/<int:pk>/result/", views.result, name="result"),
]
