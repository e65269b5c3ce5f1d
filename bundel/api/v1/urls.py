"""Version 1 of the API: /api/v1/…, names "api:v1:…"."""

from django.urls import path

from bundel.api.base import by_method
from bundel.api.v1 import billing, catalogue, governance, membership, procurement, registry

app_name = "v1"

urlpatterns = [
    path("boards/", registry.BoardListApi.as_view(), name="board-list"),
    path("boards/<str:number>/", registry.BoardDetailApi.as_view(), name="board-detail"),
    path("register/stats/", registry.NationalStatsApi.as_view(), name="register-stats"),
    path(
        "register/imports/",
        by_method(get=registry.ImportRunListApi, post=registry.ImportRunCreateApi),
        name="import-run-list",
    ),
    path(
        "applications/",
        by_method(get=membership.ApplicationListApi, post=membership.ApplicationCreateApi),
        name="application-list",
    ),
    path(
        "applications/<int:pk>/approve/",
        membership.ApplicationApproveApi.as_view(),
        name="application-approve",
    ),
    path(
        "applications/<int:pk>/reject/",
        membership.ApplicationRejectApi.as_view(),
        name="application-reject",
    ),
    path("members/", membership.MemberListApi.as_view(), name="member-list"),
    path("members/<str:board_number>/", membership.MemberDetailApi.as_view(), name="member-detail"),
    path(
        "members/<str:board_number>/notice/",
        membership.MemberNoticeApi.as_view(),
        name="member-notice",
    ),
    path(
        "members/<str:board_number>/settlement/",
        by_method(get=membership.SettlementDetailApi, post=membership.SettlementProposeApi),
        name="member-settlement",
    ),
    path(
        "members/<str:board_number>/settlement/accept/",
        membership.SettlementAcceptApi.as_view(),
        name="member-settlement-accept",
    ),
    path(
        "members/<str:board_number>/settlement/dispute/",
        membership.SettlementDisputeApi.as_view(),
        name="member-settlement-dispute",
    ),
    path(
        "members/<str:board_number>/settlement/decide/",
        membership.SettlementDecideApi.as_view(),
        name="member-settlement-decide",
    ),
    path("governance/seats/", governance.SeatListApi.as_view(), name="governance-seat-list"),
    path(
        "governance/elections/",
        by_method(get=governance.ElectionListApi, post=governance.ElectionCreateApi),
        name="governance-election-list",
    ),
    path(
        "governance/elections/<int:pk>/",
        governance.ElectionDetailApi.as_view(),
        name="governance-election-detail",
    ),
    path(
        "governance/elections/<int:pk>/candidates/",
        governance.CandidateAddApi.as_view(),
        name="governance-election-candidates",
    ),
    path(
        "governance/elections/<int:pk>/candidates/<int:candidate_id>/",
        governance.CandidateRemoveApi.as_view(),
        name="governance-election-candidate",
    ),
    path(
        "governance/elections/<int:pk>/open/",
        governance.ElectionOpenApi.as_view(),
        name="governance-election-open",
    ),
    path(
        "governance/elections/<int:pk>/close/",
        governance.ElectionCloseApi.as_view(),
        name="governance-election-close",
    ),
    path(
        "governance/elections/<int:pk>/resolve-tie/",
        governance.ElectionTieResolveApi.as_view(),
        name="governance-election-resolve-tie",
    ),
    path(
        "governance/elections/<int:pk>/vote/",
        governance.ElectionVoteApi.as_view(),
        name="governance-election-vote",
    ),
    path(
        "governance/meetings/",
        by_method(get=governance.MeetingListApi, post=governance.MeetingCreateApi),
        name="governance-meeting-list",
    ),
    path(
        "governance/meetings/<int:pk>/",
        governance.MeetingDetailApi.as_view(),
        name="governance-meeting-detail",
    ),
    path(
        "governance/meetings/<int:pk>/motions/",
        governance.MotionAddApi.as_view(),
        name="governance-meeting-motions",
    ),
    path(
        "governance/meetings/<int:pk>/proxy/",
        by_method(post=governance.ProxyGrantApi, delete=governance.ProxyRevokeApi),
        name="governance-meeting-proxy",
    ),
    path(
        "governance/motions/<int:pk>/open/",
        governance.MotionOpenApi.as_view(),
        name="governance-motion-open",
    ),
    path(
        "governance/motions/<int:pk>/close/",
        governance.MotionCloseApi.as_view(),
        name="governance-motion-close",
    ),
    path(
        "governance/motions/<int:pk>/votes/",
        governance.MotionVoteApi.as_view(),
        name="governance-motion-votes",
    ),
    path(
        "governance/motions/<int:pk>/show-of-hands/",
        governance.ShowOfHandsApi.as_view(),
        name="governance-motion-show-of-hands",
    ),
    path(
        "governance/motions/<int:pk>/tally/",
        governance.MotionTallyApi.as_view(),
        name="governance-motion-tally",
    ),
    path("billing/invoices/", billing.InvoiceListApi.as_view(), name="billing-invoice-list"),
    path(
        "billing/invoices/<str:number>/",
        billing.InvoiceDetailApi.as_view(),
        name="billing-invoice-detail",
    ),
    path(
        "billing/invoices/<str:number>/pdf/",
        billing.InvoicePdfApi.as_view(),
        name="billing-invoice-pdf",
    ),
    path(
        "billing/invoices/<str:number>/ubl/",
        billing.InvoiceUblApi.as_view(),
        name="billing-invoice-ubl",
    ),
    path(
        "billing/invoices/<str:number>/credit-notes/",
        billing.CreditNoteCreateApi.as_view(),
        name="billing-invoice-credit-notes",
    ),
    path(
        "billing/invoices/<str:number>/payments/",
        billing.PaymentCreateApi.as_view(),
        name="billing-invoice-payments",
    ),
    path(
        "billing/runs/",
        by_method(get=billing.RunListApi, post=billing.RunCreateApi),
        name="billing-run-list",
    ),
    path("billing/runs/<int:pk>/", billing.RunDetailApi.as_view(), name="billing-run-detail"),
    path("catalogue/", catalogue.CatalogueApi.as_view(), name="catalogue"),
    path(
        "catalogue/products/<str:code>/",
        catalogue.ProductDetailApi.as_view(),
        name="catalogue-product",
    ),
    path(
        "procurement/intents/",
        by_method(get=procurement.IntentListApi, post=procurement.IntentCreateApi),
        name="procurement-intent-list",
    ),
    path(
        "procurement/intents/<str:code>/",
        by_method(
            get=procurement.IntentDetailApi,
            put=procurement.IntentSaveApi,
            delete=procurement.IntentWithdrawApi,
        ),
        name="procurement-intent-detail",
    ),
    path(
        "procurement/demand/",
        procurement.DemandListApi.as_view(),
        name="procurement-demand-list",
    ),
    path(
        "procurement/demand/<str:code>/",
        procurement.DemandDetailApi.as_view(),
        name="procurement-demand-detail",
    ),
    path(
        "procurement/tenders/",
        by_method(get=procurement.TenderListApi, post=procurement.TenderCreateApi),
        name="procurement-tender-list",
    ),
    path(
        "procurement/tenders/<str:reference>/",
        by_method(get=procurement.TenderDetailApi, put=procurement.TenderTermsApi),
        name="procurement-tender-detail",
    ),
    path(
        "procurement/tenders/<str:reference>/transition/",
        procurement.TenderTransitionApi.as_view(),
        name="procurement-tender-transition",
    ),
    path(
        "procurement/tenders/<str:reference>/lots/",
        procurement.LotAddApi.as_view(),
        name="procurement-tender-lots",
    ),
    path(
        "procurement/tenders/<str:reference>/criteria/",
        procurement.CriteriaSetApi.as_view(),
        name="procurement-tender-criteria",
    ),
    path(
        "procurement/tenders/<str:reference>/bids/",
        by_method(get=procurement.BidEvaluationListApi, post=procurement.BidSubmitApi),
        name="procurement-tender-bids",
    ),
    path(
        "procurement/tenders/<str:reference>/scores/",
        procurement.BidScoreApi.as_view(),
        name="procurement-tender-scores",
    ),
    path(
        "procurement/tenders/<str:reference>/scoring-sheet/",
        procurement.ScoringSheetApi.as_view(),
        name="procurement-tender-scoring-sheet",
    ),
    path(
        "procurement/tenders/<str:reference>/awards/",
        by_method(get=procurement.AwardListApi, post=procurement.AwardCreateApi),
        name="procurement-tender-awards",
    ),
    path(
        "procurement/tenders/<str:reference>/price-changes/",
        procurement.PriceChangeCreateApi.as_view(),
        name="procurement-tender-price-changes",
    ),
    path("procurement/bids/", procurement.OwnBidListApi.as_view(), name="procurement-bid-list"),
    path(
        "procurement/participations/",
        procurement.ParticipationListApi.as_view(),
        name="procurement-participation-list",
    ),
    path(
        "procurement/participations/<str:reference>/confirm/",
        procurement.ParticipationConfirmApi.as_view(),
        name="procurement-participation-confirm",
    ),
    path(
        "procurement/participations/<str:reference>/decline/",
        procurement.ParticipationDeclineApi.as_view(),
        name="procurement-participation-decline",
    ),
    path("procurement/joins/", procurement.JoinApi.as_view(), name="procurement-join"),
    path(
        "procurement/price-effects/",
        procurement.PriceEffectListApi.as_view(),
        name="procurement-price-effects",
    ),
]
