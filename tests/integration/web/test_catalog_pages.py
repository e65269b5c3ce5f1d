"""The catalogue and demand pages (CAT-1 … CAT-4, TEN-1, TEN-2, TEN-3, TEN-6, TEN-8, FEE-2):
staff maintain the catalogue and read the demand dashboard; a representative browses the
catalogue, registers its board's intent per location, confirms participation, joins late and
comments on requirements — for its own board only (ACC-1, ACC-2)."""

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
from bundel.billing.models import Charge
from bundel.catalog.models import Product, ProductGroup, ProductOption
from bundel.procurement import domain, services
from bundel.procurement.models import (
    Intent,
    IntentLocation,
    Lot,
    Participation,
    RequirementComment,
    Tender,
    UnmetDemand,
)
from bundel.registry.models import Board
from tests.factories import procurement as f
from tests.factories.membership import board_with_students

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 11, 24, 10, tzinfo=UTC)
AFTER_AWARD = datetime(2027, 2, 1, 10, tzinfo=UTC)


@pytest.fixture(autouse=True)
def today(request: pytest.FixtureRequest) -> Iterator[None]:
    """The page tests run on 24 November 2026 (start years 2026 … 2028 are in the horizon);
    those with an awarded tender on 1 February 2027, after the award. Clients sign in on that
    day, so their sessions are fresh."""
    moment = AFTER_AWARD if "awarded" in request.fixturenames else TODAY
    with time_machine.travel(moment, tick=False):
        yield


