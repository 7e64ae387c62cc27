"""The participant's tests and attempts."""

from django.urls import path

from . import views

app_name = "exams"

KIND = "<str:kind>"

urlpatterns = [
    path(f"learn/<slug:slug>/test/{KIND}/", views.test, name="test"),
    path(f"learn/<slug:slug>/test/{KIND}/start/", views.start, name="start"),
    path("attempt/<id:pk>/", views.attempt, name="attempt"),
    path("attempt/<id:pk>/answer/", views.answer, name="answer"),
    path("attempt/<id:pk>/save/", views.save_all, name="save_all"),
    path("attempt/<id:pk>/finish/", views.finish, name="finish"),
    path("attempt/<id:pk>/result/", views.result, name="result"),
]
