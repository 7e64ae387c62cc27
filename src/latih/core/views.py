"""The health check."""

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: the database and cache answer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    cache.set("latih:health", "ok", 10)
    ok = cache.get("latih:health") == "ok"
    return JsonResponse(
        {"database": "ok", "cache": "ok" if ok else "error"}, status=200 if ok else 503
    )
