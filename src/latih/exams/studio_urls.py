"""The organizer's evaluation studio: a course's question bank, its tests' settings,
results and statistics (under /studio/<course>/)."""

from django.urls import path

from . import preview, studio

app_name = "exams_studio"

TEST = "<id:pk>/tests/<str:kind>"

urlpatterns = [
    path("<id:pk>/bank/", studio.bank, name="bank"),
    path("<id:pk>/bank/categories/new/", studio.category_form, name="category_new"),
    path(
        "<id:pk>/bank/categories/<id:category_pk>/edit/",
        studio.category_form,
        name="category_edit",
    ),
    path("<id:pk>/bank/questions/new/", studio.question_form, name="question_new"),
    path(
        "<id:pk>/bank/questions/<id:question_pk>/edit/",
        studio.question_form,
        name="question_edit",
    ),
    path(
        "<id:pk>/bank/questions/<id:question_pk>/remove/",
        studio.question_remove,
        name="question_remove",
    ),
    path("<id:pk>/bank/import/", studio.bank_import, name="import"),
    path("<id:pk>/bank/template.xlsx", studio.bank_template, name="template"),
    path("<id:pk>/bank/export.<str:fmt>", studio.bank_export, name="export"),
    path(f"{TEST}/", studio.test_settings, name="test"),
    path(f"{TEST}/preview/", preview.test, name="preview_test"),
    path(f"{TEST}/results/", studio.results, name="results"),
    path(f"{TEST}/results.csv", studio.results_csv, name="results_csv"),
    path(f"{TEST}/results/<id:person_pk>/", studio.person_results, name="person"),
    path(f"{TEST}/stats/", studio.stats, name="stats"),
    path(f"{TEST}/stats/<id:question_pk>/regrade/", studio.regrade, name="regrade"),
]
