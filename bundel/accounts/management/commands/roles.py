from django.core.management.base import BaseCommand

from bundel.accounts.services import roles_ensure


class Command(BaseCommand):
    help = "Create or update the staff and member roles (ACC-1) as groups with their permissions."

    def handle(self, *args: object, **options: object) -> None:
        groups = roles_ensure()
        self.stdout.write(", ".join(sorted(groups)))
