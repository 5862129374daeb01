"""Uploaded files: extract and index, serve back, delete."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote, unquote

from ...errors import InvalidRequest, NbDataChatError, NotFound
from ..errors import FileTooLarge, LinkNotValid
from ..fetch import ScrapeOptions
from ..requests import DeleteFile, SasTokenRequest, parse
from ..results import Done


class FileOps:
    """upload-file, delete-file and the stored bytes."""

    def _file_url(self, chatbot_id: str, file_name: str) -> str:
        return f"{self.file_url_prefix}/{chatbot_id}/{quote(file_name)}"

    def _files_folder(self, chatbot_id: str) -> Path | None:
        if self.files_dir is None or not re.fullmatch(r"[A-Za-z0-9_-]+", chatbot_id or ""):
            return None
        return self.files_dir / chatbot_id

    def file_path(self, chatbot_id: str, file_name: str) -> Path:
        """Where an uploaded file's bytes are kept (404 if they are not)."""
        self._record(chatbot_id)
        folder = self._files_folder(chatbot_id)
        name = PurePath(str(file_name).replace("\\", "/")).name
        path = folder / name if folder is not None and name not in ("", ".", "..") else None
        if path is None or not path.is_file():
            raise NotFound(f"No uploaded file {file_name!r} in chatbot {chatbot_id!r}.",
                           details={"fileName": file_name, "chatbotId": chatbot_id})
        return path

    def upload_file(self, chatbot_id: str, file_name: str, data: bytes,
                    content_type: str | None = None) -> Done:
        """``POST upload-file/{chatbotId}``: extract the file's text and index it (a file
        with the same name replaces the previous one). Returns its ``url``."""
        self._record(chatbot_id)
        name = PurePath(str(file_name or "").replace("\\", "/")).name
        if name in ("", ".", ".."):
            raise InvalidRequest("The upload has no file name; send it as multipart field "
                                 "'file' with a filename.", details={"parameter": "file"})
        kb = self.knowledge_base(chatbot_id)
        url = self._file_url(chatbot_id, name)
        source = kb.read_file(data, name, url=url, content_type=content_type)
        kb.check_limits([source])
        self._check_account_characters(chatbot_id, kb, [source], [])
        job = self._start(chatbot_id, kb, [source], [], [], ScrapeOptions(), background=False)
        if job.state == "failed":
            raise job.exception or NbDataChatError(job.message or "Indexing failed.",
                                                   details={"file": name})
        folder = self._files_folder(chatbot_id)
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{name}.{uuid.uuid4().hex}.part"
            tmp.write_bytes(data)
            tmp.replace(folder / name)
        return Done({"url": url, "fileName": name, "characters": source.characters})

    def delete_file(self, body: Mapping[str, Any] | DeleteFile) -> Done:
        """``POST delete-file``: remove an uploaded file and its chunks."""
        req = parse(DeleteFile, body)
        self._record(req.chatbotId)
        kb = self.knowledge_base(req.chatbotId)
        wanted = {req.fileUrl, unquote(req.fileUrl)}
        ids = [s.id for s in kb.sources if s.type == "file" and (
            s.url in wanted or s.file_name in wanted or
            (s.file_name and unquote(req.fileUrl).endswith("/" + s.file_name)))]
        if not ids:
            raise NotFound(f"No file {req.fileUrl!r} in chatbot {req.chatbotId!r}. The URL is "
                           f"the one upload-file returned.",
                           details={"fileUrl": req.fileUrl, "chatbotId": req.chatbotId})
        names = [s.file_name for s in kb.sources if s.id in ids and s.file_name]
        job = self._start(req.chatbotId, kb, [], [], ids, ScrapeOptions(), background=False)
        if job.state == "failed":
            raise job.exception or NbDataChatError(job.message or "Re-indexing failed.")
        folder = self._files_folder(req.chatbotId)
        for name in names if folder is not None else []:
            (folder / name).unlink(missing_ok=True)
        return Done({"message": "File deleted successfully."})


# ---------------------------------------------------------------------- icons and SAS tokens

#: What an icon may be, recognised by its first bytes (never by the name or Content-Type).
IMAGE_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "png", "image/png"),
                    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
                    (b"GIF87a", "gif", "image/gif"), (b"GIF89a", "gif", "image/gif"))
MAX_ICON_BYTES = 1_000_000
SAS_DAYS = 30


def image_kind(data: bytes) -> tuple[str, str] | None:
    """(extension, media type) of PNG, JPEG, GIF or WebP bytes; None for anything else."""
    for magic, ext, mime in IMAGE_SIGNATURES:
        if data.startswith(magic):
            return ext, mime
    if len(data) > 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp", "image/webp"
    return None


