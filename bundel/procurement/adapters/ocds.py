"""TEN-7: a tender's published stages as an Open Contracting Data Standard 1.1.5 release package.

Pure: it knows the standard, not the database. `bundel.procurement.publication` fills the
dataclasses below from the models; `release_package` writes the package as a dict, ready for
`json.dumps`.

Choices the standard leaves to the publisher:
- One release per tender, holding everything published so far; `tag` names the stages it holds
  (`tender`, `award`, `contract`), its `date` is the latest of them and its `id` is the
  reference and that date, so every new stage is a new release.
- The cooperative is the procuring entity (`procuringEntity`, also the package's publisher); the
  participating boards are `parties` with the role `buyer`. OCDS 1.1 has one `buyer` field for a
  lead buyer: with one participating board it names that board, with several it is left out
  (each is in `parties`), as the standard's guidance on multiple buyers asks.
- Lots and bids use the field names of the lots and bids extensions (`tender.lots`,
  `items[].relatedLot`, `awards[].relatedLots`, `bids.details[]` with `relatedLots`,
  `awards[].relatedBids`). The package lists no `extensions` unless asked: validators fetch
  their URLs, which fails offline.
- Bundel's bids and awards are prices per unit per year, not totals: the price is published as
  the unit price of the lot's item (`items[].unit.value`). A total `value` is published only
  where the caller knows one (an estimate for the tender).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from bundel.procurement.domain import TenderStatus

OCDS_VERSION = "1.1"
CURRENCY = "EUR"
KVK_SCHEME = "NL-KVK"  # org-id.guide: the Dutch chamber of commerce (Kamer van Koophandel)
DUO_SCHEME = "NL-DUO-BG"  # DUO's number of a school board (bevoegd gezag); no org-id.guide list
COUNTRY = "Nederland"

# TEN-3's lifecycle on OCDS's closed tenderStatus codelist.
TENDER_STATUS: Mapping[TenderStatus, str] = {
    TenderStatus.DRAFT: "planning",
    TenderStatus.REQUIREMENTS: "planning",
    TenderStatus.PUBLISHED: "active",
    TenderStatus.BIDDING_CLOSED: "active",
    TenderStatus.EVALUATED: "active",
    TenderStatus.AWARDED: "complete",
    TenderStatus.CONTRACTED: "complete",
    TenderStatus.EXHAUSTED: "complete",
}


class BidStatus(StrEnum):
    """The bids extension's closed bidStatus codelist, as far as Bundel uses it."""

    PENDING = "pending"  # submitted, not yet evaluated
    VALID = "valid"  # evaluated


# --- what is published ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Identifier:
    scheme: str
    id: str
    legal_name: str = ""


@dataclass(frozen=True)
class Address:
    street: str = ""
    postcode: str = ""
    city: str = ""


@dataclass(frozen=True)
class Organisation:
    """A party: the cooperative, a participating board or a supplier. `id` is local to the
    release and stable (e.g. `board-41775`); the roles follow from where it appears."""

    id: str
    name: str
    identifier: Identifier | None = None
    additional_identifiers: tuple[Identifier, ...] = ()
    address: Address | None = None
    email: str = ""


@dataclass(frozen=True)
class Lot:
    id: str
    title: str
    description: str = ""
    awarded: bool = False


@dataclass(frozen=True)
class Criterion:
    """TEN-4: an award criterion with its weight (price, or quality with its maximum points)."""

    name: str
    weight: Decimal
    is_price: bool = False
    max_points: int = 10


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    document_type: str  # OCDS's open documentType codelist, e.g. technicalSpecifications
    description: str = ""
    url: str = ""
    published: datetime | None = None
    language: str = "nl"
    format: str = ""


@dataclass(frozen=True)
class Bid:
    """A bid, published only once the deadline has passed (TEN-5: sealed until then)."""

    id: str
    lot_id: str
    tenderer: Organisation
    date: datetime
    status: BidStatus
    unit_price: Decimal


@dataclass(frozen=True)
class Award:
    id: str
    lot_id: str
    supplier: Organisation
    date: datetime
    unit_price: Decimal
    bid_id: str = ""
    title: str = ""


