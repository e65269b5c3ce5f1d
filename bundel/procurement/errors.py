from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "procurement.already_participating": _("Your board already takes part in this tender."),
    "procurement.answers_missing": _("Answer every quality criterion: %(criteria)s."),
    "procurement.award_not_highest": _("A lot goes to a bid with the highest total."),
    "procurement.award_through_lots": _("A tender is awarded by awarding each of its lots."),
    "procurement.award_tie": _(
        "Bids %(bids)s have the same highest total: choose the one to award."
    ),
    "procurement.bid_twice": _("Your company has already bid on this lot."),
    "procurement.bids_sealed": _("Bids are sealed until the deadline has passed."),
    "procurement.comment_empty": _("Write your comment."),
    "procurement.comments_closed": _(
        "Comments on the requirements are open only while they are drafted."
    ),
    "procurement.contract_months": _("A contract term is at least one month."),
    "procurement.criterion_twice": _("Each criterion has its own key."),
    "procurement.deadline_in_future": _("Set a bid deadline in the future before publishing."),
    "procurement.deadline_not_passed": _("Bidding closes after the deadline."),
    "procurement.deadline_passed": _("The deadline for bids has passed."),
    "procurement.fee_free_with_fee": _("A fee-free tender has no purchase fee."),
    "procurement.fee_negative": _("The purchase fee cannot be negative."),
    "procurement.illegal_transition": _("A tender in status %(current)s cannot go to %(target)s."),
    "procurement.intent_locked": _(
        "Intent can no longer change: tender %(tender)s has been published."
    ),
    "procurement.intent_needs_locations": _("Choose at least one location."),
    "procurement.intent_year": _("Choose a start year from %(first)s to %(last)s."),
    "procurement.join_positive": _("Join with at least one unit."),
    "procurement.location_not_of_board": _("Location %(location)s is not one of your board's."),
    "procurement.location_twice": _("A location is chosen once."),
    "procurement.lot_awarded": _("This lot has been awarded already."),
    "procurement.max_points": _("A quality criterion has at least 1 point to give."),
    "procurement.needs_lots": _("A tender needs at least one lot."),
    "procurement.needs_requirements": _("Write the programme of requirements before publishing."),
    "procurement.no_bids": _("There are no bids on this lot."),
    "procurement.not_a_quality_criterion": _("Points are given on the tender's quality criteria."),
    "procurement.not_a_supplier_account": _("This account does not have the supplier role."),
    "procurement.not_awarded": _("The lot has not been awarded yet."),
    "procurement.not_evaluated": _("Award after the evaluation."),
    "procurement.not_invited": _("There is no open request to confirm."),
    "procurement.not_joinable": _("This tender cannot be joined now (%(status)s)."),
    "procurement.not_open_for_bids": _("This tender is not open for bids."),
    "procurement.one_price_criterion": _("A tender has exactly one price criterion."),
    "procurement.points_range": _("Give %(criterion)s from 0 to %(maximum)s points."),
    "procurement.price_change_range": _("A price cannot fall by 100% or more."),
    "procurement.price_positive": _("A price is above zero."),
    "procurement.room_exhausted": _(
        "There is no room left in this tender: your request is kept as demand for a next tender."
    ),
    "procurement.room_too_small": _(
        "Only %(left)s is left in this tender, less than you asked: your request is kept as "
        "demand for a next tender."
    ),
    "procurement.room_negative": _("The room for late joiners cannot be negative."),
    "procurement.room_unit": _("Room is counted in locations or units."),
    "procurement.scoring_closed": _(
        "Bids are scored after bidding has closed, before the evaluation is done."
    ),
    "procurement.supplier_name": _("Give the supplier's name."),
    "procurement.terms_fixed": _("The tender's terms are fixed once it is published."),
    "procurement.units_positive": _("Units are above zero."),
    "procurement.unknown_option": _("This product has no option %(option)s."),
    "procurement.unscored": _("%(bid)s has no points yet for %(criterion)s."),
    "procurement.weight_positive": _("Every weight is above zero."),
    "procurement.weights_total": _("The weights add up to %(total)s, not 100."),
    "procurement.supplier_user_linked": _("This account already acts for a supplier."),
}
