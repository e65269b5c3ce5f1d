"""Demand bundling and tenders (TEN-1 … TEN-8, FEE-2) over HTTP: a board's intent, the bundled
demand, tenders with their lots and criteria, suppliers' sealed bids, evaluation and award,
participation, late joins and price effects."""

from bundel.api.v1.procurement.bids import BidSubmitApi, OwnBidListApi
from bundel.api.v1.procurement.evaluation import (
    AwardCreateApi,
    AwardListApi,
    BidEvaluationListApi,
    BidScoreApi,
    PriceChangeCreateApi,
    ScoringSheetApi,
)
from bundel.api.v1.procurement.intents import (
    DemandDetailApi,
    DemandListApi,
    IntentCreateApi,
    IntentDetailApi,
    IntentListApi,
    IntentSaveApi,
    IntentWithdrawApi,
)
from bundel.api.v1.procurement.participation import (
    JoinApi,
    ParticipationConfirmApi,
    ParticipationDeclineApi,
    ParticipationListApi,
    PriceEffectListApi,
)
from bundel.api.v1.procurement.tenders import (
    CriteriaSetApi,
    LotAddApi,
    TenderCreateApi,
    TenderDetailApi,
    TenderListApi,
    TenderTermsApi,
    TenderTransitionApi,
)

__all__ = [
    "AwardCreateApi",
    "AwardListApi",
    "BidEvaluationListApi",
    "BidScoreApi",
    "BidSubmitApi",
    "CriteriaSetApi",
    "DemandDetailApi",
    "DemandListApi",
    "IntentCreateApi",
    "IntentDetailApi",
    "IntentListApi",
    "IntentSaveApi",
    "IntentWithdrawApi",
    "JoinApi",
    "LotAddApi",
    "OwnBidListApi",
    "ParticipationConfirmApi",
    "ParticipationDeclineApi",
    "ParticipationListApi",
    "PriceChangeCreateApi",
    "PriceEffectListApi",
    "ScoringSheetApi",
    "TenderCreateApi",
    "TenderDetailApi",
    "TenderListApi",
    "TenderTermsApi",
    "TenderTransitionApi",
]
