"""机构沿革: an admin links a renamed agency to its predecessor (suggested by the archive), and
the year comparison, coverage and continuity treat both names as one body."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy import select

from archive.accountability import recheck_all
from archive.pipeline import ArchivePipeline, FetchedDocument
from services import Services
from storage.models import AgencyLink, AuditLogEntry, Report
from tests.admin.conftest import csrf_token_of, post_form

SEED = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds" / "000_77fbe9a8d492d01e.txt"
OLD, NEW = "灵武市农业局", "灵武市农业农村局"


def _archive_renamed(services: Services) -> tuple[int, int]:
    """The seed (a 2021 county bureau) as 农业局 2020 and as 农业农村局 2021."""
    text = (
        SEED.read_text(encoding="utf-8").replace("科学技术局", "农业局").replace("科技局", "农业局")
    )
    earlier = text.replace("2022", "2021").replace("2021", "2020")
    later = text.replace("灵武市农业局", NEW)
    ids = []
    with ArchivePipeline(services) as pipeline:
        for body, url in (
            (earlier, "https://www.lingwu.gov.cn/a.html"),
            (later, "https://www.lingwu.gov.cn/b.html"),
        ):
            ids.append(
                pipeline.archive(
                    FetchedDocument(identity=url, data=body.encode(), url=url, filename="r.txt")
                ).report_id
            )
    with services.database.session() as session:
        agencies = [(session.get(Report, i).agency, session.get(Report, i).year) for i in ids]
    assert agencies == [(OLD, 2020), (NEW, 2021)]
    return ids[0], ids[1]


def test_only_a_signed_in_admin_sees_and_changes_the_links(client: FlaskClient) -> None:
    assert client.get("/admin/agency-links").status_code == 302
    token = csrf_token_of(client, "/admin/sign-in")
    response = client.post(
        "/admin/agency-links", data={"csrf_token": token, "predecessor": OLD, "successor": NEW}
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/sign-in")


def test_an_admin_confirms_a_suggested_rename_and_the_years_join(
    signed_in_client: FlaskClient, services: Services
) -> None:
    old_id, new_id = _archive_renamed(services)
    before = signed_in_client.get(f"/api/v1/compare/years?agency={NEW}").get_json()
    assert [report["year"] for report in before["reports"]] == [2021]
    with services.database.session() as session:
        region = session.get(Report, new_id).division_code
    coverage = signed_in_client.get(f"/regions/{region}?year=2021").get_data(as_text=True)
    assert OLD in coverage.split("本年缺失（", 1)[1]  # the old name looks missing
    assert "本年缺失（1）" in coverage
    page = signed_in_client.get("/admin/agency-links").get_data(as_text=True)
    assert "建议的关联（1）" in page and "农业局 → 农业农村局" in page

    # Without the form's token nothing is stored.
    refused = signed_in_client.post(
        "/admin/agency-links", data={"predecessor": OLD, "successor": NEW}
    )
    assert refused.status_code == 400
    response = post_form(
        signed_in_client,
        "/admin/agency-links",
        "/admin/agency-links",
        {"predecessor": OLD, "successor": NEW, "since_year": "2021", "note": "机构改革"},
    )
    assert response.status_code == 303
    with services.database.session() as session:
        link = session.scalar(select(AgencyLink))
        assert (link.predecessor, link.successor, link.since_year) == (OLD, NEW, 2021)
        assert "agency_link_add" in session.scalars(select(AuditLogEntry.action)).all()
    page = signed_in_client.get("/admin/agency-links").get_data(as_text=True)
    assert "建议的关联（0）" in page

    # The same pair again is refused: they are already one body.
    again = post_form(
        signed_in_client,
        "/admin/agency-links",
        "/admin/agency-links",
        {"predecessor": NEW, "successor": OLD},
    )
    assert again.status_code == 400 and "已经是同一机关" in again.get_data(as_text=True)

    # The report page names the other name and lists the old name's year among its years.
    page = signed_in_client.get(f"/reports/{new_id}").get_data(as_text=True)
    other_years = page.split('id="other-years"', 1)[1]
    assert "同一机关的其他名称" in other_years and OLD in other_years
    assert f"/reports/{old_id}" in other_years

    # The year comparison of the new name reaches back to the old name's year.
    data = signed_in_client.get(f"/api/v1/compare/years?agency={NEW}").get_json()
    assert [report["year"] for report in data["reports"]] == [2020, 2021]

    # Coverage: one body under its new name, found; the old name is no longer missing.
    coverage = signed_in_client.get(f"/regions/{region}?year=2021").get_data(as_text=True)
    assert "本年缺失（0）" in coverage and OLD not in coverage.split("本年缺失（", 1)[1]

    # Continuity: the successor's 2021 report is checked against the predecessor's 2020.
    assert recheck_all(services) == 2
    with services.database.session() as session:
        later = session.get(Report, new_id)
        stock = {f["rule"]: f for f in later.findings}["continuity.stock"]
        assert stock["evidence"]["previous_year"] == 2020
        assert old_id != new_id

    # Removing the link splits them again.
    with services.database.session() as session:
        link_id = session.scalar(select(AgencyLink.id))
    removed = post_form(
        signed_in_client, "/admin/agency-links", f"/admin/agency-links/{link_id}/delete"
    )
    assert removed.status_code == 303
    data = signed_in_client.get(f"/api/v1/compare/years?agency={NEW}").get_json()
    assert [report["year"] for report in data["reports"]] == [2021]
