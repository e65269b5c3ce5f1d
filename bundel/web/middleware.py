"""Dutch first: pages are Dutch unless the person chose English."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

API_PREFIX = "/api/"


class DutchFirstLocaleMiddleware:
    """The language of a page is, in this order: the one chosen with the language switch
    (cookie), the signed-in person's own setting, else Dutch. A browser's Accept-Language does
    not override Dutch on the pages; API clients, which have no switch, do get it honoured."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self._language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if request.path.startswith(API_PREFIX):
            response.headers["Vary"] = ", ".join(
                filter(None, [response.headers.get("Vary"), "Accept-Language"])
            )
        return response

    def _language(self, request: HttpRequest) -> str:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in self.supported:
            return str(chosen)
        user = getattr(request, "user", None)
        own = getattr(user, "language", None) if user and user.is_authenticated else None
        if own in self.supported:
            return str(own)
        if request.path.startswith(API_PREFIX):
            return translation.get_language_from_request(request)
        return str(settings.LANGUAGE_CODE)
