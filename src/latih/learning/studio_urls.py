"""The organizer's studio: authoring courses, sections and materials."""

from django.urls import path

from . import preview, studio

app_name = "studio"

urlpatterns = [
    path("", studio.courses, name="courses"),
    path("new/", studio.course_form, name="course_new"),
    path("<int:pk>/", studio.outline, name="course"),
    path("<int:pk>/edit/", studio.course_form, name="course_edit"),
    path("<int:pk>/publish/", studio.publish, name="publish"),
    path("<int:pk>/enrol/", studio.enrol, name="enrol"),
    path("<int:pk>/order/", studio.order, name="order"),
    path("<int:course_pk>/sections/new/", studio.section_form, name="section_new"),
    path("sections/<int:pk>/edit/", studio.section_form, name="section_edit"),
    path("sections/<int:pk>/remove/", studio.section_remove, name="section_remove"),
    path("sections/<int:pk>/move/", studio.section_move, name="section_move"),
    path("sections/<int:section_pk>/materials/new/", studio.material_form, name="material_new"),
    path("materials/<int:pk>/edit/", studio.material_form, name="material_edit"),
    path("materials/<int:pk>/remove/", studio.material_remove, name="material_remove"),
    path("materials/<int:pk>/move/", studio.material_move, name="material_move"),
    # Pratinjau: the course as a participant sees it, without enrolling.
    path("<int:pk>/preview/", preview.course, name="preview"),
    path("<int:pk>/preview/m/<int:material_pk>/", preview.material, name="preview_material"),
    path(
        "<int:pk>/preview/m/<int:material_pk>/file/",
        preview.material_file,
        name="preview_material_file",
    ),
    path(
        "<int:pk>/preview/m/<int:material_pk>/pdf/",
        preview.material_file,
        {"which": "pdf"},
        name="preview_material_pdf",
    ),
    path("<int:pk>/preview/s/<int:section_pk>/journal/", preview.journal, name="preview_journal"),
]
