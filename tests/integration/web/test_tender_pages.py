"""The tender pages (TEN-3 … TEN-5, TEN-8, FEE-2): staff create a tender from a product's bundled
demand, set its terms, lots and criteria, take it through its lifecycle, score and award after the
deadline and record price changes; suppliers see published tenders, bid once per lot before the
deadline and see their own bids only. Bids stay sealed for everyone, staff included, until the
deadline (ACC-1 for who reaches which page)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.catalog.models import Product
from bundel.procurement import services
from bundel.procurement.models import (
    Award,
    Bid,
    BidPoints,
    Criterion,
    Lot,
    Participation,
    PriceChange,
    Supplier,
    SupplierUser,
    Tender,
    TenderTransition,
)
from tests.factories import procurement as f

pytestmark = pytest.mark.django_db

# Between the publication (1 December 2026) and the deadline (15 December 2026, 13:00 in
# Amsterdam) of the factories' tenders.
NOW = datetime(2026, 12, 5, 10, tzinfo=UTC)
SECRET_PRICE = Decimal("31.4159")
SECRET_ANSWER = "GEHEIM-ANTWOORD"


@pytest.fixture(autouse=True)
def now() -> Iterator[datetime]:
    with time_machine.travel(NOW, tick=False):
        yield NOW


def html_of(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def messages_of(response: object) -> list[str]:
    return [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]


def leaks_the_secret(html: str) -> bool:
    return any(s in html for s in ("31.4159", "31,4159", "31,41", "31.41", SECRET_ANSWER))


@pytest.fixture
def buyer(make_user: Callable[..., object]) -> User:
    return make_user(Role.PROCUREMENT, username="inkoop")  # type: ignore[return-value]


@pytest.fixture
def buyer_client(buyer: User, client_for: Callable[[object], Client]) -> Client:
    return client_for(buyer)


@pytest.fixture
def admin_client(
    make_user: Callable[..., object], client_for: Callable[[object], Client]
) -> Client:
    return client_for(make_user(Role.ADMINISTRATOR, username="beheerder"))


@pytest.fixture
def finance_client(
    make_user: Callable[..., object], client_for: Callable[[object], Client]
) -> Client:
    """Finance reads the tenders but does not run them."""
    return client_for(make_user(Role.FINANCE, username="financien"))


@pytest.fixture
def wifi() -> Product:
    return f.product("wifi")


def detail(tender: Tender) -> str:
    return reverse("web:tenders:tender-detail", args=[tender.reference])


def portal(tender: Tender) -> str:
    return reverse("web:supplier:tender-detail", args=[tender.reference])


def draft(product: Product, **terms: object) -> Tender:
    """A draft tender with a lot, price 60 / quality 40, requirements and a deadline."""
    values: dict[str, object] = {
        "title": "Wifi in alle scholen",
        "purchase_fee": Decimal("250.00"),
        "fee_free": False,
        "contract_months": 48,
        "room": Decimal(10),
        "requirements": "Dekking in alle lokalen.",
        "bid_deadline": f.DEADLINE,
        **terms,
    }
    tender = services.tender_create(product=product, terms=services.TenderTerms(**values))  # type: ignore[arg-type]
    services.lot_add(tender=tender, title="Heel Nederland")
    services.criteria_set(
        tender=tender,
        criteria=[
            services.CriterionData("price", "Prijs", Decimal(60), is_price=True),
            services.CriterionData("quality", "Kwaliteit van de dienst", Decimal(40)),
        ],
    )
    return tender


def transition(client: Client, tender: Tender, target: str) -> object:
    return client.post(
        reverse("web:tenders:tender-transition", args=[tender.reference]),
        {"target": target},
        follow=True,
    )


def score(client: Client, tender: Tender, points: dict[Bid, str]) -> object:
    lot = Lot.objects.get(tender=tender)
    prefix = "lot1-quality"
    data = {f"{prefix}-points_{bid.pk}": value for bid, value in points.items()}
    return client.post(
        reverse("web:tenders:bid-points", args=[tender.reference, lot.number, "quality"]), data
    )


@pytest.fixture
def secret_bid(wifi: Product, make_user: Callable[..., object]) -> tuple[Tender, Bid, User]:
    """A published tender with the factories' two bids and a third, distinctive one."""
    tender, _ = f.published_with_bids(wifi, make_user)
    company, user = f.supplier("Geheim BV", make_user)
    bid = services.bid_submit(
        lot=Lot.objects.get(tender=tender),
        supplier=company,
        price_per_unit=SECRET_PRICE,
        answers={"quality": f"Ons plan: {SECRET_ANSWER}"},
        by=user,
    )
    return tender, bid, user  # type: ignore[return-value]


# --- Access (ACC-1) -----------------------------------------------------------------------------

STAFF_PAGES = ["web:tenders:tender-list", "web:tenders:tender-create", "web:tenders:supplier-list"]
SUPPLIER_PAGES = ["web:supplier:tender-list"]


