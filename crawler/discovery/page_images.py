"""Report pages whose report is a set of images (each page of the report scanned or photographed).

Such a page has almost no text of its own: the report is the ``<img>`` elements of its content.
:func:`report_images` finds those images (not logos, icons, QR codes or buttons of the site
chrome); the crawler fetches them and :func:`combined_pdf` puts them, in page order, into one
image-only PDF, which the parser reads by OCR like any scanned PDF and the archive keeps as the
report's document.
"""

from __future__ import annotations

import io
import re
import time

from bs4 import BeautifulSoup, Tag

from sources.urls import normalize_url

#: Images of one report read at most (a longer report is cut, with a warning in its version).
MAX_PAGE_IMAGES = 30
#: Images declared narrower or lower than this (pixels) are decoration, not report pages.
MIN_DECLARED_SIZE = 150
_CHROME_TAGS = ("nav", "header", "footer", "form", "button", "script", "noscript")
_CHROME_NAMES = re.compile(
    r"logo|icon|banner|qrcode|qr_|ewm|erweima|share|weixin|wechat|weibo|btn|button|arrow|"
    r"print|close|search|top\.|bg\.|spacer|blank\.|loading|dot\.|line\.|wza|wuzhangai|jiucuo|"
    r"dzjg|conac|gongan|beian",
    re.IGNORECASE,
)
_IMAGE_SUFFIX = re.compile(r"\.(?:png|jpe?g|gif|bmp|tiff?|webp)(?:$|[?#])", re.IGNORECASE)
#: A fixed date written into every combined PDF, so the same images give the same bytes.
_FIXED_DATE = time.gmtime(946684800)  # 2000-01-01


def report_images(soup: BeautifulSoup, page_url: str) -> list[str]:
    """The absolute URLs of the content images of a report page, in page order."""
    found: list[str] = []
    for image in soup.find_all("img"):
        if not isinstance(image, Tag) or image.find_parent(_CHROME_TAGS) is not None:
            continue
        source = str(image.get("src") or image.get("data-src") or "").strip()
        if not source or source.startswith("data:") or not _IMAGE_SUFFIX.search(source):
            continue
        names = " ".join(
            str(image.get(attribute) or "") for attribute in ("src", "alt", "class", "id")
        )
        if _CHROME_NAMES.search(names) or _declared_too_small(image):
            continue
        url = normalize_url(source, page_url)
        if url is not None and url not in found:
            found.append(url)
        if len(found) >= MAX_PAGE_IMAGES:
            break
    return found


def _declared_too_small(image: Tag) -> bool:
    for attribute in ("width", "height"):
        value = str(image.get(attribute) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < MIN_DECLARED_SIZE:
            return True
    return False


def combined_pdf(images: list[bytes]) -> bytes:
    """One image-only PDF with a page per image, the same bytes for the same images.

    Raises ``ValueError`` when an image cannot be decoded.
    """
    from PIL import Image, UnidentifiedImageError  # loaded only for image pages

    pages = []
    for number, data in enumerate(images, 1):
        try:
            with Image.open(io.BytesIO(data)) as image:
                pages.append(image.convert("RGB"))
        except (UnidentifiedImageError, OSError) as error:
            raise ValueError(f"page image {number} cannot be decoded: {error}") from None
    if not pages:
        raise ValueError("no page images")
    output = io.BytesIO()
    pages[0].save(
        output,
        format="PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=150,
        creationDate=_FIXED_DATE,
        modDate=_FIXED_DATE,
    )
    return output.getvalue()
