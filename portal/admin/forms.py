"""The admin area's forms. Every form carries a CSRF token (Flask-WTF)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FloatField,
    HiddenField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional, ValidationError

from sources.schedules import InvalidSchedule, cron_trigger

MAX_DELAY_SECONDS = 3600.0


class SignInForm(FlaskForm):
    """Name and password."""

    name = StringField("用户名", validators=[DataRequired(), Length(max=100)])
    password = PasswordField("密码", validators=[DataRequired(), Length(max=200)])
    next = HiddenField()


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class SourceForm(FlaskForm):
    """A source's settings as the admin edits them."""

    name = StringField("名称", validators=[DataRequired(), Length(max=200)])
    start_urls = TextAreaField("起始网址（每行一个）", validators=[DataRequired()])
    allowed_domains = TextAreaField("允许的域名（每行一个，留空则取起始网址的域名）")
    schedule = StringField("抓取计划（cron）", validators=[DataRequired(), Length(max=100)])
    delay = FloatField(
        "请求间隔（秒，留空用默认值）",
        validators=[Optional(), NumberRange(min=0, max=MAX_DELAY_SECONDS)],
    )
    enabled = BooleanField("启用", default=True)
    link_pattern = StringField("报告链接正则（可选）", validators=[Optional(), Length(max=500)])
    list_selector = StringField("列表 CSS 选择器（可选）", validators=[Optional(), Length(max=500)])

    def validate_schedule(self, field: StringField) -> None:
        """The schedule must be a cron expression APScheduler accepts."""
        try:
            cron_trigger(field.data or "")
        except InvalidSchedule as error:
            raise ValidationError(str(error)) from error

    def validate_start_urls(self, field: TextAreaField) -> None:
        """Every line must be an http(s) URL."""
        for url in lines_of(field.data):
            if not url.startswith(("http://", "https://")):
                raise ValidationError(f"不是 http(s) 网址：{url}")


class RecrawlForm(FlaskForm):
    """Recrawl now: everything, one source, or one URL."""

    kind = SelectField(
        "范围",
        choices=[
            SelectChoice("all", "全部来源"),
            SelectChoice("source", "一个来源"),
            SelectChoice("url", "一个网址"),
        ],
        validators=[DataRequired()],
    )
    target = StringField("来源名称或网址", validators=[Optional(), Length(max=2000)])

    def validate_target(self, field: StringField) -> None:
        """A source or URL recrawl needs its target; a URL must look like one."""
        value = (field.data or "").strip()
        if self.kind.data in {"source", "url"} and not value:
            raise ValidationError("请填写来源名称或网址。")
        if self.kind.data == "url":
            URL(require_tld=False, message="请输入完整的 http(s) 网址。")(self, field)
            if not value.startswith(("http://", "https://")):
                raise ValidationError("请输入完整的 http(s) 网址。")


def lines_of(text: str | None) -> list[str]:
    """The non-empty stripped lines of a textarea."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
