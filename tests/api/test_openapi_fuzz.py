"""Property-based testing of the OpenAPI spec (schemathesis strategies driven by hypothesis):
every generated request, valid (positive) or not (negative), gets an answer the spec
documents: no server error, a
status code listed for its operation, the content type and body schema the spec gives for that
code, the headers it promises; an operation that needs the token refuses a request without it."""

from __future__ import annotations

import itertools

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    ignored_auth,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from khabar.api import create_app
from khabar.settings import Settings
from tests.api.conftest import TOKEN

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance, ignored_auth]  # fmt: skip


def _conforms(app_settings: Settings, examples: int = 12) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(app_settings))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 13  # every route of the API is in the spec
    negative = 0
    for operation, mode in itertools.product(operations, GenerationMode):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=examples, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        def check(case) -> None:  # type: ignore[no-untyped-def]
            # an ingest with wait=true loads the models on its first call: over schemathesis's
            # 10 s read timeout on a loaded machine (three test workers on two cores)
            case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS,
                                   timeout=120)  # fmt: skip

        try:
            check()
        except Unsatisfiable:  # no invalid request exists (no parameter, or any string goes)
            assert mode is GenerationMode.NEGATIVE, operation.label
            continue
        negative += mode is GenerationMode.NEGATIVE
    assert negative >= 10  # malformed requests were sent to most operations


def test_every_generated_request_gets_a_documented_answer(api_settings: Settings) -> None:
    _conforms(api_settings)


def test_with_reads_behind_the_token_too(api_settings: Settings) -> None:
    _conforms(api_settings.replace(api_token_reads=True), examples=5)


def test_the_spec_lists_every_status_code_an_operation_returns(api_settings: Settings) -> None:
    spec = create_app(api_settings).openapi()
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            codes = set(op["responses"])
            assert {"400", "500"} <= codes, (method, path, codes)  # bad filter or Host
            if op.get("parameters") or op.get("requestBody"):
                assert "422" in codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if path == "/api/documents" and method == "post":
                assert {"202", "401", "413", "422", "429"} <= codes, (method, path, codes)
            if method == "post":
                assert {"401", "413", "422"} <= codes, (method, path, codes)
            if method in ("post", "delete"):  # writes
                assert "401" in codes and op["security"], (method, path, codes)
            else:
                assert "401" not in codes and not op.get("security"), (method, path)
            for code, answer in op["responses"].items():
                if code.startswith(("4", "5")):
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (path, code)
    reads = create_app(api_settings.replace(api_token_reads=True)).openapi()
    assert all("401" in op["responses"] and op["security"]
               for methods in reads["paths"].values() for op in methods.values())  # fmt: skip
    export = spec["paths"]["/api/export"]["get"]["responses"]["200"]["content"]
    assert set(export) == {"text/csv", "application/geo+json", "application/x-ndjson",
                           "application/vnd.apache.parquet"}  # fmt: skip
