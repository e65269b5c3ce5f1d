"""Catalogue and demand pages: staff maintain the catalogue and read the demand (CAT, TEN-2);
members browse it, register intent, confirm participation and join late (TEN-1, TEN-6)."""
