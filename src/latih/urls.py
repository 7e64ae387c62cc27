from django.contrib import admin
from django.urls import include, path

# The site's own error pages (latih/error_pages.py), never Django's bare English ones.
handler400 = "latih.error_pages.bad_request"
handler403 = "latih.error_pages.permission_denied"
handler404 = "latih.error_pages.page_not_found"
handler500 = "latih.error_pages.server_error"

urlpatterns = [
    path("", include("latih.core.urls")),
    path("", include("latih.accounts.urls")),
    path("", include("latih.learning.urls")),
    path("", include("latih.exams.urls")),
    path("", include("latih.cohorts.urls")),
    path("", include("latih.certificates.urls")),
    path("studio/", include("latih.learning.studio_urls")),
    path("studio/", include("latih.exams.studio_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