@dataclass(frozen=True)
class Contract:
    id: str
    award_id: str
    lot_id: str
    title: str
    date_signed: datetime
    start: datetime
    end: datetime | None
    unit_price: Decimal


@dataclass(frozen=True)
class Tender:
    reference: str
    title: str
    status: TenderStatus
    product: str  # what is bought: the lots' item
    unit: str  # the unit the price is per, e.g. "leerling per jaar"
    description: str = ""
    published_at: datetime | None = None
    bid_deadline: datetime | None = None
    awarded_at: datetime | None = None
    contract_months: int | None = None
    lots: tuple[Lot, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    documents: tuple[Document, ...] = ()
    value: Decimal | None = None  # an estimated total, where known


@dataclass(frozen=True)
class TenderStages:
    """Everything published of one tender: the tender, its buyers, and — once they are
    published — its bids (None while sealed), awards and contracts."""

    tender: Tender
    procuring_entity: Organisation
    buyers: tuple[Organisation, ...] = ()
    bids: tuple[Bid, ...] | None = None
    awards: tuple[Award, ...] = ()
    contracts: tuple[Contract, ...] = ()
    contracted_at: datetime | None = None


@dataclass(frozen=True)
class Publisher:
    name: str
    kvk_number: str = ""
    uri: str = ""


@dataclass(frozen=True)
class PackageMeta:
    uri: str
    published: datetime
    publisher: Publisher
    ocid_prefix: str
    license: str = ""
    publication_policy: str = ""
    extensions: tuple[str, ...] = ()


# --- writing it -----------------------------------------------------------------------------------


def ocds_datetime(moment: datetime) -> str:
    """An OCDS date-time: ISO 8601 in UTC, to the second."""
    if moment.tzinfo is None:
        raise ValueError("OCDS dates need a time zone")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def months_later(moment: datetime, months: int) -> datetime:
    """The same day and time `months` later (the month's last day where it is shorter)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def _amount(value: Decimal) -> int | float:
    """A JSON number: whole amounts as integers, others as the nearest float."""
    return int(value) if value == value.to_integral_value() else float(value)


def _money(value: Decimal) -> dict[str, Any]:
    return {"amount": _amount(value), "currency": CURRENCY}


def _compact(data: Mapping[str, Any]) -> dict[str, Any]:
    """Leave out empty fields: OCDS asks not to publish empty strings, lists or objects."""
    return {k: v for k, v in data.items() if v is not None and v != "" and v != [] and v != {}}


def _identifier(identifier: Identifier) -> dict[str, Any]:
    return _compact(
        {"scheme": identifier.scheme, "id": identifier.id, "legalName": identifier.legal_name}
    )


def _reference(organisation: Organisation) -> dict[str, Any]:
    return {"id": organisation.id, "name": organisation.name}


def _party(organisation: Organisation, roles: Iterable[str]) -> dict[str, Any]:
    address = organisation.address
    if address is not None and not (address.street or address.postcode or address.city):
        address = None
    return _compact(
        {
            "id": organisation.id,
            "name": organisation.name,
            "identifier": _identifier(organisation.identifier) if organisation.identifier else None,
            "additionalIdentifiers": [_identifier(i) for i in organisation.additional_identifiers],
            "address": _compact(
                {
                    "streetAddress": address.street,
                    "postalCode": address.postcode,
                    "locality": address.city,
                    "countryName": COUNTRY,
                }
            )
            if address
            else None,
            "contactPoint": {"email": organisation.email} if organisation.email else None,
            "roles": list(roles),
        }
    )


def _parties(stages: TenderStages) -> list[dict[str, Any]]:
    """Each organisation once, with every role it has in this tender, in a stable order: the
    procuring entity, the buyers, then the tenderers and suppliers."""
    order: list[Organisation] = []
    roles: dict[str, list[str]] = {}

    def add(organisation: Organisation, role: str) -> None:
        if organisation.id not in roles:
            order.append(organisation)
            roles[organisation.id] = []
        if role not in roles[organisation.id]:
            roles[organisation.id].append(role)

    add(stages.procuring_entity, "procuringEntity")
    for buyer in stages.buyers:
        add(buyer, "buyer")
    for bid in stages.bids or ():
        add(bid.tenderer, "tenderer")
    for award in stages.awards:
        add(award.supplier, "supplier")
    return [_party(o, roles[o.id]) for o in order]


def _item(tender: Tender, lot_id: str, unit_price: Decimal | None = None) -> dict[str, Any]:
    unit: dict[str, Any] = {"name": tender.unit}
    if unit_price is not None:
        unit["value"] = _money(unit_price)
    return {"id": lot_id, "description": tender.product, "unit": unit, "relatedLot": lot_id}


def _percent(weight: Decimal) -> str:
    return f"{weight.normalize():f}%"


def award_criteria_details(criteria: Sequence[Criterion]) -> str:
    """TEN-4, TEN-5 in words (Dutch, like the rest of the data): the weights and the formulas."""
    parts = []
    for c in criteria:
        if c.is_price:
            parts.append(f"{c.name} {_percent(c.weight)} (laagste prijs ÷ geboden prijs × weging)")
        else:
            parts.append(
                f"{c.name} {_percent(c.weight)} (punten ÷ {c.max_points} × weging, "
                f"0 tot {c.max_points} punten)"
            )
    return "Beste prijs-kwaliteitverhouding: " + "; ".join(parts) + "."


def _document(document: Document) -> dict[str, Any]:
    return _compact(
        {
            "id": document.id,
            "documentType": document.document_type,
            "title": document.title,
            "description": document.description,
            "url": document.url,
            "datePublished": ocds_datetime(document.published) if document.published else None,
            "format": document.format,
            "language": document.language,
        }
    )


def _lot_status(tender: Tender, lot: Lot) -> str:
    return "complete" if lot.awarded else TENDER_STATUS[tender.status]


def _tender(stages: TenderStages) -> dict[str, Any]:
    tender = stages.tender
    criteria = list(tender.criteria)
    bids = stages.bids
    award_start = tender.bid_deadline if bids is not None else None
    return _compact(
        {
            "id": tender.reference,
            "title": tender.title,
            "description": tender.description,
            "status": TENDER_STATUS[tender.status],
            "procuringEntity": _reference(stages.procuring_entity),
            "items": [_item(tender, lot.id) for lot in tender.lots],
            "value": _money(tender.value) if tender.value is not None else None,
            "procurementMethod": "open",
            "mainProcurementCategory": "services",
            "awardCriteria": "ratedCriteria" if criteria else None,
            "awardCriteriaDetails": award_criteria_details(criteria) if criteria else None,
            "submissionMethod": ["electronicSubmission"],
            "tenderPeriod": _compact(
                {
                    "startDate": ocds_datetime(tender.published_at)
                    if tender.published_at
                    else None,
                    "endDate": ocds_datetime(tender.bid_deadline) if tender.bid_deadline else None,
                }
            ),
            "awardPeriod": _compact(
                {
                    "startDate": ocds_datetime(award_start) if award_start else None,
                    "endDate": ocds_datetime(tender.awarded_at) if tender.awarded_at else None,
                }
            ),
            "contractPeriod": {"durationInDays": round(tender.contract_months * 365 / 12)}
            if tender.contract_months
            else None,
            "numberOfTenderers": len({b.tenderer.id for b in bids}) if bids is not None else None,
            "tenderers": _unique_references(b.tenderer for b in bids) if bids else None,
            "documents": [_document(d) for d in tender.documents],
            "lots": [
                _compact(
                    {
                        "id": lot.id,
                        "title": lot.title,
                        "description": lot.description,
                        "status": _lot_status(tender, lot),
                    }
                )
                for lot in tender.lots
            ],
        }
    )


def _unique_references(organisations: Iterable[Organisation]) -> list[dict[str, Any]]:
    seen: dict[str, Organisation] = {}
    for organisation in organisations:
        seen.setdefault(organisation.id, organisation)
    return [_reference(o) for o in seen.values()]


def _bids(stages: TenderStages) -> dict[str, Any] | None:
    """The bids extension: statistics per lot and the details of each bid."""
    if stages.bids is None:
        return None
    tender = stages.tender
    statistics = [
        {
            "id": f"bids-{lot.id}",
            "measure": "bids",
            "value": sum(1 for b in stages.bids if b.lot_id == lot.id),
            "relatedLot": lot.id,
        }
        for lot in tender.lots
    ]
    details = [
        {
            "id": bid.id,
            "date": ocds_datetime(bid.date),
            "status": bid.status.value,
            "tenderers": [_reference(bid.tenderer)],
            "items": [_item(tender, bid.lot_id, bid.unit_price)],
            "relatedLots": [bid.lot_id],
        }
        for bid in stages.bids
    ]
    return _compact({"statistics": statistics, "details": details})


def _award(tender: Tender, award: Award) -> dict[str, Any]:
    return _compact(
        {
            "id": award.id,
            "title": award.title,
            "status": "active",
            "date": ocds_datetime(award.date),
            "suppliers": [_reference(award.supplier)],
            "items": [_item(tender, award.lot_id, award.unit_price)],
            "relatedLots": [award.lot_id],
            "relatedBids": [award.bid_id] if award.bid_id else None,
        }
    )


def _contract(tender: Tender, contract: Contract) -> dict[str, Any]:
    return _compact(
        {
            "id": contract.id,
            "awardID": contract.award_id,
            "title": contract.title,
            "status": "active",
            "period": _compact(
                {
                    "startDate": ocds_datetime(contract.start),
                    "endDate": ocds_datetime(contract.end) if contract.end else None,
                }
            ),
            "items": [_item(tender, contract.lot_id, contract.unit_price)],
            "dateSigned": ocds_datetime(contract.date_signed),
        }
    )


def release_tags(stages: TenderStages) -> list[str]:
    """The stages the release holds, on OCDS's closed releaseTag codelist."""
    if TENDER_STATUS[stages.tender.status] == "planning":
        return ["planning"]
    tags = ["tender"]
    if stages.awards:
        tags.append("award")
    if stages.contracts:
        tags.append("contract")
    return tags


def release_date(stages: TenderStages) -> datetime:
    """The moment of the latest stage published."""
    tender = stages.tender
    moments = [tender.published_at]
    if stages.bids is not None:
        moments.append(tender.bid_deadline)
    moments.extend(a.date for a in stages.awards)
    moments.extend(c.date_signed for c in stages.contracts)
    moments.append(stages.contracted_at if stages.contracts else None)
    known = [m for m in moments if m is not None]
    if not known:
        raise ValueError(f"tender {tender.reference} has nothing published")
    return max(known)


def release(stages: TenderStages, *, ocid_prefix: str) -> dict[str, Any]:
    """One tender's release: everything published of it so far."""
    tender = stages.tender
    date = release_date(stages)
    buyers = stages.buyers
    return _compact(
        {
            "ocid": f"{ocid_prefix}{tender.reference}",
            "id": f"{tender.reference}-{date.astimezone(UTC):%Y%m%dT%H%M%SZ}",
            "date": ocds_datetime(date),
            "tag": release_tags(stages),
            "initiationType": "tender",
            "language": "nl",
            "parties": _parties(stages),
            "buyer": _reference(buyers[0]) if len(buyers) == 1 else None,
            "tender": _tender(stages),
            "bids": _bids(stages),
            "awards": [_award(tender, a) for a in stages.awards],
            "contracts": [_contract(tender, c) for c in stages.contracts],
        }
    )


def release_package(tenders: Sequence[TenderStages], *, meta: PackageMeta) -> dict[str, Any]:
    """TEN-7: an OCDS 1.1.5 release package with one release per tender."""
    publisher = meta.publisher
    package = _compact(
        {
            "uri": meta.uri,
            "version": OCDS_VERSION,
            "extensions": list(meta.extensions),
            "publishedDate": ocds_datetime(meta.published),
            "publisher": _compact(
                {
                    "name": publisher.name,
                    "scheme": KVK_SCHEME if publisher.kvk_number else None,
                    "uid": publisher.kvk_number,
                    "uri": publisher.uri,
                }
            ),
            "license": meta.license,
            "publicationPolicy": meta.publication_policy,
        }
    )
    package["releases"] = [release(t, ocid_prefix=meta.ocid_prefix) for t in tenders]
    return package
