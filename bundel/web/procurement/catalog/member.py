"""The member area's catalogue: browse it (CAT-1 … CAT-4), register the board's intent per
location (TEN-1), see the demand (TEN-2), confirm participation (FEE-2), join late while room is
left (TEN-6), see price changes (TEN-8) and comment on requirements (TEN-3). No URL names a
board: the representative acts for its own board only (ACC-2)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from bundel.accounts.models import User
from bundel.catalog.models import Product
from bundel.procurement import selectors, services
from bundel.procurement.models import Intent, Participation, Tender
from bundel.shared import clock
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain
from bundel.web.access import RepresentativeRequiredMixin
from bundel.web.procurement.catalog import presenters
from bundel.web.procurement.catalog.forms import CommentForm, IntentForm, JoinForm
from bundel.web.procurement.catalog.staff import product_or_404


class MemberCatalogMixin(RepresentativeRequiredMixin):
    @property
    def representative(self) -> User:
        return cast(User, self.request.user)

    def own_intent(self, product: Product) -> Intent | None:
        """Only the intent of the representative's own board (ACC-2)."""
        return (
            selectors.intents_of(board_id=self.represented_board.pk).filter(product=product).first()
        )


class MemberCatalogueView(MemberCatalogMixin, View):
    """CAT-1 … CAT-4: the groups and products; in exploration shown as such, with the interest
    group; the required products; and the board's intent for each."""

    def get(self, request: HttpRequest) -> HttpResponse:
        board = self.represented_board
        context = {
            "board": board,
            "groups": presenters.catalogue_rows(intents=presenters.intents_by_product(board)),
        }
        return render(request, "procurement/catalog/member/catalogue.html", context)


class IntentView(MemberCatalogMixin, View):
    """TEN-1: which of the board's locations, which options per location, from which year within
    the horizon. Refused with the reason once the tender is published or out of the horizon."""

    template_name = "procurement/catalog/member/intent.html"

    def form(self, product: Product, **kwargs: object) -> IntentForm:
        return IntentForm(
            locations=presenters.board_locations(self.represented_board),
            options=list(product.options.order_by("id")),
            years=presenters.horizon_years(clock.today()),
            **kwargs,
        )

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        product = product_or_404(code)
        intent = self.own_intent(product)
        initial = IntentForm.initial_of(intent) if intent else {"start_year": clock.today().year}
        return self.render_page(request, product, intent, self.form(product, initial=initial))

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        product = product_or_404(code)
        form = self.form(product, data=request.POST)
        if form.is_valid():
            try:
                services.intent_save(
                    board=self.represented_board,
                    product=product,
                    start_year=form.cleaned_data["start_year"],
                    locations=form.location_choices(),
                    note=form.cleaned_data["note"],
                    by=self.representative,
                )
            except RuleViolation as violation:
                form.add_violation(presenters.in_words(violation))
            else:
                messages.success(
                    request,
                    _("Your board's intent for %(product)s has been registered.")
                    % {"product": product.name},
                )
                return redirect("web:member_catalog:my-intents")
        return self.render_page(request, product, self.own_intent(product), form)

    def render_page(
        self, request: HttpRequest, product: Product, intent: Intent | None, form: IntentForm
    ) -> HttpResponse:
        context = {
            "board": self.represented_board,
            "product": product,
            "intent": intent,
            "form": form,
            "refusal": presenters.intent_refusal(product),
            "requires": list(product.requires.all()),
        }
        return render(request, self.template_name, context)


class IntentWithdrawView(MemberCatalogMixin, View):
    """TEN-1: intent is not a purchase; it may be withdrawn while it can still change."""

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        product = product_or_404(code)
        intent = self.own_intent(product)
        if intent is None:
            raise Http404(_("Your board has no intent for this product."))
        try:
            services.intent_withdraw(intent=intent, by=self.representative)
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            messages.success(
                request,
                _("Your board's intent for %(product)s has been withdrawn.")
                % {"product": product.name},
            )
        return redirect("web:member_catalog:my-intents")


class MyIntentsView(MemberCatalogMixin, View):
    """TEN-1, TEN-2: the board's intents and the share of national students each product's
    bundled demand represents."""

    def get(self, request: HttpRequest) -> HttpResponse:
        board = self.represented_board
        context = {"board": board, "rows": presenters.my_intent_rows(board)}
        return render(request, "procurement/catalog/member/my_intents.html", context)


