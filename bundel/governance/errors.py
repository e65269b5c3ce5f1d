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
}
