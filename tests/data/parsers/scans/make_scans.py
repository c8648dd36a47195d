"""Builds the scanned-report fixtures of tests/parsers/test_ocr.py (image-only PDFs).

Run ``.venv/bin/python tests/data/parsers/scans/make_scans.py`` (needs Chromium and the
WenQuanYi font that ``make browser`` installs). Each report is laid out as a printed Word
document (title, paragraphs, ruled tables), printed to PDF by Chromium, rasterised and
degraded the way office scanners degrade paper, and saved as a PDF of page images with no
text layer. ``expected.json`` holds the tables and tags the parser must read from each scan.
"""

from __future__ import annotations

import io
import json
import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "layouts"))

from layout_tables import active_layout, applications_layout, html_table, reviews_layout  # noqa: E402
from layout_values import ACTIVE_2019, ACTIVE_2021, REVIEWS, applications_values, unbalanced  # noqa: E402
from make_layouts import checks_for, html_blocks, prose  # noqa: E402

FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
AGENCY = "示范市教育局"
STYLE = """
body { font-family: 'WenQuanYi Micro Hei'; font-size: 12pt; line-height: 1.6; }
h1 { text-align: center; font-size: 17pt; font-weight: normal; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
td { border: 1px solid #000; padding: 2pt 3pt; font-size: 9.5pt; text-align: center; }
"""


@dataclass(frozen=True)
class Scanner:
    """How the paper went through the scanner."""

    dpi: int = 150
    skew_degrees: float = 0.0
    stamp: bool = False
    noise: float = 0.0
    blur: float = 0.0
    quality: int = 75


def printed_pdf(template: str, apps: dict[str, Any], title: str) -> bytes:
    """The report as Chromium prints it to A4 paper."""
    active = ACTIVE_2019 if template == "2019" else ACTIVE_2021
    blocks = html_blocks(
        template,
        prose("received", apps),
        {
            "active": [html_table(active_layout(active, template))],
            "applications": [html_table(applications_layout(apps, template, corner="empty"))],
            "reviews": [html_table(reviews_layout(REVIEWS))],
        },
    )
    page = (
        f"<html><head><meta charset='utf-8'><style>{STYLE}</style></head><body>"
        f"<h1>{title}</h1>{''.join(blocks)}</body></html>"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        tab = browser.new_page()
        tab.set_content(page)
        data = tab.pdf(
            format="A4", margin={"top": "2.2cm", "bottom": "2cm", "left": "2.4cm", "right": "2.4cm"}
        )
        browser.close()
    return data


def signature_centre(page: pdfium.PdfPage, scale: float) -> tuple[int, int]:
    """Where the signing agency's name is printed on the last page, in image pixels."""
    text = page.get_textpage()
    found = text.search(AGENCY)
    last = None
    while (match := found.get_next()) is not None:
        last = match
    if last is None:
        width, height = page.get_size()
        return int(width * 0.72 * scale), int(height * 0.8 * scale)
    index, count = last
    left, bottom, right, top = text.get_charbox(index)
    right = text.get_charbox(index + count - 1)[2]
    height = page.get_size()[1]
    return int((left + right) / 2 * scale), int((height - (bottom + top) / 2) * scale)


def stamp(image: Image.Image, centre: tuple[int, int]) -> None:
    """A red round official seal over the signature at the end of the document."""
    draw = ImageDraw.Draw(image)
    width, _ = image.size
    radius = width // 9
    box = [centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius]
    draw.ellipse(box, outline=(210, 30, 30), width=max(3, radius // 18))
    font = ImageFont.truetype(FONT_FILE, radius // 4)
    for index, char in enumerate(AGENCY):
        angle = math.radians(200 + index * 140 / (len(AGENCY) - 1))
        x = centre[0] + 0.72 * radius * math.cos(angle)
        y = centre[1] + 0.72 * radius * math.sin(angle)
        draw.text((x, y), char, fill=(210, 30, 30), font=font, anchor="mm")
    star = [
        (
            centre[0]
            + radius * (0.28 if k % 2 == 0 else 0.11) * math.cos(math.radians(-90 + k * 36)),
            centre[1]
            + radius * (0.28 if k % 2 == 0 else 0.11) * math.sin(math.radians(-90 + k * 36)),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=(210, 30, 30))


def scanned(pdf: bytes, scanner: Scanner, seed: int) -> bytes:
    """A PDF of degraded page images (no text layer) of a printed PDF."""
    rng = random.Random(seed)
    pages: list[Image.Image] = []
    document = pdfium.PdfDocument(pdf)
    for number in range(len(document)):
        page = document[number]
        image = page.render(scale=scanner.dpi / 72).to_pil().convert("RGB")
        if scanner.stamp and number == len(document) - 1:
            stamp(image, signature_centre(page, scanner.dpi / 72))
        if scanner.skew_degrees:
            angle = scanner.skew_degrees * (1 if number % 2 == 0 else -0.6)
            image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor="white")
        if scanner.blur:
            image = image.filter(ImageFilter.GaussianBlur(scanner.blur))
        if scanner.noise:
            pixels = image.load()
            width, height = image.size
            for _ in range(int(width * height * scanner.noise)):
                x, y = rng.randrange(width), rng.randrange(height)
                shade = rng.randrange(0, 120)
                pixels[x, y] = (shade, shade, shade)
        pages.append(image)
    buffer = io.BytesIO()
    compressed = []
    for image in pages:
        jpeg = io.BytesIO()
        image.save(jpeg, "JPEG", quality=scanner.quality)
        compressed.append(Image.open(io.BytesIO(jpeg.getvalue())))
    compressed[0].save(
        buffer, "PDF", save_all=True, append_images=compressed[1:], resolution=scanner.dpi
    )
    return buffer.getvalue()


def build_cases() -> dict[str, tuple[bytes, dict[str, Any]]]:
    """Every scan fixture by file name."""
    a21 = applications_values("2021")
    a19 = applications_values("2019", seed=5)
    cases = {
        "scan_2021_clean_200dpi.pdf": ("2021", a21, Scanner(dpi=200)),
        "scan_2021_stamped_skewed_150dpi.pdf": (
            "2021",
            unbalanced(a21, "granted", "research", 2),
            Scanner(dpi=150, skew_degrees=0.8, stamp=True, noise=0.002, blur=0.4, quality=60),
        ),
        "scan_2019_skewed_150dpi.pdf": (
            "2019",
            a19,
            Scanner(dpi=150, skew_degrees=-0.5, stamp=True, noise=0.001, quality=70),
        ),
    }
    built: dict[str, tuple[bytes, dict[str, Any]]] = {}
    for seed, (name, (template, apps, scanner)) in enumerate(cases.items()):
        year = 2021 if template == "2021" else 2020
        title = f"{AGENCY}{year}年政府信息公开工作年度报告"
        active = ACTIVE_2019 if template == "2019" else ACTIVE_2021
        data = scanned(printed_pdf(template, apps, title), scanner, seed)
        built[name] = (
            data,
            {
                "template": template,
                "agency": AGENCY,
                "year": year,
                "tables": {"active": active, "applications": apps, "reviews": REVIEWS},
                "checks": checks_for(apps, REVIEWS),
            },
        )
    return built


def main() -> None:
    """Write every scan fixture and ``expected.json``."""
    expected: dict[str, Any] = {}
    for name, (data, truth) in build_cases().items():
        (HERE / name).write_bytes(data)
        expected[name] = truth
    (HERE / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(expected)} scans to {HERE}")


if __name__ == "__main__":
    main()
