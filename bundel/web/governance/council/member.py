"""GOV-4 for a member representative: the open elections, the ballot of its own board and the
results of past elections. No URL names a board: the representative's own board votes (ACC-2),
and no page shows what a board voted, not even to that board."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from bundel.accounts.models import User
from bundel.governance import selectors, services
from bundel.governance.models import Election
from bundel.shared.errors import RuleViolation
from bundel.web.access import RepresentativeRequiredMixin
from bundel.web.governance.council.presenters import (
    ballot,
    election_page,
    member_elections,
)
from bundel.web.governance.council_forms import BallotForm


class MemberElectionListView(RepresentativeRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        context = member_elections(board=self.represented_board, user=request.user)
        return render(request, "governance/council/member/election_list.html", context)


class BallotView(RepresentativeRequiredMixin, View):
    """GOV-4: one vote per board, for a candidate of its own chamber, within the window."""

    template_name = "governance/council/member/ballot.html"

    def election(self, pk: int) -> Election:
        # Elections in preparation are not the members' business yet.
        return get_object_or_404(Election.objects.exclude(status=Election.Status.DRAFT), pk=pk)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        election = self.election(pk)
        form = BallotForm(candidates=selectors.candidates_of(election=election))
        return self.render_ballot(request, election, form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        election = self.election(pk)
        form = BallotForm(request.POST, candidates=selectors.candidates_of(election=election))
        if form.is_valid():
            try:
                services.election_vote(
                    election=election,
                    candidate=form.cleaned_data["candidate"],
                    voter=cast(User, request.user),
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("Your board's vote has been cast. The ballot is secret: nobody can see it."),
                )
                return redirect("web:member_elections:ballot", pk=pk)
        return self.render_ballot(request, election, form)

    def render_ballot(
        self, request: HttpRequest, election: Election, form: BallotForm
    ) -> HttpResponse:
        context = {"ballot": ballot(election=election, board=self.represented_board), "form": form}
        return render(request, self.template_name, context)


class MemberResultsView(RepresentativeRequiredMixin, View):
    """GOV-4: the results per chamber of a counted election, for every member."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        election = get_object_or_404(
            selectors.election_list().filter(status=Election.Status.CLOSED), pk=pk
        )
        context = {"page": election_page(election=election), "election": election}
        return render(request, "governance/council/member/results.html", context)
