"""Membership pages (MEM, FEE-1, ACC-2): `public` (Word lid, the invitation), `staff` (the
application queue, members, notice, settlements) and `member` (the representative's own board)."""
