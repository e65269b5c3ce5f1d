"""The catalogue and procurement over the API: the catalogue, a board's intent, the bundled
demand, tenders with their lots and criteria, suppliers' sealed bids, evaluation and award,
participation with the purchase fee, late joins and price effects; and who may see or do what
(ACC-1, ACC-2). Sealed bids (TEN-5): before the deadline no answer — API or Django admin — shows
a bid's price or answers to staff or another supplier."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from bundel.accounts.roles import Role
from bundel.billing.models import Charge
from bundel.procurement import domain, services
from bundel.procurement.models import (
    Award,
    Bid,
    BidPoints,
    Criterion,
    Intent,
    IntentLocation,
    Lot,
    Participation,
    Tender,
    TenderTransition,
    UnmetDemand,
)
from bundel.registry.models import Board
from bundel.shared.models import AuditEvent
from tests.factories import procurement as f

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 11, 24, 10, tzinfo=UTC)
BIDDING = datetime(2026, 12, 10, 9, tzinfo=UTC)  # published, before the deadline
LATER = datetime(2027, 1, 11, 9, tzinfo=UTC)  # after the award

SECRET_PRICE = "31.4159"
SECRET_ANSWER = "GEHEIM-ANTWOORD"

CATALOGUE = reverse("api:v1:catalogue")
INTENTS = reverse("api:v1:procurement-intent-list")
DEMAND = reverse("api:v1:procurement-demand-list")
TENDERS = reverse("api:v1:procurement-tender-list")
OWN_BIDS = reverse("api:v1:procurement-bid-list")
PARTICIPATIONS = reverse("api:v1:procurement-participation-list")
JOINS = reverse("api:v1:procurement-join")
PRICE_EFFECTS = reverse("api:v1:procurement-price-effects")


def tender_url(reference: str, action: str = "") -> str:
    name = f"procurement-tender-{action}" if action else "procurement-tender-detail"
    return reverse(f"api:v1:{name}", kwargs={"reference": reference})


def intent_url(code: str) -> str:
    return reverse("api:v1:procurement-intent-detail", kwargs={"code": code})


def participation_url(reference: str, action: str) -> str:
    return reverse(f"api:v1:procurement-participation-{action}", kwargs={"reference": reference})


@pytest.fixture(autouse=True)
def _dutch_on_a_fixed_day() -> Iterator[None]:
    cache.clear()
    with translation.override(settings.LANGUAGE_CODE), time_machine.travel(TODAY, tick=False):
        yield
    cache.clear()


@pytest.fixture
def client_for() -> Callable[[object], APIClient]:
    def make(user: object) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def buyer(make_user: Callable[..., Any]) -> Any:
    """Procurement staff: run tenders (procurement.manage_tenders)."""
    return make_user(Role.PROCUREMENT, username="inkoop")


@pytest.fixture
def administrator(make_user: Callable[..., Any]) -> Any:
    return make_user(Role.ADMINISTRATOR, username="beheerder")


@pytest.fixture
def finance(make_user: Callable[..., Any]) -> Any:
    return make_user(Role.FINANCE, username="financien")


@dataclass
class World:
    wifi: Any
    a: Board  # 2 locations of 300 students
    b: Board  # 1 location of 500 students
    rep_a: APIClient
    rep_b: APIClient
    buyer: APIClient
    finance: APIClient


@pytest.fixture
def world(
    buyer: Any, finance: Any, make_user: Callable[..., Any], client_for: Callable[..., APIClient]
) -> World:
    wifi = f.product("wifi")
    a = f.member_with_locations(buyer, locations=2, students=300)
    b = f.member_with_locations(buyer, locations=1, students=500)
    rep_a = make_user(Role.MEMBER_REPRESENTATIVE, board=a, username="bestuur-a")
    rep_b = make_user(Role.MEMBER_REPRESENTATIVE, board=b, username="bestuur-b")
    return World(
        wifi, a, b, client_for(rep_a), client_for(rep_b), client_for(buyer), client_for(finance)
    )


@pytest.fixture
def published(world: World) -> Tender:
    """The wifi tender, published on 1 December 2026 with its deadline on 15 December."""
    tender = f.tender_ready(world.wifi)
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=UTC), tick=False):
        services.tender_transition(tender=tender, target=domain.TenderStatus.PUBLISHED)
    return tender


@pytest.fixture
def awarded(world: World, make_user: Callable[..., Any]) -> Tender:
    """Boards A (20 units, 2 locations) and B (10 units) registered intent; the tender was
    awarded to Netwerk BV at 30.00 with room for 10 late units; A and B are asked to confirm."""
    f.intent(world.a, world.wifi)
    f.intent(world.b, world.wifi)
    return f.awarded(world.wifi, make_user, room=Decimal(10))


def codes(board: Board) -> list[str]:
    return [location.code for location in f.locations_of(board)]


def intent_body(of: Board, **changes: Any) -> dict[str, Any]:
    body = {
        "start_year": 2027,
        "locations": [{"location": code, "units": "8"} for code in codes(of)],
        "note": "",
    }
    return {**body, **changes}


def written() -> tuple[int, ...]:
    """What a refused request must leave as it was."""
    return (
        Intent.objects.count(),
        IntentLocation.objects.count(),
        Participation.objects.count(),
        UnmetDemand.objects.count(),
        Charge.objects.count(),
        TenderTransition.objects.count(),
        AuditEvent.objects.count(),
    )


# Catalogue -----------------------------------------------------------------------------------


@pytest.mark.rule("CAT-3")
def test_the_catalogue_shows_groups_products_options_requirements_and_status(
    world: World, make_user: Callable[..., Any], client_for: Callable[..., APIClient]
) -> None:
    _, supplier_user = f.supplier("Netwerk BV", make_user)
    for client in (world.rep_a, world.finance, client_for(supplier_user)):
        response = client.get(CATALOGUE)
        assert response.status_code == 200, response.content
    groups = {group["code"]: group for group in response.json()}
    assert list(groups)[:2] == ["external_connectivity", "wifi"]  # the spec's order (CAT-1)
    devices = groups["devices"]
    assert (devices["status"], devices["interest_group"]) == (
        "exploration",
        "SIG Devices en beheer",
    )
    [connectivity, _colocation] = sorted(
        groups["external_connectivity"]["products"], key=lambda p: p["code"] != "connectivity"
    )
    assert connectivity["requires"] == ["security-basic"]  # CAT-3
    assert connectivity["pricing_unit"] == "per_location"
    assert connectivity["delivery_model"] == "as_a_service"
    assert connectivity["options"] == [
        {
            "code": "bandwidth",
            "label": "Bandbreedte (Mbit/s)",
            "choices": ["100", "500", "1000"],
            "counts_units": False,
        }
    ]
    product = world.rep_a.get(reverse("api:v1:catalogue-product", kwargs={"code": "wifi"}))
    assert product.json()["options"][0]["counts_units"] is True
    missing = world.rep_a.get(reverse("api:v1:catalogue-product", kwargs={"code": "nope"}))
    assert missing.status_code == 404


# Intent (TEN-1) ------------------------------------------------------------------------------


@pytest.mark.rule("TEN-1")
def test_a_representative_registers_changes_and_withdraws_its_own_boards_intent(
    world: World,
) -> None:
    body = {"product": "wifi", **intent_body(world.a)}
    created = world.rep_a.post(INTENTS, body, format="json")
    assert created.status_code == 201, created.content
    intent = created.json()
    assert (intent["product"], intent["start_year"], intent["changeable"]) == ("wifi", 2027, True)
    assert [row["location"] for row in intent["locations"]] == codes(world.a)
    assert {row["units"] for row in intent["locations"]} == {"8"}

    one = codes(world.a)[:1]
    replaced = world.rep_a.put(
        intent_url("wifi"),
        intent_body(world.a, start_year=2028, locations=[{"location": one[0], "units": "12.5"}]),
        format="json",
    )
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()["start_year"] == 2028
    assert replaced.json()["locations"][0]["units"] == "12.5"

    world.rep_b.put(intent_url("wifi"), intent_body(world.b), format="json")
    mine = world.rep_a.get(INTENTS).json()
    assert mine["count"] == 1
    assert [row["location"] for row in mine["results"][0]["locations"]] == one
    assert world.rep_a.get(intent_url("wifi")).json()["start_year"] == 2028

    assert world.rep_a.delete(intent_url("wifi")).status_code == 204
    assert world.rep_a.get(intent_url("wifi")).status_code == 404
    assert Intent.objects.filter(board=world.b).exists()  # B's own is untouched


@pytest.mark.rule("TEN-1")
@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda w: {"start_year": 2029}, "procurement.intent_year"),  # 2026 … 2028
        (lambda w: {"start_year": 2025}, "procurement.intent_year"),
        (
            lambda w: {"locations": [{"location": codes(w.b)[0]}]},  # another board's
            "procurement.location_not_of_board",
        ),
        (lambda w: {"locations": [{"location": "99ZZ99"}]}, "procurement.location_not_of_board"),
        (lambda w: {"locations": []}, "procurement.intent_needs_locations"),
        (
            lambda w: {"locations": [{"location": codes(w.a)[0], "options": {"kleur": "rood"}}]},
            "procurement.unknown_option",
        ),
        (
            lambda w: {"locations": [{"location": codes(w.a)[0], "units": "0"}]},
            "procurement.units_positive",
        ),
    ],
)
def test_refused_intent_is_409_with_its_code_and_writes_nothing(
    world: World, change: Callable[[World], dict[str, Any]], code: str
) -> None:
    world.rep_a.put(intent_url("wifi"), intent_body(world.a), format="json")
    before = written()
    response = world.rep_a.put(
        intent_url("wifi"), intent_body(world.a, **change(world)), format="json"
    )
    assert response.status_code == 409, response.content
    assert response.json()["code"] == code
    assert written() == before


@pytest.mark.rule("TEN-1")
def test_intent_is_locked_once_the_tender_is_published(world: World) -> None:
    world.rep_a.put(intent_url("wifi"), intent_body(world.a), format="json")
    tender = f.tender_ready(world.wifi)
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=UTC), tick=False):
        services.tender_transition(tender=tender, target=domain.TenderStatus.PUBLISHED)
        before = written()
        changed = world.rep_a.put(intent_url("wifi"), intent_body(world.a), format="json")
        withdrawn = world.rep_a.delete(intent_url("wifi"))
        listed = world.rep_a.get(INTENTS).json()["results"][0]
    for response in (changed, withdrawn):
        assert response.status_code == 409
        assert response.json()["code"] == "procurement.intent_locked"
        assert tender.reference in response.json()["message"]
    assert listed["changeable"] is False
    assert written() == before


def test_intent_is_the_representatives_own_boards_only(
    world: World, make_user: Callable[..., Any], client_for: Callable[..., APIClient]
) -> None:
    named = world.rep_a.put(
        intent_url("wifi"), intent_body(world.a, board=world.b.number), format="json"
    )
    assert named.status_code == 400
    assert "board" in named.json()["fields"]
    _, supplier_user = f.supplier("Netwerk BV", make_user)
    for client in (world.buyer, world.finance, client_for(supplier_user)):
        assert client.get(INTENTS).status_code == 403
        response = client.put(intent_url("wifi"), intent_body(world.a), format="json")
        assert response.status_code == 403
    assert not Intent.objects.exists()


def test_intent_for_a_product_in_exploration_is_refused(world: World) -> None:
    from bundel.catalog import services as catalog_services
    from bundel.catalog.domain import DeliveryModel, PricingUnit
    from bundel.catalog.models import ProductGroup

    catalog_services.product_save(
        data=catalog_services.ProductData(
            group=ProductGroup.objects.get(code="devices"), code="laptop", name="Laptop",
            delivery_model=DeliveryModel.AS_A_SERVICE, pricing_unit=PricingUnit.PER_UNIT,
        )
    )  # fmt: skip
    response = world.rep_a.put(intent_url("laptop"), intent_body(world.a), format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "catalog.not_available"


# Demand (TEN-2) ------------------------------------------------------------------------------


@pytest.mark.rule("TEN-2")
def test_demand_is_shown_as_aggregates_never_naming_another_board(world: World) -> None:
    f.intent(world.a, world.wifi, units=Decimal(10), year=2027)  # 2 locations, 600 students
    f.intent(world.b, world.wifi, units=Decimal(4), year=2028)  # 1 location, 500 students
    url = reverse("api:v1:procurement-demand-detail", kwargs={"code": "wifi"})
    for client in (world.rep_a, world.buyer, world.finance):
        response = client.get(url)
        assert response.status_code == 200, response.content
    demand = response.json()
    assert (demand["boards"], demand["locations"], demand["students"], demand["units"]) == (
        2, 3, 1100, "24",
    )  # fmt: skip
    assert demand["years"] == [
        {"year": 2027, "boards": 1, "locations": 2, "students": 600, "units": "20",
         "cumulative_students": 600},
        {"year": 2028, "boards": 1, "locations": 1, "students": 500, "units": "4",
         "cumulative_students": 1100},
    ]  # fmt: skip
    assert demand["share"] == round(100 * 1100 / demand["national_students"], 2)
    assert demand["unmet_units"] == "0"

    everything = world.rep_a.get(DEMAND)
    assert everything.status_code == 200
    assert "wifi" in [row["product"] for row in everything.json()]
    for body in (world.rep_a.get(url).content.decode(), everything.content.decode()):
        for board in (world.a, world.b):
            assert board.number not in body
            assert board.name not in body
        for code in codes(world.a) + codes(world.b):
            assert code not in body


# Tenders (TEN-3, TEN-4) ----------------------------------------------------------------------


@pytest.mark.rule("TEN-3")
def test_staff_create_a_tender_set_it_up_and_publish_it(world: World) -> None:
    created = world.buyer.post(
        TENDERS,
        {"product": "wifi", "title": "Wifi 2027", "purchase_fee": "250.00", "room": "10"},
        format="json",
    )
    assert created.status_code == 201, created.content
    tender = created.json()["tender"]
    reference = tender["reference"]
    assert (reference, tender["status"], tender["distribution_key"]) == (
        "BND-2026-001", "draft", "per_unit",
    )  # fmt: skip
    lot = world.buyer.post(
        tender_url(reference, "lots"), {"title": "Heel Nederland"}, format="json"
    )
    assert (lot.status_code, lot.json()["number"]) == (201, 1)
    criteria = world.buyer.put(
        tender_url(reference, "criteria"),
        {"criteria": [
            {"key": "price", "name": "Prijs", "weight": "60", "is_price": True},
            {"key": "quality", "name": "Kwaliteit", "weight": "40", "max_points": 10},
        ]},
        format="json",
    )  # fmt: skip
    assert criteria.status_code == 200, criteria.content
    terms = world.buyer.put(
        tender_url(reference),
        {"title": "Wifi 2027", "purchase_fee": "250.00", "room": "10",
         "requirements": "Dekking in alle lokalen.", "bid_deadline": "2026-12-15T12:00:00Z"},
        format="json",
    )  # fmt: skip
    assert terms.status_code == 200, terms.content
    for target in ("requirements", "published"):
        moved = world.buyer.post(tender_url(reference, "transition"), {"target": target})
        assert moved.status_code == 200, moved.content
    detail = world.rep_a.get(tender_url(reference)).json()
    assert detail["tender"]["status"] == "published"
    assert (detail["tender"]["room_left"], detail["tender"]["participants"]) == ("10", 0)
    assert [c["key"] for c in detail["criteria"]] == ["price", "quality"]
    assert detail["lots"] == [{"number": 1, "title": "Heel Nederland", "description": ""}]
    assert detail["requirements"] == "Dekking in alle lokalen."
    assert (detail["bids_sealed"], detail["bid_count"]) == (True, None)
    assert world.buyer.get(tender_url(reference)).json()["bid_count"] == 0


@pytest.mark.rule("TEN-3")
def test_members_and_suppliers_see_a_tender_only_once_published(
    world: World, make_user: Callable[..., Any], client_for: Callable[..., APIClient]
) -> None:
    tender = f.tender_ready(world.wifi)  # in requirements
    _, supplier_user = f.supplier("Netwerk BV", make_user)
    outsiders = (world.rep_a, client_for(supplier_user))
    for client in outsiders:
        assert client.get(TENDERS).json()["count"] == 0
        assert client.get(tender_url(tender.reference)).status_code == 404
    assert world.finance.get(TENDERS).json()["count"] == 1
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=UTC), tick=False):
        services.tender_transition(tender=tender, target=domain.TenderStatus.PUBLISHED)
        for client in outsiders:
            listed = client.get(TENDERS, {"status": "published", "product": "wifi"}).json()
            assert [t["reference"] for t in listed["results"]] == [tender.reference]


@pytest.mark.rule("TEN-3")
def test_an_illegal_transition_is_refused_and_nothing_is_written(
    world: World, published: Tender
) -> None:
    before = written()
    for target in ("awarded", "requirements", "evaluated"):
        response = world.buyer.post(
            tender_url(published.reference, "transition"), {"target": target}
        )
        assert response.status_code == 409
        assert response.json()["code"] == "procurement.illegal_transition"
    early = world.buyer.post(
        tender_url(published.reference, "transition"), {"target": "bidding_closed"}
    )
    assert early.json()["code"] == "procurement.deadline_not_passed"
    draft = world.buyer.post(tender_url(published.reference, "transition"), {"target": "draft"})
    assert draft.status_code == 400
    fixed = world.buyer.post(tender_url(published.reference, "lots"), {"title": "Nog een"})
    assert fixed.json()["code"] == "procurement.terms_fixed"
    assert written() == before
    assert Tender.objects.get().status == "published"


@pytest.mark.rule("TEN-4")
def test_criteria_whose_weights_do_not_add_up_are_refused(world: World) -> None:
    tender = f.tender_ready(world.wifi)
    response = world.buyer.put(
        tender_url(tender.reference, "criteria"),
        {"criteria": [
            {"key": "price", "name": "Prijs", "weight": "50", "is_price": True},
            {"key": "quality", "name": "Kwaliteit", "weight": "40"},
        ]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 409
    assert response.json()["code"] == "procurement.weights_total"
    assert list(Criterion.objects.values_list("key", "weight")) == [
        ("price", Decimal(60)), ("quality", Decimal(40)),
    ]  # fmt: skip


def test_finance_staff_read_tenders_but_do_not_run_them(world: World, published: Tender) -> None:
    reference = published.reference
    assert world.finance.get(TENDERS).status_code == 200
    assert world.finance.get(tender_url(reference)).status_code == 200
    assert world.finance.get(tender_url(reference, "awards")).status_code == 200
    assert world.finance.get(DEMAND).status_code == 200
    before = written()
    refused = [
        world.finance.post(TENDERS, {"product": "wifi", "title": "X"}, format="json"),
        world.finance.put(tender_url(reference), {"title": "X"}, format="json"),
        world.finance.post(tender_url(reference, "transition"), {"target": "bidding_closed"}),
        world.finance.post(tender_url(reference, "lots"), {"title": "X"}),
        world.finance.put(tender_url(reference, "criteria"), {"criteria": []}, format="json"),
        world.finance.get(tender_url(reference, "bids")),
        world.finance.post(
            tender_url(reference, "scores"), {"bid": 1, "criterion": "q", "points": 1}
        ),
        world.finance.get(tender_url(reference, "scoring-sheet")),
        world.finance.post(tender_url(reference, "awards"), {"lot": 1}),
        world.finance.post(
            tender_url(reference, "price-changes"),
            {"lot": 1, "effective_on": "2027-01-01", "percent": "5"},
        ),
    ]
    assert [r.status_code for r in refused] == [403] * len(refused)
    assert written() == before


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", CATALOGUE),
        ("get", INTENTS),
        ("post", INTENTS),
        ("put", intent_url("wifi")),
        ("delete", intent_url("wifi")),
        ("get", DEMAND),
        ("get", TENDERS),
        ("post", TENDERS),
        ("get", tender_url("BND-2026-001")),
        ("get", tender_url("BND-2026-001", "bids")),
        ("post", tender_url("BND-2026-001", "bids")),
        ("get", tender_url("BND-2026-001", "awards")),
        ("get", tender_url("BND-2026-001", "scoring-sheet")),
        ("get", OWN_BIDS),
        ("get", PARTICIPATIONS),
        ("post", participation_url("BND-2026-001", "confirm")),
        ("post", JOINS),
        ("get", PRICE_EFFECTS),
    ],
)
def test_anonymous_requests_are_401(method: str, path: str) -> None:
    response = getattr(APIClient(), method)(path, {}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


# Bids (TEN-5) --------------------------------------------------------------------------------


def bid_body(price: str = "27.50", answer: str = "Ons plan") -> dict[str, Any]:
    return {"lot": 1, "price_per_unit": price, "answers": {"quality": answer}}


@pytest.mark.rule("TEN-5")
def test_a_supplier_bids_once_per_lot_and_sees_only_its_own_bids(
    published: Tender, make_user: Callable[..., Any], client_for: Callable[..., APIClient]
) -> None:
    _, x_user = f.supplier("Netwerk BV", make_user)
    _, y_user = f.supplier("Wifi Groep", make_user)
    x, y = client_for(x_user), client_for(y_user)
    url = tender_url(published.reference, "bids")
    with time_machine.travel(BIDDING, tick=False):
        response = x.post(url, bid_body(), format="json")
        assert response.status_code == 201, response.content
        bid = response.json()
        assert (bid["tender"], bid["lot"], bid["price_per_unit"]) == (
            published.reference, 1, "27.50",
        )  # fmt: skip
        assert (bid["answers"], bid["awarded"]) == ({"quality": "Ons plan"}, False)
        assert y.post(url, bid_body("26.00"), format="json").status_code == 201
        before = Bid.objects.count()
        twice = x.post(url, bid_body("20.00"), format="json")
        assert (twice.status_code, twice.json()["code"]) == (409, "procurement.bid_twice")
        unanswered = y.post(url, {**bid_body(), "answers": {}}, format="json")
        assert unanswered.json()["code"] == "procurement.answers_missing"
        naming = x.post(url, {**bid_body(), "supplier": "Wifi Groep"}, format="json")
        assert naming.status_code == 400
        assert Bid.objects.count() == before
        own = x.get(OWN_BIDS).json()
        assert [(b["price_per_unit"], b["lot"]) for b in own["results"]] == [("27.50", 1)]
        assert x.get(OWN_BIDS, {"tender": "BND-0000-000"}).json()["count"] == 0
        assert x.get(url).status_code == 403  # the tender's bids are for staff
    with time_machine.travel(f.AFTER_DEADLINE, tick=False):
        _, z_user = f.supplier("Laat BV", make_user)
        late = client_for(z_user).post(url, bid_body(), format="json")
        assert late.status_code == 409
        assert late.json()["code"] == "procurement.deadline_passed"


def test_a_supplier_account_without_a_company_and_non_suppliers_cannot_bid(
    world: World,
    published: Tender,
    make_user: Callable[..., Any],
    client_for: Callable[..., APIClient],
) -> None:
    loose = client_for(make_user(Role.SUPPLIER, username="los"))
    url = tender_url(published.reference, "bids")
    with time_machine.travel(BIDDING, tick=False):
        assert loose.post(url, bid_body(), format="json").status_code == 403
        assert loose.get(OWN_BIDS).status_code == 403
        for client in (world.rep_a, world.buyer):
            assert client.post(url, bid_body(), format="json").status_code == 403
            assert client.get(OWN_BIDS).status_code == 403
    assert not Bid.objects.exists()


@pytest.mark.rule("TEN-5")
def test_before_the_deadline_no_api_answer_shows_a_bids_price_or_answers(
    world: World,
    published: Tender,
    administrator: Any,
    buyer: Any,
    finance: Any,
    make_user: Callable[..., Any],
    client_for: Callable[..., APIClient],
) -> None:
    _, x_user = f.supplier("Geheim BV", make_user)
    _, y_user = f.supplier("Concurrent BV", make_user)
    reference = published.reference
    bids_url = tender_url(reference, "bids")
    readable = [
        CATALOGUE,
        TENDERS,
        tender_url(reference),
        bids_url,
        tender_url(reference, "scoring-sheet"),
        tender_url(reference, "awards"),
        DEMAND,
        OWN_BIDS,
        PARTICIPATIONS,
        PRICE_EFFECTS,
    ]
    with time_machine.travel(BIDDING, tick=False):
        submitted = client_for(x_user).post(
            bids_url, bid_body(SECRET_PRICE, SECRET_ANSWER), format="json"
        )
        assert submitted.status_code == 201
        assert submitted.json()["price_per_unit"] == SECRET_PRICE  # its own author sees it
        readers = {
            "administrator": client_for(administrator),
            "procurement": client_for(buyer),
            "finance": client_for(finance),
            "another supplier": client_for(y_user),
            "representative": world.rep_a,
        }
        for who, client in readers.items():
            for path in readable:
                body = client.get(path).content.decode()
                assert SECRET_PRICE not in body, (who, path)
                assert SECRET_ANSWER not in body, (who, path)
        for user in (administrator, buyer):
            for path in (bids_url, tender_url(reference, "scoring-sheet")):
                sealed = client_for(user).get(path)
                assert sealed.status_code == 409
                assert sealed.json()["code"] == "procurement.bids_sealed"
        assert client_for(buyer).get(tender_url(reference)).json()["bid_count"] == 1
    assert SECRET_PRICE not in str(list(AuditEvent.objects.values()))
    assert SECRET_ANSWER not in str(list(AuditEvent.objects.values()))

    with time_machine.travel(f.AFTER_DEADLINE, tick=False):
        for user in (administrator, buyer):
            opened = client_for(user).get(bids_url)
            assert opened.status_code == 200, opened.content
            [bid] = opened.json()
            assert (bid["supplier"], bid["price_per_unit"]) == ("Geheim BV", SECRET_PRICE)
            assert bid["answers"] == {"quality": SECRET_ANSWER}
        other = client_for(y_user)
        for path in (bids_url, OWN_BIDS, tender_url(reference), tender_url(reference, "awards")):
            body = other.get(path).content.decode()
            assert SECRET_PRICE not in body
            assert SECRET_ANSWER not in body
        assert other.get(bids_url).status_code == 403


@pytest.mark.rule("TEN-5")
def test_the_django_admin_shows_no_bid(
    published: Tender, administrator: Any, make_user: Callable[..., Any]
) -> None:
    for model in (Bid, BidPoints, Award):
        assert not admin.site.is_registered(model)
    company, supplier_user = f.supplier("Geheim BV", make_user)
    with time_machine.travel(BIDDING, tick=False):
        services.bid_submit(
            lot=Lot.objects.get(tender=published), supplier=company,
            price_per_unit=Decimal(SECRET_PRICE), answers={"quality": SECRET_ANSWER},
            by=supplier_user,
        )  # fmt: skip
        browser = Client()
        browser.force_login(administrator)
        index = browser.get(reverse("admin:index"))
        assert index.status_code == 200
        assert "/procurement/bid/" not in index.content.decode()
        assert browser.get("/beheer/django/procurement/bid/").status_code == 404
        assert (
            browser.get(
                f"/beheer/django/procurement/bid/{Bid.objects.get().pk}/change/"
            ).status_code
            == 404
        )
        audit = browser.get(reverse("admin:shared_auditevent_changelist"))
        assert audit.status_code == 200
        for event in AuditEvent.objects.filter(action="procurement.bid.submitted"):
            page = browser.get(reverse("admin:shared_auditevent_change", args=[event.pk]))
            assert page.status_code == 200
            assert SECRET_PRICE not in page.content.decode()
            assert SECRET_ANSWER not in page.content.decode()
        assert SECRET_PRICE not in audit.content.decode()


# Evaluation and award (TEN-5) ----------------------------------------------------------------


@pytest.mark.rule("TEN-5")
def test_staff_score_evaluate_and_award_after_the_deadline(
    world: World, make_user: Callable[..., Any], client_for: Callable[..., APIClient]
) -> None:
    f.intent(world.a, world.wifi)
    tender, bids = f.published_with_bids(world.wifi, make_user)  # 30.00 and 25.00
    reference = tender.reference
    with time_machine.travel(BIDDING, tick=False):
        early = world.buyer.post(
            tender_url(reference, "scores"),
            {"bid": bids[0].pk, "criterion": "quality", "points": 8},
        )
        assert early.json()["code"] == "procurement.scoring_closed"
    with time_machine.travel(f.AFTER_DEADLINE, tick=False):
        closed = world.buyer.post(tender_url(reference, "transition"), {"target": "bidding_closed"})
        assert closed.json()["tender"]["status"] == "bidding_closed"
        unscored = world.buyer.get(tender_url(reference, "scoring-sheet"))
        assert (unscored.status_code, unscored.json()["code"]) == (409, "procurement.unscored")
        out_of_range = world.buyer.post(
            tender_url(reference, "scores"),
            {"bid": bids[0].pk, "criterion": "quality", "points": 11},
        )
        assert out_of_range.json()["code"] == "procurement.points_range"
        price = world.buyer.post(
            tender_url(reference, "scores"), {"bid": bids[0].pk, "criterion": "price", "points": 1}
        )
        assert price.json()["code"] == "procurement.not_a_quality_criterion"
        for bid, points in zip(bids, ("8", "5"), strict=True):
            scored = world.buyer.post(
                tender_url(reference, "scores"),
                {"bid": bid.pk, "criterion": "quality", "points": points, "reasoning": "Goed"},
            )
            assert scored.status_code == 200, scored.content
            assert (scored.json()["criterion"], scored.json()["points"]) == ("quality", points)
        [sheet] = world.buyer.get(tender_url(reference, "scoring-sheet")).json()
        # Netwerk BV 30.00 with 8 points: 25/30 × 60 = 50.00 + 32.00 → 82.00; Wifi Groep 80.00
        assert [(b["supplier"], b["total"], b["rank"]) for b in sheet["bids"]] == [
            ("Netwerk BV", "82", 1), ("Wifi Groep", "80", 2),
        ]  # fmt: skip
        assert sheet["proposal"] == str(bids[0].pk)
        bids_seen = world.buyer.get(tender_url(reference, "bids")).json()
        assert [b["points"][0]["points"] for b in bids_seen] == ["8", "5"]
        evaluated = world.buyer.post(tender_url(reference, "transition"), {"target": "evaluated"})
        assert evaluated.status_code == 200, evaluated.content
        assert world.rep_a.get(tender_url(reference, "awards")).json() == []
        not_highest = world.buyer.post(
            tender_url(reference, "awards"), {"lot": 1, "bid": bids[1].pk}
        )
        assert not_highest.json()["code"] == "procurement.award_not_highest"
        award = world.buyer.post(tender_url(reference, "awards"), {"lot": 1})
        assert award.status_code == 201, award.content
        assert (award.json()["supplier"], award.json()["price_per_unit"]) == ("Netwerk BV", "30.00")
        assert award.json()["scores"]["proposal"] == str(bids[0].pk)
        again = world.buyer.post(tender_url(reference, "awards"), {"lot": 1})
        assert again.json()["code"] == "procurement.not_evaluated"  # the tender is awarded
    public = world.rep_a.get(tender_url(reference, "awards")).json()
    assert [(a["lot"], a["supplier"], a["scores"]) for a in public] == [(1, "Netwerk BV", None)]
    assert world.rep_a.get(tender_url(reference)).json()["tender"]["status"] == "awarded"
    [invited] = world.rep_a.get(PARTICIPATIONS).json()["results"]
    assert (invited["tender"], invited["status"], invited["units"]) == (reference, "invited", "20")
    own = client_for(bids[0].submitted_by).get(OWN_BIDS).json()["results"]
    assert [b["awarded"] for b in own] == [True]


# Participation, late joins, price effects (TEN-1, TEN-6, TEN-8, FEE-2) -----------------------


@pytest.mark.rule("FEE-2")
def test_confirming_participation_charges_the_purchase_fee_once(
    world: World, awarded: Tender
) -> None:
    reference = awarded.reference
    with time_machine.travel(LATER, tick=False):
        confirmed = world.rep_a.post(participation_url(reference, "confirm"))
        assert confirmed.status_code == 200, confirmed.content
        assert (confirmed.json()["status"], confirmed.json()["board"]) == (
            "confirmed",
            world.a.number,
        )
        assert confirmed.json()["purchase_fee"] == "250.00"
        before = written()
        again = world.rep_a.post(participation_url(reference, "confirm"))
        assert (again.status_code, again.json()["code"]) == (409, "procurement.not_invited")
        assert written() == before
        declined = world.rep_b.post(participation_url(reference, "decline"))
        assert declined.json()["status"] == "declined"
    charge = Charge.objects.get()
    assert (charge.board_id, charge.kind, charge.unit_price, charge.billing_period) == (
        world.a.pk, "purchase_fee", Decimal("250.00"), "2027-01",
    )  # fmt: skip
    mine = world.rep_a.get(PARTICIPATIONS).json()["results"]
    assert [(p["board"], p["status"]) for p in mine] == [(world.a.number, "confirmed")]
    everyone = world.buyer.get(PARTICIPATIONS, {"tender": reference}).json()["results"]
    assert {p["board"] for p in everyone} == {world.a.number, world.b.number}
    assert world.buyer.post(participation_url(reference, "confirm")).status_code == 403


def test_a_board_without_a_participation_gets_404(
    world: World,
    awarded: Tender,
    buyer: Any,
    make_user: Callable[..., Any],
    client_for: Callable[..., APIClient],
) -> None:
    c = f.member_with_locations(buyer, locations=1)
    rep_c = client_for(make_user(Role.MEMBER_REPRESENTATIVE, board=c))
    with time_machine.travel(LATER, tick=False):
        assert rep_c.post(participation_url(awarded.reference, "confirm")).status_code == 404
        assert rep_c.post(participation_url(awarded.reference, "decline")).status_code == 404
    assert rep_c.get(PARTICIPATIONS).json()["count"] == 0
    assert set(Participation.objects.values_list("status", flat=True)) == {"invited"}


@pytest.mark.rule("TEN-6")
def test_a_late_join_within_the_room_joins_and_a_larger_one_is_refused_and_recorded(
    world: World,
    awarded: Tender,
    buyer: Any,
    make_user: Callable[..., Any],
    client_for: Callable[..., APIClient],
) -> None:
    c = f.member_with_locations(buyer, locations=1)
    d = f.member_with_locations(buyer, locations=1)
    rep_c = client_for(make_user(Role.MEMBER_REPRESENTATIVE, board=c))
    rep_d = client_for(make_user(Role.MEMBER_REPRESENTATIVE, board=d))
    reference = awarded.reference
    with time_machine.travel(LATER, tick=False):
        joined = rep_c.post(
            JOINS, {"tender": reference, "units": "4", "locations": codes(c)}, format="json"
        )
        assert joined.status_code == 201, joined.content
        assert (joined.json()["late"], joined.json()["status"]) == (True, "confirmed")
        assert world.rep_a.get(tender_url(reference)).json()["tender"]["room_left"] == "6"

        before = written()
        foreign = rep_d.post(
            JOINS, {"tender": reference, "units": "1", "locations": codes(c)}, format="json"
        )
        assert foreign.json()["code"] == "procurement.location_not_of_board"
        named = rep_d.post(
            JOINS, {"tender": reference, "units": "1", "board": c.number}, format="json"
        )
        assert named.status_code == 400
        assert written() == before

        refused = rep_d.post(JOINS, {"tender": reference, "units": "7"}, format="json")
        assert refused.status_code == 409
        body = refused.json()
        assert body["code"] == "procurement.room_too_small"
        assert body["params"]["recorded_as_demand"] is True
        assert body["params"]["room_left"] == "6.00"
        assert "nog maar 6 over" in body["message"]
    demand = UnmetDemand.objects.get()  # kept as demand for a next tender
    assert (demand.board, demand.units, demand.tender) == (d, Decimal(7), awarded)
    assert not Participation.objects.filter(board=d).exists()
    assert Charge.objects.filter(board_id=c.pk, kind="purchase_fee").count() == 1  # FEE-2
    assert not Charge.objects.filter(board_id=d.pk).exists()
    unmet = world.rep_a.get(reverse("api:v1:procurement-demand-detail", kwargs={"code": "wifi"}))
    assert unmet.json()["unmet_units"] == "7"


@pytest.mark.rule("TEN-6")
def test_a_join_when_the_room_is_gone_is_refused_and_recorded(
    world: World, make_user: Callable[..., Any], client_for: Callable[..., APIClient]
) -> None:
    tender = f.awarded(world.wifi, make_user, room=Decimal(0))
    with time_machine.travel(LATER, tick=False):
        refused = world.rep_a.post(JOINS, {"tender": tender.reference, "units": "1"}, format="json")
        not_joinable = world.rep_a.post(
            JOINS, {"tender": "BND-0000-000", "units": "1"}, format="json"
        )
    assert (refused.status_code, refused.json()["code"]) == (409, "procurement.room_exhausted")
    assert refused.json()["params"]["recorded_as_demand"] is True
    assert UnmetDemand.objects.get().board == world.a
    assert not_joinable.status_code == 404


@pytest.mark.rule("TEN-8")
def test_a_price_change_shows_each_board_only_its_own_effect(world: World, awarded: Tender) -> None:
    reference = awarded.reference
    with time_machine.travel(LATER, tick=False):
        world.rep_a.post(participation_url(reference, "confirm"))
        world.rep_b.post(participation_url(reference, "confirm"))
        change = world.buyer.post(
            tender_url(reference, "price-changes"),
            {"lot": 1, "effective_on": "2027-01-01", "percent": "30", "reason": "Inflatie"},
        )
        assert change.status_code == 201, change.content
        assert change.json()["percent"] == "30"
        mine = world.rep_a.get(PRICE_EFFECTS).json()
        everyone = world.buyer.get(PRICE_EFFECTS).json()
        before_change = world.rep_a.get(PRICE_EFFECTS, {"on": "2026-12-31"}).json()
    # A takes 20 units at 30.00 a year: 600.00, after +30 %: 780.00
    assert [(e["board"], e["yearly_cost_before"], e["yearly_cost_after"], e["difference"])
            for e in mine] == [(world.a.number, "600.00", "780.00", "180.00")]  # fmt: skip
    assert mine[0]["changes"][0]["reason"] == "Inflatie"
    assert {e["board"] for e in everyone} == {world.a.number, world.b.number}
    assert before_change[0]["difference"] == "0.00"
    assert before_change[0]["changes"] == []
