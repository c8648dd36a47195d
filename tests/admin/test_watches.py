"""订阅: a reader saves a search; a crawl archives a matching report; the watch's feeds list it;
an admin's e-mail address gets an alert through a real SMTP server and a webhook a POST."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes
from email.header import decode_header, make_header
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from xml.etree import ElementTree as ET

import pytest
from aiosmtpd.controller import Controller
from flask.testing import FlaskClient
from sqlalchemy import select

from archive.notifications import deliver_due
from archive.pipeline import ArchivePipeline, FetchedDocument
from services import Services
from storage.models import Notification, Watch, WatchMatch, utcnow
from tests.admin.conftest import csrf_token_of, post_form

SEEDS = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds"
ATOM = "{http://www.w3.org/2005/Atom}"


def _archive_seed(services: Services, name_part: str, url: str) -> int:
    path = next(
        p for p in sorted(SEEDS.glob("*.txt")) if name_part in p.read_text(encoding="utf-8")
    )
    with ArchivePipeline(services) as pipeline:
        return pipeline.archive(
            FetchedDocument(identity=url, data=path.read_bytes(), url=url, filename=path.name)
        ).report_id


def _save_watch(client: FlaskClient, search: str, name: str = "") -> str:
    token = csrf_token_of(client, f"/search?{search}")
    page = client.get(f"/search?{search}").get_data(as_text=True)
    hidden = page.split('name="search" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        "/watches", data={"csrf_token": token, "search": hidden.replace("&amp;", "&"), "name": name}
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    return response.headers["Location"].split("/watches/")[1].split("?")[0]


def test_a_reader_saves_a_search_and_its_feeds_list_reports_archived_later(
    client: FlaskClient, services: Services
) -> None:
    token = _save_watch(client, "q=科学技术局&cond=新收申请>=0", "科技局订阅")
    page = client.get(f"/watches/{token}").get_data(as_text=True)
    assert "科技局订阅" in page and "新收申请&gt;=0" in page and "还没有新的" in page
    report_id = _archive_seed(services, "科学技术局", "https://www.example.gov.cn/nb/kjj.html")
    with services.database.session() as session:
        match = session.scalars(select(WatchMatch)).one()
        assert (match.report_id, match.kind) == (report_id, "new")
    feed = ET.fromstring(client.get(f"/watches/{token}.atom").get_data())
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1 and "［新报告］" in entries[0].findtext(f"{ATOM}title", "")
    assert f"/reports/{report_id}" in entries[0].find(f"{ATOM}link").get("href")
    data = client.get(f"/watches/{token}.json").get_json()
    assert [m["report"]["id"] for m in data["matches"]] == [report_id]
    # Archiving the same document again records nothing new.
    _archive_seed(services, "科学技术局", "https://www.example.gov.cn/nb/kjj.html")
    assert len(client.get(f"/watches/{token}.json").get_json()["matches"]) == 1


def test_a_report_that_does_not_match_is_not_recorded(
    client: FlaskClient, services: Services
) -> None:
    token = _save_watch(client, "q=复议纠正>1000")
    _archive_seed(services, "科学技术局", "https://www.example.gov.cn/nb/other.html")
    assert client.get(f"/watches/{token}.json").get_json()["matches"] == []


def test_saving_needs_the_form_token_and_a_valid_search(client: FlaskClient) -> None:
    assert client.post("/watches", data={"search": "q=x"}).status_code == 400
    token = csrf_token_of(client, "/search?q=x")
    bad = client.post("/watches", data={"csrf_token": token, "search": "cond=新收"})
    assert bad.status_code == 400
    assert client.get("/watches/no-such-token").status_code == 404


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope.original_content)
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[Controller, _Inbox]]:
    inbox = _Inbox()
    with socket.socket() as probe:  # a free port (aiosmtpd checks readiness by connecting)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield controller, inbox
    controller.stop()


def _watch_with(services: Services, **alerts: str) -> int:
    with services.database.session() as session:
        watch = Watch(token="t-" + "-".join(alerts), name="四川公安", query="科学技术局", **alerts)
        session.add(watch)
        session.commit()
        return watch.id


def test_an_alert_e_mail_goes_through_a_real_smtp_server(
    services: Services, smtp_server: tuple[Controller, _Inbox]
) -> None:
    controller, inbox = smtp_server
    _watch_with(services, email="journalist@example.org")
    report_id = _archive_seed(services, "科学技术局", "https://www.example.gov.cn/nb/mail.html")
    settings = services.settings.with_overrides(smtp_host="127.0.0.1", smtp_port=controller.port)
    counts = deliver_due(services.database, settings)
    assert counts.delivered == 1 and len(inbox.messages) == 1
    message = message_from_bytes(inbox.messages[0])
    assert message["To"] == "journalist@example.org"
    assert "1 份新结果" in str(make_header(decode_header(message["Subject"])))
    body = message.get_payload(decode=True).decode("utf-8")
    assert f"/reports/{report_id}" in body and "/watches/t-email" in body
    assert deliver_due(services.database, settings).delivered == 0  # sent once


class _Hook(BaseHTTPRequestHandler):
    answers: ClassVar[list[int]] = []
    bodies: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        _Hook.bodies.append(json.loads(self.rfile.read(length)))
        self.send_response(_Hook.answers.pop(0) if _Hook.answers else 200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return


def test_a_webhook_is_retried_with_backoff_until_it_answers(services: Services) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Hook.answers, _Hook.bodies = [500], []
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        _watch_with(services, webhook_url=url)
        _archive_seed(services, "科学技术局", "https://www.example.gov.cn/nb/hook.html")
        settings = services.settings.with_overrides(webhook_allow_private=True)
        first = deliver_due(services.database, settings)
        assert (first.delivered, first.retried) == (0, 1)
        assert deliver_due(services.database, settings).delivered == 0  # not due yet
        with services.database.session() as session:
            pending = session.scalars(select(Notification)).one()
            assert pending.attempts == 1 and "500" in (pending.last_error or "")
            wait = pending.next_attempt_at - utcnow()
            assert 0 < wait.total_seconds() <= 60
        second = deliver_due(
            services.database, settings, now=utcnow() + wait + dt.timedelta(seconds=1)
        )
        assert second.delivered == 1
        assert len(_Hook.bodies) == 2 and _Hook.bodies[1]["matches"][0]["kind"] == "new"
    finally:
        server.shutdown()
        server.server_close()


def test_a_webhook_to_a_private_address_is_refused(services: Services) -> None:
    _watch_with(services, webhook_url="http://127.0.0.1:9/hook")
    _archive_seed(services, "科学技术局", "https://www.example.gov.cn/nb/private.html")
    counts = deliver_due(services.database, services.settings)  # private addresses not allowed
    assert counts.failed == 1
    with services.database.session() as session:
        assert "private" in (session.scalars(select(Notification)).one().last_error or "")


def test_only_a_signed_in_admin_attaches_alerts(
    client: FlaskClient, signed_in_client: FlaskClient, services: Services
) -> None:
    watch_id = _watch_with(services)
    page = f"/admin/watches/{watch_id}"
    saved = post_form(signed_in_client, page, page, {"email": "desk@example.org", "active": "y"})
    assert saved.status_code == 303
    refused = post_form(
        signed_in_client, page, page, {"webhook_url": "http://127.0.0.1/hook", "active": "y"}
    )
    assert refused.status_code == 400 and "不能使用这个地址" in refused.get_data(as_text=True)
    with services.database.session() as session:
        watch = session.get(Watch, watch_id)
        assert watch is not None and watch.email == "desk@example.org" and watch.webhook_url is None
    listing = signed_in_client.get("/admin/watches").get_data(as_text=True)
    assert "四川公安" in listing
    post_form(signed_in_client, "/admin/sources", "/admin/sign-out")
    anonymous = client.get(page)
    assert anonymous.status_code in (302, 401)
