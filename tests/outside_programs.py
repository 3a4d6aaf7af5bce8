"""Tests that need a program outside Python (Redis, Chromium, Java) skip without it, saying
which program is missing and how to get it. `REQUIRE_EXTERNAL_TOOLS=1` (set by .ci/run) turns
each such skip into a failure, so CI cannot pass without having run them."""

import os
import shutil

import pytest

# TEST_REDIS_URL points the tests at another Redis database (default: database 15 on this machine).
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
INSTALL = {
    "redis": "apt-get install -y redis-server && redis-server --daemonize yes",
    "chromium": "apt-get install -y chromium",
    "java": "apt-get install -y default-jre-headless",
    "gettext": "apt-get install -y gettext",
}
skipped = []  # (program, reason) of every skip, for the summary at the end of the run


def missing(program, reason):
    """Skip the current test (fail it under REQUIRE_EXTERNAL_TOOLS=1): `program` is missing."""
    message = f"{reason}. Install or start it with: {INSTALL[program]}"
    if os.environ.get("REQUIRE_EXTERNAL_TOOLS") == "1":
        pytest.fail(f"{message} (REQUIRE_EXTERNAL_TOOLS=1: this test must run)", pytrace=False)
    skipped.append((program, message))
    pytest.skip(message)


def require_command(program, command=None):
    if shutil.which(command or program) is None:
        missing(program, f"needs {program} (`{command or program}` is not on the PATH)")


def redis_answers(url=REDIS_URL):
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5).ping()
    except redis.RedisError:
        return False
    return True


def require_redis(url=REDIS_URL):
    if not redis_answers(url):
        missing("redis", f"needs a Redis server at {url.rsplit('/', 1)[0]}, none answers")
