"""Database connections compared: `make bench-connections` (after one `make bench`).

Uncached (every request rendered) page rates on the large bench database, with gunicorn's two
sync workers and three ways to reach PostgreSQL:

- persistent: each worker keeps its connection between requests (`DATABASE_CONN_MAX_AGE=60`,
  the project's default, psycopg2);
- per-request: a new connection for every request (`DATABASE_CONN_MAX_AGE=0`, psycopg2);
- pool: Django's connection pool (`OPTIONS["pool"]`), which needs psycopg 3. It runs with the
  Python named by `--pool-python` (a virtualenv with the requirements plus
  `psycopg[binary,pool]`), since the project's own virtualenv has psycopg2 only.

The modes take turns, round after round, so that a shared machine's background load weighs on
each alike; the best round of each is kept. Writes bench/results/connections.md.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (bench/run.py: its server, wrk and database helpers)

PAGES = ["/en/countries/id/", "/en/"]


def measure(mode, python, url, seconds):
    run.GUNICORN = str(Path(python).with_name("gunicorn"))
    server = run.Server(url)
    server.env["DATABASE_CONN_MAX_AGE"] = "0" if mode in ("per-request", "pool") else "60"
    if mode == "pool":
        server.env["BENCH_DB_POOL"] = "1"
    results = {}
    with server:
        for path in PAGES:
            headers = {**run.GZIP, **run.UNCACHED}
            run.wrk(path, 1, run.WORKERS, headers)  # warm-up: imports, first connections
            run.wait_idle()
            results[path] = run.wrk(path, seconds, run.WORKERS, headers)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool-python", help="a Python with psycopg 3 and psycopg-pool")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    options = parser.parse_args()
    if not run.postgres_available():
        sys.exit("PostgreSQL does not answer at 127.0.0.1:5432; this comparison needs it.")
    url = run.database_url("large", "postgresql", None)
    modes = {"persistent": run.PYTHON, "per-request": run.PYTHON}
    if options.pool_python:
        modes["pool"] = options.pool_python
    else:
        run.log("No --pool-python: the pool is not measured (see this file's docstring).")
    machine = run.machine()
    best = {}
    for round_number in range(options.rounds):
        for mode, python in modes.items():
            for path, result in measure(mode, python, url, options.seconds).items():
                run.log(f"  round {round_number + 1} {mode} {path}: {result['rps']:.0f}/s")
                kept = best.setdefault(mode, {}).get(path)
                if kept is None or result["rps"] > kept["rps"]:
                    best[mode][path] = result
    lines = [
        "Machine: {cpu}, {cores} cores, Python {python}; load average at start "
        "{load_at_start}".format(**machine),
        "",
        "| connections | " + " | ".join(f"`{p}` req/s | p50 ms" for p in PAGES) + " |",
        "|---|" + "--:|--:|" * len(PAGES),
    ]
    for mode, results in best.items():
        cells = " | ".join(f"{results[p]['rps']:.0f} | {results[p]['p50']}" for p in PAGES)
        lines.append(f"| {mode} | {cells} |")
    text = "\n".join(lines)
    print(text)
    out = Path(run.ROOT) / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "connections.md").write_text(text + "\n")
    (out / "connections.json").write_text(json.dumps(best, indent=2) + "\n")


if __name__ == "__main__":
    main()
