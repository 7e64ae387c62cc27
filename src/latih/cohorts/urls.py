"""Cohort pages (organizers and agency admins)."""

from django.urls import path

from . import views

app_name = "cohorts"

urlpatterns = [
    path("cohorts/", views.cohort_list, name="list"),
    path("cohorts/new/", views.cohort_form, name="new"),
    path("cohorts/<int:pk>/", views.detail, name="detail"),
    path("cohorts/<int:pk>/edit/", views.cohort_form, name="edit"),
    path("cohorts/<int:pk>/import/", views.upload, name="upload"),
    path("cohorts/<int:pk>/results/", views.results_page, name="results"),
    path("cohorts/<int:pk>/results/compute/", views.compute, name="compute"),
    path("cohorts/<int:pk>/results/finalize/", views.finalize, name="finalize"),
    path("cohorts/<int:pk>/results/reopen/", views.reopen, name="reopen"),
    path("cohorts/<int:pk>/certificates/", views.certificates, name="certificates"),
    path("cohorts/jobs/<int:pk>/", views.job, name="job"),
    path("cohorts/jobs/<int:pk>/problems.csv", views.job_problems, name="job_problems"),
    path("cohorts/template.xlsx", views.template, {"kind": "xlsx"}, name="template_xlsx"),
    path("cohorts/template.csv", views.template, {"kind": "csv"}, name="template_csv"),
    path("studio/<int:course_pk>/completion/", views.policy, name="policy"),
]
