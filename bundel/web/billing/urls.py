"""Billing URLs: finance under /beheer/facturatie/ (web:billing:…), members under /mijn/facturen/
(web:member_billing:…). Dutch paths, English names."""

from django.urls import URLPattern, URLResolver, path

from bundel.web.billing.views import member, staff

app_name = "billing"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", staff.RunListView.as_view(), name="run-list"),
    path("runs/<int:pk>/", staff.RunDetailView.as_view(), name="run-detail"),
    path("runs/<int:pk>/incasso/", staff.RunDirectDebitView.as_view(), name="run-direct-debit"),
    path("facturen/", staff.InvoiceListView.as_view(), name="invoice-list"),
    path("facturen/<int:pk>/", staff.InvoiceDetailView.as_view(), name="invoice-detail"),
    path("facturen/<int:pk>/pdf/", staff.InvoicePdfView.as_view(), name="invoice-pdf"),
    path("facturen/<int:pk>/ubl/", staff.InvoiceUblView.as_view(), name="invoice-ubl"),
    path(
        "facturen/<int:pk>/crediteren/",
        staff.CreditNoteCreateView.as_view(),
        name="credit-note-create",
    ),
    path("facturen/<int:pk>/betaling/", staff.PaymentRecordView.as_view(), name="payment-record"),
    path("openstaand/", staff.OpenItemsView.as_view(), name="open-items"),
    path("bankafschrift/", staff.StatementImportView.as_view(), name="statement-import"),
    path("incasso/", staff.DirectDebitListView.as_view(), name="direct-debit-list"),
    path(
        "incasso/<int:pk>/pain008/",
        staff.DirectDebitDownloadView.as_view(),
        name="direct-debit-download",
    ),
    path("instellingen/", staff.SettingsView.as_view(), name="settings"),
    path("instellingen/btw/<str:kind>/", staff.FeeVatSetView.as_view(), name="fee-vat-set"),
]

# The member area (web:member_billing:…) under /mijn/facturen/: the representative's board
# decides whose invoices are shown; no URL names a board (ACC-2).
member_urlpatterns: list[URLPattern | URLResolver] = [
    path("", member.MemberInvoiceListView.as_view(), name="invoice-list"),
    path("<int:pk>/pdf/", member.MemberInvoicePdfView.as_view(), name="invoice-pdf"),
    path("<int:pk>/ubl/", member.MemberInvoiceUblView.as_view(), name="invoice-ubl"),
    path("machtiging/", member.MandateView.as_view(), name="mandate"),
    path("machtiging/intrekken/", member.MandateRevokeView.as_view(), name="mandate-revoke"),
]