class MemberDemandView(MemberCatalogMixin, View):
    """TEN-2: the bundled demand for a product in figures, without naming the boards."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        product = product_or_404(code)
        context = presenters.demand_page(product, with_boards=False)
        context["intent"] = self.own_intent(product)
        return render(request, "procurement/catalog/member/demand.html", context)


class ParticipationMixin(MemberCatalogMixin):
    template_name = "procurement/catalog/member/participation.html"

    def render_page(
        self,
        request: HttpRequest,
        join_forms: dict[int, JoinForm] | None = None,
        comment_forms: dict[int, CommentForm] | None = None,
    ) -> HttpResponse:
        context = presenters.participation_page(
            self.represented_board,
            today=clock.today(),
            join_forms=join_forms,
            comment_forms=comment_forms,
        )
        return render(request, self.template_name, context)


class ParticipationView(ParticipationMixin, View):
    """TEN-1, TEN-6, TEN-8, FEE-2: the board's participations (asked to confirm, confirmed),
    the tenders it may join late with the room left, the effect of price changes on its yearly
    cost, and the programmes of requirements open for comment."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page(request)


class ParticipationDecideMixin(MemberCatalogMixin):
    def participation_or_404(self, pk: int) -> Participation:
        participation = presenters.own_participation(self.represented_board, pk)
        if participation is None:
            raise Http404(_("There is no such participation."))
        return participation


class ParticipationConfirmView(ParticipationDecideMixin, View):
    """TEN-1, FEE-2: confirming counts as taking the product: the purchase fee is owed once."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        participation = self.participation_or_404(pk)
        try:
            row = services.participation_confirm(
                participation=participation, by=self.representative
            )
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            tender, fee = row.tender, presenters.purchase_fee(row.tender)
            if fee is None:
                text = _("Your board takes part in %(tender)s.") % {"tender": tender.reference}
            else:
                text = _(
                    "Your board takes part in %(tender)s. The purchase fee of EUR %(fee)s will "
                    "be invoiced."
                ) % {"tender": tender.reference, "fee": floatformat(fee, "2g")}
            messages.success(request, text)
        return redirect("web:member_catalog:participation")


class ParticipationDeclineView(ParticipationDecideMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        participation = self.participation_or_404(pk)
        try:
            services.participation_decline(participation=participation, by=self.representative)
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            messages.success(
                request,
                _("Your board does not take part in %(tender)s.")
                % {"tender": participation.tender.reference},
            )
        return redirect("web:member_catalog:participation")


class LateJoinView(ParticipationMixin, View):
    """TEN-6: join an awarded tender while room is left; a request larger than the room left is
    refused whole and kept as demand for a next tender."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        tender = presenters.tender_of(presenters.tenders_in_joinable_status(), pk)
        if tender is None:
            raise Http404(_("There is no such tender to join."))
        form = JoinForm(request.POST, tender=tender)
        if form.is_valid():
            units, locations = form.request()
            try:
                outcome = services.late_join(
                    tender=tender,
                    board=self.represented_board,
                    units=units,
                    locations=locations,
                    by=self.representative,
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                return self.after_join(request, tender, outcome)
        return self.render_page(request, join_forms={tender.pk: form})

    def after_join(
        self, request: HttpRequest, tender: Tender, outcome: services.JoinOutcome
    ) -> HttpResponse:
        if outcome.refusal is not None:
            messages.error(request, explain(presenters.in_words(outcome.refusal)))
            return redirect(f"{reverse('web:member_catalog:participation')}#join")
        messages.success(
            request,
            _("Your board has joined %(tender)s. Room left: %(left)s.")
            % {"tender": tender.reference, "left": floatformat(outcome.room_left, "-2g")},
        )
        return redirect("web:member_catalog:participation")


class RequirementCommentView(ParticipationMixin, View):
    """TEN-3: a comment on a programme of requirements while it is drafted."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        tender = presenters.tender_of(presenters.commentable_tenders(), pk)
        if tender is None:
            raise Http404(_("There is no such tender to comment on."))
        form = CommentForm(request.POST, tender=tender)
        if form.is_valid():
            try:
                services.requirement_comment_add(
                    tender=tender,
                    board=self.represented_board,
                    text=form.cleaned_data["text"],
                    by=self.representative,
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("Your comment on %(tender)s has been sent.") % {"tender": tender.reference},
                )
                return redirect(f"{reverse('web:member_catalog:participation')}#requirements")
        return self.render_page(request, comment_forms={tender.pk: form})
