"""schemathesis over the live ``/openapi.json``: generated (valid and invalid) requests to
every operation never get a 5xx, and every response matches the documented schema and
status codes. Bounded to a few examples per operation to stay fast."""

from __future__ import annotations

import pytest
import requests

from server_helpers import API_KEY, start_server

schemathesis = pytest.importorskip("schemathesis")

EXAMPLES_PER_OPERATION = 6


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = start_server(tmp_path_factory.mktemp("schema"))
    yield srv
    srv.stop()


def test_openapi_document_and_docs(server):
    doc = requests.get(f"{server.base_url}/openapi.json").json()
    paths = set(doc["paths"])
    assert {"/health", "/tools", "/tools/{tool_name}/schema", "/tools/run",
            "/tools/status/{processing_id}", "/api/v1/analytics/chat", "/api/v1/dashboards",
            "/api/v1/dashboards/{dashboard_id}", "/api/v1/chat/completions",
            "/v1/chat/suggestGraph", "/api/v1/chat/getData", "/api/v1/chat/applications",
            "/api/newMessage", "/api/getThread", "/api/v1/datasets",
            "/api/v1/datasets/upload"} <= paths
    schemes = doc["components"]["securitySchemes"]
    assert schemes["APIKeyHeader"]["name"] == "X-API-Key"
    assert schemes["HTTPBearer"]["scheme"] == "bearer"
    page = requests.get(f"{server.base_url}/docs")
    assert page.status_code == 200 and "swagger" in page.text.lower()


@pytest.mark.slow
def test_schemathesis_no_5xx_and_conformance(server):
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import (
        not_a_server_error, response_schema_conformance, status_code_conformance,
    )

    schema = schemathesis.openapi.from_url(f"{server.base_url}/openapi.json")
    headers = {"X-API-Key": API_KEY}
    checks = [not_a_server_error, response_schema_conformance, status_code_conformance]
    failures: list[str] = []
    tested = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        tested += 1

        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            case.call_and_validate(base_url=server.base_url, headers=headers, checks=checks,
                                   timeout=30)

        try:
            run()
        except Exception as exc:  # collect every failing operation, then report them all
            failures.append(f"{operation.method.upper()} {operation.path}: "
                            f"{str(exc)[:800]}")
    assert tested >= 16
    assert not failures, "\n\n".join(failures)
