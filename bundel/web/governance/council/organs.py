"""GOV-1, GOV-8, GOV-9: the executive board, the supervisory board and the advisory committee
for exit disputes; GOV-7: the council's advice and the executive board's response."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from bundel.governance import domain, selectors, services
from bundel.governance.models import Advice, OfficeHolder
from bundel.shared import clock
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain
from bundel.web.governance.council import CouncilManageMixin, CouncilReadMixin, staff
from bundel.web.governance.council.presenters import member_boards
from bundel.web.governance.council_forms import (
    AdviceForm,
    AdviceResponseForm,
    OfficeEndForm,
    OfficeHolderForm,
    SupervisorySizeForm,
)

BOARDS_LIST = "member-boards"


def organs_page(
    request: HttpRequest,
    *,
    appoint_form: OfficeHolderForm | None = None,
    size_form: SupervisorySizeForm | None = None,
) -> HttpResponse:
    today = clock.today()
    size = selectors.supervisory_size()
    organs = [
        (
            organ,
            [
                (holder, OfficeEndForm(initial={"on": today}, auto_id=f"id_end_{holder.pk}_%s"))
                for holder in organ.holders
            ],
        )
        for organ in selectors.organs_on(today)
    ]
    context = {
        "organs": organs,
        "size": size,
        "appoint_form": appoint_form
        or OfficeHolderForm(initial={"starts_on": today}, datalist=BOARDS_LIST),
        "size_form": size_form
        or SupervisorySizeForm(initial={"size": size.size if size else 3, "decided_on": today}),
        "boards": member_boards(day=today),
        "datalist": BOARDS_LIST,
    }
    return render(request, "governance/council/staff/organs.html", context)


class OrgansView(CouncilReadMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return organs_page(request)


class OfficeHolderAppointView(CouncilManageMixin, View):
    """GOV-8, GOV-9: a person joins an organ; a supervisor employed by a member is refused."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = OfficeHolderForm(request.POST, datalist=BOARDS_LIST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                holder = services.office_holder_appoint(
                    data=services.AppointmentData(
                        organ=domain.Organ(data["organ"]),
                        name=data["name"],
                        role=data["role"],
                        employer_name=data["employer_name"],
                        employer_board=data["employer_board"],
                        starts_on=data["starts_on"],
                        ends_on=data["ends_on"],
                    ),
                    by=staff(request),
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("%(name)s has been appointed: %(organ)s.")
                    % {"name": holder.name, "organ": holder.get_organ_display()},
                )
                return redirect(f"{reverse('web:council:organs')}#{holder.organ}")
        return organs_page(request, appoint_form=form)

    def get(self, request: HttpRequest) -> HttpResponse:
        return redirect("web:council:organs")


class OfficeHolderEndView(CouncilManageMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        holder = get_object_or_404(OfficeHolder, pk=pk)
        form = OfficeEndForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the last day of the term."))
        else:
            try:
                services.office_holder_end(
                    holder=holder, on=form.cleaned_data["on"], by=staff(request)
                )
            except RuleViolation as violation:
                messages.error(request, explain(violation))
            else:
                messages.success(
                    request, _("The term of %(name)s has been ended.") % {"name": holder.name}
                )
        return redirect(f"{reverse('web:council:organs')}#{holder.organ}")


class SupervisorySizeView(CouncilManageMixin, View):
    """GOV-9: the council sets the number of supervisors, 3 to 5."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SupervisorySizeForm(request.POST)
        if form.is_valid():
            try:
                services.supervisory_size_set(by=staff(request), **form.cleaned_data)
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("The supervisory board has %(size)s seats.")
                    % {"size": form.cleaned_data["size"]},
                )
                return redirect(f"{reverse('web:council:organs')}#supervisory_board")
        return organs_page(request, size_form=form)

    def get(self, request: HttpRequest) -> HttpResponse:
        return redirect("web:council:organs")


# --- GOV-7: advice ----------------------------------------------------------------------------


def advice_list_page(request: HttpRequest, form: AdviceForm | None = None) -> HttpResponse:
    context = {
        "advice_list": selectors.advice_list(),
        "form": form or AdviceForm(initial={"given_on": clock.today()}),
    }
    return render(request, "governance/council/staff/advice_list.html", context)


class AdviceListView(CouncilReadMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return advice_list_page(request)


class AdviceCreateView(CouncilManageMixin, View):
    """GOV-7: the council's advice to the executive board, asked or unasked."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = AdviceForm(request.POST)
        if form.is_valid():
            try:
                advice = services.advice_record(
                    data=services.AdviceData(**form.cleaned_data), by=staff(request)
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("The advice on %(subject)s has been recorded.") % {"subject": advice.subject},
                )
                return redirect("web:council:advice-detail", pk=advice.pk)
        return advice_list_page(request, form)

    def get(self, request: HttpRequest) -> HttpResponse:
        return redirect("web:council:advice-list")


def advice_page(
    request: HttpRequest, advice: Advice, form: AdviceResponseForm | None = None
) -> HttpResponse:
    context = {
        "advice": advice,
        "form": form
        or AdviceResponseForm(
            initial={
                "response": advice.response,
                "responded_on": advice.responded_on or clock.today(),
            }
        ),
    }
    return render(request, "governance/council/staff/advice_detail.html", context)


class AdviceDetailView(CouncilReadMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return advice_page(request, get_object_or_404(selectors.advice_list(), pk=pk))


class AdviceRespondView(CouncilManageMixin, View):
    """GOV-7: the executive board's response is recorded with the advice."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        advice = get_object_or_404(selectors.advice_list(), pk=pk)
        form = AdviceResponseForm(request.POST)
        if form.is_valid():
            try:
                services.advice_respond(advice=advice, by=staff(request), **form.cleaned_data)
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, _("The executive board's response has been recorded."))
                return redirect("web:council:advice-detail", pk=pk)
        return advice_page(request, advice, form)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return redirect("web:council:advice-detail", pk=pk)
