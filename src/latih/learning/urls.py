"""The participant's learning path and the facilitator's journal review."""

from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("learn/<slug:slug>/", views.course, name="course"),
    path("learn/<slug:slug>/consent/", views.consent, name="consent"),
    path("learn/<slug:slug>/welcome/", views.welcome, name="welcome"),
    path("learn/<slug:slug>/welcome/video/", views.welcome_video, name="welcome_video"),
    path("learn/<slug:slug>/m/<id:pk>/", views.material, name="material"),
    path("learn/<slug:slug>/m/<id:pk>/file/", views.material_file, name="material_file"),
    path(
        "learn/<slug:slug>/m/<id:pk>/pdf/",
        views.material_file,
        {"which": "pdf"},
        name="material_pdf",
    ),
    path("learn/<slug:slug>/m/<id:pk>/viewing/", views.viewing, name="viewing"),
    path("learn/<slug:slug>/m/<id:pk>/complete/", views.complete, name="complete"),
    path("learn/<slug:slug>/s/<id:pk>/journal/", views.journal, name="journal"),
    path("learn/<slug:slug>/s/<id:pk>/journal/file/", views.journal_file, name="journal_file"),
    path("review/journals/", views.review_queue, name="review_queue"),
    path("review/journals/<id:pk>/", views.review_journal, name="review_journal"),
    path("review/journals/<id:pk>/file/", views.review_journal_file, name="review_journal_file"),
]
