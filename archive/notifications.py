"""Deliver the notifications of watches: e-mail through the configured SMTP server, webhooks as
POSTed JSON. A failed delivery is retried with exponential backoff (1, 2, 4 … minutes) up to
``notification_attempts`` times; a webhook to a private or loopback address is refused unless
``webhook_allow_private`` is set (no request is made to the inside of the network)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import requests
from sqlalchemy import select

from config import Settings
from sources.webhooks import DeliveryRefused, check_webhook_url
from storage import Database
from storage.models import Notification, utcnow

log = logging.getLogger(__name__)

#: Seconds a webhook or SMTP server has to answer.
DELIVERY_TIMEOUT = 10.0
#: Most notifications delivered in one call (the rest wait for the next).
DELIVERY_BATCH = 200


@dataclass
class DeliveryCounts:
    """What one delivery round did."""

    delivered: int = 0
    retried: int = 0
    failed: int = 0


def deliver_due(
    database: Database, settings: Settings, now: dt.datetime | None = None
) -> DeliveryCounts:
    """Send every pending notification whose time has come."""
    now = now or utcnow()
    counts = DeliveryCounts()
    with database.session() as session:
        due = session.scalars(
            select(Notification)
            .where(Notification.status == "pending", Notification.next_attempt_at <= now)
            .order_by(Notification.id)
            .limit(DELIVERY_BATCH)
        ).all()
        for notification in due:
            notification.attempts += 1
            try:
                _send(notification, settings)
            except DeliveryRefused as error:
                notification.status = "failed"
                notification.last_error = str(error)
                counts.failed += 1
            except Exception as error:  # any failure of a remote server: retried later
                notification.last_error = f"{type(error).__name__}: {error}"
                if notification.attempts >= settings.notification_attempts:
                    notification.status = "failed"
                    counts.failed += 1
                else:
                    delay = dt.timedelta(minutes=2 ** (notification.attempts - 1))
                    notification.next_attempt_at = now + delay
                    counts.retried += 1
                log.warning("notification %s not delivered: %s", notification.id, error)
            else:
                notification.status = "delivered"
                notification.delivered_at = utcnow()
                notification.last_error = None
                counts.delivered += 1
    return counts


def _send(notification: Notification, settings: Settings) -> None:
    if notification.channel == "email":
        send_email(notification.target, notification.payload, settings)
    elif notification.channel == "webhook":
        post_webhook(notification.target, notification.payload, settings)
    else:
        raise DeliveryRefused(f"unknown channel {notification.channel!r}")


def watch_url(settings: Settings, token: str) -> str:
    """The public address of a watch's page."""
    return f"{settings.public_url.rstrip('/')}/watches/{token}"


def send_email(address: str, payload: dict[str, Any], settings: Settings) -> None:
    """One alert e-mail listing the new matches."""
    if not settings.smtp_host:
        raise DeliveryRefused("no SMTP server configured (NIANBAO_SMTP_HOST)")
    watch = payload.get("watch", {})
    matches = payload.get("matches", [])
    message = EmailMessage()
    message["Subject"] = f"年报订阅「{watch.get('name') or '未命名'}」有 {len(matches)} 份新结果"
    message["From"] = settings.mail_from
    message["To"] = address
    lines = [f"订阅「{watch.get('name') or '未命名'}」有新的结果：", ""]
    for match in matches:
        kind = "新报告" if match.get("kind") == "new" else "报告有变化"
        report_url = f"{settings.public_url.rstrip('/')}/reports/{match['report_id']}"
        lines.append(
            f"- [{kind}] {match.get('title') or match.get('agency')}（{match.get('year') or '年度未知'}）"
        )
        lines.append(f"  {report_url}")
    lines += ["", f"查看订阅：{watch_url(settings, watch.get('token', ''))}"]
    message.set_content("\n".join(lines))
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=DELIVERY_TIMEOUT) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(message)


def post_webhook(url: str, payload: dict[str, Any], settings: Settings) -> None:
    """POST the matches as JSON; any answer but 2xx is a failure (retried)."""
    check_webhook_url(url, allow_private=settings.webhook_allow_private)
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    response = requests.post(
        url,
        data=body,
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": settings.user_agent,
        },
        timeout=DELIVERY_TIMEOUT,
        allow_redirects=False,
    )
    if not 200 <= response.status_code < 300:
        raise RuntimeError(f"webhook answered HTTP {response.status_code}")
