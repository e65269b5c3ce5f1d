"""Governance writes (GOV-1 … GOV-10): one transaction each, locked where it matters, audited
(ACC-3). Election ballots stay secret even in the audit trail."""

from bundel.governance.services.council import (
    seat_appoint,
    seat_representative_change,
    seat_term_end,
    seats_ensure,
)
from bundel.governance.services.elections import (
    candidate_add,
    candidate_remove,
    election_close,
    election_create,
    election_open,
    election_tie_resolve,
    election_vote,
)
from bundel.governance.services.meetings import (
    agenda_item_add,
    attendance_record,
    meeting_create,
    minutes_publish,
    minutes_save,
    motion_add,
    motion_close,
    motion_open,
    motion_publish,
    motion_vote,
    proxy_grant,
    proxy_revoke,
)
from bundel.governance.services.organs import (
    AdviceData,
    AppointmentData,
    advice_record,
    advice_respond,
    office_holder_appoint,
    office_holder_end,
    supervisory_size_set,
)

__all__ = [
    "AdviceData",
    "AppointmentData",
    "advice_record",
    "advice_respond",
    "agenda_item_add",
    "attendance_record",
    "candidate_add",
    "candidate_remove",
    "election_close",
    "election_create",
    "election_open",
    "election_tie_resolve",
    "election_vote",
    "meeting_create",
    "minutes_publish",
    "minutes_save",
    "motion_add",
    "motion_close",
    "motion_open",
    "motion_publish",
    "motion_vote",
    "office_holder_appoint",
    "office_holder_end",
    "proxy_grant",
    "proxy_revoke",
    "seat_appoint",
    "seat_representative_change",
    "seat_term_end",
    "seats_ensure",
    "supervisory_size_set",
]
