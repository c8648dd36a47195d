"""Read a page's text as a portal serves it: chrome lines, metadata written as text, the title line.

A crawler rarely gets a clean title and a metadata block apart from the report. Page text runs
``首页 > 信息公开 > 年度报告``, ``无障碍 长者模式``, ``索引号: … 发布机构: 衡水市水利局 文 号:``, the
site's banner (the *portal's* government), ``语音播报``, ``【字体：大 中 小】``, then the report's
title and body. :func:`read_page` sorts these apart so that the tagger can trust the title and
the metadata, and never takes a banner or a menu for the reporting body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.tagging.normalize import squeeze_spaces

#: Labels of the metadata block of a government page, with the key the tagger reads them under.
METADATA_KEYS: dict[str, str] = {
    "名称": "标题",
    "标题": "标题",
    "文章标题": "标题",
    "信息名称": "标题",
    "内容概述": "内容概述",
    "索引号": "索引号",
    "发布机构": "发布机构",
    "发文机关": "发布机构",
    "发文机构": "发布机构",
    "发布单位": "发布机构",
    "公开主体": "发布机构",
    "公开责任部门": "发布机构",
    "信息公开责任部门": "发布机构",
    "责任部门": "发布机构",
    "所属机构": "发布机构",
    "组织机构": "发布机构",
    "机构名称": "发布机构",
    "来源": "来源",
    "信息来源": "来源",
    "文章来源": "来源",
    "发布日期": "发布日期",
    "发布时间": "发布日期",
    "公开日期": "发布日期",
    "成文日期": "成文日期",
    "生成日期": "成文日期",
    "文号": "文号",
    "发文字号": "文号",
    "文件编号": "文号",
    "主题分类": "主题分类",
    "主题词": "主题词",
    "公开方式": "公开方式",
    "公开时限": "公开时限",
    "公开范围": "公开范围",
    "有效性": "有效性",
    "体裁分类": "体裁分类",
    "服务对象": "服务对象",
    "作者": "作者",
    "浏览次数": "浏览次数",
    "点击数": "浏览次数",
}
#: A label may be written with spaces between its characters (``名  称``, ``文  号``).
_SPACED_LABELS = sorted(METADATA_KEYS, key=len, reverse=True)
_LABEL_PATTERN = "|".join(r"\s*".join(map(re.escape, label)) for label in _SPACED_LABELS)
_LABEL = re.compile(rf"(?:^|(?<=\s)|(?<=[】\]|]))({_LABEL_PATTERN})\s*[:：|｜]")
#: A metadata table flattened to text: ``标 题 | X | 索引号 | Y`` or ``标      题 X``.
_LEADING_LABEL = re.compile(rf"^({_LABEL_PATTERN})(?:\s*[:：|｜]|\s+)")
#: Words of menus, buttons and widgets; a line made only of them (and separators) is chrome.
CHROME_WORDS: tuple[str, ...] = (
    "无障碍", "长者模式", "关怀版", "适老化", "无障碍浏览", "读屏专用", "繁体", "简体", "繁體",
    "English", "ENGLISH", "登录", "注册", "个人中心", "手机版", "移动版", "网站导航", "智能问答",
    "首页", "网站首页", "当前位置", "您的位置", "您现在的位置", "所在位置", "语音播报", "播报",
    "打印", "关闭", "打印本页", "关闭窗口", "收藏", "分享", "分享到", "微信", "微博", "扫一扫",
    "字号", "字体", "大", "中", "小", "默认", "搜索", "搜 索", "高级搜索", "站内搜索", "返回顶部",
    "返回", "上一篇", "下一篇", "相关链接", "相关文章", "附件", "附件下载", "下载", "纠错",
    "我要纠错", "政务公开", "信息公开", "新闻中心", "新闻动态", "政务服务", "互动交流", "办事服务",
    "政民互动", "公众参与", "数据发布", "走进", "专题专栏", "政府信息公开", "政府信息公开年报",
    "政府信息公开年度报告", "年度报告", "法定主动公开内容", "信息公开指南", "信息公开制度",
    "信息公开目录", "依申请公开", "主动公开", "机构概况", "部门文件", "政策文件", "政策解读",
)  # fmt: skip
_CHROME_WORD_SET = frozenset(CHROME_WORDS)
#: Labels of buttons that pages glue to the text after them (``无障碍某省人民政府办公厅``).
GLUED_BUTTONS: tuple[str, ...] = (
    "无障碍浏览",
    "无障碍",
    "长者模式",
    "关怀版",
    "适老化",
    "读屏专用",
    "语音播报",
    "繁体",
    "简体",
    "繁體",
    "English",
    "登录",
    "注册",
)
_SEPARATORS = re.compile(r"[\s>»›/|｜·•、,，:：\-–—_【】\[\]()（）<]+")
_CHROME_LINE = re.compile(
    r"当前位置|您的位置|您现在的位置|所在位置|分享到|上一篇|下一篇|关闭窗口|打印本页|扫一扫|"
    r"网站标识码|ICP备|公网安备|主办单位|承办单位|技术支持|版权所有|浏览次数|阅读次数|访问次数|"
    r"字号[:：]|【字体|字体[:：]|^【?\s*(?:大|中|小)\s*】?$|^\d+\s*$"
)
_BREADCRUMB = re.compile(r"\S\s*[>»›]\s*\S.*[>»›]|^首页\s*[>»›]")
#: What a report's own name ends with.
_REPORT_NAME = re.compile(
    r"(?:年度报告|年报|工作报告|年度工作情况|年度情况报告)\s*(?:[（(].{0,12}[)）])?$"
)
_MAX_TITLE_CHARS = 90
_YEAR = re.compile(r"(?:19|20)\d\d|[二][〇零○O０0][〇零○O０0一二三四五六七八九]{2}")
_MARKDOWN = re.compile(r"^[#>*\-\s•·●◆◇■□▪▶►]+|__")
_TITLE_SEARCH_LINES = 25


@dataclass
class PageReading:
    """What a page's text says apart from the report body."""

    #: The report's own title line, when the text shows one.
    title: str | None = None
    #: Metadata written as text, under the keys of :data:`METADATA_KEYS`.
    metadata: dict[str, str] = field(default_factory=dict)
    #: Lines that are neither chrome nor metadata, in order; the title line included.
    lines: list[str] = field(default_factory=list)
    #: Index of the title line in ``lines`` (or None).
    title_index: int | None = None


