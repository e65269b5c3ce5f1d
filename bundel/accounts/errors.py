from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "accounts.representative_needs_board": _("A member representative must represent a board."),
    "accounts.board_only_for_representatives": _("Only a member representative acts for a board."),
    "accounts.username_taken": _("The user name %(username)s is already taken."),
}
