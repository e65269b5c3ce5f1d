from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, include, path
from django.utils.translation import gettext
from django.views import defaults

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("bundel.web.urls")),
    path("api/", include("bundel.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/django/", admin.site.urls),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()


def server_error(request: HttpRequest) -> HttpResponse:
    """A 500 in the shape of the API's errors under /api/, the Dutch page elsewhere."""
    if request.path.startswith("/api/"):
        message = gettext("Something went wrong on our side. Nothing was changed; try again later.")
        return JsonResponse({"code": "server_error", "message": message}, status=500)
    return defaults.server_error(request)


handler500 = server_error
