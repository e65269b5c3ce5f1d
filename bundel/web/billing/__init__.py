"""The billing pages (FEE-1 … FEE-4, issue #6): finance under /beheer/facturatie/, members under
/mijn/facturen/."""
