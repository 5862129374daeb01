"""Decoding files nobody told us the encoding of: BOMs, UTF-8, cp1252, latin-1."""

from __future__ import annotations

import codecs
from pathlib import Path

from ...errors import DataLoadError


def detect_encoding(raw: bytes, source: str = "<bytes>") -> str:
    """The encoding of a file nobody told us about: a BOM first, then whichever of UTF-8,
    cp1252 decodes every byte, else latin-1 (which decodes anything).

    Validation runs in 1 MB chunks so that no full copy of a large file is made."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            _validate(raw, "utf-16")
        except UnicodeDecodeError as exc:
            raise DataLoadError(f"Cannot decode {Path(source).name}: it starts with a UTF-16 "
                                f"byte-order mark but is not valid UTF-16 ({exc.reason}). "
                                f"Re-export it as UTF-8 CSV.", details={"file": source}) from None
        return "utf-16"
    if b"\x00" in raw[:4096]:
        raise DataLoadError(f"{Path(source).name} looks binary, not a text table. Pass a CSV, "
                            f"TSV, Parquet or JSON file (Excel files: save as CSV first).",
                            details={"file": source})
    for enc in ("utf-8-sig", "cp1252"):
        try:
            _validate(raw, enc)
            return enc
        except UnicodeDecodeError:
            continue
    return "latin-1"


def _validate(raw: bytes, encoding: str, chunk: int = 1 << 20) -> None:
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(raw)
    for start in range(0, len(raw), chunk):
        decoder.decode(view[start:start + chunk], final=start + chunk >= len(raw))
    if not raw:
        decoder.decode(b"", final=True)


def decode_bytes(raw: bytes, source: str = "<bytes>") -> str:
    """Text of a file whose encoding nobody told us (see :func:`detect_encoding`)."""
    return raw.decode(detect_encoding(raw, source))
