"""Numerals and Japanese fiscal years."""

import pytest
from suijun.extractors.numbers import find_years, parse_numeral


@pytest.mark.parametrize(
    "text,value",
    [
        ("3,548", 3548),
        ("2.9億", 2.9e8),
        ("1万2千", 12000),
        ("三千五百", 3500),
        ("二十", 20),
        ("十", 10),
        ("百二十", 120),
        ("1千5百", 1500),
        ("3.5万", 35000),
        ("1億2000万", 1.2e8),
        ("5,200", 5200),
        ("0.5", 0.5),
    ],
)
def test_parse_numeral(text, value):
    assert parse_numeral(text) == value


@pytest.mark.parametrize(
    "text,years",
    [
        ("令和元年度", [2019]),
        ("令和4年度", [2022]),
        ("平成25年度", [2013]),
        ("R5年度", [2023]),
        ("H30年度", [2018]),
        ("2021年度", [2021]),
        ("令和4年5月1日現在", [2022]),
        ("令和5年3月31日", [2022]),
        ("2023年2月", [2022]),
        ("平成 28 年度", [2016]),
        ("FY2020", [2020]),
        ("ビジョン2030", []),
        ("第4期", []),
        ("RH3", []),
        # the other calendar glossed in brackets (大学基準協会's house style), text as normalised
        ("2023(令和5)年度", [2023]),
        ("令和5(2023)年度", [2023]),
        ("2019(令和元)年度", [2019]),
        ("2020(令和2)年3月", [2019]),
        ("2023(第5期)年度", []),
    ],
)
def test_find_years(text, years):
    assert [y.year for y in find_years(text)] == years
