"""Procurement's pure adapters to outside formats: `ocds` (the Open Contracting Data Standard)."""
