from django.urls import path

from . import views

# With the portal's "profile/" and "manage/hours/" (``accounts:profile``,
# ``accounts:hours``), added in latih/urls.py.
app_name = "accounts"

urlpatterns = [
    path("login/", views.sign_in, name="sign_in"),
    path("login/first/", views.first_sign_in, name="first_sign_in"),
    path("logout/", views.sign_out, name="logout"),
    path("password/new/", views.set_password, name="set_password"),
    path("profile/password/", views.change_password, name="change_password"),
    path("profile/correction/", views.request_correction, name="request_correction"),
    path("manage/people/", views.people, name="people"),
    path("manage/people/new/", views.person_enrol, name="person_enrol"),
    path("manage/people/<id:pk>/", views.person_detail, name="person_detail"),
    path(
        "manage/people/<id:pk>/reset-password/",
        views.person_reset_password,
        name="person_reset_password",
    ),
    path("manage/people/<id:pk>/edit/", views.person_edit, name="person_edit"),
    path("manage/people/<id:pk>/unlock/", views.person_unlock, name="person_unlock"),
    path("manage/corrections/", views.corrections, name="corrections"),
    path("manage/corrections/<id:pk>/accept/", views.correction_accept, name="correction_accept"),
    path("manage/corrections/<id:pk>/reject/", views.correction_reject, name="correction_reject"),
]