class IconOps:
    """upload-chatbot-icon, delete-chatbot-icon and the icon's bytes."""

    def _icon_path(self, chatbot_id: str) -> Path | None:
        folder = self._files_folder(chatbot_id)
        if folder is None:
            return None
        found = sorted(folder.glob(".icon.*"))
        return found[0] if found else None

    def upload_chatbot_icon(self, chatbot_id: str, data: bytes) -> Done:
        """``POST upload-chatbot-icon/{chatbotId}``: a PNG, JPEG, GIF or WebP image of at
        most 1 MB, checked by its bytes; served back at the record's ``icon`` URL."""
        with self._lock:
            record = self._record(chatbot_id)
            if len(data) > MAX_ICON_BYTES:
                raise FileTooLarge(f"The icon is {len(data):,} bytes; the limit is "
                                      f"{MAX_ICON_BYTES:,}.", details={"limit_bytes":
                                                                       MAX_ICON_BYTES})
            kind = image_kind(data)
            if kind is None:
                raise InvalidRequest("The icon is not a PNG, JPEG, GIF or WebP image (checked "
                                     "by its content); send one as multipart field 'image'.",
                                     details={"parameter": "image"})
            folder = self._files_folder(chatbot_id)
            if folder is None:
                raise InvalidRequest("This service keeps no files (no files_dir).")
            folder.mkdir(parents=True, exist_ok=True)
            old = self._icon_path(chatbot_id)
            tmp = folder / f".icon.{uuid.uuid4().hex}.part"
            tmp.write_bytes(data)
            target = folder / f".icon.{kind[0]}"
            tmp.replace(target)
            if old is not None and old != target:
                old.unlink(missing_ok=True)
            record["icon"] = f"{self.file_url_prefix.rsplit('/files', 1)[0]}" \
                             f"/chatbot-icon/{chatbot_id}"
            self.store.save_chatbot(record)
        return Done()

    def delete_chatbot_icon(self, chatbot_id: str) -> Done:
        """``DELETE delete-chatbot-icon/{chatbotId}``."""
        with self._lock:
            record = self._record(chatbot_id)
            path = self._icon_path(chatbot_id)
            if path is None:
                raise NotFound(f"Chatbot {chatbot_id!r} has no icon.",
                               details={"chatbotId": chatbot_id})
            path.unlink(missing_ok=True)
            record["icon"] = None
            self.store.save_chatbot(record)
        return Done()

    def chatbot_icon(self, chatbot_id: str) -> tuple[Path, str]:
        """(path, media type) of the chatbot's icon."""
        path = self._icon_path(chatbot_id) if isinstance(chatbot_id, str) else None
        kind = image_kind(path.read_bytes()[:16]) if path is not None else None
        if path is None or kind is None:
            raise NotFound(f"Chatbot {chatbot_id!r} has no icon.",
                           details={"chatbotId": chatbot_id})
        return path, kind[1]

    # ------------------------------------------------------------------ SAS tokens

    def _sas_signature(self, chatbot_id: str, file_name: str, expires: str) -> str:
        import hashlib
        import hmac

        if not self.file_secret:
            raise InvalidRequest("This service has no file secret configured.")
        msg = f"{chatbot_id}\n{file_name}\n{expires}".encode()
        return hmac.new(self.file_secret, msg, hashlib.sha256).hexdigest()

    def file_sas_token(self, body: Mapping[str, Any] | SasTokenRequest) -> dict[str, Any]:
        """The seed's 30-day Shared Access Signature for an uploaded file: append it to the
        file's URL (``url + "?" + sasToken``) to read the file without an API key. HMAC-
        SHA256 signed with the server's secret over chatbot, file and expiry."""
        import datetime as dt
        from urllib.parse import urlencode

        req = parse(SasTokenRequest, body)
        name = unquote(req.fileUrl.split("?", 1)[0]).rstrip("/").rsplit("/", 1)[-1]
        self.file_path(req.chatbotId, name)  # 404 unless it is this chatbot's file
        start = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        expiry = start + dt.timedelta(days=SAS_DAYS)
        st, se = (d.strftime("%Y-%m-%dT%H:%M:%SZ") for d in (start, expiry))
        token = urlencode({"sv": "2020-08-04", "st": st, "se": se, "sr": "b", "sp": "r",
                           "sig": self._sas_signature(req.chatbotId, name, se)})
        return {"status": "success", "sasToken": token,
                "url": f"{self._file_url(req.chatbotId, name)}?{token}"}

    def file_by_sas(self, chatbot_id: str, file_name: str, expires: str, sig: str) -> Path:
        """The file a SAS token grants, or 403 if it expired or was tampered with."""
        import datetime as dt
        import hmac

        refused = LinkNotValid("This file link is invalid or has expired; ask for a new one "
                            "(POST /api/v2/get-file-sas-token).", details={"fileName": file_name})
        try:
            until = dt.datetime.strptime(expires, "%Y-%m-%dT%H:%M:%SZ").replace(
                tzinfo=dt.timezone.utc)
        except (TypeError, ValueError):
            raise refused from None
        good = self._sas_signature(chatbot_id, file_name, expires)
        if not hmac.compare_digest(good, str(sig)) or until < dt.datetime.now(dt.timezone.utc):
            raise refused
        return self.file_path(chatbot_id, file_name)
