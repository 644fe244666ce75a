"""Property-based testing of the OpenAPI spec (schemathesis strategies driven by hypothesis):
no generated request, valid or not, makes a server error."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from khabar.api import create_app
from khabar.settings import Settings


def test_no_generated_request_makes_a_server_error(api_settings: Settings) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(api_settings))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12  # every route of the API is in the spec

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=20, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        def check(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(checks=[not_a_server_error])

        check()
