"""An invoice snapshot survives its JSON form exactly, so documents can be made again."""

from datetime import date
from decimal import Decimal

from bundel.billing.domain import VatCategory
from bundel.billing.snapshot import DocumentKind, DocumentLine, InvoiceSnapshot, Mandate, Party


def sample() -> InvoiceSnapshot:
    return InvoiceSnapshot(
        kind=DocumentKind.INVOICE,
        number="2026-000001",
        issue_date=date(2026, 1, 15),
        due_date=date(2026, 2, 14),
        buyer_reference="PO-2026-001",
        seller=Party(
            name="Coöperatie Bundel U.A.", kvk_number="12345678", iban="NL91ABNA0417164300"
        ),
        buyer=Party(name="Stichting Primair", board_number="41775", kvk_number="41178451"),
        lines=(
            DocumentLine(
                "Contributie 2026",
                Decimal("1"),
                Decimal("1000.00"),
                VatCategory.EXEMPT,
                Decimal("0"),
                date(2026, 1, 1),
                date(2026, 12, 31),
                note="pro rata 365/365",
            ),
        ),
        mandate=Mandate("BUNDEL-41775-1", date(2025, 12, 1), "NL91ABNA0417164300"),
    )


def test_a_snapshot_round_trips_through_json() -> None:
    snapshot = sample()
    again = InvoiceSnapshot.from_json(snapshot.as_json())
    assert again == snapshot
    assert again.totals.gross == Decimal("1000.00")


def test_the_json_form_has_every_field_of_the_snapshot_and_its_parts() -> None:
    from dataclasses import fields

    from bundel.billing.snapshot import Mandate as MandateSnapshot

    data = sample().as_json()
    assert set(data) == {f.name for f in fields(InvoiceSnapshot)}
    assert set(data["seller"]) == {f.name for f in fields(Party)}
    assert set(data["lines"][0]) == {f.name for f in fields(DocumentLine)}
    assert set(data["mandate"]) == {f.name for f in fields(MandateSnapshot)}
