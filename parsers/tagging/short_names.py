"""Short forms of division names: 宁夏回族自治区 → 宁夏, 吴忠市 → 吴忠, 张家川回族自治县 → 张家川."""

from __future__ import annotations

#: The 56 nationalities, longest first, as they appear in names of autonomous units.
NATIONALITIES: tuple[str, ...] = tuple(
    sorted(
        [
            "汉",
            "蒙古",
            "回",
            "藏",
            "维吾尔",
            "苗",
            "彝",
            "壮",
            "布依",
            "朝鲜",
            "满",
            "侗",
            "瑶",
            "白",
            "土家",
            "哈尼",
            "哈萨克",
            "傣",
            "黎",
            "傈僳",
            "佤",
            "畲",
            "高山",
            "拉祜",
            "水",
            "东乡",
            "纳西",
            "景颇",
            "柯尔克孜",
            "土",
            "达斡尔",
            "仫佬",
            "羌",
            "布朗",
            "撒拉",
            "毛南",
            "仡佬",
            "锡伯",
            "阿昌",
            "普米",
            "塔吉克",
            "怒",
            "乌孜别克",
            "俄罗斯",
            "鄂温克",
            "德昂",
            "保安",
            "裕固",
            "京",
            "塔塔尔",
            "独龙",
            "鄂伦春",
            "赫哲",
            "门巴",
            "珞巴",
            "基诺",
            "各",
        ],
        key=len,
        reverse=True,
    )
)

#: City short forms that are also ordinary words or street names: never looked for in free text.
UNSAFE_CITY_SHORTS = frozenset(
    {"中山", "长治", "安康", "来宾", "四平", "阿里", "山南", "白山", "海东"}
)

_PROVINCE_SUFFIXES = ("自治区", "省", "市")
_CITY_SUFFIXES = ("自治州", "地区", "市", "盟")
_COUNTY_SUFFIXES = ("自治县", "自治旗", "新区", "林区", "特区", "县", "市", "区", "旗")


def strip_nationalities(stem: str) -> str:
    """Remove trailing nationality names of an autonomous unit.

    ``张家川回族`` → ``张家川``, ``黔东南苗族侗族`` → ``黔东南``, ``新疆维吾尔`` → ``新疆``
    (a nationality of two or more characters may stand without 族).
    """
    while True:
        with_zu = stem.endswith("族")
        body = stem[:-1] if with_zu else stem
        for nationality in NATIONALITIES:
            if (with_zu or len(nationality) >= 2) and body.endswith(nationality):
                if len(body) - len(nationality) >= 2:
                    stem = body[: -len(nationality)]
                    break
                if body == nationality:
                    # The place is named after its people: 东乡族自治县 → 东乡, 鄂温克族自治旗 → 鄂温克.
                    return body
        else:
            return stem


def short_forms(name: str, level: str) -> list[tuple[str, bool]]:
    """Short forms of an official name, each with whether it is safe to look for in free text."""
    suffixes = {"province": _PROVINCE_SUFFIXES, "city": _CITY_SUFFIXES}.get(level, _COUNTY_SUFFIXES)
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix.startswith("自治"):
                stem = strip_nationalities(stem)
            break
    else:
        return []
    if len(stem) < 2 or stem == name:
        return []
    forms: list[tuple[str, bool]] = []
    if suffix.startswith("自治") and len(suffix) == 3:
        # 张家川回族自治县 → 张家川县, 延边朝鲜族自治州 → 延边州, 鄂伦春自治旗 → 鄂伦春旗.
        forms.append((stem + suffix[-1], len(stem) >= 2))
    if level == "province":
        forms.append((stem, True))
    elif level == "city":
        forms.append((stem, stem not in UNSAFE_CITY_SHORTS))
    else:
        # County short forms (海原, 灵武) are read only in agency names and titles: as free
        # text they collide with ordinary words.
        forms.append((stem, len(stem) >= 3 and not stem.endswith(("开发", "园"))))
    return forms


#: Endings of ethnic townships (阿什里哈萨克民族乡, 东坝回族乡, 土城满族镇) and their short level.
_ETHNIC_TOWNSHIP_ENDINGS: tuple[tuple[str, str], ...] = (
    ("民族乡", "乡"),
    ("民族镇", "镇"),
    ("民族苏木", "苏木"),
    ("族乡", "乡"),
    ("族镇", "镇"),
    ("族苏木", "苏木"),
)


def township_short_form(name: str) -> str | None:
    """The short form of an ethnic township: ``阿什里哈萨克民族乡`` → ``阿什里乡``, else None."""
    for ending, level in _ETHNIC_TOWNSHIP_ENDINGS:
        if name.endswith(ending):
            body = name[: -len(ending)]
            stem = strip_nationalities(body + ("族" if ending.startswith("族") else ""))
            if ending.startswith("民族"):
                stem = strip_nationalities(body)
            if 2 <= len(stem) < len(body):
                return stem + level
            return None
    return None