def strip_glued_buttons(text: str) -> str:
    """Drop button labels glued to the front of a name: ``无障碍某省人民政府办公厅`` → ``某省人民政府办公厅``."""
    changed = True
    while changed:
        changed = False
        stripped = text.lstrip()
        for button in GLUED_BUTTONS:
            if stripped.startswith(button) and len(stripped) > len(button):
                text = stripped[len(button) :]
                changed = True
                break
    return text


def is_chrome_line(line: str) -> bool:
    """True for a menu, breadcrumb, toolbar or footer line."""
    text = line.strip()
    if not text:
        return True
    if len(text) <= 80 and (_CHROME_LINE.search(text) or _BREADCRUMB.search(text)):
        return True
    tokens = [token for token in _SEPARATORS.split(text) if token]
    if not tokens:
        return True
    chrome = sum(1 for token in tokens if _is_chrome_token(token))
    if chrome == len(tokens):
        return True
    # A menu: many short items, most of them menu words (``首页 走进某区 新闻中心 政务公开``).
    short = all(len(token) <= 8 for token in tokens)
    return short and len(tokens) >= 4 and chrome * 2 >= len(tokens)


def _is_chrome_token(token: str) -> bool:
    if token in _CHROME_WORD_SET:
        return True
    return token.startswith("走进") and len(token) <= 8


#: A metadata table flattened with no separator at all: ``发文机关宋村镇人民政府``, ``标题2023年…``.
_GLUED_LEADING_LABEL = re.compile(
    r"^(标题|发文机关|发布机构|索引号|发文字号|主题分类)(?=[\w\u4e00-\u9fff])"
)


def read_metadata_line(line: str) -> dict[str, str]:
    """``label: value`` pairs of one line, several per line (``文件编号: 发布机构: 湖州市水利局``)."""
    matches = list(_LABEL.finditer(line))
    leading = _LEADING_LABEL.match(line) or _GLUED_LEADING_LABEL.match(line)
    if leading is not None and (not matches or matches[0].start() > 0):
        matches.insert(0, leading)
    if not matches:
        return {}
    found: dict[str, str] = {}
    for position, match in enumerate(matches):
        end = matches[position + 1].start() if position + 1 < len(matches) else len(line)
        value = line[match.end() : end].strip(" \t|｜")
        label = re.sub(r"\s+", "", match.group(1))
        key = METADATA_KEYS[label]
        if value and key not in found:
            found[key] = value
    return found


