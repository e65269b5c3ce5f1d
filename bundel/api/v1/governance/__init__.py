"""Governance (GOV) over HTTP: the council's seats, elections with a secret ballot, meetings with
motions, votes, proxies and tallies."""

from bundel.api.v1.governance.council import SeatListApi
from bundel.api.v1.governance.elections import (
    CandidateAddApi,
    CandidateRemoveApi,
    ElectionCloseApi,
    ElectionCreateApi,
    ElectionDetailApi,
    ElectionListApi,
    ElectionOpenApi,
    ElectionTieResolveApi,
    ElectionVoteApi,
)
from bundel.api.v1.governance.meetings import (
    MeetingCreateApi,
    MeetingDetailApi,
    MeetingListApi,
    ProxyGrantApi,
    ProxyRevokeApi,
)
from bundel.api.v1.governance.motions import (
    MotionAddApi,
    MotionCloseApi,
    MotionOpenApi,
    MotionTallyApi,
    MotionVoteApi,
    ShowOfHandsApi,
)

__all__ = [
    "CandidateAddApi",
    "CandidateRemoveApi",
    "ElectionCloseApi",
    "ElectionCreateApi",
    "ElectionDetailApi",
    "ElectionListApi",
    "ElectionOpenApi",
    "ElectionTieResolveApi",
    "ElectionVoteApi",
    "MeetingCreateApi",
    "MeetingDetailApi",
    "MeetingListApi",
    "MotionAddApi",
    "MotionCloseApi",
    "MotionOpenApi",
    "MotionTallyApi",
    "MotionVoteApi",
    "ProxyGrantApi",
    "ProxyRevokeApi",
    "SeatListApi",
    "ShowOfHandsApi",
]