def html_of(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


@pytest.fixture
def admin(make_user: Callable[..., object]) -> User:
    return make_user(Role.ADMINISTRATOR, username="beheer")  # type: ignore[return-value]


@pytest.fixture
def buyer_client(
    make_user: Callable[..., object], client_for: Callable[[object], Client]
) -> Client:
    """Procurement staff: they maintain the catalogue."""
    return client_for(make_user(Role.PROCUREMENT, username="inkoop"))


@pytest.fixture
def finance_client(
    make_user: Callable[..., object], client_for: Callable[[object], Client]
) -> Client:
    """Finance staff: they read the catalogue but do not change it."""
    return client_for(make_user(Role.FINANCE, username="financien"))


@pytest.fixture
def wifi() -> Product:
    return f.product("wifi")


@pytest.fixture
def board_a(admin: User) -> Board:
    return f.member_with_locations(admin, locations=2, students=300)


@pytest.fixture
def board_b(admin: User) -> Board:
    return f.member_with_locations(admin, locations=1, students=500)


@pytest.fixture
def client_a(
    board_a: Board, make_user: Callable[..., object], client_for: Callable[[object], Client]
) -> Client:
    return client_for(make_user(Role.MEMBER_REPRESENTATIVE, board=board_a, username="rep-a"))


@pytest.fixture
def client_b(
    board_b: Board, make_user: Callable[..., object], client_for: Callable[[object], Client]
) -> Client:
    return client_for(make_user(Role.MEMBER_REPRESENTATIVE, board=board_b, username="rep-b"))


def intent_post(board: Board, *, year: int = 2027, points: tuple[int, ...] = (6, 4)) -> dict:
    """The intent form filled in for the board's locations, `points` access points each."""
    data: dict[str, object] = {"start_year": year, "note": ""}
    for location, count in zip(f.locations_of(board), points, strict=False):
        data[f"location_{location.pk}"] = "on"
        data[f"location_{location.pk}_access_points"] = count
    return data


# --- Access ---------------------------------------------------------------------------------------

STAFF_PAGES = [
    ("web:catalog:catalogue", {}),
    ("web:catalog:product-create", {}),
    ("web:catalog:product-edit", {"code": "wifi"}),
    ("web:catalog:group-edit", {"code": "wifi"}),
    ("web:catalog:demand", {"code": "wifi"}),
]
MEMBER_PAGES = [
    ("web:member_catalog:catalogue", {}),
    ("web:member_catalog:my-intents", {}),
    ("web:member_catalog:participation", {}),
    ("web:member_catalog:intent", {"code": "wifi"}),
    ("web:member_catalog:demand", {"code": "wifi"}),
]


@pytest.mark.rule("ACC-1")
@pytest.mark.parametrize(("name", "kwargs"), STAFF_PAGES + MEMBER_PAGES)
def test_an_anonymous_visitor_is_sent_to_the_login_page(
    client: Client, wifi: Product, name: str, kwargs: dict[str, str]
) -> None:
    path = reverse(name, kwargs=kwargs)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:login')}?next={path}"


@pytest.mark.rule("ACC-1")
@pytest.mark.parametrize(("name", "kwargs"), STAFF_PAGES)
def test_a_representative_gets_a_dutch_403_on_the_staff_pages(
    client_a: Client, wifi: Product, name: str, kwargs: dict[str, str]
) -> None:
    response = client_a.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 403
    assert "Geen toegang" in html_of(response)


@pytest.mark.rule("ACC-1")
def test_staff_get_403_on_the_member_pages(buyer_client: Client, wifi: Product) -> None:
    for name, kwargs in MEMBER_PAGES:
        assert buyer_client.get(reverse(name, kwargs=kwargs)).status_code == 403


@pytest.mark.rule("ACC-1")
def test_finance_reads_the_catalogue_and_the_demand_but_cannot_change_them(
    finance_client: Client, wifi: Product
) -> None:
    page = finance_client.get(reverse("web:catalog:catalogue"))
    assert page.status_code == 200
    assert "Nieuw product" not in html_of(page)
    assert finance_client.get(reverse("web:catalog:demand", args=["wifi"])).status_code == 200
    writes = [
        ("get", reverse("web:catalog:product-create")),
        ("post", reverse("web:catalog:product-create")),
        ("get", reverse("web:catalog:product-edit", args=["wifi"])),
        ("post", reverse("web:catalog:product-edit", args=["wifi"])),
        ("post", reverse("web:catalog:option-add", args=["wifi"])),
        ("post", reverse("web:catalog:group-edit", args=["wifi"])),
        ("post", reverse("web:catalog:seed")),
    ]
    for method, path in writes:
        assert getattr(finance_client, method)(path).status_code == 403, path
    assert ProductOption.objects.count() == 2


# --- Staff: the catalogue -------------------------------------------------------------------------


@pytest.mark.rule("CAT-1")
def test_an_empty_catalogue_is_loaded_with_the_spec_groups(buyer_client: Client) -> None:
    page = html_of(buyer_client.get(reverse("web:catalog:catalogue")))
    assert "De catalogus is nog leeg." in page
    response = buyer_client.post(reverse("web:catalog:seed"))
    assert response.status_code == 302
    assert ProductGroup.objects.count() == 8
    page = html_of(buyer_client.get(response["Location"]))
    assert "De catalogus is gevuld met de 8 productgroepen uit de specificatie." in page
    for name in ("Externe connectiviteit", "Wifi en intern vast netwerk", "Digitale leermiddelen"):
        assert name in page


@pytest.mark.rule("CAT-4")
def test_staff_see_each_group_with_its_status_and_the_interest_group_exploring_it(
    buyer_client: Client, wifi: Product
) -> None:
    page = html_of(buyer_client.get(reverse("web:catalog:catalogue")))
    assert "<title>Catalogus – Bundel</title>" in page
    assert "In verkenning" in page
    assert "Verkend door de special interest group SIG Devices en beheer." in page
    assert "Beschikbaar" in page
    assert "Als dienst" in page
    assert "Aantal toegangspunten: een getal (de eenheden van de locatie)" in page


@pytest.mark.rule("CAT-4")
def test_staff_put_a_group_in_exploration_with_its_interest_group(
    buyer_client: Client, wifi: Product
) -> None:
    response = buyer_client.post(
        reverse("web:catalog:group-edit", args=["dpo_service"]),
        {"name": "FG as a service", "status": "exploration", "interest_group": "SIG Privacy",
         "description": "", "position": 5},
    )  # fmt: skip
    assert response.status_code == 302
    group = ProductGroup.objects.get(code="dpo_service")
    assert (group.status, group.interest_group) == ("exploration", "SIG Privacy")


@pytest.mark.rule("CAT-2")
def test_staff_create_a_product_and_add_its_options(buyer_client: Client, wifi: Product) -> None:
    group = ProductGroup.objects.get(code="external_connectivity")
    response = buyer_client.post(
        reverse("web:catalog:product-create"),
        {
            "group": group.pk, "code": "anti-ddos", "name": "Anti-DDoS", "description": "",
            "delivery_model": "brokered", "pricing_unit": "per_location", "unit_label": "",
            "supplier_name": "Netwerk BV", "licensed_per_module": "", "status": "available",
            "requires": ["security-basic"],
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("web:catalog:product-edit", args=["anti-ddos"])
    product = Product.objects.get(code="anti-ddos")
    assert (product.delivery_model, product.pricing_unit, product.supplier_name) == (
        "brokered", "per_location", "Netwerk BV",
    )  # fmt: skip
    assert [p.code for p in product.requires.all()] == ["security-basic"]
    options = reverse("web:catalog:option-add", args=["anti-ddos"])
    buyer_client.post(options, {"code": "capacity", "label": "Capaciteit", "choices": "1, 10, 40"})
    buyer_client.post(options, {"code": "lines", "label": "Lijnen", "counts_units": "on"})
    saved = {o.code: (o.choices, o.counts_units) for o in product.options.all()}
    assert saved == {"capacity": (["1", "10", "40"], False), "lines": ([], True)}
    page = html_of(buyer_client.get(reverse("web:catalog:product-edit", args=["anti-ddos"])))
    assert "1, 10, 40" in page


@pytest.mark.rule("CAT-2")
def test_an_option_with_choices_cannot_count_units(buyer_client: Client, wifi: Product) -> None:
    response = buyer_client.post(
        reverse("web:catalog:option-add", args=["wifi"]),
        {"code": "band", "label": "Band", "choices": "2,4, 5", "counts_units": "on"},
    )
    assert response.status_code == 200
    assert "Een optie die eenheden telt is een getal: laat de keuzes leeg." in html_of(response)
    assert not ProductOption.objects.filter(code="band").exists()


@pytest.mark.rule("CAT-3")
def test_a_requirement_that_loops_is_refused_with_the_reason(
    buyer_client: Client, wifi: Product
) -> None:
    security = Product.objects.get(code="security-basic")
    data = {
        "group": security.group_id, "code": "security-basic", "name": security.name,
        "description": "", "delivery_model": "as_a_service", "pricing_unit": "per_student",
        "unit_label": "", "supplier_name": "", "status": "available", "requires": ["connectivity"],
    }  # fmt: skip
    response = buyer_client.post(reverse("web:catalog:product-edit", args=["security-basic"]), data)
    assert response.status_code == 200
    assert "security-basic zou zichzelf vereisen." in html_of(response)
    assert not security.requires.exists()


@pytest.mark.rule("CAT-2")
def test_a_code_in_use_is_refused_beside_the_field(buyer_client: Client, wifi: Product) -> None:
    data = {
        "group": wifi.group_id, "code": "iaas", "name": "Wifi", "delivery_model": "as_a_service",
        "pricing_unit": "per_unit", "status": "available",
    }  # fmt: skip
    response = buyer_client.post(reverse("web:catalog:product-edit", args=["wifi"]), data)
    assert response.status_code == 200
    assert "De code iaas is al in gebruik." in html_of(response)
    assert Product.objects.get(pk=wifi.pk).code == "wifi"


@pytest.mark.rule("CAT-2")
def test_the_staff_forms_render_in_dutch(buyer_client: Client, wifi: Product) -> None:
    create = html_of(buyer_client.get(reverse("web:catalog:product-create")))
    assert "<title>Nieuw product – Bundel</title>" in create
    assert "Leveringsmodel" in create
    assert "Vereiste producten" in create
    edit = html_of(buyer_client.get(reverse("web:catalog:product-edit", args=["connectivity"])))
    assert re.search(r'value="security-basic" id="id_requires_\d+" checked', edit)
    assert "Bandbreedte (Mbit/s)" in edit
    assert "Optie toevoegen" in edit
    group = html_of(buyer_client.get(reverse("web:catalog:group-edit", args=["devices"])))
    assert 'value="SIG Devices en beheer"' in group


def test_a_board_without_locations_in_the_register_is_told_so(
    wifi: Product, make_user: Callable[..., object], client_for: Callable[[object], Client]
) -> None:
    from tests.factories.registry import BoardFactory

    client = client_for(make_user(Role.MEMBER_REPRESENTATIVE, board=BoardFactory()))
    page = html_of(client.get(reverse("web:member_catalog:intent", args=["wifi"])))
    assert "Het register kent geen locaties van uw bestuur" in page


def test_an_unknown_product_is_a_dutch_404(buyer_client: Client, wifi: Product) -> None:
    assert buyer_client.get(reverse("web:catalog:demand", args=["onbekend"])).status_code == 404


# --- Staff: the demand dashboard ------------------------------------------------------------------


@pytest.mark.rule("TEN-2")
def test_the_dashboard_counts_boards_locations_students_units_and_the_national_share(
    buyer_client: Client, wifi: Product, board_a: Board, board_b: Board
) -> None:
    board_with_students(800, name="Stichting Zonder Interesse")  # counts nationally only
    f.intent(board_a, wifi, units=Decimal(5), year=2027)  # 2 × 300 students, 10 units
    f.intent(board_b, wifi, units=Decimal(8), year=2028)  # 1 × 500 students, 8 units
    page = html_of(buyer_client.get(reverse("web:catalog:demand", args=["wifi"])))
    assert "<title>Vraag naar Wifi met intern vast netwerk – Bundel</title>" in page
    figures = page[page.index("bundel-demand") :]
    assert 'bundel-demand__boards">2<' in figures
    assert 'bundel-demand__locations">3<' in figures
    assert 'bundel-demand__students">1.100<' in figures
    assert 'bundel-demand__units">18 (toegangspunt)<' in figures
    # 1,100 of 1,900 students in the register: 57.89 %.
    assert "57,89% van 1.900 leerlingen" in page
    assert board_a.display_name in page
    assert board_b.display_name in page
    # The chart: students reached by 2027 and by 2028, with its table.
    assert 'role="img"' in page
    assert "<title>2027: 600</title>" in page
    assert "<title>2028: 1.100</title>" in page


@pytest.mark.rule("TEN-2")
def test_a_member_sees_the_demand_in_figures_without_the_boards(
    client_a: Client, wifi: Product, board_a: Board, board_b: Board
) -> None:
    f.intent(board_b, wifi, year=2027)
    page = html_of(client_a.get(reverse("web:member_catalog:demand", args=["wifi"])))
    assert 'bundel-demand__boards">1<' in page
    assert board_b.display_name not in page
    assert "Uw bestuur heeft geen interesse in dit product." in page


# --- Members: the catalogue and intent ------------------------------------------------------------


@pytest.mark.rule("CAT-1")
@pytest.mark.rule("CAT-3")
@pytest.mark.rule("CAT-4")
def test_a_member_browses_the_catalogue_with_exploration_and_required_products(
    client_a: Client, wifi: Product
) -> None:
    page = html_of(client_a.get(reverse("web:member_catalog:catalogue")))
    assert '<h1 class="utrecht-heading-1">Catalogus</h1>' in page
    assert "Verkend door de special interest group SIG Digitale leermiddelen." in page
    assert "Producten in verkenning kunnen nog niet besteld worden." in page
    connectivity = page[page.index('id="product-connectivity"') :]
    assert "Vereist" in connectivity
    assert "Verplichte beveiligingsdiensten (anti-DDoS, firewall, filtering)" in connectivity
    assert reverse("web:member_catalog:intent", args=["wifi"]) in page


@pytest.mark.rule("TEN-1")
def test_a_member_registers_intent_at_two_locations_with_options(
    client_a: Client, wifi: Product, board_a: Board
) -> None:
    page = html_of(client_a.get(reverse("web:member_catalog:intent", args=["wifi"])))
    for location in f.locations_of(board_a):
        assert location.code in page
    assert '<option value="2028">2028</option>' in page
    assert '<option value="2029">' not in page
    response = client_a.post(
        reverse("web:member_catalog:intent", args=["wifi"]), intent_post(board_a)
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("web:member_catalog:my-intents")
    intent = Intent.objects.get(board=board_a, product=wifi)
    rows = sorted((r.units, r.options) for r in intent.locations.all())
    assert intent.start_year == 2027
    assert rows == [(Decimal(4), {"access_points": "4"}), (Decimal(6), {"access_points": "6"})]
    overview = html_of(client_a.get(response["Location"]))
    assert "Wifi met intern vast netwerk" in overview
    assert "1 bestuur, 100,00% van alle leerlingen" in overview


@pytest.mark.rule("TEN-1")
def test_a_chosen_location_needs_its_options(
    client_a: Client, wifi: Product, board_a: Board
) -> None:
    data = intent_post(board_a)
    first = f.locations_of(board_a)[0]
    del data[f"location_{first.pk}_access_points"]
    response = client_a.post(reverse("web:member_catalog:intent", args=["wifi"]), data)
    assert response.status_code == 200
    assert "Geef Aantal toegangspunten op voor deze locatie." in html_of(response)
    assert not Intent.objects.exists()


@pytest.mark.rule("ACC-2")
def test_a_representative_cannot_register_intent_for_another_boards_location(
    client_a: Client, wifi: Product, board_b: Board
) -> None:
    other = f.locations_of(board_b)[0]
    response = client_a.post(
        reverse("web:member_catalog:intent", args=["wifi"]),
        {"start_year": 2027, f"location_{other.pk}": "on", f"location_{other.pk}_access_points": 3},
    )
    assert response.status_code == 200
    assert "Kies ten minste één locatie." in html_of(response)
    assert not IntentLocation.objects.exists()


@pytest.mark.rule("TEN-1")
def test_a_start_year_beyond_the_horizon_is_refused(
    client_a: Client, wifi: Product, board_a: Board
) -> None:
    response = client_a.post(
        reverse("web:member_catalog:intent", args=["wifi"]), intent_post(board_a, year=2029)
    )
    assert response.status_code == 200
    assert "Kies een startjaar van 2026 tot en met 2028." in html_of(response)
    assert not Intent.objects.exists()


@pytest.mark.rule("TEN-1")
def test_intent_is_locked_once_the_tender_is_published(
    client_a: Client, wifi: Product, board_a: Board
) -> None:
    f.intent(board_a, wifi, year=2027)
    tender = f.tender_ready(wifi)
    path = reverse("web:member_catalog:intent", args=["wifi"])
    assert client_a.post(path, intent_post(board_a, year=2028)).status_code == 302  # still open
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=UTC), tick=False):
        services.tender_transition(tender=tender, target=domain.TenderStatus.PUBLISHED)
        locked = f"Interesse kan niet meer veranderen: aanbesteding {tender.reference} is"
        page = html_of(client_a.get(path))
        assert locked in page
        assert "Interesse registreren</button>" not in page
        response = client_a.post(path, intent_post(board_a, year=2027, points=(1, 1)))
        assert response.status_code == 200
        assert locked in html_of(response)
        withdraw = client_a.post(reverse("web:member_catalog:intent-withdraw", args=["wifi"]))
        assert locked in html_of(client_a.get(withdraw["Location"]))
    intent = Intent.objects.get(board=board_a)
    assert intent.start_year == 2028
    assert sorted(intent.locations.values_list("units", flat=True)) == [4, 6]


@pytest.mark.rule("CAT-4")
def test_no_intent_form_for_a_product_in_exploration(
    client_a: Client, wifi: Product, board_a: Board
) -> None:
    ProductGroup.objects.filter(code="wifi").update(status="exploration")
    path = reverse("web:member_catalog:intent", args=["wifi"])
    page = html_of(client_a.get(path))
    assert "Dit product is niet beschikbaar (in verkenning)." in page
    response = client_a.post(path, intent_post(board_a))
    assert "Dit product is niet beschikbaar (in verkenning)." in html_of(response)
    assert not Intent.objects.exists()


@pytest.mark.rule("TEN-1")
def test_a_member_withdraws_its_intent(client_a: Client, wifi: Product, board_a: Board) -> None:
    f.intent(board_a, wifi)
    response = client_a.post(reverse("web:member_catalog:intent-withdraw", args=["wifi"]))
    assert response.status_code == 302
    assert not Intent.objects.exists()
    assert "Uw bestuur heeft nog voor geen enkel product interesse geregistreerd." in html_of(
        client_a.get(response["Location"])
    )


# --- Members: participation, late joins, price changes, requirements ------------------------------


@pytest.fixture
def awarded(wifi: Product, board_a: Board, make_user: Callable[..., object]) -> Tender:
    """Board A has intent for wifi (2 locations × 10 units); the tender is awarded at 30.00 per
    unit with a purchase fee of EUR 250 and room for 10 units. Its tests run on 1 February
    2027."""
    f.intent(board_a, wifi)
    return f.awarded(wifi, make_user, room=Decimal(10))


@pytest.mark.rule("FEE-2")
def test_confirming_participation_shows_the_fee_first_and_charges_it(
    client_a: Client, awarded: Tender, board_a: Board
) -> None:
    page = html_of(client_a.get(reverse("web:member_catalog:participation")))
    assert "Gevraagd te bevestigen" in page
    assert "EUR 250,00" in page
    participation = Participation.objects.get(tender=awarded, board=board_a)
    response = client_a.post(
        reverse("web:member_catalog:participation-confirm", args=[participation.pk])
    )
    assert response.status_code == 302
    page = html_of(client_a.get(response["Location"]))
    assert f"Uw bestuur neemt deel aan {awarded.reference}." in page
    charge = Charge.objects.get()
    assert (charge.board, charge.kind, charge.unit_price, charge.billing_period) == (
        board_a, "purchase_fee", Decimal("250.00"), "2027-02",
    )  # fmt: skip
    participation.refresh_from_db()
    assert participation.status == "confirmed"


@pytest.mark.rule("ACC-2")
def test_a_representative_cannot_see_or_decide_another_boards_participation(
    client_b: Client, awarded: Tender, board_a: Board
) -> None:
    participation = Participation.objects.get(tender=awarded, board=board_a)
    page = html_of(client_b.get(reverse("web:member_catalog:participation")))
    assert reverse("web:member_catalog:participation-confirm", args=[participation.pk]) not in page
    for name in ("participation-confirm", "participation-decline"):
        response = client_b.post(reverse(f"web:member_catalog:{name}", args=[participation.pk]))
        assert response.status_code == 404
    participation.refresh_from_db()
    assert participation.status == "invited"
    assert not Charge.objects.exists()


def test_a_member_declines_participation(client_a: Client, awarded: Tender, board_a: Board) -> None:
    participation = Participation.objects.get(tender=awarded, board=board_a)
    client_a.post(reverse("web:member_catalog:participation-decline", args=[participation.pk]))
    participation.refresh_from_db()
    assert participation.status == "declined"
    assert not Charge.objects.exists()


@pytest.mark.rule("TEN-6")
def test_a_late_joiner_joins_and_a_larger_request_is_refused_and_kept_as_demand(
    client_b: Client,
    awarded: Tender,
    admin: User,
    make_user: Callable[..., object],
    client_for: Callable[[object], Client],
    buyer_client: Client,
) -> None:
    join = reverse("web:member_catalog:join", args=[awarded.pk])
    page = html_of(client_b.get(reverse("web:member_catalog:participation")))
    assert "Ruimte over: 10 (toegangspunt)" in page
    response = client_b.post(join, {f"join-{awarded.pk}-amount": "6"})
    assert response.status_code == 302
    page = html_of(client_b.get(response["Location"]))
    assert f"Uw bestuur is aangesloten bij {awarded.reference}. Ruimte over: 4." in page
    third = f.member_with_locations(admin, locations=1)
    client_c = client_for(make_user(Role.MEMBER_REPRESENTATIVE, board=third))
    assert "Ruimte over: 4 (toegangspunt)" in html_of(
        client_c.get(reverse("web:member_catalog:participation"))
    )
    refused = client_c.post(join, {f"join-{awarded.pk}-amount": "5"}, follow=True)
    assert (
        "Er is nog maar 4 over in deze aanbesteding, minder dan u vroeg: uw aanvraag telt mee "
        "als vraag voor een volgende aanbesteding."
    ) in html_of(refused)
    late = Participation.objects.get(tender=awarded, late=True)
    assert (late.status, late.units) == ("confirmed", Decimal(6))
    unmet = UnmetDemand.objects.get()
    assert (unmet.board, unmet.units) == (third, Decimal(5))
    assert Charge.objects.filter(kind="purchase_fee").count() == 1  # the late joiner's
    dashboard = html_of(buyer_client.get(reverse("web:catalog:demand", args=["wifi"])))
    assert "5 eenheden gevraagd door late aansluiters toen er geen ruimte meer was" in dashboard


@pytest.mark.rule("TEN-6")
def test_a_join_that_is_not_a_number_is_refused_in_dutch(client_b: Client, awarded: Tender) -> None:
    response = client_b.post(
        reverse("web:member_catalog:join", args=[awarded.pk]), {f"join-{awarded.pk}-amount": "x"}
    )
    assert response.status_code == 200
    assert "Voer een getal in." in html_of(response)
    response = client_b.post(
        reverse("web:member_catalog:join", args=[awarded.pk]), {f"join-{awarded.pk}-amount": "0"}
    )
    assert "Sluit aan met ten minste één eenheid." in html_of(response)
    assert not Participation.objects.filter(late=True).exists()
    assert not UnmetDemand.objects.exists()


@pytest.mark.rule("TEN-8")
def test_a_member_sees_the_effect_of_a_price_change_on_its_yearly_cost(
    client_a: Client, awarded: Tender, board_a: Board
) -> None:
    participation = Participation.objects.get(tender=awarded, board=board_a)
    services.participation_confirm(participation=participation)
    services.price_change_record(
        lot=Lot.objects.get(tender=awarded), effective_on=date(2027, 1, 1),
        percent=Decimal(30), reason="Licentietarief",
    )  # fmt: skip
    page = html_of(client_a.get(reverse("web:member_catalog:participation")))
    effects = page[page.index("bundel-price-effects") :]
    # 20 units × 30.00 = 600.00 a year; +30 % → 780.00.
    assert "vanaf 1 januari 2027: 30%" in effects
    assert "EUR 600,00" in effects
    assert "EUR 780,00" in effects
    assert "+EUR 180,00" in effects


@pytest.mark.rule("TEN-3")
def test_a_member_reads_the_programme_of_requirements_and_comments_on_it(
    client_a: Client, wifi: Product, board_a: Board
) -> None:
    tender = f.tender_ready(wifi)
    page = html_of(client_a.get(reverse("web:member_catalog:participation")))
    assert "Programma van eisen: dekking in alle lokalen." in page
    path = reverse("web:member_catalog:comment", args=[tender.pk])
    empty = client_a.post(path, {f"comment-{tender.pk}-text": "  "})
    assert "Schrijf uw reactie." in html_of(empty)
    response = client_a.post(path, {f"comment-{tender.pk}-text": "Ook de gymzaal graag."})
    assert response.status_code == 302
    assert "Ook de gymzaal graag." in html_of(client_a.get(response["Location"]))
    comment = RequirementComment.objects.get()
    assert (comment.board, comment.tender) == (board_a, tender)
