from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from bundel.accounts.models import User


@admin.register(User)
class BundelUserAdmin(UserAdmin[User]):
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Bundel", {"fields": ("board", "language")}))
    list_display = ["username", "email", "first_name", "last_name", "board", "is_active"]
    raw_id_fields = ["board"]
