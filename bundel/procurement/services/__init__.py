"""Procurement writes (TEN-1 … TEN-8, FEE-2): one transaction each, locked where joins or bids
could race, audited (ACC-3); bid contents never enter the audit trail."""

from bundel.procurement.services.bids import bid_points_set, bid_submit, lot_award
from bundel.procurement.services.intents import (
    LocationChoice,
    check_intent_open,
    intent_save,
    intent_withdraw,
)
from bundel.procurement.services.joins import (
    JoinOutcome,
    late_join,
    participation_confirm,
    participation_decline,
    price_change_record,
)
from bundel.procurement.services.suppliers import supplier_create, supplier_user_add
from bundel.procurement.services.tenders import (
    CriterionData,
    TenderTerms,
    criteria_set,
    lot_add,
    requirement_comment_add,
    tender_create,
    tender_terms_set,
    tender_transition,
)

__all__ = [
    "CriterionData",
    "JoinOutcome",
    "LocationChoice",
    "TenderTerms",
    "bid_points_set",
    "bid_submit",
    "check_intent_open",
    "criteria_set",
    "intent_save",
    "intent_withdraw",
    "late_join",
    "lot_add",
    "lot_award",
    "participation_confirm",
    "participation_decline",
    "price_change_record",
    "requirement_comment_add",
    "supplier_create",
    "supplier_user_add",
    "tender_create",
    "tender_terms_set",
    "tender_transition",
]
