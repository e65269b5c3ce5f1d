"""Tenders: staff under /beheer/aanbestedingen/ (web:tenders:…), suppliers under /leverancier/
(web:supplier:…). Dutch paths, English names; a tender is named by its reference."""

from django.urls import URLPattern, URLResolver, path

from bundel.web.procurement.tenders import evaluation, portal, staff, suppliers

app_name = "tenders"

LOT = "<str:reference>/percelen/<int:number>"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", staff.TenderListView.as_view(), name="tender-list"),
    path("nieuw/", staff.TenderCreateView.as_view(), name="tender-create"),
    path("leveranciers/", suppliers.SupplierListView.as_view(), name="supplier-list"),
    path(
        "leveranciers/<int:pk>/accounts/",
        suppliers.SupplierUserAddView.as_view(),
        name="supplier-user-add",
    ),
    path("<str:reference>/", staff.TenderDetailView.as_view(), name="tender-detail"),
    path("<str:reference>/voorwaarden/", staff.TenderTermsView.as_view(), name="tender-terms"),
    path("<str:reference>/percelen/", staff.LotAddView.as_view(), name="lot-add"),
    path("<str:reference>/criteria/", staff.CriteriaSetView.as_view(), name="criteria-set"),
    path("<str:reference>/status/", staff.TenderTransitionView.as_view(), name="tender-transition"),
    path(f"{LOT}/punten/<slug:key>/", evaluation.BidPointsSetView.as_view(), name="bid-points"),
    path(f"{LOT}/gunnen/", evaluation.LotAwardView.as_view(), name="lot-award"),
    path(
        f"{LOT}/scoreblad.csv", evaluation.ScoringSheetCsvView.as_view(), name="scoring-sheet-csv"
    ),
    path(
        f"{LOT}/scoreblad.pdf", evaluation.ScoringSheetPdfView.as_view(), name="scoring-sheet-pdf"
    ),
    path(
        f"{LOT}/prijswijziging/",
        evaluation.PriceChangeRecordView.as_view(),
        name="price-change-record",
    ),
]

# The supplier portal (web:supplier:…) under /leverancier/: the signed-in account's supplier
# decides whose bids are shown; no URL names a supplier.
supplier_urlpatterns: list[URLPattern | URLResolver] = [
    path("", portal.SupplierTenderListView.as_view(), name="tender-list"),
    path("<str:reference>/", portal.SupplierTenderDetailView.as_view(), name="tender-detail"),
    path(
        "<str:reference>/programma-van-eisen.md",
        portal.RequirementsDownloadView.as_view(),
        name="requirements-download",
    ),
    path(
        "<str:reference>/percelen/<int:number>/inschrijven/",
        portal.BidSubmitView.as_view(),
        name="bid-submit",
    ),
]
