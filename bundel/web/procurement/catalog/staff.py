"""Staff pages for the catalogue (CAT-1 … CAT-4) and the demand dashboard (TEN-2). Every staff
role reads; procurement and administrators (catalog.manage_catalog) change the catalogue."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from bundel.accounts.models import User
from bundel.catalog import domain as catalog_domain
from bundel.catalog import selectors as catalog_selectors
from bundel.catalog import services as catalog_services
from bundel.catalog.models import Product, ProductGroup
from bundel.shared.errors import RuleViolation
from bundel.web.access import StaffRequiredMixin
from bundel.web.procurement.catalog import presenters
from bundel.web.procurement.catalog.forms import GroupForm, OptionForm, ProductForm

MANAGE = "catalog.manage_catalog"


def staff(request: HttpRequest) -> User:
    """The signed-in staff member (StaffRequiredMixin has let only staff in)."""
    return cast(User, request.user)


def product_or_404(code: str) -> Product:
    product = catalog_selectors.product_by_code(code)
    if product is None:
        raise Http404(_("There is no such product."))
    return product


class CatalogManagerMixin(StaffRequiredMixin):
    """Procurement and administrators maintain the catalogue (ACC-1)."""

    permission_required = MANAGE


class CatalogueView(StaffRequiredMixin, View):
    """CAT-1 … CAT-4: the groups with their status (in exploration with the interest group
    exploring it, available, withdrawn) and their products; withdrawn ones too, for staff."""

    def get(self, request: HttpRequest) -> HttpResponse:
        groups = presenters.catalogue_rows(include_withdrawn=True)
        context = {
            "groups": groups,
            "is_empty": not groups,
        }
        return render(request, "procurement/catalog/staff/catalogue.html", context)


class CatalogueSeedView(CatalogManagerMixin, View):
    """CAT-1: load the spec's product groups and their first products (idempotent)."""

    def post(self, request: HttpRequest) -> HttpResponse:
        groups = catalog_services.catalog_seed(by=staff(request))
        messages.success(
            request,
            _("The catalogue has been loaded with the %(count)s product groups of the spec.")
            % {"count": len(groups)},
        )
        return redirect("web:catalog:catalogue")


class GroupEditView(CatalogManagerMixin, View):
    """CAT-1, CAT-4: a group's name, status and the interest group exploring it."""

    template_name = "procurement/catalog/staff/group_form.html"

    def group(self, code: str) -> ProductGroup:
        group = ProductGroup.objects.filter(code=code).first()
        if group is None:
            raise Http404(_("There is no such product group."))
        return group

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        group = self.group(code)
        initial = {
            "name": group.name,
            "status": group.status,
            "interest_group": group.interest_group,
            "description": group.description,
            "position": group.position,
        }
        return self.render_page(request, group, GroupForm(initial=initial))

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        group = self.group(code)
        form = GroupForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, group, form)
        data = form.cleaned_data
        catalog_services.product_group_save(
            code=group.code,
            name=data["name"],
            status=catalog_domain.Status(data["status"]),
            interest_group=data["interest_group"],
            description=data["description"],
            position=data["position"],
            by=staff(request),
        )
        messages.success(
            request, _("The product group %(name)s has been saved.") % {"name": data["name"]}
        )
        return redirect("web:catalog:catalogue")

    def render_page(
        self, request: HttpRequest, group: ProductGroup, form: GroupForm
    ) -> HttpResponse:
        return render(request, self.template_name, {"group": group, "form": form})


class ProductFormMixin(CatalogManagerMixin):
    template_name = "procurement/catalog/staff/product_form.html"

    def save(
        self, request: HttpRequest, form: ProductForm, product: Product | None
    ) -> HttpResponse | None:
        """The product saved, or None with the service's refusal beside the field."""
        try:
            saved = catalog_services.product_save(
                data=form.product_data(), product=product, by=staff(request)
            )
        except RuleViolation as violation:
            form.add_violation(violation)
            return None
        messages.success(request, _("The product %(name)s has been saved.") % {"name": saved.name})
        return redirect("web:catalog:product-edit", code=saved.code)

    def render_page(
        self,
        request: HttpRequest,
        form: ProductForm,
        product: Product | None = None,
        option_form: OptionForm | None = None,
    ) -> HttpResponse:
        context = {
            "form": form,
            "product": product,
            "option_form": option_form or OptionForm(),
            "options": list(product.options.order_by("id")) if product else [],
            "has_groups": ProductGroup.objects.exists(),
        }
        return render(request, self.template_name, context)


class ProductCreateView(ProductFormMixin, View):
    """CAT-2, CAT-3: a new product."""

    def get(self, request: HttpRequest) -> HttpResponse:
        group = ProductGroup.objects.filter(code=request.GET.get("groep", "")).first()
        initial = {"group": group.pk} if group else {}
        return self.render_page(request, ProductForm(initial=initial))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ProductForm(request.POST)
        if form.is_valid():
            response = self.save(request, form, None)
            if response is not None:
                return response
        return self.render_page(request, form)


class ProductEditView(ProductFormMixin, View):
    """CAT-2, CAT-3: change a product; a requirement that would loop is refused with why."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        product = product_or_404(code)
        form = ProductForm(initial=ProductForm.initial_of(product), product=product)
        return self.render_page(request, form, product)

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        product = product_or_404(code)
        form = ProductForm(request.POST, product=product)
        if form.is_valid():
            response = self.save(request, form, product)
            if response is not None:
                return response
        return self.render_page(request, form, product)


class OptionAddView(ProductFormMixin, View):
    """CAT-2: an option chosen per location (a list of values, or a number)."""

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        product = product_or_404(code)
        option_form = OptionForm(request.POST)
        if option_form.is_valid():
            data = option_form.cleaned_data
            option = catalog_services.option_save(
                product=product,
                code=data["code"],
                label=data["label"],
                choices=data["choices"],
                counts_units=data["counts_units"],
                by=staff(request),
            )
            messages.success(
                request, _("The option %(label)s has been saved.") % {"label": option.label}
            )
            return redirect(f"{reverse('web:catalog:product-edit', args=[code])}#options")
        form = ProductForm(initial=ProductForm.initial_of(product), product=product)
        return self.render_page(request, form, product, option_form=option_form)


class DemandView(StaffRequiredMixin, View):
    """TEN-2: the bundled demand for a product: boards, locations, students and units per start
    year, the share of all national students, demand over time, unmet demand (TEN-6) and the
    boards with intent."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        context = presenters.demand_page(product_or_404(code), with_boards=True)
        return render(request, "procurement/catalog/staff/demand.html", context)
