"""Cohort pages (organizers and agency admins)."""

from django.urls import path

from . import views

# With the certificates app's cohort page (``cohorts:certificates``), added in
# latih/urls.py.
app_name = "cohorts"

urlpatterns = [
    path("cohorts/", views.cohort_list, name="list"),
    path("cohorts/new/", views.cohort_form, name="new"),
    path("cohorts/<id:pk>/", views.detail, name="detail"),
    path("cohorts/<id:pk>/edit/", views.cohort_form, name="edit"),
    path("cohorts/<id:pk>/import/", views.upload, name="upload"),
    path("cohorts/<id:pk>/results/", views.results_page, name="results"),
    path("cohorts/<id:pk>/results/compute/", views.compute, name="compute"),
    path("cohorts/<id:pk>/results/finalize/", views.finalize, name="finalize"),
    path("cohorts/<id:pk>/results/reopen/", views.reopen, name="reopen"),
    path("cohorts/jobs/<id:pk>/", views.job, name="job"),
    path("cohorts/jobs/<id:pk>/problems.csv", views.job_problems, name="job_problems"),
    path("cohorts/template.xlsx", views.template, {"kind": "xlsx"}, name="template_xlsx"),
    path("cohorts/template.csv", views.template, {"kind": "csv"}, name="template_csv"),
    path("studio/<id:course_pk>/completion/", views.policy, name="policy"),
]
