"""The organizer's evaluation studio: a course's question bank, its tests' settings,
results and statistics (under /studio/<course>/)."""

from django.urls import path

from . import preview, studio

app_name = "exams_studio"

TEST = "<int:pk>/tests/<str:kind>"

urlpatterns = [
    path("<int:pk>/bank/", studio.bank, name="bank"),
    path("<int:pk>/bank/categories/new/", studio.category_form, name="category_new"),
    path(
        "<int:pk>/bank/categories/<int:category_pk>/edit/",
        studio.category_form,
        name="category_edit",
    ),
    path("<int:pk>/bank/questions/new/", studio.question_form, name="question_new"),
    path(
        "<int:pk>/bank/questions/<int:question_pk>/edit/",
        studio.question_form,
        name="question_edit",
    ),
    path(
        "<int:pk>/bank/questions/<int:question_pk>/remove/",
        studio.question_remove,
        name="question_remove",
    ),
    path("<int:pk>/bank/import/", studio.bank_import, name="import"),
    path("<int:pk>/bank/template.xlsx", studio.bank_template, name="template"),
    path("<int:pk>/bank/export.<str:fmt>", studio.bank_export, name="export"),
    path(f"{TEST}/", studio.test_settings, name="test"),
    path(f"{TEST}/preview/", preview.test, name="preview_test"),
    path(f"{TEST}/results/", studio.results, name="results"),
    path(f"{TEST}/results.csv", studio.results_csv, name="results_csv"),
    path(f"{TEST}/results/<int:person_pk>/", studio.person_results, name="person"),
    path(f"{TEST}/stats/", studio.stats, name="stats"),
    path(f"{TEST}/stats/<int:question_pk>/regrade/", studio.regrade, name="regrade"),
]
