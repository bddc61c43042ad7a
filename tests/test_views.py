"""What a reader sees: date labels, importance, the one-page trimming order."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.model import DateValue, Precision
from briefing.views import date_label


def dv(value: str, precision: Precision, start: str, end: str, **flags: bool) -> DateValue:
    return DateValue(value, precision, date.fromisoformat(start), date.fromisoformat(end),
                     **flags)


@pytest.mark.parametrize(("value", "expected"), [
    (dv("2025-01-08", Precision.DAY, "2025-01-08", "2025-01-08"), "8 January 2025"),
    (dv("2025-01-08T15:00", Precision.MINUTE, "2025-01-08", "2025-01-08"),
     "8 January 2025, 15:00"),
    (dv("2025-01", Precision.MONTH, "2025-01-01", "2025-01-31"), "January 2025"),
    (dv("2025", Precision.YEAR, "2025-01-01", "2025-12-31"), "2025"),
    (dv("2025-Q1", Precision.QUARTER, "2025-01-01", "2025-03-31"), "Q1 2025"),
    (dv("2024-SU", Precision.SEASON, "2024-06-01", "2024-08-31"), "Summer 2024"),
    (dv("199X", Precision.DECADE, "1990-01-01", "1999-12-31"), "1990s"),
    (dv("18XX", Precision.CENTURY, "1800-01-01", "1899-12-31"), "19th century"),
    (dv("2025-01-08/2025-01-10", Precision.DAY, "2025-01-08", "2025-01-10"),
     "8–10 January 2025"),
    (dv("2024-12-30/2025-01-02", Precision.DAY, "2024-12-30", "2025-01-02"),
     "30 December 2024 – 2 January 2025"),
    (dv("2024-03/2024-05", Precision.MONTH, "2024-03-01", "2024-05-31"), "March–May 2024"),
    (dv("2019/2021", Precision.YEAR, "2019-01-01", "2021-12-31"), "2019–2021"),
    (dv("2025", Precision.YEAR, "2025-01-01", "2025-04-30", approximate=True), "about 2025"),
])
def test_date_labels_show_the_real_precision(value, expected):
    assert date_label(value) == expected
