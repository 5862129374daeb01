"""Datasets: upload a CSV/Parquet file or register a server path / SQL table under a name
usable as ``dataset`` (000), ``collectionIds`` (001), ``model`` (003) and ``dataset`` (004)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from ..store import ApiKey
from . import datasets as ds
from .auth import authenticate
from .models import ERRORS_000

router = APIRouter(prefix="/api/v1/datasets", tags=["datasets"], responses=ERRORS_000)


class RegisterRequest(BaseModel):
    name: str = Field(..., description="Name to use as dataset / collection / model.")
    path: str | None = Field(None, description="CSV/Parquet/JSON file on the server.")
    url: str | None = Field(None, description="SQLAlchemy URL of a database (with table).")
    table: str | None = Field(None, description="Table name in that database.")
    description: str = ""
    projectName: str = "Default"
    replace: bool = False


@router.post("", status_code=201)
def register(body: RegisterRequest, request: Request,
             key: ApiKey = Depends(authenticate)) -> dict[str, Any]:
    """Register a server-side file (under the allowed folders) or an SQL table."""
    return ds.register(request.app.state.nbdc, body.name, location=body.path, url=body.url,
                       table=body.table, description=body.description,
                       project=body.projectName, replace=body.replace, created_by=key.name,
                       check_roots=True)


@router.post("/upload", status_code=201)
async def upload(request: Request, file: UploadFile = File(...),
                 name: str | None = Form(None), description: str = Form(""),
                 projectName: str = Form("Default"), replace: bool = Form(False),
                 key: ApiKey = Depends(authenticate)) -> dict[str, Any]:
    """Upload a CSV/TSV/Parquet/JSON file (multipart field ``file``)."""
    state = request.app.state.nbdc
    filename = file.filename or "upload.csv"
    dataset_name = ds.check_name(name or filename.rsplit(".", 1)[0])
    ds.kind_of(filename)
    data = await file.read()

    def save_and_register() -> dict[str, Any]:
        path = ds.save_upload(state, dataset_name, filename, data)
        return ds.register(state, dataset_name, location=str(path), description=description,
                           project=projectName, replace=replace, created_by=key.name)

    return await run_in_threadpool(save_and_register)


@router.get("")
def list_datasets(request: Request, key: ApiKey = Depends(authenticate)) -> dict[str, Any]:
    """Every dataset this server knows: demo, preloaded and registered."""
    return {"datasets": ds.all_entries(request.app.state.nbdc)}


@router.get("/{name}")
def get_dataset(name: str, request: Request,
                key: ApiKey = Depends(authenticate)) -> dict[str, Any]:
    """One dataset with its columns and row count."""
    state = request.app.state.nbdc
    dataset = ds.require(state, name)
    return ds.info(state, name, frame=dataset.frame())


@router.delete("/{name}")
def delete_dataset(name: str, request: Request,
                   key: ApiKey = Depends(authenticate)) -> dict[str, Any]:
    """Remove a registered dataset (uploaded files stay on disk)."""
    state = request.app.state.nbdc
    ds.require(state, name)
    state.catalog.remove(name)
    state.store.datasets.delete(name)
    return {"deleted": name}
