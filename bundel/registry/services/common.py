"""What the register's write modules share."""

from collections.abc import Callable

# (stage, done, total): stage is "parse:<file>", "write:<file>" or "classify".
ImportProgress = Callable[[str, int, int], None]

BULK = 2000  # rows per bulk statement