@pytest.mark.rule("ACC-1")
@pytest.mark.parametrize("name", STAFF_PAGES + SUPPLIER_PAGES)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client: Client, name: str) -> None:
    path = reverse(name)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:login')}?next={path}"


@pytest.mark.rule("ACC-1")
def test_a_representative_gets_a_dutch_403_on_staff_and_supplier_pages(
    representative: object, client_for: Callable[[object], Client], wifi: Product
) -> None:
    tender = f.tender_ready(wifi)
    client = client_for(representative)
    for path in [*(reverse(n) for n in STAFF_PAGES + SUPPLIER_PAGES), detail(tender)]:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Geen toegang" in html_of(response)


@pytest.mark.rule("ACC-1")
def test_a_supplier_gets_403_on_every_staff_page_and_action(
    wifi: Product, make_user: Callable[..., object], client_for: Callable[[object], Client]
) -> None:
    tender = f.tender_ready(wifi)
    _, user = f.supplier("Netwerk BV", make_user)
    client = client_for(user)
    for path in [*(reverse(n) for n in STAFF_PAGES), detail(tender)]:
        assert client.get(path).status_code == 403, path
    assert transition(client, tender, "published").status_code == 403
    tender.refresh_from_db()
    assert tender.status == "requirements"


@pytest.mark.rule("ACC-1")
def test_staff_and_an_unlinked_supplier_account_cannot_open_the_supplier_portal(
    buyer_client: Client, make_user: Callable[..., object], client_for: Callable[[object], Client]
) -> None:
    assert buyer_client.get(reverse("web:supplier:tender-list")).status_code == 403
    unlinked = client_for(make_user(Role.SUPPLIER))
    assert unlinked.get(reverse("web:supplier:tender-list")).status_code == 403


@pytest.mark.rule("ACC-1")
def test_finance_reads_the_tenders_but_may_not_act(finance_client: Client, wifi: Product) -> None:
    tender = f.tender_ready(wifi)
    for path in (reverse("web:tenders:tender-list"), detail(tender)):
        response = finance_client.get(path)
        assert response.status_code == 200
        assert tender.reference in html_of(response)
    assert 'name="target"' not in html_of(finance_client.get(detail(tender)))
    assert finance_client.get(reverse("web:tenders:supplier-list")).status_code == 200
    assert finance_client.get(reverse("web:tenders:tender-create")).status_code == 403
    writes = [
        ("web:tenders:tender-transition", [tender.reference], {"target": "published"}),
        ("web:tenders:tender-terms", [tender.reference], {"title": "X"}),
        ("web:tenders:lot-add", [tender.reference], {"lot-title": "Perceel 2"}),
        ("web:tenders:criteria-set", [tender.reference], {}),
        ("web:tenders:supplier-list", [], {"name": "Nieuw BV"}),
        ("web:tenders:tender-create", [], {"product": "wifi", "title": "X"}),
    ]
    for name, args, data in writes:
        assert finance_client.post(reverse(name, args=args), data).status_code == 403, name
    tender.refresh_from_db()
    assert tender.status == "requirements"
    assert Tender.objects.count() == 1
    assert Lot.objects.count() == 1
    assert not Supplier.objects.exists()


# --- The list and a new tender (TEN-4, FEE-2) -------------------------------------------------


def test_the_list_shows_reference_product_status_participants_and_room_in_dutch(
    buyer_client: Client, wifi: Product, make_user: Callable[..., object]
) -> None:
    tender = f.awarded(wifi, make_user, room=Decimal(12))
    response = buyer_client.get(reverse("web:tenders:tender-list"))
    html = html_of(response)
    assert '<html lang="nl"' in html
    assert '<h1 class="utrecht-heading-1">Aanbestedingen</h1>' in html
    assert tender.reference in html
    assert wifi.name in html
    assert "Gegund" in html
    assert "12 eenheden" in html


def creation_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "product": "wifi",
        "title": "Wifi in alle scholen",
        "description": "Eén contract voor alle leden.",
        "requirements": "Dekking in alle lokalen.",
        "purchase_fee": "250,00",
        "contract_months": "48",
        "room": "10",
        "room_unit": "locations",
        "bid_deadline": "2026-12-15T13:00",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.rule("TEN-4")
@pytest.mark.rule("FEE-2")
def test_staff_create_a_tender_from_the_bundled_demand_of_a_product(
    buyer_client: Client, buyer: User, wifi: Product
) -> None:
    board = f.member_with_locations(buyer)
    f.intent(board, wifi, units=Decimal(4))
    page = buyer_client.get(reverse("web:tenders:tender-create"), {"product": "wifi"})
    html = html_of(page)
    assert "Gebundelde vraag voor" in html
    assert re.search(r'bundel-demand__locations">2<', html)
    response = buyer_client.post(reverse("web:tenders:tender-create"), creation_data())
    tender = Tender.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(tender)
    assert (tender.product, tender.status, tender.purchase_fee, tender.fee_free) == (
        wifi, "draft", Decimal("250.00"), False,
    )  # fmt: skip
    assert (tender.contract_months, tender.room, tender.room_unit) == (48, Decimal(10), "locations")
    assert tender.bid_deadline == datetime(2026, 12, 15, 12, tzinfo=UTC)
    assert tender.created_by == buyer
    html = html_of(buyer_client.get(response["Location"]))
    assert "is aangemaakt als concept" in html
    assert "EUR 250,00" in html
    assert "Programma van eisen" in html


