"""GOV-2, GOV-3: the council on today's date, appointing a board to a vacant seat, and a held
seat's term: another representative, or an early end."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from bundel.governance import policies, selectors, services
from bundel.governance.models import Seat, SeatTerm
from bundel.shared import clock
from bundel.shared.errors import RuleViolation
from bundel.web.governance.council import CouncilManageMixin, CouncilReadMixin, staff
from bundel.web.governance.council.presenters import council_page, member_boards
from bundel.web.governance.council_forms import RepresentativeForm, SeatAppointForm, TermEndForm
from bundel.web.registry.presenters import chamber_label, long_date

BOARDS_LIST = "member-boards"


class CouncilView(CouncilReadMixin, View):
    """GOV-2: every seat per chamber with its holder and term, and the vacancies."""

    def get(self, request: HttpRequest) -> HttpResponse:
        page = council_page(day=clock.today())
        return render(request, "governance/council/staff/council.html", {"page": page})


class SeatAppointView(CouncilManageMixin, View):
    """GOV-2, GOV-3: a member board of the seat's chamber takes a vacant seat."""

    template_name = "governance/council/staff/seat_appoint.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        seat = get_object_or_404(Seat, pk=pk)
        form = SeatAppointForm(initial={"starts_on": clock.today()}, datalist=BOARDS_LIST)
        return self.render_form(request, seat, form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        seat = get_object_or_404(Seat, pk=pk)
        form = SeatAppointForm(request.POST, datalist=BOARDS_LIST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                term = services.seat_appoint(
                    seat=seat,
                    board=data["board"],
                    representative_name=data["representative_name"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    by=staff(request),
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("%(board)s holds seat %(seat)s from %(starts_on)s.")
                    % {
                        "board": term.board.display_name,
                        "seat": str(seat),
                        "starts_on": long_date(term.starts_on),
                    },
                )
                return redirect("web:council:council")
        return self.render_form(request, seat, form)

    def render_form(self, request: HttpRequest, seat: Seat, form: SeatAppointForm) -> HttpResponse:
        today = clock.today()
        context = {
            "seat": seat,
            "chamber_label": chamber_label(seat.chamber),
            "term": selectors.term_of_seat_on(seat=seat, day=today),
            "form": form,
            "boards": member_boards(day=today, chambers={seat.chamber}),
            "datalist": BOARDS_LIST,
        }
        return render(request, self.template_name, context)


def term_page(
    request: HttpRequest,
    term: SeatTerm,
    *,
    end_form: TermEndForm | None = None,
    representative_form: RepresentativeForm | None = None,
) -> HttpResponse:
    context = {
        "term": term,
        "chamber_label": chamber_label(term.seat.chamber),
        "max_consecutive_terms": policies.governance_policy().max_consecutive_terms,
        "end_form": end_form or TermEndForm(initial={"on": clock.today()}),
        "representative_form": representative_form
        or RepresentativeForm(initial={"name": term.representative_name}),
    }
    return render(request, "governance/council/staff/term.html", context)


def term_or_404(pk: int) -> SeatTerm:
    return get_object_or_404(SeatTerm.objects.select_related("seat", "board"), pk=pk)


class TermDetailView(CouncilManageMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return term_page(request, term_or_404(pk))


class TermEndView(CouncilManageMixin, View):
    """The term ends early: the board resigns, say. The seat is vacant from the next day."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        term = term_or_404(pk)
        form = TermEndForm(request.POST)
        if form.is_valid():
            try:
                services.seat_term_end(term=term, on=form.cleaned_data["on"], by=staff(request))
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("The term of %(board)s on seat %(seat)s ends on %(on)s.")
                    % {
                        "board": term.board.display_name,
                        "seat": str(term.seat),
                        "on": long_date(form.cleaned_data["on"]),
                    },
                )
                return redirect("web:council:council")
        return term_page(request, term, end_form=form)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return redirect("web:council:term-detail", pk=pk)


class TermRepresentativeView(CouncilManageMixin, View):
    """GOV-2: the board names another person to represent it on its seat."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        term = term_or_404(pk)
        form = RepresentativeForm(request.POST)
        if form.is_valid():
            try:
                services.seat_representative_change(
                    term=term, name=form.cleaned_data["name"], by=staff(request)
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("%(name)s now represents %(board)s on seat %(seat)s.")
                    % {
                        "name": form.cleaned_data["name"].strip(),
                        "board": term.board.display_name,
                        "seat": str(term.seat),
                    },
                )
                return redirect("web:council:council")
        return term_page(request, term, representative_form=form)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return redirect("web:council:term-detail", pk=pk)
