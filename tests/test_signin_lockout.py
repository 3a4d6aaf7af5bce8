"""Sign-in lockout: a cap per account from any number of addresses, and X-Forwarded-For believed
only from our own proxy (DJANGO_PROXY_COUNT with DJANGO_TRUSTED_PROXIES)."""

import pytest
from django.urls import reverse

from npa_portal.middleware import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def sign_in(client, password, **meta):
    return client.post(
        reverse("admin:login") + "?next=" + reverse("admin:index"),
        {"username": "staff", "password": password},
        **meta,
    )


def test_many_addresses_guessing_one_account_lock_it(client, staff_user, settings):
    for number in range(settings.AXES_ACCOUNT_FAILURE_LIMIT):
        # Four tries from each address: never five from one, which the pair lockout counts.
        address = f"198.51.100.{number // 4 + 1}"
        sign_in(client, "wrong", REMOTE_ADDR=address)
    locked = sign_in(client, PASSWORD, REMOTE_ADDR="192.0.2.200")
    assert locked.status_code == 429
    assert b"Too many failed sign-ins" in locked.content


def test_fewer_failures_than_the_account_cap_leave_other_addresses_free(
    client, staff_user, settings
):
    for number in range(settings.AXES_ACCOUNT_FAILURE_LIMIT - 1):
        sign_in(client, "wrong", REMOTE_ADDR=f"198.51.100.{number // 4 + 1}")
    assert sign_in(client, PASSWORD, REMOTE_ADDR="192.0.2.200").status_code == 302


def test_the_account_cap_is_above_the_address_cap(settings):
    assert settings.AXES_ACCOUNT_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT


@pytest.fixture
def behind_one_proxy(settings):
    settings.PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.2", "192.168.7.0/24"]
    return settings


def test_forwarded_for_is_believed_from_a_trusted_proxy(rf, behind_one_proxy):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5")
    assert client_ip(request) == "203.0.113.5"
    request = rf.get("/", REMOTE_ADDR="192.168.7.40", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert client_ip(request) == "203.0.113.6"


def test_forwarded_for_is_ignored_from_anyone_else(rf, behind_one_proxy):
    # gunicorn reached directly, not through the proxy: the header is the client's own words.
    request = rf.get("/", REMOTE_ADDR="203.0.113.99", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert client_ip(request) == "203.0.113.99"


def test_the_default_trusted_proxy_is_this_machine(settings):
    assert settings.TRUSTED_PROXIES == ["127.0.0.1", "::1"]


def test_a_rotating_forwarded_for_sent_straight_to_gunicorn_still_locks(
    client, staff_user, behind_one_proxy
):
    for number in range(5):
        sign_in(client, "wrong", REMOTE_ADDR="203.0.113.99", HTTP_X_FORWARDED_FOR=f"1.1.1.{number}")
    locked = sign_in(client, PASSWORD, REMOTE_ADDR="203.0.113.99", HTTP_X_FORWARDED_FOR="1.1.1.77")
    assert locked.status_code == 429


def test_through_the_proxy_each_client_is_counted_on_its_own(client, staff_user, behind_one_proxy):
    for _ in range(5):
        sign_in(client, "wrong", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.50")
    blocked = sign_in(client, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert blocked.status_code == 429
    other = sign_in(client, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.51")
    assert other.status_code == 302