@pytest.mark.rule("FEE-2")
def test_a_fee_free_tender_with_a_fee_is_refused_in_dutch_and_nothing_is_written(
    buyer_client: Client, wifi: Product
) -> None:
    response = buyer_client.post(reverse("web:tenders:tender-create"), creation_data(fee_free="on"))
    assert response.status_code == 200
    assert "Een aanbesteding zonder inkoopfee heeft geen inkoopfee." in html_of(response)
    assert not Tender.objects.exists()


@pytest.mark.rule("FEE-2")
def test_a_fee_free_tender_shows_it_has_no_purchase_fee(
    buyer_client: Client, wifi: Product
) -> None:
    response = buyer_client.post(
        reverse("web:tenders:tender-create"), creation_data(fee_free="on", purchase_fee="")
    )
    tender = Tender.objects.get()
    assert (tender.fee_free, tender.purchase_fee) == (True, Decimal("0.00"))
    html = html_of(buyer_client.get(response["Location"]))
    assert "Zonder inkoopfee" in html


def test_bad_input_on_creation_is_refused_in_dutch_never_a_500(
    buyer_client: Client, wifi: Product
) -> None:
    for changes in (
        {"contract_months": "0"},
        {"room": "-1"},
        {"purchase_fee": "veel"},
        {"product": "bestaat-niet"},
        {"bid_deadline": "morgen"},
    ):
        response = buyer_client.post(reverse("web:tenders:tender-create"), creation_data(**changes))
        assert response.status_code == 200, changes
        assert "Verbeter de fouten hieronder." in html_of(response) or changes.get("product")
    assert not Tender.objects.exists()
    html = html_of(
        buyer_client.post(reverse("web:tenders:tender-create"), creation_data(contract_months="0"))
    )
    assert "Een contractduur is ten minste één maand." in html


@pytest.mark.rule("TEN-4")
def test_weights_that_do_not_add_up_to_100_are_refused_and_the_criteria_stay(
    buyer_client: Client, wifi: Product
) -> None:
    tender = draft(wifi)
    data = {
        "price-name": "Prijs",
        "price-weight": "50",
        "quality-TOTAL_FORMS": "2",
        "quality-INITIAL_FORMS": "1",
        "quality-0-key": "quality",
        "quality-0-name": "Kwaliteit van de dienst",
        "quality-0-weight": "40",
        "quality-0-max_points": "10",
        "quality-1-name": "",
        "quality-1-weight": "",
        "quality-1-max_points": "10",
    }
    response = buyer_client.post(reverse("web:tenders:criteria-set", args=[tender.reference]), data)
    assert response.status_code == 200
    assert "De gewichten tellen op tot 90, niet 100." in html_of(response)
    weights = dict(Criterion.objects.filter(tender=tender).values_list("key", "weight"))
    assert weights == {"price": Decimal(60), "quality": Decimal(40)}

    data.update({"price-weight": "40", "quality-1-name": "Duurzaamheid", "quality-1-weight": "20"})
    response = buyer_client.post(reverse("web:tenders:criteria-set", args=[tender.reference]), data)
    assert response.status_code == 302
    weights = dict(Criterion.objects.filter(tender=tender).values_list("key", "weight"))
    assert weights == {"price": Decimal(40), "quality": Decimal(40), "duurzaamheid": Decimal(20)}
    html = html_of(buyer_client.get(response["Location"]))
    assert "De gunningscriteria zijn opgeslagen." in html
    assert "Duurzaamheid" in html


@pytest.mark.rule("TEN-4")
def test_staff_add_a_lot_and_change_the_terms_until_publication(
    buyer_client: Client, wifi: Product
) -> None:
    tender = draft(wifi)
    response = buyer_client.post(
        reverse("web:tenders:lot-add", args=[tender.reference]), {"lot-title": "Noord"}
    )
    assert response.status_code == 302
    assert list(Lot.objects.filter(tender=tender).values_list("number", "title")) == [
        (1, "Heel Nederland"), (2, "Noord"),
    ]  # fmt: skip
    terms = creation_data(title="Wifi, tweede ronde", room="25", room_unit="units")
    response = buyer_client.post(
        reverse("web:tenders:tender-terms", args=[tender.reference]), terms
    )
    assert response.status_code == 302
    tender.refresh_from_db()
    assert (tender.title, tender.room) == ("Wifi, tweede ronde", Decimal(25))

    transition(buyer_client, tender, "requirements")
    transition(buyer_client, tender, "published")
    tender.refresh_from_db()
    assert tender.status == "published"
    html = html_of(buyer_client.get(detail(tender)))
    assert "Voorwaarden wijzigen" not in html
    forged = buyer_client.post(
        reverse("web:tenders:tender-terms", args=[tender.reference]), creation_data(title="Anders")
    )
    assert forged.status_code == 200
    assert "De voorwaarden liggen vast zodra de aanbesteding gepubliceerd is." in html_of(forged)
    tender.refresh_from_db()
    assert tender.title == "Wifi, tweede ronde"


