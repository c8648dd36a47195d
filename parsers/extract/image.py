"""Reports published as images (a scanned page as PNG, JPEG or a multi-page TIFF), read by OCR.

Some portals publish a report as photographs or scans of its pages instead of text. Each image
(each frame of a TIFF) is read like a scanned PDF page (:mod:`parsers.extract.ocr`): text lines
and ruled tables in reading order, within the same page, pixel and time limits.
"""

from __future__ import annotations

import io
import time
import warnings
from typing import TYPE_CHECKING

from parsers.extract.ocr_limits import MAX_OCR_PAGES, MAX_OCR_PIXELS, OCR_SECONDS_BUDGET
from parsers.extracted import ExtractedDocument
from parsers.model import ParseError

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage

#: Leading bytes of the image formats read: PNG, JPEG, TIFF (both byte orders), GIF, BMP, WebP.
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8", b"BM")
#: Images larger than this (pixels) are refused before decoding (a decompression bomb).
MAX_IMAGE_PIXELS = 120_000_000


def is_image(data: bytes) -> bool:
    """True for the bytes of an image format Nianbao reads by OCR."""
    return data.startswith(IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def extract_image(data: bytes) -> ExtractedDocument:
    """The text and tables of a report image (every frame of a multi-page TIFF), by OCR."""
    # Heavy (Pillow, ONNX Runtime, OpenCV): loaded only when an image is read.
    from PIL import Image, UnidentifiedImageError

    from parsers.extract.ocr import read_page

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ParseError(
                    f"image of {image.width}×{image.height} pixels is too large to read"
                )
            frames = [frame.convert("RGB") for frame in _frames(image)]
    except ParseError:
        raise
    except (UnidentifiedImageError, OSError, Image.DecompressionBombWarning, ValueError) as error:
        raise ParseError(f"unreadable image: {type(error).__name__}: {error}") from None
    lines: list[str] = []
    grids: list[list[list[str]]] = []
    scores: list[float] = []
    notes: list[str] = []
    started = time.monotonic()
    for number, frame in enumerate(frames):
        if time.monotonic() - started > OCR_SECONDS_BUDGET:
            notes.append(
                f"图片文字识别超过 {OCR_SECONDS_BUDGET:.0f} 秒，第 {number + 1} 页起未识别"
            )
            break
        page = read_page(_bounded(frame))
        scores.extend(page.scores)
        for _top, item in page.items:
            if isinstance(item, str):
                lines.append(item)
            else:
                grids.append(item)
                lines.extend("\t".join(row) for row in item)
    text = "\n".join(lines)
    if not text.strip():
        raise ParseError("image holds no text that OCR could read")
    return ExtractedDocument(
        text=text,
        tables=grids,
        format="image",
        ocr_pages=len(frames) - len(notes),
        ocr_confidence=round(sum(scores) / len(scores), 3) if scores else None,
        warnings=notes,
    )


def _frames(image: PilImage) -> list[PilImage]:
    """The pages of an image (TIFF frames), at most :data:`MAX_OCR_PAGES`."""
    from PIL import ImageSequence

    frames = []
    for frame in ImageSequence.Iterator(image):
        frames.append(frame.copy())
        if len(frames) >= MAX_OCR_PAGES:
            break
    return frames


def _bounded(image: PilImage) -> PilImage:
    """The image scaled down to at most :data:`MAX_OCR_PIXELS` on its longest side."""
    longest = max(image.size)
    if longest <= MAX_OCR_PIXELS:
        return image
    scale = MAX_OCR_PIXELS / longest
    return image.resize((round(image.width * scale), round(image.height * scale)))
