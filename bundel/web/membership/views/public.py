"""Public pages: a prospective board finds itself, sees its fee and applies or declares
interest (MEM-1, MEM-2, FEE-1); an invited person creates a representative account (ACC-1)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from bundel.membership import services
from bundel.registry import selectors as registry_selectors
from bundel.registry.models import Board
from bundel.shared import clock
from bundel.shared.errors import RuleViolation
from bundel.web.membership import presenters
from bundel.web.membership.forms import (
    ApplicationForm,
    InterestForm,
    InvitationAcceptForm,
    JoinSearchForm,
)
from bundel.web.registry.presenters import board_not_found_message

AUTH_BACKEND = "django.contrib.auth.backends.ModelBackend"


def board_not_found(request: HttpRequest, number: str) -> HttpResponse:
    return render(request, "404.html", {"message": board_not_found_message(number)}, status=404)


class JoinView(View):
    """Word lid: find your board by number, name or BRIN (a few results, no paging)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = JoinSearchForm(request.GET)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        context = {"form": form, "search": presenters.join_search(query=query), "query": query}
        return render(request, "membership/join.html", context)


class BoardPageView(View):
    """One board's chamber and the fee it would pay this year, and what it can do."""

    template_name = "membership/join_board.html"

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        board = registry_selectors.board_get(number=number)
        if board is None:
            return board_not_found(request, number)
        page = presenters.join_page(board=board, today=clock.today())
        return render(request, self.template_name, {"page": page})


class ApplicationCreateView(View):
    """MEM-2: the application form; MEM-1 refusals come back at once, with the reason."""

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        board = registry_selectors.board_get(number=number)
        if board is None:
            return board_not_found(request, number)
        return self.render_form(request, board, ApplicationForm())

    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        board = registry_selectors.board_get(number=number)
        if board is None:
            return board_not_found(request, number)
        form = ApplicationForm(request.POST)
        if form.is_valid():
            try:
                services.application_submit(
                    board=board, data=form.application_data(), on=clock.today()
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                return redirect("web:membership:application-thanks", number=board.number)
        return self.render_form(request, board, form)

    def render_form(
        self, request: HttpRequest, board: Board, form: ApplicationForm
    ) -> HttpResponse:
        page = presenters.join_page(board=board, today=clock.today())
        return render(request, "membership/apply.html", {"page": page, "form": form})


class InterestCreateView(View):
    """The coalition of the willing: interest only, kept apart from applications."""

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        board = registry_selectors.board_get(number=number)
        if board is None:
            return board_not_found(request, number)
        return render(request, "membership/interest.html", {"board": board, "form": InterestForm()})

    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        board = registry_selectors.board_get(number=number)
        if board is None:
            return board_not_found(request, number)
        form = InterestForm(request.POST)
        if form.is_valid():
            services.interest_declare(board=board, **form.cleaned_data)
            return redirect("web:membership:interest-thanks", number=board.number)
        return render(request, "membership/interest.html", {"board": board, "form": form})


class ThanksView(View):
    """After applying or declaring interest: what happens next."""

    kind = "application"

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        board = registry_selectors.board_get(number=number)
        if board is None:
            return board_not_found(request, number)
        return render(request, "membership/thanks.html", {"board": board, "kind": self.kind})


class InvitationAcceptView(View):
    """ACC-1: the invited person chooses a user name and password, and is signed in as the
    representative of exactly the board of the invitation."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return render(request, "membership/invitation.html", {"form": InvitationAcceptForm()})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        form = InvitationAcceptForm(request.POST)
        if form.is_valid():
            try:
                user = services.invitation_accept(
                    token=token,
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                login(request, user, backend=AUTH_BACKEND)
                messages.success(request, _("Your account has been created. Welcome!"))
                return redirect("web:member:board")
        return render(request, "membership/invitation.html", {"form": form})
