"""The organizer's studio: authoring courses, sections and materials."""

from django.urls import path

from . import preview, studio

app_name = "studio"

urlpatterns = [
    path("", studio.courses, name="courses"),
    path("new/", studio.course_form, name="course_new"),
    path("<id:pk>/", studio.outline, name="course"),
    path("<id:pk>/edit/", studio.course_form, name="course_edit"),
    path("<id:pk>/publish/", studio.publish, name="publish"),
    path("<id:pk>/enrol/", studio.enrol, name="enrol"),
    path("<id:pk>/order/", studio.order, name="order"),
    path("<id:course_pk>/sections/new/", studio.section_form, name="section_new"),
    path("sections/<id:pk>/edit/", studio.section_form, name="section_edit"),
    path("sections/<id:pk>/remove/", studio.section_remove, name="section_remove"),
    path("sections/<id:pk>/move/", studio.section_move, name="section_move"),
    path("sections/<id:section_pk>/materials/new/", studio.material_form, name="material_new"),
    path("materials/<id:pk>/edit/", studio.material_form, name="material_edit"),
    path("materials/<id:pk>/remove/", studio.material_remove, name="material_remove"),
    path("materials/<id:pk>/move/", studio.material_move, name="material_move"),
    # Pratinjau: the course as a participant sees it, without enrolling.
    path("<id:pk>/preview/", preview.course, name="preview"),
    path("<id:pk>/preview/m/<id:material_pk>/", preview.material, name="preview_material"),
    path(
        "<id:pk>/preview/m/<id:material_pk>/file/",
        preview.material_file,
        name="preview_material_file",
    ),
    path(
        "<id:pk>/preview/m/<id:material_pk>/pdf/",
        preview.material_file,
        {"which": "pdf"},
        name="preview_material_pdf",
    ),
    path("<id:pk>/preview/s/<id:section_pk>/journal/", preview.journal, name="preview_journal"),
]
