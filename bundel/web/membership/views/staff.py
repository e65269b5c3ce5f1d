"""Staff pages: the application queue (MEM-2), interest, the member list and its export,
a member's page with notice (MEM-4), commitments and the exit settlement (MEM-5), and the
chamber changes for the council secretary (REG-6)."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from bundel.accounts.models import User
from bundel.membership import domain, selectors, services
from bundel.membership.models import Application, Membership
from bundel.shared import clock
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain
from bundel.web.access import StaffRequiredMixin
from bundel.web.membership import presenters
from bundel.web.membership.forms import (
    ApplicationFilterForm,
    CommitmentForm,
    CooperativeNoticeForm,
    MemberFilterForm,
    RejectForm,
    SettlementDecideForm,
    SettlementEditForm,
    SettlementProposeForm,
)

PAGE_SIZE = 50


def staff(request: HttpRequest) -> User:
    """The signed-in staff member (StaffRequiredMixin has let only staff in)."""
    return cast(User, request.user)


def invitation_url(request: HttpRequest) -> str:
    """The absolute invitation link with a `{token}` placeholder the service fills in."""
    path = reverse("web:membership:invitation-accept", args=["{token}"])
    return request.build_absolute_uri(path).replace("%7Btoken%7D", "{token}")


# --- Applications ---------------------------------------------------------------------------


class ApplicationListView(StaffRequiredMixin, View):
    """The queue of pending applications, oldest first; decided ones by status."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = ApplicationFilterForm(request.GET)
        status = form.cleaned_data["status"] if form.is_valid() else ""
        applications = (
            selectors.application_list(status=status)
            if status
            else selectors.application_list_pending()
        )
        page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {"form": form, "page": page, "status": status, "query": f"status={status}"}
        return render(request, "membership/staff/application_list.html", context)


def application_detail(
    request: HttpRequest, application: Application, reject_form: RejectForm | None = None
) -> HttpResponse:
    context = {
        "application": application,
        "fee": presenters.fee_summary_from_snapshot(application.fee_quote),
        "reject_form": reject_form or RejectForm(),
    }
    return render(request, "membership/staff/application_detail.html", context)


class ApplicationDetailView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return application_detail(request, get_object_or_404(selectors.application_list(), pk=pk))


class ApplicationApproveView(StaffRequiredMixin, View):
    """MEM-2: the membership starts today (never before the founding date); the contact is
    invited to become the board's representative."""

    permission_required = "membership.decide_application"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = get_object_or_404(selectors.application_list(), pk=pk)
        try:
            membership = services.application_approve(
                application=application,
                approved_by=staff(request),
                on=clock.today(),
                invitation_url=invitation_url(request),
            )
        except RuleViolation as violation:
            messages.error(request, explain(violation))
            return redirect("web:membership:application-detail", pk=pk)
        messages.success(
            request,
            _("%(board)s is a member. The contact has been invited by e-mail.")
            % {"board": application.board.display_name},
        )
        return redirect("web:membership:member-detail", pk=membership.pk)


class ApplicationRejectView(StaffRequiredMixin, View):
    permission_required = "membership.decide_application"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = get_object_or_404(selectors.application_list(), pk=pk)
        form = RejectForm(request.POST)
        if form.is_valid():
            try:
                services.application_reject(
                    application=application,
                    rejected_by=staff(request),
                    reason=form.cleaned_data["reason"],
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("The application of %(board)s has been rejected.")
                    % {"board": application.board.display_name},
                )
                return redirect("web:membership:application-list")
        return application_detail(request, application, reject_form=form)


class InterestListView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        page = Paginator(selectors.interest_list(), PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, "membership/staff/interest_list.html", {"page": page})


# --- Members ------------------------------------------------------------------------------


def member_criteria(request: HttpRequest) -> tuple[MemberFilterForm, dict[str, str]]:
    form = MemberFilterForm(request.GET)
    criteria = form.cleaned_data if form.is_valid() else {}
    return form, {
        "status": criteria.get("status", ""),
        "chamber": criteria.get("chamber", ""),
        "query": criteria.get("q", ""),
    }


class MemberListView(StaffRequiredMixin, View):
    """Every member with status, chamber, students, fee band and its dates; filter and export."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form, criteria = member_criteria(request)
        page = Paginator(selectors.member_list(**criteria), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "form": form,
            "page": page,
            "rows": presenters.member_rows(page.object_list, year=clock.today().year),
            "query": query.urlencode(),
            "year": clock.today().year,
        }
        return render(request, "membership/staff/member_list.html", context)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class MemberExportView(StaffRequiredMixin, View):
    """The filtered member list as CSV or as an Excel workbook (XLSX)."""

    def get(self, request: HttpRequest, file_format: str = "csv") -> HttpResponse:
        _form, criteria = member_criteria(request)
        today = clock.today()
        rows = presenters.member_rows(selectors.member_list(**criteria), year=today.year)
        if file_format == "xlsx":
            response = HttpResponse(presenters.member_xlsx(rows), content_type=XLSX_TYPE)
        else:
            response = HttpResponse(
                presenters.member_csv(rows), content_type="text/csv; charset=utf-8"
            )
        filename = f"leden-{today.isoformat()}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def member_detail(request: HttpRequest, membership: Membership, **forms: Form) -> HttpResponse:
    """The member's page, with any submitted form that needs correcting in place of a blank one."""
    page = presenters.member_page(
        membership=membership, today=clock.today(), by=domain.NoticeBy.COOPERATIVE
    )
    settlement = page.settlement.settlement
    edit_initial: dict[str, Any] = {}
    if settlement is not None:
        edit_initial = {
            "unrecovered_investment": settlement.unrecovered_investment,
            "expected_fees": settlement.expected_fees,
            "successor_absorbs": settlement.successor_absorbs,
            "explanation": settlement.explanation,
        }
    context = {
        "page": page,
        "commitment_form": CommitmentForm(),
        "propose_form": SettlementProposeForm(),
        "edit_form": SettlementEditForm(initial=edit_initial),
        "decide_form": SettlementDecideForm(
            initial={"final_amount": settlement.total} if settlement else {}
        ),
        **forms,
    }
    return render(request, "membership/staff/member_detail.html", context)


