from django.contrib import admin
from django.urls import include, path

from latih.accounts import urls as accounts_urls
from latih.certificates import urls as certificates_urls
from latih.cohorts import urls as cohorts_urls
from latih.core import urls as core_urls
from latih.portal import urls as portal_urls

# The site's own error pages (latih/core/error_pages.py), never Django's bare English ones.
handler400 = "latih.core.error_pages.bad_request"
handler403 = "latih.core.error_pages.permission_denied"
handler404 = "latih.core.error_pages.page_not_found"
handler500 = "latih.core.error_pages.server_error"

urlpatterns = [
    # Pages that moved up to another app keep their first names (core:dashboard,
    # accounts:profile and accounts:hours from the portal, cohorts:certificates from the
    # certificates app): a namespace is one include, so the lists are joined here.
    path("", include((portal_urls.dashboard + core_urls.urlpatterns, "core"))),
    path("", include((accounts_urls.urlpatterns + portal_urls.profile, "accounts"))),
    path("", include("latih.learning.urls")),
    path("", include("latih.exams.urls")),
    path("", include((cohorts_urls.urlpatterns + certificates_urls.cohort_pages, "cohorts"))),
    path("", include("latih.certificates.urls")),
    path("studio/", include("latih.learning.studio_urls")),
    path("studio/", include("latih.exams.studio_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
