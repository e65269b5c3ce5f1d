from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "membership.swv_under_review": _(
        "Board %(number)s is a samenwerkingsverband passend onderwijs: such boards are under "
        "review and cannot become members for now."
    ),
    "membership.no_students": _(
        "Board %(number)s has no students in the register at the latest count dates; only "
        "publicly funded PO and VO boards with students can become members."
    ),
    "membership.negative_students": _("A number of students cannot be negative."),
    "membership.no_fee_band": _("No fee band covers %(students)s students."),
    "membership.not_a_member_in_year": _("The board is not a member in %(year)s."),
    "membership.negative_successor_amount": _("The amount a successor absorbs cannot be negative."),
    "membership.negative_settlement_part": _("A part of the settlement cannot be negative."),
    "membership.settlement_not_allowed": _(
        "A settlement that is %(status)s cannot be changed this way (%(action)s)."
    ),
    "membership.not_active": _("Notice can only be given on an active membership."),
    "membership.notice_needs_reason": _("Notice by the cooperative needs a reason."),
    "membership.notice_before_start": _(
        "Notice cannot be dated before the membership started (%(starts_on)s)."
    ),
    "membership.already_member": _("Board %(number)s is already a member."),
    "membership.application_pending": _("Board %(number)s has already applied."),
    "membership.not_pending": _("This application has already been decided."),
    "membership.rejection_needs_reason": _("A rejection needs a reason."),
    "membership.kvk_or_oin_needed": _("Give the KvK number or the OIN."),
    "membership.terms_not_accepted": _("The terms must be accepted."),
    "membership.invitation_used": _("This invitation has already been used."),
    "membership.invitation_unknown": _("This invitation link is not valid."),
    "membership.last_representative": _("The last representative of a member cannot be removed."),
    "membership.not_a_representative": _("This person does not represent this member."),
    "membership.settlement_exists": _("This membership already has a settlement."),
    "membership.not_under_notice": _(
        "A settlement is drawn up for a member under notice or one that has left."
    ),
    "membership.no_membership": _("Board %(number)s is not a member."),
    "membership.ended": _("This membership has ended."),
    "membership.invitation_expired": _("This invitation has expired. Ask for a new one."),
    "membership.password_invalid": _("The password is not accepted: %(detail)s"),
    "membership.dispute_needs_reason": _("Say why the settlement is disputed."),
    "membership.opinion_needed": _("Record the opinion of the advisory committee."),
}
