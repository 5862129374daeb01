"""Text extraction from uploaded files and fetched pages.

Supported: pdf (pypdf), docx (the document XML read with zipfile: no extra dependency),
html (BeautifulSoup, honouring the seed's ``includeOnlyTags`` / ``excludeTags`` /
``extractMainContent`` options), txt, md, csv (rows as ``column: value`` lines) and json.
The declared type (extension or content type) is checked against the bytes: a ``.pdf``
that is really a zip, or a ``.txt`` that is binary, is refused with an error naming what the
bytes look like, instead of indexing garbage.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from xml.etree import ElementTree

from ..errors import DataLoadError
from .errors import UnreadableFile

FILE_KINDS = ("pdf", "docx", "html", "txt", "md", "csv", "json")
_EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html",
               ".xhtml": "html", ".txt": "txt", ".text": "txt", ".md": "md",
               ".markdown": "md", ".csv": "csv", ".tsv": "csv", ".json": "json"}
_CONTENT_TYPES = {"application/pdf": "pdf", "text/html": "html",
                  "application/xhtml+xml": "html", "text/plain": "txt",
                  "text/markdown": "md", "text/csv": "csv", "application/json": "json",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
                      "docx"}


@dataclass(frozen=True)
class Extracted:
    """Text pulled out of a file or page, with the title it declares (if any)."""

    kind: str
    title: str | None
    text: str


def kind_of(file_name: str, content_type: str | None = None) -> str:
    """The declared kind from the extension, else the content type; refuse the rest."""
    kind = _EXTENSIONS.get(PurePath(file_name).suffix.lower())
    if kind is None and content_type:
        kind = _CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())
    if kind is None:
        raise UnreadableFile(
            f"Cannot train on {file_name!r}: unsupported file type. Upload one of: "
            f"{', '.join(FILE_KINDS)} (by extension).",
            details={"file": file_name, "supported": list(FILE_KINDS)})
    return kind


def sniff(data: bytes) -> str:
    """What the bytes look like: pdf, zip, docx, binary or text."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                return "docx" if "word/document.xml" in zf.namelist() else "zip"
        except zipfile.BadZipFile:
            return "binary"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if b"\x00" in data[:4096] or data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "binary"
    return "text"


_LOOKS = {"pdf": "a PDF", "docx": "a Word document", "zip": "a zip archive",
          "binary": "binary data (an image or executable?)", "text": "plain text"}


def extract_file(data: bytes, file_name: str, content_type: str | None = None) -> Extracted:
    """Extract the text of an uploaded file, checking its bytes match its declared type."""
    kind = kind_of(file_name, content_type)
    if not data:
        raise UnreadableFile(f"{file_name!r} is empty (0 bytes).", details={"file": file_name})
    actual = sniff(data)
    expected = {"pdf": "pdf", "docx": "docx"}.get(kind, "text")
    if actual != expected:
        raise UnreadableFile(
            f"{file_name!r} is labelled {kind} but its content looks like {_LOOKS[actual]}. "
            f"Rename it with the right extension or re-export it as {kind}.",
            details={"file": file_name, "declared": kind, "detected": actual})
    try:
        if kind == "pdf":
            result = _pdf(data, file_name)
        elif kind == "docx":
            result = _docx(data, file_name)
        else:
            text = _decode(data, file_name)
            if kind == "html":
                title, body = html_to_text(text)
                result = Extracted("html", title, body)
            elif kind == "csv":
                result = Extracted("csv", None, _csv(data, file_name))
            elif kind == "json":
                result = Extracted("json", None, _json(text, file_name))
            else:
                result = Extracted(kind, _md_title(text) if kind == "md" else None, text)
    except UnreadableFile:
        raise
    except DataLoadError as exc:
        raise UnreadableFile(exc.message, details={"file": file_name, **exc.details}) from None
    if not result.text.strip():
        raise UnreadableFile(
            f"No text could be extracted from {file_name!r}"
            + (" (a scanned PDF needs OCR first)." if kind == "pdf" else "."),
            details={"file": file_name, "kind": kind})
    return result


def _decode(data: bytes, file_name: str) -> str:
    from ..data.readers import decode_bytes

    return decode_bytes(data, file_name).lstrip("\ufeff")


