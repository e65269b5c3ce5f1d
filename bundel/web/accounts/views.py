"""ACC-1: signing in and out, the public home page, and where each role lands."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from bundel.accounts.roles import Role
from bundel.registry import selectors
from bundel.web.access import StaffRequiredMixin, signed_in_user
from bundel.web.accounts.forms import LoginForm


class HomeView(TemplateView):
    """Anonymous visitors see the public page; staff and representatives go to their area."""

    template_name = "accounts/home.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = signed_in_user(request)
        if user is not None and user.is_staff_member:
            return redirect("web:staff-home")
        if user is not None and user.is_member_representative:
            return redirect("web:member:board")
        if user is not None and user.has_role(Role.SUPPLIER):
            return redirect("web:supplier:tender-list")
        return super().get(request, *args, **kwargs)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django refuses a GET), so a link cannot sign anyone out."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have been logged out."))
        return response


class StaffHomeView(StaffRequiredMixin, TemplateView):
    template_name = "accounts/staff_home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(latest_import_at=selectors.latest_import_at(), **kwargs)
