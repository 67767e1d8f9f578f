import datetime as dt

from editor.cadence import advance, next_numbers
from editor.template import Cadence

WEEKLY = Cadence("week", 1, "yearly")


def test_weekly_next_issue():
    n = next_numbers(dt.date(2023, 7, 21), 29, 140, WEEKLY)
    assert (n.date, n.number, n.total_number) == (dt.date(2023, 7, 28), 30, 141)


def test_new_year_restarts_number_not_total():
    n = next_numbers(dt.date(2023, 12, 29), 52, 163, WEEKLY)
    assert (n.date, n.number, n.total_number) == (dt.date(2024, 1, 5), 1, 164)


def test_explicit_date_and_never_restarting_numbers():
    n = next_numbers(dt.date(2023, 12, 29), 52, 163, Cadence("week", 1, "never"), dt.date(2024, 1, 12))
    assert (n.date, n.number, n.total_number) == (dt.date(2024, 1, 12), 53, 164)


def test_monthly_cadence_clamps_the_day():
    assert advance(dt.date(2023, 1, 31), Cadence("month", 1)) == dt.date(2023, 2, 28)
    assert advance(dt.date(2023, 11, 15), Cadence("month", 2)) == dt.date(2024, 1, 15)
    assert advance(dt.date(2023, 7, 21), Cadence("day", 10)) == dt.date(2023, 7, 31)
