"""GOV-4 for the council secretary: prepare an election with candidates per chamber, open it,
follow the turnout (never a board's choice), close and count, and resolve a tie."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from bundel.governance import selectors, services
from bundel.governance.models import Candidate, Election
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain
from bundel.web.governance.council import CouncilManageMixin, CouncilReadMixin, staff
from bundel.web.governance.council.presenters import candidate_boards, election_page, tie_context
from bundel.web.governance.council_forms import CandidateForm, ElectionForm, TieResolveForm

BOARDS_LIST = "candidate-boards"


def election_or_404(pk: int) -> Election:
    return get_object_or_404(selectors.election_list(), pk=pk)


class ElectionListView(CouncilReadMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        elections = selectors.election_list()
        return render(
            request, "governance/council/staff/election_list.html", {"elections": elections}
        )


class ElectionCreateView(CouncilManageMixin, View):
    """GOV-4: the election of a member day's vacancies, with its voting window."""

    template_name = "governance/council/staff/election_create.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": ElectionForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ElectionForm(request.POST)
        if form.is_valid():
            try:
                election = services.election_create(by=staff(request), **form.cleaned_data)
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("The election has been prepared. Add the candidates, then open it."),
                )
                return redirect("web:council:election-detail", pk=election.pk)
        return render(request, self.template_name, {"form": form})


def election_detail(
    request: HttpRequest, election: Election, candidate_form: CandidateForm | None = None
) -> HttpResponse:
    page = election_page(election=election)
    context = {
        "page": page,
        "election": election,
        "candidate_form": candidate_form or CandidateForm(datalist=BOARDS_LIST),
        "boards": candidate_boards(election=election) if page.is_draft else [],
        "datalist": BOARDS_LIST,
    }
    return render(request, "governance/council/staff/election_detail.html", context)


class ElectionDetailView(CouncilReadMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return election_detail(request, election_or_404(pk))


class CandidateAddView(CouncilManageMixin, View):
    """GOV-4: a member board of a chamber with vacancies stands, while in preparation."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        election = election_or_404(pk)
        form = CandidateForm(request.POST, datalist=BOARDS_LIST)
        if form.is_valid():
            try:
                candidate = services.candidate_add(
                    election=election,
                    board=form.cleaned_data["board"],
                    representative_name=form.cleaned_data["representative_name"],
                    by=staff(request),
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("%(board)s stands as a candidate.") % {"board": candidate.board.display_name},
                )
                return redirect(f"{reverse('web:council:election-detail', args=[pk])}#candidates")
        return election_detail(request, election, candidate_form=form)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return redirect("web:council:election-detail", pk=pk)


class CandidateRemoveView(CouncilManageMixin, View):
    def post(self, request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
        candidate = get_object_or_404(
            Candidate.objects.select_related("board", "election"), pk=candidate_pk, election_id=pk
        )
        try:
            services.candidate_remove(candidate=candidate, by=staff(request))
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            messages.success(
                request,
                _("%(board)s no longer stands as a candidate.")
                % {"board": candidate.board.display_name},
            )
        return redirect(f"{reverse('web:council:election-detail', args=[pk])}#candidates")


class ElectionOpenView(CouncilManageMixin, View):
    """GOV-4: the vacancies are fixed; members vote within the window."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            services.election_open(election=election_or_404(pk), by=staff(request))
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            messages.success(
                request, _("The election is open: members vote within the voting window.")
            )
        return redirect("web:council:election-detail", pk=pk)


class ElectionCloseView(CouncilManageMixin, View):
    """GOV-4: after the window the ballots are counted and the elected take their seats."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            election = services.election_close(election=election_or_404(pk), by=staff(request))
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            page = election_page(election=election)
            if page.has_tie:
                messages.warning(
                    request,
                    _(
                        "The votes have been counted. There is a tie: the member day decides "
                        "who takes the seat; record it below."
                    ),
                )
            else:
                messages.success(
                    request, _("The votes have been counted and the elected took their seats.")
                )
        return redirect(f"{reverse('web:council:election-detail', args=[pk])}#results")


class TieResolveView(CouncilManageMixin, View):
    """GOV-4: a tie is not broken silently; the secretary records whom the member day chose."""

    template_name = "governance/council/staff/tie_resolve.html"

    def candidate(self, pk: int, candidate_pk: int) -> Candidate:
        return get_object_or_404(
            Candidate.objects.select_related("board", "election"), pk=candidate_pk, election_id=pk
        )

    def get(self, request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
        return self.render_form(request, self.candidate(pk, candidate_pk), TieResolveForm())

    def post(self, request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
        candidate = self.candidate(pk, candidate_pk)
        form = TieResolveForm(request.POST)
        if form.is_valid():
            try:
                services.election_tie_resolve(candidate=candidate, by=staff(request))
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("%(board)s takes the seat.") % {"board": candidate.board.display_name},
                )
                return redirect(f"{reverse('web:council:election-detail', args=[pk])}#results")
        return self.render_form(request, candidate, form)

    def render_form(
        self, request: HttpRequest, candidate: Candidate, form: TieResolveForm
    ) -> HttpResponse:
        return render(
            request, self.template_name, {**tie_context(candidate=candidate), "form": form}
        )
