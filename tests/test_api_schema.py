"""Schemathesis fuzzes every endpoint from the API's own OpenAPI document: no answer is a 5xx,
and every answer (200, 400, 404) has the status, content type and shape the document says."""

import json

import pytest
import schemathesis
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.api import api

# Enough to meet every parameter's edge values and some random ones, in well under a minute.
EXAMPLES = 20

# The very document /api/v1/openapi.json serves (test_api.py checks that it is served).
schema = schemathesis.openapi.from_dict(
    json.loads(json.dumps(api.get_openapi_schema(), cls=DjangoJSONEncoder))
)
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Requests go to the WSGI handler, which closes the database connection after each one;
    Django's test client stops that too, as the test's transaction must outlive the request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def sample(db):
    call_command("load_sample_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_answers_as_its_schema_says(case):
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
