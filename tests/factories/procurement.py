"""Procurement test data: the seeded catalogue, member boards with locations, intent, and
tenders brought to each stage of their lifecycle through the services."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import time_machine

from bundel.accounts.roles import Role
from bundel.catalog import services as catalog_services
from bundel.catalog.models import Product
from bundel.procurement import domain, services
from bundel.procurement.models import Bid, Lot, Supplier, Tender
from bundel.registry.models import Board, Location
from tests.factories.billing import member
from tests.factories.registry import LocationFactory, SchoolFactory, StudentCountFactory

DEADLINE = datetime(2026, 12, 15, 12, tzinfo=UTC)
AFTER_DEADLINE = datetime(2026, 12, 16, 9, tzinfo=UTC)


def catalogue() -> None:
    catalog_services.catalog_seed()


def product(code: str = "wifi") -> Product:
    catalogue()
    return Product.objects.get(code=code)


def member_with_locations(staff: object, locations: int = 2, students: int = 300) -> Board:
    """A member board (membership since 2024) with `locations` locations of `students` each."""
    board = member(students, staff, date(2024, 2, 1))  # its first location, with `students`
    for _ in range(locations - 1):
        location = LocationFactory(school=SchoolFactory(board=board))
        StudentCountFactory(location=location, board=board, students=students)
    return board


def locations_of(board: Board) -> list[Location]:
    return list(Location.objects.filter(school__board=board).order_by("code"))


def intent(
    board: Board, product_: Product, *, units: Decimal = Decimal(10), year: int = 2027
) -> object:
    choices = [services.LocationChoice(location=loc, units=units) for loc in locations_of(board)]
    return services.intent_save(board=board, product=product_, start_year=year, locations=choices)


def tender_ready(
    product_: Product, *, fee: Decimal = Decimal("250.00"), room: Decimal = Decimal(10)
) -> Tender:
    """A tender in requirements with one lot, price 60 / quality 40, and a deadline."""
    tender = services.tender_create(
        product=product_,
        terms=services.TenderTerms(
            title=f"Aanbesteding {product_.name}",
            purchase_fee=fee,
            fee_free=False,
            contract_months=48,
            room=room,
            requirements="Programma van eisen: dekking in alle lokalen.",
            bid_deadline=DEADLINE,
        ),
    )
    services.lot_add(tender=tender, title="Heel Nederland")
    services.criteria_set(
        tender=tender,
        criteria=[
            services.CriterionData("price", "Prijs", Decimal(60), is_price=True),
            services.CriterionData(
                "quality", "Kwaliteit van de dienst", Decimal(40), max_points=10
            ),
        ],
    )
    services.tender_transition(tender=tender, target=domain.TenderStatus.REQUIREMENTS)
    return tender


def supplier(name: str, make_user: object) -> tuple[Supplier, object]:
    company = services.supplier_create(name=name, kvk_number="12345678")
    user = make_user(Role.SUPPLIER)  # type: ignore[operator]
    services.supplier_user_add(supplier=company, user=user)
    return company, user


def published_with_bids(
    product_: Product, make_user: object, **terms: object
) -> tuple[Tender, list[Bid]]:
    """Published on 1 December 2026; two suppliers bid before the deadline."""
    tender = tender_ready(product_, **terms)  # type: ignore[arg-type]
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=UTC), tick=False):
        services.tender_transition(tender=tender, target=domain.TenderStatus.PUBLISHED)
        lot = Lot.objects.get(tender=tender)
        bids = []
        for name, price in (("Netwerk BV", Decimal("30.00")), ("Wifi Groep", Decimal("25.00"))):
            company, user = supplier(name, make_user)
            bids.append(
                services.bid_submit(
                    lot=lot, supplier=company, price_per_unit=price,
                    answers={"quality": f"Plan van {name}"}, by=user,
                )
            )  # fmt: skip
    return tender, bids


def awarded(product_: Product, make_user: object, **terms: object) -> Tender:
    """Bids scored 8 and 5 after the deadline: 30.00 × 60 … the cheaper wins; awarded."""
    tender, bids = published_with_bids(product_, make_user, **terms)
    with time_machine.travel(AFTER_DEADLINE, tick=False):
        services.tender_transition(tender=tender, target=domain.TenderStatus.BIDDING_CLOSED)
        quality = tender.criteria.get(key="quality")
        for bid, points in zip(bids, (Decimal(8), Decimal(5)), strict=True):
            services.bid_points_set(bid=bid, criterion=quality, points=points)
        services.tender_transition(tender=tender, target=domain.TenderStatus.EVALUATED)
        services.lot_award(lot=Lot.objects.get(tender=tender))
    tender.refresh_from_db()
    return tender
