from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "governance.chamber_full": _("The chamber %(chamber)s has only %(seats)s seats."),
    "governance.term_ends_before_start": _("A term cannot end before it starts."),
    "governance.term_too_long": _("A seat term is at most %(years)s years."),
    "governance.terms_overlap": _("The term overlaps an earlier term of the same seat holder."),
    "governance.third_consecutive_term": _(
        "A seat holder serves at most %(terms)s consecutive terms: a third is refused."
    ),
    "governance.voter_without_chamber": _("The board has no chamber, so it cannot vote."),
    "governance.other_chamber": _(
        "A member votes for candidates of its own chamber (%(voter)s), not %(candidate)s."
    ),
    "governance.seat_twice": _("Seat %(seat)s votes twice."),
    "governance.proxy_without_seat": _(
        "Seat %(seat)s gives its proxy to %(holder)s, who holds no seat here."
    ),
    "governance.too_many_proxies": _("%(holder)s would hold more than %(limit)s proxies."),
    "governance.executive_board_full": _("The executive board has %(size)s persons already."),
    "governance.supervisory_size": _(
        "The supervisory board has %(minimum)s to %(maximum)s persons."
    ),
    "governance.supervisor_not_independent": _(
        "A supervisor may not be employed by a member board (%(board)s)."
    ),
    "governance.supervisory_board_full": _(
        "The supervisory board has the %(size)s persons the council set."
    ),
    "governance.not_a_member": _("Only a member board can hold a seat or stand as a candidate."),
    "governance.seat_other_chamber": _(
        "The seat belongs to chamber %(seat)s, but the board is in chamber %(board)s."
    ),
    "governance.seat_taken": _("The seat is held by another board in that period."),
    "governance.no_vacancy": _("Chamber %(chamber)s has no vacancy on the member day."),
    "governance.election_not_draft": _(
        "Candidates and the voting window can only change before the election opens."
    ),
    "governance.election_without_candidates": _("An election needs at least one candidate."),
    "governance.election_window": _("The voting window must close after it opens."),
    "governance.election_window_after_member_day": _(
        "The voting runs before the member day: it must close by the member day."
    ),
    "governance.election_not_open": _("This election is not open for voting."),
    "governance.election_closed": _("The voting window of this election has closed."),
    "governance.election_still_running": _(
        "The voting window is open until %(closes_at)s: the election closes after it."
    ),
    "governance.already_voted": _("Your board has already voted in this election."),
    "governance.not_a_candidate": _("This candidate does not stand in this election."),
    "governance.not_tied": _("This candidate is not one of the tied candidates."),
    "governance.candidate_twice": _("The board already stands as a candidate in this election."),
    "governance.proxy_to_non_holder": _(
        "A proxy can only go to the representative of another seat: this person holds no seat."
    ),
    "governance.proxy_to_self": _("A seat cannot give its proxy to itself."),
    "governance.proxy_already_given": _("This seat has already given its proxy for this meeting."),
    "governance.proxy_holder_attends": _(
        "This seat holds proxies of other seats, so it attends and cannot give its own away."
    ),
    "governance.proxy_holder_absent": _(
        "That seat has given its own proxy away, so it cannot hold proxies."
    ),
    "governance.seat_vacant": _("The seat is vacant on the day of the meeting."),
    "governance.voter_holds_no_seat": _("Your board holds no seat on the council."),
    "governance.vote_given_by_proxy": _(
        "Your seat gave its proxy for this meeting: the proxy holder votes for it."
    ),
    "governance.no_proxy": _("You hold no proxy of seat %(seat)s for this meeting."),
    "governance.motion_not_open": _("Votes are cast on an open motion only."),
    "governance.motion_not_draft": _("The motion has already been opened."),
    "governance.already_voted_on_motion": _("Seat %(seat)s has already voted on this motion."),
    "governance.motion_not_closed": _("Only a decided motion can be published."),
    "governance.meeting_closed": _("The meeting is closed."),
    "governance.minutes_empty": _("Write the minutes before publishing them."),
    "governance.advice_request_date": _("Asked advice needs the date it was asked."),
    "governance.advice_before_request": _("The advice cannot be given before it was asked."),
    "governance.response_before_advice": _("The response cannot come before the advice."),
    "governance.office_term_too_long": _("A term on this board is at most %(years)s years."),
    "governance.supervisory_size_not_set": _(
        "The council has not yet set the number of supervisors."
    ),
    "governance.supervisory_size_below_seated": _(
        "%(seated)s supervisors are seated: end a term before setting the number lower."
    ),
    "governance.not_an_office_organ": _(
        "People are appointed to the executive board, the supervisory board or the "
        "advisory committee."
    ),
    "governance.representative_required": _("Name the person who represents the board."),
    "governance.response_required": _("Write the executive board's response."),
    "governance.office_holder_incomplete": _("Give the person's name and employer."),
    "governance.minutes_published": _("The minutes are published and can no longer change."),
    "governance.motions_still_open": _(
        "A motion is still being voted on: close it before publishing the minutes."
    ),
}