def membership_or_404(pk: int) -> Membership:
    return get_object_or_404(selectors.member_list(), pk=pk)


class MemberDetailView(StaffRequiredMixin, View):
    """MEM-6 and MEM-5: the membership, billing, representatives, service agreements,
    commitments, notice and the settlement of one member."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return member_detail(request, membership_or_404(pk))


class CommitmentCreateView(StaffRequiredMixin, View):
    permission_required = "membership.manage_membership"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        membership = membership_or_404(pk)
        form = CommitmentForm(request.POST)
        if not form.is_valid():
            return member_detail(request, membership, commitment_form=form)
        try:
            services.commitment_add(
                membership=membership, added_by=staff(request), **form.cleaned_data
            )
        except RuleViolation as violation:
            form.add_violation(violation)
            return member_detail(request, membership, commitment_form=form)
        messages.success(request, _("The commitment has been added."))
        return redirect(f"{reverse('web:membership:member-detail', args=[pk])}#commitments")


class CooperativeNoticeView(StaffRequiredMixin, View):
    """MEM-4: notice on the cooperative's behalf (six months, with a reason); the last day is
    shown before staff confirm."""

    permission_required = "membership.manage_membership"

    template_name = "membership/staff/notice.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_form(request, membership_or_404(pk), CooperativeNoticeForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        membership = membership_or_404(pk)
        form = CooperativeNoticeForm(request.POST)
        if form.is_valid():
            try:
                services.membership_give_notice(
                    membership=membership,
                    by=domain.NoticeBy.COOPERATIVE,
                    given_by=staff(request),
                    on=clock.today(),
                    reason=form.cleaned_data["reason"],
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, _("Notice has been given on the membership."))
                return redirect("web:membership:member-detail", pk=pk)
        return self.render_form(request, membership, form)

    def render_form(
        self, request: HttpRequest, membership: Membership, form: CooperativeNoticeForm
    ) -> HttpResponse:
        today = clock.today()
        context = {
            "membership": membership,
            "form": form,
            "notice_on": today,
            "last_day": presenters.notice_preview(today=today, by=domain.NoticeBy.COOPERATIVE),
        }
        return render(request, self.template_name, context)


SETTLEMENT_ANCHOR = "#settlement"


def to_settlement(pk: int) -> HttpResponse:
    return redirect(f"{reverse('web:membership:member-detail', args=[pk])}{SETTLEMENT_ANCHOR}")


class SettlementProposeView(StaffRequiredMixin, View):
    """MEM-5: drawn up from the member's commitments."""

    permission_required = "membership.manage_membership"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        membership = membership_or_404(pk)
        form = SettlementProposeForm(request.POST)
        if not form.is_valid():
            return member_detail(request, membership, propose_form=form)
        try:
            services.settlement_propose(
                membership=membership, proposed_by=staff(request), **form.cleaned_data
            )
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            messages.success(request, _("The exit settlement has been proposed to the member."))
        return to_settlement(pk)


class SettlementEditView(StaffRequiredMixin, View):
    """MEM-5: each part of the formula, while the settlement is proposed."""

    permission_required = "membership.manage_membership"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        membership = membership_or_404(pk)
        settlement = get_object_or_404(selectors.settlement_list(), membership=membership)
        form = SettlementEditForm(request.POST)
        if not form.is_valid():
            return member_detail(request, membership, edit_form=form)
        try:
            services.settlement_edit(
                settlement=settlement, edited_by=staff(request), **form.cleaned_data
            )
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            messages.success(request, _("The exit settlement has been changed."))
        return to_settlement(pk)


class SettlementDecideView(StaffRequiredMixin, View):
    """MEM-5: the advisory committee's opinion and the final amount of a disputed settlement."""

    permission_required = "membership.manage_membership"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        membership = membership_or_404(pk)
        settlement = get_object_or_404(selectors.settlement_list(), membership=membership)
        form = SettlementDecideForm(request.POST)
        if not form.is_valid():
            return member_detail(request, membership, decide_form=form)
        try:
            services.settlement_decide(
                settlement=settlement,
                opinion=form.cleaned_data["opinion"],
                final_amount=form.cleaned_data["final_amount"],
                recorded_by=staff(request),
            )
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            messages.success(request, _("The opinion of the advisory committee has been recorded."))
        return to_settlement(pk)


# --- REG-6: chamber changes for the council secretary ---------------------------------------


class ChamberChangeListView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        changes = presenters.chamber_changes()
        return render(request, "membership/staff/chamber_changes.html", {"changes": changes})


class ChamberAcknowledgeView(StaffRequiredMixin, View):
    permission_required = "membership.acknowledge_chamber_change"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        membership = get_object_or_404(selectors.members_with_chamber_change(), pk=pk)
        services.membership_chamber_acknowledge(membership=membership, by=staff(request))
        messages.success(
            request,
            _("The chamber change of %(board)s has been marked as seen.")
            % {"board": membership.board.display_name},
        )
        return redirect("web:membership:chamber-changes")