def _is_metadata_line(line: str, found: dict[str, str]) -> bool:
    """True when most of a line is labels and their values (not a sentence mentioning 来源)."""
    match = _LEADING_LABEL.match(line) or _LABEL.search(line) or _GLUED_LEADING_LABEL.match(line)
    if match is None:
        return False
    before = line[: match.start()].strip()
    return not before and (len(line) <= 120 or len(found) >= 2)


def is_report_title(line: str) -> bool:
    """True for a line that is a report's name (``衡水市水利局2023年政府信息公开工作年度报告``)."""
    text = re.sub(r"\s+", "", line)
    if not 6 <= len(text) <= _MAX_TITLE_CHARS or text.endswith(("。", "；", "，")):
        return False
    if "公开" not in text and "年报" not in text:
        return False
    if not _YEAR.search(text):
        return False  # ``年度信息公开报告``: a column's name, not a report's
    return bool(_REPORT_NAME.search(text)) or text.endswith("报告")


def _starts_with_year(title: str) -> bool:
    return re.match(r"(?:关于)?(?:19|20)\d\d\s*年", title) is not None


def _is_name_line(line: str) -> bool:
    text = re.sub(r"\s+", "", line)
    return 2 <= len(text) <= 30 and "报告" not in text and not re.search(r"\d", text)


def _named_title_below(lines: list[str], index: int) -> int:
    """The index of the title line: a bare heading (``2021年年报``, a column's echo) yields to a
    full title that names the body on one of the next lines, and a title that names the body
    by a bare level word (``区退役军人事务局2022年…报告``) to its echo with the whole name below
    (``广州市越秀区退役军人事务局2022年…报告``)."""
    bare = _starts_with_year(lines[index])
    title = re.sub(r"\s+", "", lines[index])
    for below in range(index + 1, min(index + 3, len(lines))):
        line = lines[below]
        if not is_report_title(line):
            continue
        if bare and not _starts_with_year(line):
            return below
        fuller = re.sub(r"\s+", "", line)
        if len(fuller) > len(title) and fuller.endswith(title):
            return below
    return index


#: A report's name on a line of its own, after a line naming the body and year (``2019年上海市
#: 宝山区吴淞街道办事处`` / ``政府信息公开年度报告``).
_BARE_REPORT_NAME = re.compile(r"^(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)$")


def _title_continues(line: str, lines: list[str]) -> bool:
    """True when ``line`` ends a title that the previous kept line began."""
    if not lines or not _BARE_REPORT_NAME.match(re.sub(r"\s+", "", line)):
        return False
    previous = lines[-1]
    return _starts_with_year(previous) and "报告" not in previous and len(previous) <= 40


def read_page(text: str) -> PageReading:
    """Sort a page's text into chrome, metadata, banner lines, the title and the body lines."""
    reading = PageReading()
    for raw in text.splitlines():
        line = _MARKDOWN.sub("", raw).replace("**", "").strip()
        if not line:
            continue
        if _title_continues(line, reading.lines):
            reading.lines[-1] += line
            continue
        found = read_metadata_line(line)
        if found and _is_metadata_line(line, found):
            for key, value in found.items():
                reading.metadata.setdefault(key, value)
            continue
        if is_chrome_line(line):
            continue
        reading.lines.append(strip_glued_buttons(line).strip())
    title = reading.metadata.get("标题")
    for index, line in enumerate(reading.lines[:_TITLE_SEARCH_LINES]):
        if is_report_title(line):
            index = _named_title_below(reading.lines, index)
            line = reading.lines[index]
            reading.title_index = index
            reading.title = squeeze_spaces(line)
            above = reading.lines[index - 1] if index else ""
            if _starts_with_year(reading.title) and _is_name_line(above):
                # The seeds' layout: the agency on one line, ``2021年…年度报告`` on the next.
                reading.title = squeeze_spaces(above) + reading.title
            break
    if reading.title is None and title and is_report_title(title):
        reading.title = title
    return reading
