from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from bundel.accounts.models import User


@admin.register(User)
class BundelUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Bundel", {"fields": ("board", "language")}))  # type: ignore[operator]
    list_display = ["username", "email", "first_name", "last_name", "board", "is_active"]
    raw_id_fields = ["board"]
