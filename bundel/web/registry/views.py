"""Register pages: staff search, board detail, national figures and the DUO import (REG-2 …
REG-7); the member's own board (ACC-2). Thin: parse, call one presenter or selector, render."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.vary import vary_on_headers
from django.views.generic import FormView, TemplateView, View

from bundel.registry import selectors, tasks
from bundel.web.access import StaffRequiredMixin, signed_in_user
from bundel.web.registry import presenters
from bundel.web.registry.forms import BoardSearchForm, RegisterImportForm

PAGE_SIZE = 25


def is_fragment_request(request: HttpRequest) -> bool:
    """An htmx request that swaps part of the page (not a history restore, which wants all)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request  # type: ignore[union-attr]


# The same URL answers htmx with a fragment and browsers with the page: caches must keep them apart.
vary_on_htmx = method_decorator(vary_on_headers("HX-Request"), name="dispatch")


@vary_on_htmx
class BoardListView(StaffRequiredMixin, View):
    """Search by number, name, BRIN, location code or place; htmx swaps only the results, and
    the same form works as a plain GET without JavaScript."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = BoardSearchForm(request.GET)
        criteria = form.cleaned_data if form.is_valid() else {}
        boards = selectors.board_search(
            query=criteria.get("q", ""), chamber=criteria.get("chamber", "")
        )
        page = Paginator(boards, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {"form": form, "page": page, "query": query.urlencode()}
        template = (
            "registry/_board_results.html"
            if is_fragment_request(request)
            else "registry/board_list.html"
        )
        return render(request, template, context)


class BoardDetailView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        board = selectors.board_get(number=number)
        if board is None:
            message = presenters.board_not_found_message(number)
            return render(request, "404.html", {"message": message}, status=404)
        return render(
            request, "registry/board_detail.html", {"page": presenters.board_page(board=board)}
        )


class NationalFiguresView(StaffRequiredMixin, TemplateView):
    template_name = "registry/national_figures.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(page=presenters.national_page(), **kwargs)


class ImportCreateView(StaffRequiredMixin, FormView):  # type: ignore[type-arg]
    """REG-2/REG-3: upload DUO files; a background task imports them."""

    permission_required = "registry.import_register"
    template_name = "registry/import.html"
    form_class = RegisterImportForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(runs=selectors.import_run_list(limit=20), **kwargs)

    def form_valid(self, form: RegisterImportForm) -> HttpResponse:
        user = signed_in_user(self.request)
        upload = tasks.import_start(
            files=form.cleaned_data["duo_files"],
            count_date=form.cleaned_data["count_date"],
            user_id=user.pk if user else None,
        )
        return redirect("web:registry:import-detail", upload=upload)


@vary_on_htmx
class ImportDetailView(StaffRequiredMixin, View):
    """The upload's progress (polled by htmx every second), then its report or its error."""

    permission_required = "registry.import_register"

    def get(self, request: HttpRequest, upload: UUID) -> HttpResponse:
        status = presenters.import_status(upload=str(upload))
        context = {"status": status, "upload": upload}
        if is_fragment_request(request):
            return render(request, "registry/_import_status.html", context)
        return render(
            request, "registry/import_detail.html", context, status=200 if status else 404
        )