def _pdf(data: bytes, file_name: str) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - any decrypt failure means a password
                raise UnreadableFile(f"{file_name!r} is password-protected; upload an "
                                     f"unencrypted copy.", details={"file": file_name}) from None
        pages = [page.extract_text() or "" for page in reader.pages]
        title = None
        if reader.metadata is not None and reader.metadata.title:
            title = str(reader.metadata.title)
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UnreadableFile(f"{file_name!r} is a damaged PDF that cannot be read ({exc}). "
                             f"Re-export or re-save it and upload again.",
                             details={"file": file_name}) from None
    return Extracted("pdf", title, "\n\n".join(p.strip() for p in pages if p.strip()))


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(data: bytes, file_name: str) -> Extracted:
    """Paragraph and table text of a .docx (body only: headers/footers are boilerplate)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            root = ElementTree.fromstring(zf.read("word/document.xml"))
            title = None
            if "docProps/core.xml" in zf.namelist():
                core = ElementTree.fromstring(zf.read("docProps/core.xml"))
                node = core.find("{http://purl.org/dc/elements/1.1/}title")
                title = node.text.strip() if node is not None and node.text else None
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise UnreadableFile(f"{file_name!r} is not a readable Word document ({exc}). "
                             f"Save it again as .docx and re-upload.",
                             details={"file": file_name}) from None
    paragraphs: list[str] = []
    for para in root.iter(f"{_W}p"):
        parts: list[str] = []
        for node in para.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
        line = "".join(parts).strip()
        if line:
            paragraphs.append(line)
    return Extracted("docx", title, "\n\n".join(paragraphs))


def _csv(data: bytes, file_name: str) -> str:
    """Each row as ``column: value; ...`` so that a row is a retrievable fact."""
    from ..data.readers import detect_encoding, read_csv_bytes

    frame = read_csv_bytes(data, detect_encoding(data, file_name), source=file_name)
    cols = [str(c) for c in frame.columns]
    lines = []
    for row in frame.astype(object).itertuples(index=False, name=None):
        cells = [f"{c}: {v}" for c, v in zip(cols, row) if v is not None and str(v) != ""
                 and str(v) != "nan"]
        if cells:
            lines.append("; ".join(cells))
    return "\n".join(lines)


def _json(text: str, file_name: str) -> str:
    from .sources import flatten_lines

    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableFile(f"{file_name!r} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                             f"column {exc.colno}.", details={"file": file_name,
                                                              "line": exc.lineno}) from None
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return "\n\n".join("\n".join(flatten_lines(v)) for v in value)
    if isinstance(value, str):
        return value
    return "\n".join(flatten_lines(value))


def _md_title(text: str) -> str | None:
    match = re.search(r"^#\s+(.+)$", text, flags=re.MULTILINE)
    return match.group(1).strip() if match else None


# --------------------------------------------------------------------------- HTML

_ALWAYS_DROP = ("script", "style", "noscript", "template", "svg", "canvas", "iframe",
                "object", "embed", "head")
_BOILERPLATE = ("nav", "header", "footer", "aside", "form", "button", "dialog", "menu")
_BOILERPLATE_ROLES = ("navigation", "banner", "contentinfo", "complementary", "search")
_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr",
           "table", "section", "article", "main", "pre", "blockquote", "dd", "dt", "dl",
           "figcaption", "hr", "td", "th")


def _selectors(value: str | list[str] | None) -> list[str]:
    if not value:
        return []
    items = value if isinstance(value, list) else re.split(r"[,\n]", value)
    return [s.strip() for s in items if s and s.strip()]


def html_to_text(markup: str, *, include_only_tags: str | list[str] | None = None,
                 exclude_tags: str | list[str] | None = None,
                 extract_main_content: bool = True) -> tuple[str | None, str]:
    """``(title, text)`` of an HTML page.

    ``include_only_tags`` / ``exclude_tags`` are comma-separated tag names or CSS selectors
    (``"article, .docs"``). ``extract_main_content`` drops navigation, headers, footers and
    sidebars and, when the page has a ``<main>``/``<article>``, keeps only that.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    title_tag = soup.find("title")
    title = title_tag.get_text(" ", strip=True) if title_tag else None
    for tag in soup.find_all(_ALWAYS_DROP):
        tag.decompose()
    try:
        for selector in _selectors(exclude_tags):
            for tag in soup.select(selector):
                tag.decompose()
        roots = soup.select(", ".join(_selectors(include_only_tags))) \
            if _selectors(include_only_tags) else None
    except Exception as exc:  # soupsieve raises SelectorSyntaxError (a ValueError)
        from ..errors import InvalidRequest

        raise InvalidRequest(f"Invalid includeOnlyTags/excludeTags selector: {exc}. Use tag "
                             f"names or CSS selectors separated by commas, e.g. "
                             f"'article, .content'.", details={"parameter": "options"}) from None
    if roots is None:
        if extract_main_content:
            for tag in soup.find_all(_BOILERPLATE):
                tag.decompose()
            for tag in soup.find_all(attrs={"role": list(_BOILERPLATE_ROLES)}):
                tag.decompose()
            main = soup.find("main") or soup.find(attrs={"role": "main"})
            articles = soup.find_all("article")
            roots = [main] if main else (articles or [soup.body or soup])
        else:
            roots = [soup.body or soup]
    # A selector list can match an element and its descendant: keep only the outermost.
    chosen = {id(r) for r in roots}
    roots = [r for r in roots if not any(id(p) in chosen for p in r.parents)]
    if not title:
        h1 = soup.find("h1")
        title = h1.get_text(" ", strip=True) if h1 else None
    blocks: list[str] = []
    for root in roots:
        for tag in root.find_all(_BLOCKS):
            tag.insert_before("\n")
            tag.insert_after("\n")
        text = root.get_text("")
        for line in text.split("\n"):
            line = " ".join(line.split())
            if line:
                blocks.append(line)
    return title, "\n\n".join(blocks)


__all__ = ["Extracted", "FILE_KINDS", "extract_file", "html_to_text", "kind_of", "sniff"]