# --- The lifecycle (TEN-3) ------------------------------------------------------------------------


@pytest.mark.rule("TEN-3")
def test_only_the_next_step_is_offered(buyer_client: Client, wifi: Product) -> None:
    tender = draft(wifi)
    html = html_of(buyer_client.get(detail(tender)))
    assert html.count('name="target"') == 1
    assert 'name="target" value="requirements"' in html
    assert "Programma van eisen starten" in html


@pytest.mark.rule("TEN-3")
def test_a_forged_illegal_step_is_refused_with_the_dutch_reason(
    buyer_client: Client, wifi: Product
) -> None:
    tender = f.tender_ready(wifi)
    response = transition(buyer_client, tender, "awarded")
    assert "Een aanbesteding met status programma van eisen kan niet naar gegund." in messages_of(
        response
    )
    response = transition(buyer_client, tender, "draft")
    assert "Een aanbesteding met status programma van eisen kan niet naar concept." in messages_of(
        response
    )
    response = transition(buyer_client, tender, "afgerond")
    assert messages_of(response) == [
        "Deze stap bestaat niet in de levensloop van een aanbesteding."
    ]
    tender.refresh_from_db()
    assert tender.status == "requirements"
    assert TenderTransition.objects.filter(tender=tender).count() == 1


@pytest.mark.rule("TEN-3")
def test_publishing_without_what_it_needs_and_closing_before_the_deadline_are_refused(
    buyer_client: Client, wifi: Product
) -> None:
    tender = draft(wifi, requirements="")
    transition(buyer_client, tender, "requirements")
    response = transition(buyer_client, tender, "published")
    assert "Schrijf het programma van eisen vóór publicatie." in messages_of(response)
    services.tender_terms_set(
        tender=tender,
        terms=services.TenderTerms(
            title=tender.title, purchase_fee=Decimal(0), fee_free=True, contract_months=48,
            room=Decimal(0), requirements="Eisen.", bid_deadline=f.DEADLINE,
        ),
    )  # fmt: skip
    transition(buyer_client, tender, "published")
    html = html_of(buyer_client.get(detail(tender)))
    assert 'name="target"' not in html  # bidding closes after the deadline
    assert "Inschrijving kan worden gesloten zodra de sluitingstermijn voorbij is" in html
    response = transition(buyer_client, tender, "bidding_closed")
    assert "De inschrijving sluit pas na de sluitingstermijn." in messages_of(response)
    tender.refresh_from_db()
    assert tender.status == "published"


@pytest.mark.rule("TEN-3")
@pytest.mark.rule("TEN-5")
def test_every_legal_step_through_the_pages_is_recorded_with_who_and_when(
    buyer_client: Client, buyer: User, wifi: Product, make_user: Callable[..., object]
) -> None:
    tender = draft(wifi)
    for target, label in (("requirements", "programma van eisen"), ("published", "gepubliceerd")):
        response = transition(buyer_client, tender, target)
        assert f"De aanbesteding is nu: {label}." in messages_of(response)
    lot = Lot.objects.get(tender=tender)
    bids = []
    for name, price in (("Netwerk BV", Decimal("30.00")), ("Wifi Groep", Decimal("25.00"))):
        company, user = f.supplier(name, make_user)
        bids.append(
            services.bid_submit(
                lot=lot, supplier=company, price_per_unit=price,
                answers={"quality": f"Plan van {name}"}, by=user,
            )
        )  # fmt: skip
    with time_machine.travel(f.AFTER_DEADLINE, tick=False):
        response = transition(buyer_client, tender, "bidding_closed")
        assert "De aanbesteding is nu: inschrijving gesloten." in messages_of(response)
        score(buyer_client, tender, {bids[0]: "8", bids[1]: "5"})
        response = transition(buyer_client, tender, "evaluated")
        assert "De aanbesteding is nu: beoordeeld." in messages_of(response)
        html = html_of(response)
        assert 'name="target"' not in html  # the award is made per lot
        response = buyer_client.post(
            reverse("web:tenders:lot-award", args=[tender.reference, 1]), follow=True
        )
        assert "Perceel 1 is gegund aan Netwerk BV." in messages_of(response)
        response = transition(buyer_client, tender, "contracted")
        assert "De aanbesteding is nu: gecontracteerd." in messages_of(response)
        response = transition(buyer_client, tender, "exhausted")
        assert "De aanbesteding is nu: uitgeput." in messages_of(response)
    steps = list(
        TenderTransition.objects.filter(tender=tender).values_list("to_status", "by__username")
    )
    assert steps == [
        ("requirements", "inkoop"), ("published", "inkoop"), ("bidding_closed", "inkoop"),
        ("evaluated", "inkoop"), ("awarded", "inkoop"), ("contracted", "inkoop"),
        ("exhausted", "inkoop"),
    ]  # fmt: skip
    html = html_of(buyer_client.get(detail(tender)))
    assert html.count("Test Person") >= 7  # who took each step
    assert 'name="target"' not in html  # exhausted is the end


