"""The public report's plain-English answers and the national categories derived from them."""

import pytest

from directory.referrals.choices import (
    PUBLIC_REPORT_TYPES,
    TYPES_BY_CATEGORY,
    Category,
    ReportType,
    public_report_category,
)


def test_every_type_is_offered_to_residents():
    assert set(PUBLIC_REPORT_TYPES) == set(ReportType)


@pytest.mark.parametrize("report_type", list(ReportType))
@pytest.mark.parametrize("aimed", [True, False])
def test_every_derived_category_is_one_the_type_belongs_to(report_type, aimed):
    category = public_report_category(report_type, aimed_at_household=aimed)

    assert report_type in TYPES_BY_CATEGORY[category]


def test_whom_it_is_aimed_at_decides_only_the_types_that_can_be_either():
    either = {t for t, answer in PUBLIC_REPORT_TYPES.items() if answer.category is None}

    assert either == {ReportType.NOISE, ReportType.ROWDY, ReportType.OTHER}
    assert public_report_category(ReportType.NOISE, aimed_at_household=True) == Category.PERSONAL
    assert public_report_category(ReportType.NOISE) == Category.NUISANCE
    assert public_report_category(ReportType.VANDALISM, aimed_at_household=True) == Category.ENVIRONMENTAL
    assert public_report_category(ReportType.INTIMIDATION) == Category.PERSONAL
