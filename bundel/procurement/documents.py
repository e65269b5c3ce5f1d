"""TEN-5: a lot's scoring sheet as CSV (for Dutch Excel) and as a Dutch PDF (WeasyPrint), made
at any time from the stored bids, points and criteria (`selectors.scoring_sheet`): made again,
it is the same. Like the bids themselves it is sealed until the deadline has passed."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from bundel.procurement import domain, policies, selectors
from bundel.procurement.models import Award, Criterion, Lot
from bundel.shared import clock
from bundel.shared.errors import RuleViolation

BOM = "\ufeff"  # Excel reads UTF-8 only with it


def nl_number(value: Decimal, places: int, *, grouping: bool = False) -> str:
    """A number the Dutch way: decimal comma (and, with `grouping`, a point per thousand)."""
    text = f"{value:,.{places}f}" if grouping else f"{value:.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def price_places(price: Decimal) -> int:
    """Prices show 2 decimals, or up to the 4 stored where they have them."""
    exponent = price.normalize().as_tuple().exponent
    return min(4, max(2, -exponent)) if isinstance(exponent, int) else 2


@dataclass(frozen=True)
class SheetRow:
    rank: int
    supplier: str
    price: Decimal
    price_score: Decimal
    quality: list[Decimal]  # in the order of `ScoringSheetView.quality`
    total: Decimal
    proposed: bool
    awarded: bool


@dataclass(frozen=True)
class ScoringSheetView:
    """The sheet in the order of its columns: price, then each quality criterion."""

    lot: Lot
    price_criterion: Criterion | None
    quality: list[Criterion]
    rows: list[SheetRow]
    award: Award | None
    decimals: int


def sheet_view(lot: Lot) -> ScoringSheetView:
    """The lot's scoring sheet from the stored data; refused before the deadline (TEN-5)."""
    tender = lot.tender
    if not selectors.bids_unsealed(tender=tender, at=clock.now()):
        raise RuleViolation("procurement.bids_sealed")
    sheet = selectors.scoring_sheet(lot=lot)
    proposal = domain.award_proposal(sheet.scores)
    award = Award.objects.filter(lot=lot).select_related("bid").first()
    quality = [c for c in sheet.criteria if not c.is_price]
    rows = [
        SheetRow(
            rank=score.rank,
            supplier=sheet.bids[score.bid].supplier.name,
            price=score.price,
            price_score=score.price_score,
            quality=[score.quality_scores[c.key] for c in quality],
            total=score.total,
            proposed=score.bid == proposal,
            awarded=award is not None and str(award.bid_id) == score.bid,
        )
        for score in sheet.scores
    ]
    return ScoringSheetView(
        lot=lot,
        price_criterion=next((c for c in sheet.criteria if c.is_price), None),
        quality=quality,
        rows=rows,
        award=award,
        decimals=policies.procurement_policy().score_decimals,
    )


def filename(lot: Lot, extension: str) -> str:
    return f"beoordeling-{lot.tender.reference}-perceel-{lot.number}.{extension}"


def scoring_sheet_csv(lot: Lot) -> bytes:
    """The scoring sheet for Dutch Excel: UTF-8 with a BOM, `;` between fields, decimal commas;
    a header row, then one row per bid from the highest total down."""
    view = sheet_view(lot)
    places = view.decimals
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            "Rang",
            "Inschrijver",
            "Prijs per eenheid (EUR)",
            "Prijsscore",
            *[f"{c.name} (score)" for c in view.quality],
            "Totaal",
            "Voorstel gunning",
        ]
    )
    for row in view.rows:
        writer.writerow(
            [
                row.rank,
                row.supplier,
                nl_number(row.price, price_places(row.price)),
                nl_number(row.price_score, places),
                *[nl_number(score, places) for score in row.quality],
                nl_number(row.total, places),
                "ja" if row.proposed else "",
            ]
        )
    return (BOM + out.getvalue()).encode("utf-8")


def pdf_context(view: ScoringSheetView) -> dict[str, Any]:
    places = view.decimals
    return {
        "lot": view.lot,
        "tender": view.lot.tender,
        "price_criterion": view.price_criterion,
        "quality": view.quality,
        "award": view.award,
        "decimals": places,
        "rows": [
            {
                "row": row,
                "price": nl_number(row.price, price_places(row.price), grouping=True),
                "price_score": nl_number(row.price_score, places),
                "quality": [nl_number(score, places) for score in row.quality],
                "total": nl_number(row.total, places),
            }
            for row in view.rows
        ],
        "criteria": [
            {
                "name": c.name,
                "weight": f"{c.weight.normalize():f}",
                "rule": "laagste prijs ÷ geboden prijs × weging"
                if c.is_price
                else f"punten (0 tot {c.max_points}) ÷ {c.max_points} × weging",
            }
            for c in ([view.price_criterion] if view.price_criterion else []) + view.quality
        ],
    }


def scoring_sheet_pdf(lot: Lot) -> bytes:
    """The scoring sheet as a Dutch PDF."""
    from weasyprint import HTML  # imported here: loading Pango is slow and only PDFs need it

    view = sheet_view(lot)
    with translation.override("nl"):
        html = render_to_string("procurement/scoring_sheet.html", pdf_context(view))
    pdf: bytes = HTML(string=html, base_url=None).write_pdf()
    return pdf