# --- Sealed bids (TEN-5) --------------------------------------------------------------------------


@pytest.mark.rule("TEN-5")
def test_before_the_deadline_no_staff_page_shows_a_bid_price_or_answer(
    secret_bid: tuple[Tender, Bid, User],
    admin_client: Client,
    buyer_client: Client,
    finance_client: Client,
) -> None:
    tender, bid, _ = secret_bid
    lot = bid.lot
    for client in (admin_client, buyer_client, finance_client):
        html = html_of(client.get(detail(tender)))
        assert "Inschrijvingen ontvangen: 3." in html
        assert "Inschrijvingen zijn gesloten" in html
        assert not leaks_the_secret(html)
        assert "Plan van Netwerk BV" not in html
        assert "Geheim BV" not in html  # not even who bid
        assert not leaks_the_secret(html_of(client.get(reverse("web:tenders:tender-list"))))
        suppliers = html_of(client.get(reverse("web:tenders:supplier-list")))
        assert not leaks_the_secret(suppliers)
        assert "Geheim BV" in suppliers  # the supplier is known, its bid is not
        for name in ("scoring-sheet-csv", "scoring-sheet-pdf"):
            response = client.get(
                reverse(f"web:tenders:{name}", args=[tender.reference, lot.number]), follow=True
            )
            assert "Inschrijvingen blijven gesloten tot de sluitingstermijn voorbij is." in (
                messages_of(response)
            )
            assert not leaks_the_secret(html_of(response))
    # Scoring or awarding before the deadline is refused too, without showing the bids.
    response = admin_client.post(
        reverse("web:tenders:bid-points", args=[tender.reference, 1, "quality"]),
        {f"lot1-quality-points_{bid.pk}": "9"},
        follow=True,
    )
    assert "Inschrijvingen blijven gesloten tot de sluitingstermijn voorbij is." in messages_of(
        response
    )
    assert not leaks_the_secret(html_of(response))
    response = admin_client.post(
        reverse("web:tenders:lot-award", args=[tender.reference, 1]), follow=True
    )
    assert not leaks_the_secret(html_of(response))
    assert not BidPoints.objects.exists()
    assert not Award.objects.exists()


