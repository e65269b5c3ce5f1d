"""Council meeting pages (GOV-5, GOV-6, GOV-10): `staff` runs the meeting, `member` lets seat
holders vote and give proxies, `presenters` shapes what both show."""
