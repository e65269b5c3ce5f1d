"""What the membership write modules share."""

from bundel.registry.models import Board


def board_locked(board: Board) -> Board:
    """The board, locked until the end of the transaction: one decision per board at a time."""
    return Board.objects.select_for_update().get(pk=board.pk)
