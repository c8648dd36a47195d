"""How the admin templates show times and states: Beijing time, Chinese labels."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from sources.run_outcomes import OUTCOME_LABELS, run_outcome

DISPLAY_TIMEZONE = ZoneInfo("Asia/Shanghai")

RUN_STATUS_LABELS = {
    "queued": "排队中",
    "running": "运行中",
    "finished": "已完成",
    "failed": "失败",
    "cancelled": "已取消",
    "interrupted": "已中断",
}

REQUEST_KIND_LABELS = {
    "all": "重新抓取全部来源",
    "source": "重新抓取来源",
    "url": "重新抓取网址",
    "retry": "重试失败的网址",
    "reindex": "重建索引",
    "corrections": "应用人工更正",
    "merge": "合并重复记录",
}

REQUEST_STATUS_LABELS = {
    "queued": "排队中",
    "running": "进行中",
    "done": "已完成",
    "failed": "失败",
}


CORRECTION_STATUS_LABELS = {
    "pending": "待处理",
    "accepted": "已接受",
    "rejected": "已驳回",
    "retired": "已退役（解析结果已一致）",
}


#: Audit log actions in Chinese (the code stays as a tooltip for searching logs).
AUDIT_ACTION_LABELS = {
    "watch_alerts": "设置订阅提醒",
    "sign_in": "登录",
    "sign_out": "退出登录",
    "sign_in.failed": "登录失败",
    "sign_in.rate_limited": "登录过于频繁被拒",
    "crawl_request.all": "请求重新抓取全部来源",
    "crawl_request.source": "请求重新抓取来源",
    "crawl_request.url": "请求重新抓取网址",
    "crawl_request.retry": "请求重试失败的网址",
    "crawl_request.reindex": "请求重建索引",
    "run.cancel": "取消抓取任务",
    "source.add": "添加来源",
    "source.edit": "修改来源",
    "source.enable": "启用来源",
    "source.disable": "停用来源",
    "correction.accept": "接受读者报错并更正",
    "correction.reject": "驳回读者报错",
    "correction.merge": "合并读者指出的重复记录",
    "admin.create": "创建管理员",
    "admin.disable": "停用管理员",
    "admin.enable": "启用管理员",
}

#: What started a crawl run.
RUN_TRIGGER_LABELS = {
    "schedule": "定时计划",
    "request": "管理员请求",
    "retry": "重试失败的网址",
    "cli": "命令行",
    "demo": "演示数据构建",
}


#: Fetch and parse errors as the crawler records them (English, for logs), shown in Chinese.
_ERROR_PREFIXES: tuple[tuple[str, str], ...] = (
    ("connection failed:", "连接失败："),
    ("connection broke:", "连接中断："),
    ("read timeout:", "读取超时："),
    ("timeout:", "超时："),
    ("truncated body:", "内容不完整："),
    ("redirect loop:", "重定向循环："),
    ("parse error:", "解析失败："),
    ("document error:", "文档处理出错："),
    ("page image error:", "网页图片处理出错："),
    ("listing error:", "列表页处理出错："),
    ("cannot resolve", "无法解析域名"),
    ("HTTP ", "网站返回 HTTP "),
)


def fetch_error_label(message: str | None) -> str:
    """A crawler error in Chinese (the original stays available as a tooltip)."""
    if not message:
        return ""
    if "non-public address" in message:
        return "地址指向本机或内网，已拒绝（可设置 NIANBAO_ALLOW_PRIVATE_ADDRESSES=1）"
    robots = re.match(r"robots\.txt unavailable \((?P<why>.*)\); host skipped$", message)
    if robots is not None:
        return f"无法读取 robots.txt，本次跳过该网站（{fetch_error_label(robots['why'])}）"
    if message.startswith("more than") and "redirects" in message:
        return "重定向次数过多：" + message
    for prefix, label in _ERROR_PREFIXES:
        if message.startswith(prefix):
            return label + message[len(prefix) :].strip()
    return message


_LOG_LINE = re.compile(r"^(?P<stamp>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) (?P<text>.*)$")
_LOG_SUMMARY = re.compile(
    r"^(?P<status>\w+): (?P<pages>\d+) pages this session, (?P<new>\d+) new, (?P<changed>\d+) "
    r"changed, (?P<unchanged>\d+) unchanged, (?P<errors>\d+) errors, (?P<gone>\d+) gone$"
)
_LOG_PHRASES: tuple[tuple[str, str], ...] = (
    ("started: ", "开始："),
    ("resumed by process (trigger ", "由新进程继续（触发方式 "),
    ("gone (no longer listed): ", "已从来源消失（列表中不再出现）："),
    ("stopped at --max-pages ", "达到页数上限，停止："),
)


def run_log_for_admins(log: str | None) -> str:
    """A run's log (written in UTC and English for the log files) as admins read it: Beijing
    time, Chinese wording; lines it does not know are shown as they are."""
    lines = []
    for line in (log or "").splitlines():
        match = _LOG_LINE.match(line)
        if match is None:
            lines.append(line)
            continue
        moment = dt.datetime.strptime(match["stamp"], "%Y-%m-%d %H:%M:%S")
        lines.append(f"{format_time(moment)} {_log_text(match['text'])}")
    return "\n".join(lines)


def _log_text(text: str) -> str:
    summary = _LOG_SUMMARY.match(text)
    if summary is not None:
        status = RUN_STATUS_LABELS.get(summary["status"], summary["status"])
        return (
            f"{status}：本次抓取 {summary['pages']} 页，新增 {summary['new']}，变更 "
            f"{summary['changed']}，未变 {summary['unchanged']}，错误 {summary['errors']}，"
            f"消失 {summary['gone']}"
        )
    if text.startswith("error ") and ": " in text:
        url, _, message = text[len("error ") :].partition(": ")
        return f"出错 {url}：{fetch_error_label(message)}"
    for english, chinese in _LOG_PHRASES:
        if text.startswith(english):
            return chinese + text[len(english) :]
    return text


def format_time(moment: dt.datetime | None) -> str:
    """A naive-UTC timestamp in Beijing time, ``—`` for None."""
    if moment is None:
        return "—"
    local = moment.replace(tzinfo=dt.UTC).astimezone(DISPLAY_TIMEZONE)
    return local.strftime("%Y-%m-%d %H:%M:%S")


def template_helpers() -> dict[str, Any]:
    """Names every admin template can use."""
    return {
        "format_time": format_time,
        "run_status_labels": RUN_STATUS_LABELS,
        "request_status_labels": REQUEST_STATUS_LABELS,
        "request_kind_labels": REQUEST_KIND_LABELS,
        "correction_status_labels": CORRECTION_STATUS_LABELS,
        "audit_action_labels": AUDIT_ACTION_LABELS,
        "run_trigger_labels": RUN_TRIGGER_LABELS,
        "run_outcome_labels": OUTCOME_LABELS,
        "run_outcome": run_outcome,
        "fetch_error_label": fetch_error_label,
        "run_log_for_admins": run_log_for_admins,
    }
