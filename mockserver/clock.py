"""The world's date: the fixed "today" of the fictional France, so that answers do not drift with the calendar."""

from datetime import date

WORLD_DATE = date(2025, 6, 30)