@pytest.mark.rule("TEN-5")
def test_before_the_deadline_another_supplier_sees_only_its_own_bid(
    secret_bid: tuple[Tender, Bid, User], client_for: Callable[[object], Client]
) -> None:
    tender, bid, owner = secret_bid
    other = SupplierUser.objects.get(supplier__name="Netwerk BV").user
    client = client_for(other)
    pages = [
        reverse("web:supplier:tender-list"),
        portal(tender),
        reverse("web:supplier:requirements-download", args=[tender.reference]),
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not leaks_the_secret(response.content.decode()), path
    html = html_of(client.get(portal(tender)))
    assert "EUR 30,00" in html  # its own bid
    assert "Plan van Netwerk BV" in html
    assert "Plan van Wifi Groep" not in html
    own = html_of(client_for(owner).get(portal(tender)))
    assert "EUR 31,4159" in own
    assert SECRET_ANSWER in own


@pytest.mark.rule("TEN-5")
def test_after_the_deadline_staff_see_every_bid_with_price_and_answers(
    secret_bid: tuple[Tender, Bid, User], admin_client: Client, buyer_client: Client
) -> None:
    tender, _, _ = secret_bid
    with time_machine.travel(f.AFTER_DEADLINE, tick=False):
        for client in (admin_client, buyer_client):
            html = html_of(client.get(detail(tender)))
            assert "EUR 31,4159" in html
            assert SECRET_ANSWER in html
            assert "Plan van Wifi Groep" in html
            assert "EUR 25,00" in html


# --- The supplier portal (TEN-5) ------------------------------------------------------------------


@pytest.mark.rule("TEN-5")
def test_a_supplier_bids_once_per_lot_before_the_deadline(
    wifi: Product, make_user: Callable[..., object], client_for: Callable[[object], Client]
) -> None:
    tender, _ = f.published_with_bids(wifi, make_user)
    company, user = f.supplier("Nieuw Net BV", make_user)
    client = client_for(user)
    listing = html_of(client.get(reverse("web:supplier:tender-list")))
    assert tender.reference in listing
    html = html_of(client.get(portal(tender)))
    assert "dekking in alle lokalen" in html
    assert "Kwaliteit van de dienst" in html
    assert "Inschrijven op perceel 1" in html
    url = reverse("web:supplier:bid-submit", args=[tender.reference, 1])
    response = client.post(url, {"lot1-price_per_unit": "27,50", "lot1-answer_quality": ""})
    assert response.status_code == 200
    assert "Beantwoord elk kwaliteitscriterium: Kwaliteit van de dienst." in html_of(response)
    data = {"lot1-price_per_unit": "27,50", "lot1-answer_quality": "Ons plan"}
    response = client.post(url, data, follow=True)
    assert "Uw inschrijving op perceel 1 is ontvangen." in messages_of(response)[0]
    bid = Bid.objects.get(supplier=company)
    assert (bid.price_per_unit, bid.answers, bid.submitted_by) == (
        Decimal("27.50"), {"quality": "Ons plan"}, user,
    )  # fmt: skip
    assert "Inschrijven op perceel 1" not in html_of(response)
    response = client.post(url, {**data, "lot1-price_per_unit": "20"})
    assert "Uw bedrijf heeft al ingeschreven op dit perceel." in html_of(response)
    with time_machine.travel(f.AFTER_DEADLINE, tick=False):
        late, late_user = f.supplier("Te Laat BV", make_user)
        late_client = client_for(late_user)
        assert "Inschrijven is gesloten" in html_of(late_client.get(portal(tender)))
        response = late_client.post(url, data)
        assert "De sluitingstermijn voor inschrijvingen is verstreken." in html_of(response)
    assert Bid.objects.filter(lot__tender=tender).count() == 3
    assert not Bid.objects.filter(supplier=late).exists()


@pytest.mark.rule("TEN-5")
def test_a_supplier_sees_published_tenders_and_downloads_the_requirements(
    wifi: Product, make_user: Callable[..., object], client_for: Callable[[object], Client]
) -> None:
    in_requirements = f.tender_ready(f.product("connectivity"))
    tender, _ = f.published_with_bids(wifi, make_user)
    _, user = f.supplier("Nieuw Net BV", make_user)
    client = client_for(user)
    listing = html_of(client.get(reverse("web:supplier:tender-list")))
    assert tender.reference in listing
    assert in_requirements.reference not in listing
    assert client.get(portal(in_requirements)).status_code == 404
    response = client.get(reverse("web:supplier:requirements-download", args=[tender.reference]))
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert f"{tender.reference}.md" in response["Content-Disposition"]
    text = response.content.decode()
    assert "## Programma van eisen" in text
    assert "Programma van eisen: dekking in alle lokalen." in text
    assert "Kwaliteit van de dienst (kwaliteit): weging 40, hoogstens 10 punten" in text


@pytest.mark.rule("TEN-5")
def test_after_the_award_a_supplier_still_sees_only_its_own_bid(
    wifi: Product, make_user: Callable[..., object], client_for: Callable[[object], Client]
) -> None:
    tender = f.awarded(wifi, make_user)
    loser = SupplierUser.objects.get(supplier__name="Wifi Groep").user
    html = html_of(client_for(loser).get(portal(tender)))
    assert "EUR 25,00" in html
    assert "EUR 30,00" not in html
    assert "Plan van Netwerk BV" not in html
    assert "Netwerk BV" not in html
    assert "Dit perceel is gegund aan een andere inschrijver." in html


# --- Scoring and award (TEN-5) --------------------------------------------------------------------


@pytest.mark.rule("TEN-5")
def test_staff_score_evaluate_and_award_with_the_hand_computed_totals(
    buyer_client: Client, wifi: Product, make_user: Callable[..., object]
) -> None:
    tender, bids = f.published_with_bids(wifi, make_user)
    with time_machine.travel(f.AFTER_DEADLINE, tick=False):
        transition(buyer_client, tender, "bidding_closed")
        html = html_of(buyer_client.get(detail(tender)))
        assert "Punten voor Kwaliteit van de dienst (0 tot en met 10)" in html
        assert "Nog niet beoordeeld: Netwerk BV, Wifi Groep." in html
        response = score(buyer_client, tender, {bids[0]: "8", bids[1]: "5"})
        assert response.status_code == 302
        html = html_of(buyer_client.get(response["Location"]))
        assert "De punten voor Kwaliteit van de dienst zijn opgeslagen." in html
        sheet = html[html.index("Scoreblad van perceel 1") :]
        # Netwerk BV 30.00 with 8 points: 25/30 × 60 = 50.00 + 8/10 × 40 = 32.00 → 82.00
        # Wifi Groep 25.00 with 5 points: 25/25 × 60 = 60.00 + 5/10 × 40 = 20.00 → 80.00
        netwerk = sheet[sheet.index("Netwerk BV") : sheet.index("Wifi Groep")]
        for figure in ("50,00", "32,00", "82,00", "Voorgesteld"):
            assert figure in netwerk
        wifi_groep = sheet[sheet.index("Wifi Groep") : sheet.index("</table>")]
        for figure in ("60,00", "20,00", "80,00"):
            assert figure in wifi_groep
        assert "Voorgesteld" not in wifi_groep
        transition(buyer_client, tender, "evaluated")
        html = html_of(buyer_client.get(detail(tender)))
        assert "Perceel 1 gunnen aan Netwerk BV" in html
        response = buyer_client.post(
            reverse("web:tenders:lot-award", args=[tender.reference, 1]), follow=True
        )
        assert "Perceel 1 is gegund aan Netwerk BV." in messages_of(response)
        assert any("de aanbesteding is gegund" in m for m in messages_of(response))
    award = Award.objects.get()
    assert award.bid == bids[0]
    assert [b["total"] for b in award.scores["bids"]] == ["82.00", "80.00"]
    tender.refresh_from_db()
    assert tender.status == "awarded"
    assert "Gegund aan Netwerk BV op 16 december 2026." in html_of(response)


@pytest.mark.rule("TEN-5")
def test_on_a_tie_staff_choose_among_the_tied(
    buyer_client: Client, wifi: Product, make_user: Callable[..., object]
) -> None:
    tender, bids = f.published_with_bids(wifi, make_user)
    with time_machine.travel(f.AFTER_DEADLINE, tick=False):
        transition(buyer_client, tender, "bidding_closed")
        # Netwerk BV: 50.00 + 40.00 = 90.00; Wifi Groep: 60.00 + 30.00 = 90.00
        score(buyer_client, tender, {bids[0]: "10", bids[1]: "7,5"})
        transition(buyer_client, tender, "evaluated")
        html = html_of(buyer_client.get(detail(tender)))
        assert html.count("Gedeeld eerste") == 2
        assert "Het hoogste totaal is gelijk: gun aan" in html
        url = reverse("web:tenders:lot-award", args=[tender.reference, 1])
        response = buyer_client.post(url)
        assert response.status_code == 200
        assert "hebben hetzelfde hoogste totaal: kies welke gegund wordt." in html_of(response)
        assert not Award.objects.exists()
        response = buyer_client.post(url, {"award1-bid": str(bids[1].pk)}, follow=True)
        assert "Perceel 1 is gegund aan Wifi Groep." in messages_of(response)
    assert Award.objects.get().bid == bids[1]


@pytest.mark.rule("TEN-5")
def test_points_out_of_range_are_refused_and_none_are_saved(
    buyer_client: Client, wifi: Product, make_user: Callable[..., object]
) -> None:
    tender, bids = f.published_with_bids(wifi, make_user)
    with time_machine.travel(f.AFTER_DEADLINE, tick=False):
        transition(buyer_client, tender, "bidding_closed")
        response = score(buyer_client, tender, {bids[0]: "8", bids[1]: "11"})
        assert response.status_code == 200
        assert "Zorg ervoor dat deze waarde hoogstens 10 is." in html_of(response)
        response = transition(buyer_client, tender, "evaluated")
        expected = "Netwerk BV heeft nog geen punten voor Kwaliteit van de dienst."
        assert expected in messages_of(response)
    assert not BidPoints.objects.exists()


@pytest.mark.rule("TEN-5")
def test_the_scoring_sheet_downloads_as_csv_and_pdf(
    buyer_client: Client, wifi: Product, make_user: Callable[..., object]
) -> None:
    tender = f.awarded(wifi, make_user)
    csv_url = reverse("web:tenders:scoring-sheet-csv", args=[tender.reference, 1])
    pdf_url = reverse("web:tenders:scoring-sheet-pdf", args=[tender.reference, 1])
    with time_machine.travel(f.AFTER_DEADLINE, tick=False):
        html = html_of(buyer_client.get(detail(tender)))
        assert f'href="{csv_url}"' in html
        assert f'href="{pdf_url}"' in html
        csv = buyer_client.get(csv_url)
        assert csv.status_code == 200
        assert csv["Content-Type"].startswith("text/csv")
        assert "beoordeling-" in csv["Content-Disposition"]
        assert "82,00" in csv.content.decode("utf-8-sig")
        pdf = buyer_client.get(pdf_url)
        assert pdf["Content-Type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")


# --- Participants and price changes (TEN-6, TEN-8) ---------------------------------------------


@pytest.mark.rule("TEN-8")
def test_a_price_change_shows_its_effect_on_each_participants_yearly_cost(
    buyer_client: Client, buyer: User, wifi: Product, make_user: Callable[..., object]
) -> None:
    board = f.member_with_locations(buyer)
    f.intent(board, wifi)  # 2 locations × 10 units
    tender = f.awarded(wifi, make_user)
    services.participation_confirm(participation=Participation.objects.get(tender=tender))
    html = html_of(buyer_client.get(detail(tender)))
    assert "Ruimte over voor late aansluiters: 10 van 10 eenheden." in html
    assert board.display_name in html
    assert "Bevestigd" in html
    url = reverse("web:tenders:price-change-record", args=[tender.reference, 1])
    refused = buyer_client.post(
        url, {"price1-effective_on": "2027-01-01", "price1-percent": "-100"}
    )
    assert "Een prijs kan niet met 100% of meer dalen." in html_of(refused)
    assert not PriceChange.objects.exists()
    response = buyer_client.post(
        url,
        {"price1-effective_on": "2027-01-01", "price1-percent": "30", "price1-reason": "Index"},
        follow=True,
    )
    assert "De prijswijziging is vastgelegd." in messages_of(response)
    change = PriceChange.objects.get()
    assert (change.percent, change.effective_on) == (Decimal(30), date(2027, 1, 1))
    html = html_of(response)
    effects = html[html.index("Effect per deelnemer vanaf 1 januari 2027") :]
    # 20 units × EUR 30.00 = EUR 600.00 a year; +30 % → EUR 780.00, EUR 180.00 more
    for figure in ("EUR 600,00", "EUR 780,00", "EUR 180,00"):
        assert figure in effects


def test_a_price_change_on_a_lot_not_awarded_is_refused(
    buyer_client: Client, wifi: Product
) -> None:
    tender = f.tender_ready(wifi)
    response = buyer_client.post(
        reverse("web:tenders:price-change-record", args=[tender.reference, 1]),
        {"price1-effective_on": "2027-01-01", "price1-percent": "5"},
    )
    assert response.status_code == 200
    assert "Het perceel is nog niet gegund." in html_of(response)
    assert not PriceChange.objects.exists()


# --- Suppliers ----------------------------------------------------------------------------------


def test_staff_add_a_supplier_and_link_an_account_with_the_supplier_role(
    buyer_client: Client,
    make_user: Callable[..., object],
    representative: User,
) -> None:
    account = make_user(Role.SUPPLIER, username="netwerk-jan")
    response = buyer_client.post(
        reverse("web:tenders:supplier-list"),
        {"name": "Netwerk BV", "kvk_number": "12345678", "city": "Utrecht"},
        follow=True,
    )
    assert "Leverancier Netwerk BV is toegevoegd." in messages_of(response)
    supplier = Supplier.objects.get()
    url = reverse("web:tenders:supplier-user-add", args=[supplier.pk])
    prefix = f"supplier{supplier.pk}"
    refused = buyer_client.post(url, {f"{prefix}-username": "bestuur"})
    assert "Dit account heeft niet de rol leverancier." in html_of(refused)
    refused = buyer_client.post(url, {f"{prefix}-username": "niemand"})
    assert "Er is geen account met de gebruikersnaam niemand." in html_of(refused)
    response = buyer_client.post(url, {f"{prefix}-username": "netwerk-jan"}, follow=True)
    assert "netwerk-jan handelt nu voor Netwerk BV." in messages_of(response)
    assert SupplierUser.objects.get().user == account
    again = buyer_client.post(url, {f"{prefix}-username": "netwerk-jan"})
    assert "Dit account handelt al voor Netwerk BV." in html_of(again)
    assert SupplierUser.objects.count() == 1
    refused = buyer_client.post(
        reverse("web:tenders:supplier-list"), {"name": "", "kvk_number": "12"}
    )
    html = html_of(refused)
    assert "Geef de naam van de leverancier." in html
    assert "Een KvK-nummer heeft 8 cijfers." in html
    assert Supplier.objects.count() == 1
    assert representative.username == "bestuur"


def test_a_missing_tender_is_a_dutch_404(buyer_client: Client) -> None:
    response = buyer_client.get(reverse("web:tenders:tender-detail", args=["BND-2026-999"]))
    assert response.status_code == 404


def duplicate_ids(html: str) -> list[str]:
    ids = re.findall(r'\sid="([^"]+)"', html)
    return sorted({i for i in ids if ids.count(i) > 1})


def test_every_stage_of_the_tender_page_has_unique_ids(
    buyer_client: Client, wifi: Product, make_user: Callable[..., object]
) -> None:
    assert duplicate_ids(html_of(buyer_client.get(detail(draft(wifi))))) == []
    tender, bids = f.published_with_bids(f.product("connectivity"), make_user)
    with time_machine.travel(f.AFTER_DEADLINE, tick=False):
        transition(buyer_client, tender, "bidding_closed")
        assert duplicate_ids(html_of(buyer_client.get(detail(tender)))) == []
        score(buyer_client, tender, {bids[0]: "8", bids[1]: "5"})
        transition(buyer_client, tender, "evaluated")
        assert duplicate_ids(html_of(buyer_client.get(detail(tender)))) == []
        buyer_client.post(reverse("web:tenders:lot-award", args=[tender.reference, 1]))
        assert duplicate_ids(html_of(buyer_client.get(detail(tender)))) == []
        supplier = SupplierUser.objects.get(supplier__name="Netwerk BV").user
        client = Client()
        client.force_login(supplier)
        assert duplicate_ids(html_of(client.get(portal(tender)))) == []
