"""Datasets: upload a CSV/Parquet file or register a server path / SQL table under a name
usable as ``dataset`` (000), ``collectionIds`` (001), ``model`` (003) and ``dataset`` (004)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from ..store import ApiKey
from . import datasets as ds
from .auth import authenticate, require_scope
from .models import ERRORS_DATASETS

router = APIRouter(prefix="/api/v1/datasets", tags=["datasets"], responses=ERRORS_DATASETS)


class RegisterRequest(BaseModel):
    name: str = Field(..., description="Name to use as dataset / collection / model.")
    path: str | None = Field(None, description="CSV/Parquet/JSON file on the server, under a "
                                               "folder the operator allowed (--allow-path).")
    url: str | None = Field(None, description="Database URL (with table); needs an admin key "
                                              "and an entry of the operator's allow-list "
                                              "(NBDATACHAT_SQL_ALLOW).")
    table: str | None = Field(None, description="Table name in that database.")
    description: str = ""
    projectName: str = "Default"
    replace: bool = False


@router.post("", status_code=201)
def register(body: RegisterRequest, request: Request,
             key: ApiKey = Depends(authenticate)) -> dict[str, Any]:
    """Register a server-side file (under the allowed folders) or, with an admin key, a
    table of a database whose URL the operator allowed. 403 ``FORBIDDEN``: the key lacks
    the scope; 403 ``SOURCE_NOT_ALLOWED``: the path or URL is not allowed."""
    require_scope(key, "datasets:write", "register datasets")
    if body.url is not None or body.table is not None:
        require_scope(key, "admin", "register a dataset by database URL")
    return ds.register(request.app.state.nbdc, body.name, location=body.path, url=body.url,
                       table=body.table, description=body.description,
                       project=body.projectName, replace=body.replace, created_by=key.name,
                       origin="api", tenant=key.tenant, admin=key.is_admin)


@router.post("/upload", status_code=201)
async def upload(request: Request, file: UploadFile = File(...),
                 name: str | None = Form(None), description: str = Form(""),
                 projectName: str = Form("Default"), replace: bool = Form(False),
                 key: ApiKey = Depends(authenticate)) -> dict[str, Any]:
    """Upload a CSV/TSV/Parquet/JSON file (multipart field ``file``)."""
    require_scope(key, "datasets:write", "upload datasets")
    state = request.app.state.nbdc
    filename = file.filename or "upload.csv"
    dataset_name = ds.check_name(name or filename.rsplit(".", 1)[0])
    ds.kind_of(filename)
    data = await file.read()

    def save_and_register() -> dict[str, Any]:
        path = ds.save_upload(state, dataset_name, filename, data)
        return ds.register(state, dataset_name, location=str(path), description=description,
                           project=projectName, replace=replace, created_by=key.name,
                           origin="upload", tenant=key.tenant, admin=key.is_admin)

    return await run_in_threadpool(save_and_register)


@router.get("")
def list_datasets(request: Request, key: ApiKey = Depends(authenticate)) -> dict[str, Any]:
    """Every dataset this key may use: shared (demo, preloaded) and its tenant's own."""
    return {"datasets": ds.all_entries(request.app.state.nbdc, key.tenant)}


@router.get("/{name}")
def get_dataset(name: str, request: Request,
                key: ApiKey = Depends(authenticate)) -> dict[str, Any]:
    """One dataset with its columns and row count."""
    state = request.app.state.nbdc
    found = ds.resolve(state, name, key.tenant)
    if found is None:
        ds.require(state, name, key.tenant)  # 404 naming the datasets this key may use
    reg_key, dataset = found
    return ds.info(state, reg_key, name, frame=dataset.frame())


@router.delete("/{name}")
def delete_dataset(name: str, request: Request,
                   key: ApiKey = Depends(authenticate)) -> dict[str, Any]:
    """Remove one of this tenant's datasets, or (admin key) a shared one. Uploaded files
    stay on disk."""
    require_scope(key, "datasets:write", "delete datasets")
    ds.delete(request.app.state.nbdc, name, key.tenant, admin=key.is_admin)
    return {"deleted": name}
