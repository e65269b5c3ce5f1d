"""Billing views: staff.py for finance, member.py for the member area."""
