"""The member area: a representative's own board and nothing else (ACC-2). No URL names a
board or a settlement; the representative's board decides which one is shown."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from bundel.accounts.models import User
from bundel.membership import domain, selectors, services
from bundel.membership.models import ExitSettlement, Membership
from bundel.shared import clock
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain
from bundel.web.access import RepresentativeRequiredMixin
from bundel.web.membership import presenters
from bundel.web.membership.forms import (
    MemberNoticeForm,
    RepresentativeInviteForm,
    SettlementDisputeForm,
)
from bundel.web.membership.views.staff import invitation_url


class MemberAreaMixin(RepresentativeRequiredMixin):
    @property
    def representative(self) -> User:
        return cast(User, self.request.user)

    def own_membership(self) -> Membership:
        membership = presenters.membership_of(board=self.represented_board)
        if membership is None:
            raise Http404(_("Your board is not a member."))
        return membership

    def own_settlement(self) -> ExitSettlement:
        settlement = selectors.settlement_for(membership=self.own_membership())
        if settlement is None:
            raise Http404(_("There is no exit settlement for your board."))
        return settlement


class MemberHomeView(MemberAreaMixin, View):
    """The member home: membership, chamber and why, this year's fee, representatives, service
    agreements beside the membership (MEM-6), notice and settlement, and the register."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_home(request, RepresentativeInviteForm())

    def render_home(
        self, request: HttpRequest, invite_form: RepresentativeInviteForm
    ) -> HttpResponse:
        home = presenters.member_home(board=self.represented_board, today=clock.today())
        context = {"home": home, "page": home.register, "invite_form": invite_form}
        return render(request, "membership/member/home.html", context)


class MemberNoticeView(MemberAreaMixin, View):
    """MEM-4: the computed last day is shown, and the representative confirms."""

    template_name = "membership/member/notice.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_form(request, MemberNoticeForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = MemberNoticeForm(request.POST)
        if form.is_valid():
            try:
                services.membership_give_notice(
                    membership=self.own_membership(),
                    by=domain.NoticeBy.MEMBER,
                    given_by=self.representative,
                    on=clock.today(),
                    reason=form.cleaned_data["reason"],
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, _("Your notice has been recorded."))
                return redirect("web:member:board")
        return self.render_form(request, form)

    def render_form(self, request: HttpRequest, form: MemberNoticeForm) -> HttpResponse:
        today = clock.today()
        context = {
            "membership": self.own_membership(),
            "form": form,
            "notice_on": today,
            "last_day": presenters.notice_preview(today=today, by=domain.NoticeBy.MEMBER),
        }
        return render(request, self.template_name, context)


class MemberSettlementView(MemberAreaMixin, View):
    """MEM-5: every part of the settlement; accept it or dispute it with a reason."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page(request, SettlementDisputeForm())

    def render_page(self, request: HttpRequest, form: SettlementDisputeForm) -> HttpResponse:
        membership = self.own_settlement().membership
        context = {
            "membership": membership,
            "settlement_view": presenters.settlement_view(membership=membership),
            "form": form,
        }
        return render(request, "membership/member/settlement.html", context)


class SettlementAcceptView(MemberAreaMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            services.settlement_accept(
                settlement=self.own_settlement(), accepted_by=self.representative
            )
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            messages.success(request, _("You have accepted the exit settlement."))
        return redirect("web:member:settlement")


class SettlementDisputeView(MemberSettlementView):
    """MEM-5: a disputed settlement goes to the advisory committee."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SettlementDisputeForm(request.POST)
        if form.is_valid():
            try:
                services.settlement_dispute(
                    settlement=self.own_settlement(),
                    disputed_by=self.representative,
                    reason=form.cleaned_data["reason"],
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("You disputed the settlement; the advisory committee gives its opinion."),
                )
                return redirect("web:member:settlement")
        return self.render_page(request, form)

    def get(self, request: HttpRequest) -> HttpResponse:
        return redirect("web:member:settlement")


class RepresentativeInviteView(MemberHomeView):
    """Invite another representative of the same board."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = RepresentativeInviteForm(request.POST)
        if not form.is_valid():
            return self.render_home(request, form)
        try:
            invitation = services.representative_invite(
                membership=self.own_membership(),
                invited_by=self.representative,
                invitation_url=invitation_url(request),
                **form.cleaned_data,
            )
        except RuleViolation as violation:
            messages.error(request, explain(violation))
            return redirect("web:member:board")
        messages.success(
            request,
            _("%(name)s has been invited: an e-mail with the link went to %(email)s.")
            % {"name": invitation.name, "email": invitation.email},
        )
        return redirect(f"{reverse('web:member:board')}#representatives")

    def get(self, request: HttpRequest) -> HttpResponse:
        return redirect("web:member:board")


class RepresentativeRemoveView(MemberAreaMixin, View):
    """Only a representative of the same board can be removed; any other id is a 404 (ACC-2)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        board = self.represented_board
        person = get_object_or_404(selectors.representative_list(board=board), pk=pk)
        try:
            services.representative_remove(board=board, user=person, removed_by=self.representative)
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            messages.success(
                request,
                _("%(name)s no longer represents your board.")
                % {"name": person.get_full_name() or person.get_username()},
            )
        return redirect(f"{reverse('web:member:board')}#representatives")
