"""TEN-7: what is published of a tender, read from the models into the OCDS adapter's
dataclasses: the tender once published, its bids only after the deadline (TEN-5: sealed until
then), its awards only once it is awarded and its contracts only once it is contracted."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import translation

from bundel.billing import policies as billing_policies
from bundel.procurement import domain, selectors
from bundel.procurement.adapters import ocds
from bundel.procurement.models import (
    Award,
    Bid,
    Criterion,
    Intent,
    Lot,
    Participation,
    Supplier,
    Tender,
    TenderTransition,
)
from bundel.registry.models import Board
from bundel.shared import clock

DEFAULT_OCDS_PREFIX = "ocds-bundel-"
DEFAULT_OCDS_BASE_URI = "https://bundel.example/ocds/"

PUBLISHED = frozenset(
    {
        domain.TenderStatus.PUBLISHED,
        domain.TenderStatus.BIDDING_CLOSED,
        domain.TenderStatus.EVALUATED,
        domain.TenderStatus.AWARDED,
        domain.TenderStatus.CONTRACTED,
        domain.TenderStatus.EXHAUSTED,
    }
)
AWARDED = frozenset(
    {domain.TenderStatus.AWARDED, domain.TenderStatus.CONTRACTED, domain.TenderStatus.EXHAUSTED}
)
CONTRACTED = frozenset({domain.TenderStatus.CONTRACTED, domain.TenderStatus.EXHAUSTED})
EVALUATED = AWARDED | {domain.TenderStatus.EVALUATED}

# The unit a price per unit is for (the product's own unit, else the distribution key's).
UNIT_NAMES = {"per_student": "leerling", "per_location": "locatie", "per_unit": "eenheid"}


class NotPublished(Exception):
    """The tender is in draft or requirements: nothing of it is published yet."""

    def __init__(self, reference: str) -> None:
        super().__init__(f"tender {reference} has not been published")
        self.reference = reference


def _policy() -> dict[str, Any]:
    return dict(settings.BUNDEL_POLICIES.get("procurement", {}))


def ocds_prefix() -> str:
    """The OCDS id prefix [setting: BUNDEL_POLICIES["procurement"]["ocds_prefix"]]."""
    return str(_policy().get("ocds_prefix", DEFAULT_OCDS_PREFIX))


def ocds_base_uri() -> str:
    """Where the packages are published [setting: ...["procurement"]["ocds_base_uri"]]."""
    return str(_policy().get("ocds_base_uri", DEFAULT_OCDS_BASE_URI))


def is_published(tender: Tender) -> bool:
    return domain.TenderStatus(tender.status) in PUBLISHED


# --- the organisations ----------------------------------------------------------------------------


def cooperative() -> ocds.Organisation:
    """The cooperative, procuring entity and publisher, from the seller data billing keeps."""
    seller = billing_policies.seller()
    kvk = ocds.Identifier(ocds.KVK_SCHEME, seller.kvk_number, seller.name)
    return ocds.Organisation(
        id="cooperative",
        name=seller.name,
        identifier=kvk if seller.kvk_number else None,
        address=ocds.Address(seller.street, seller.postcode, seller.city),
        email=seller.email,
    )


def board_party(board: Board) -> ocds.Organisation:
    """A participating board: identified by its KvK number where known, and always by its DUO
    board number."""
    duo = ocds.Identifier(ocds.DUO_SCHEME, board.number, board.name)
    kvk = ocds.Identifier(ocds.KVK_SCHEME, board.kvk_number, board.name)
    street = f"{board.street} {board.house_number}".strip()
    return ocds.Organisation(
        id=f"board-{board.number}",
        name=board.display_name,
        identifier=kvk if board.kvk_number else duo,
        additional_identifiers=(duo,) if board.kvk_number else (),
        address=ocds.Address(street, board.postcode, board.city),
    )


def supplier_party(supplier: Supplier) -> ocds.Organisation:
    kvk = ocds.Identifier(ocds.KVK_SCHEME, supplier.kvk_number, supplier.name)
    return ocds.Organisation(
        id=f"supplier-{supplier.pk}",
        name=supplier.name,
        identifier=kvk if supplier.kvk_number else None,
        address=ocds.Address(city=supplier.city) if supplier.city else None,
    )


def buyers(tender: Tender) -> list[Board]:
    """The participating boards: once awarded, those asked to confirm or taking part (not those
    who declined), late joiners included; before, the boards whose intent the tender bundles."""
    if domain.TenderStatus(tender.status) in AWARDED:
        rows = (
            Participation.objects.filter(tender=tender)
            .exclude(status=Participation.Status.DECLINED)
            .select_related("board")
            .order_by("board__number")
        )
        return [row.board for row in rows]
    intents = Intent.objects.filter(product_id=tender.product_id).select_related("board")
    return [row.board for row in intents.order_by("board__number")]


# --- the stages -----------------------------------------------------------------------------------


def _unit(tender: Tender) -> str:
    unit = tender.unit_label or UNIT_NAMES.get(tender.distribution_key, "eenheid")
    return f"{unit} per jaar"


def _tender(tender: Tender, lots: list[Lot], awarded_lots: set[int]) -> ocds.Tender:
    documents: tuple[ocds.Document, ...] = ()
    if tender.requirements:
        documents = (
            ocds.Document(
                id="programma-van-eisen",
                title="Programma van eisen",
                document_type="technicalSpecifications",
                description=tender.requirements,
                published=tender.published_at,
                format="text/plain",
            ),
        )
    return ocds.Tender(
        reference=tender.reference,
        title=tender.title,
        description=tender.description,
        status=domain.TenderStatus(tender.status),
        product=tender.product.name,
        unit=_unit(tender),
        published_at=tender.published_at,
        bid_deadline=tender.bid_deadline,
        awarded_at=tender.awarded_at,
        contract_months=tender.contract_months,
        lots=tuple(
            ocds.Lot(str(lot.number), lot.title, lot.description, lot.pk in awarded_lots)
            for lot in lots
        ),
        criteria=tuple(
            ocds.Criterion(c.name, c.weight, c.is_price, c.max_points)
            for c in Criterion.objects.filter(tender=tender)
        ),
        documents=documents,
    )


def _bids(tender: Tender, at: datetime) -> tuple[ocds.Bid, ...] | None:
    """TEN-5: the bids after the deadline only (`bids_for_evaluation` refuses before it)."""
    if not selectors.bids_unsealed(tender=tender, at=at):
        return None
    status = (
        ocds.BidStatus.VALID
        if domain.TenderStatus(tender.status) in EVALUATED
        else ocds.BidStatus.PENDING
    )
    bids: list[Bid] = list(
        selectors.bids_for_evaluation(tender=tender, at=at).order_by("lot__number", "pk")
    )
    return tuple(
        ocds.Bid(
            id=str(bid.pk),
            lot_id=str(bid.lot.number),
            tenderer=supplier_party(bid.supplier),
            date=bid.submitted_at,
            status=status,
            unit_price=bid.price_per_unit,
        )
        for bid in bids
    )


def _awards(tender: Tender) -> list[Award]:
    if domain.TenderStatus(tender.status) not in AWARDED:
        return []
    return list(
        Award.objects.filter(lot__tender=tender)
        .select_related("lot", "bid", "bid__supplier")
        .order_by("lot__number")
    )


def _contracted_at(tender: Tender) -> datetime | None:
    if domain.TenderStatus(tender.status) not in CONTRACTED:
        return None
    moment: datetime | None = (
        TenderTransition.objects.filter(tender=tender, to_status=domain.TenderStatus.CONTRACTED)
        .order_by("at")
        .values_list("at", flat=True)
        .first()
    )
    return moment


def tender_stages(tender: Tender, *, at: datetime | None = None) -> ocds.TenderStages:
    """What is published of the tender at `at` (now by default)."""
    if not is_published(tender):
        raise NotPublished(tender.reference)
    at = at or clock.now()
    lots = list(Lot.objects.filter(tender=tender).order_by("number"))
    awards = _awards(tender)
    contracted_at = _contracted_at(tender)
    award_rows = tuple(
        ocds.Award(
            id=f"award-{award.lot.number}",
            lot_id=str(award.lot.number),
            supplier=supplier_party(award.bid.supplier),
            date=award.awarded_at,
            unit_price=award.bid.price_per_unit,
            bid_id=str(award.bid_id),
            title=f"Perceel {award.lot.number}: {award.lot.title}",
        )
        for award in awards
    )
    contracts: tuple[ocds.Contract, ...] = ()
    if contracted_at is not None:
        contracts = tuple(
            ocds.Contract(
                id=f"contract-{award.lot.number}",
                award_id=f"award-{award.lot.number}",
                lot_id=str(award.lot.number),
                title=f"{tender.title}, perceel {award.lot.number}: {award.lot.title}",
                date_signed=contracted_at,
                start=contracted_at,
                end=ocds.months_later(contracted_at, tender.contract_months),
                unit_price=award.bid.price_per_unit,
            )
            for award in awards
        )
    return ocds.TenderStages(
        tender=_tender(tender, lots, {a.lot_id for a in awards}),
        procuring_entity=cooperative(),
        buyers=tuple(board_party(b) for b in buyers(tender)),
        bids=_bids(tender, at),
        awards=award_rows,
        contracts=contracts,
        contracted_at=contracted_at,
    )


def package_meta(*, uri: str, at: datetime) -> ocds.PackageMeta:
    seller = billing_policies.seller()
    return ocds.PackageMeta(
        uri=uri,
        published=at,
        publisher=ocds.Publisher(seller.name, seller.kvk_number),
        ocid_prefix=ocds_prefix(),
    )


def tender_release_package(tender: Tender, *, at: datetime | None = None) -> dict[str, Any]:
    """TEN-7: the tender's OCDS 1.1.5 release package, as published at `at` (now by default).
    A tender in draft or requirements raises NotPublished."""
    at = at or clock.now()
    with translation.override("nl"):  # names made up where unknown (Bestuur 41775) are Dutch
        stages = tender_stages(tender, at=at)
    uri = f"{ocds_base_uri()}{tender.reference}.json"
    return ocds.release_package([stages], meta=package_meta(uri=uri, at=at))
