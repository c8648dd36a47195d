"""The gazetteer: official names, short forms, former names and the placeholder rows."""

from __future__ import annotations

import pytest

from parsers.tagging.gazetteer import get_gazetteer


@pytest.mark.parametrize(
    ("name", "official"),
    [
        ("宁夏", "宁夏回族自治区"),
        ("内蒙古", "内蒙古自治区"),
        ("广西", "广西壮族自治区"),
        ("新疆", "新疆维吾尔自治区"),
        ("吴忠", "吴忠市"),
        ("巴市", "巴彦淖尔市"),
        ("海原", "海原县"),
        ("张家川", "张家川回族自治县"),
        ("张家川县", "张家川回族自治县"),
        ("东乡族自治县", "东乡族自治县"),
        ("鄂温克旗", "鄂温克族自治旗"),
        ("伊犁州", "伊犁哈萨克自治州"),
        ("黔东南", "黔东南苗族侗族自治州"),
    ],
)
def test_short_forms_lead_to_the_official_unit(name: str, official: str) -> None:
    assert official in [d.name for d in get_gazetteer().lookup(name)]


@pytest.mark.parametrize(
    ("former", "today", "code"),
    [
        ("密云县", "密云区", "110118"),
        ("抚远县", "抚远市", "230883"),
        ("即墨市", "即墨区", "370215"),
        ("塘沽区", "滨海新区", "120116"),
        ("郫县", "郫都区", "510117"),
    ],
)
def test_former_names_lead_to_todays_unit(former: str, today: str, code: str) -> None:
    (division,) = get_gazetteer().lookup(former)
    assert (division.name, division.code) == (today, code)


def test_placeholder_rows_are_not_names_and_municipal_districts_have_no_city() -> None:
    gazetteer = get_gazetteer()
    assert gazetteer.lookup("市辖区") == ()
    assert gazetteer.lookup("县") == ()
    (pudong,) = gazetteer.lookup("浦东新区")
    assert pudong.city_code is None
    assert [a.name for a in gazetteer.ancestors(pudong)] == ["上海市"]


def test_a_prefecture_without_counties_holds_its_townships_directly() -> None:
    gazetteer = get_gazetteer()
    assert gazetteer.lookup("东莞市")[0].level == "city"
    (humen,) = gazetteer.lookup_township("虎门镇")
    assert [a.name for a in gazetteer.ancestors(humen)] == ["东莞市", "广东省"]


def test_division_codes_are_padded_to_six_digits_above_the_county() -> None:
    gazetteer = get_gazetteer()
    assert gazetteer.lookup("宁夏")[0].full_code == "640000"
    assert gazetteer.lookup("吴忠")[0].full_code == "640300"
    assert len(gazetteer.lookup_township("金银滩镇")[0].full_code) == 9


def test_free_text_scanning_skips_generic_words_and_finds_longest_names() -> None:
    found = [name for _, name in get_gazetteer().scan("城区和郊区的群众；联系地址：吴忠市利通区")]
    assert found == ["吴忠市", "利通区"]
