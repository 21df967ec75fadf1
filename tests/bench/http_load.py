"""Pages under load: gunicorn with sync workers on the bench database, loaded by Debian's wrk.

Each page gets a fresh server (a slow page's queued requests and a worker's grown memory do not
spill into the next page), a warm-up, then wrk runs: the ceiling (the cheapest signed-in page),
the page with 16 connections (throughput, and the latency a user sees when everyone waits in
the queue), the page with one connection (the time one request takes: the latency targets are
about that), and the ceiling again.
"""

import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.bench import params

LUA = Path(__file__).with_name("wrk_report.lua")
LOG = params.BENCH_DIR / "gunicorn.log"
LOG_NAME = "bench/gunicorn.log"


def wrk_missing():
    return None if shutil.which("wrk") else "wrk is not installed (apt-get install wrk)"


class Server:
    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(params.WORKERS), "--worker-class", "sync",
             # A slow page is measured, not killed by the default 30 s timeout.
             "--timeout", "600", "--graceful-timeout", "10", "--log-level", "warning"],
            cwd=params.ROOT, env=params.child_environment(), stdout=LOG.open("a"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip

    def wait_ready(self, path, cookie, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start-up; see {LOG_NAME}")
            try:
                status = get(self.base + path, cookie, timeout=30)[0]
            except OSError:  # not listening yet
                time.sleep(0.2)
                continue
            if status != 200:
                raise RuntimeError(f"the ceiling answers HTTP {status}; see {LOG_NAME}")
            return
        raise RuntimeError(f"gunicorn did not answer in {timeout} s; see {LOG_NAME}")

    def worker_peak_rss_mb(self):
        """The largest peak resident memory among the workers (VmHWM), in MB."""
        peaks = []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        for pid in children.read_text().split() if children.exists() else []:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        return round(max(peaks), 1) if peaks else None

    def stop(self):
        # A worker still serving wrk's last request finishes it, or stops after 10 s.
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def get(url, cookie, timeout):
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read()
            return response.status, time.perf_counter() - started, len(body)
    except urllib.error.HTTPError as error:
        return error.code, time.perf_counter() - started, 0


def wrk(url, cookie, *, connections, duration):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "60s",
               "-s", str(LUA), "-H", f"Cookie: sessionid={cookie}", url]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, timeout=duration + 120)
    line = next((x for x in output.stdout.splitlines() if x.startswith("WRK ")), None)
    if line is None:
        return {"error": (output.stderr or output.stdout).strip()[-300:]}
    raw = json.loads(line[4:])
    seconds = raw["duration_us"] / 1e6
    errors = {k: raw[k] for k in ("connect", "read", "write", "status", "timeout") if raw[k]}
    return {
        "rps": round(raw["requests"] / seconds, 2) if seconds else 0.0,
        "requests": raw["requests"],
        "p50_ms": round(raw["p50_us"] / 1000, 1) if raw["requests"] else None,
        "p95_ms": round(raw["p95_us"] / 1000, 1) if raw["requests"] else None,
        "p99_ms": round(raw["p99_us"] / 1000, 1) if raw["requests"] else None,
        "kb_per_response": round(raw["bytes"] / raw["requests"] / 1024, 1)
        if raw["requests"] else None,
        **({"errors": errors} if errors else {}),
    }  # fmt: skip


def load_page(key, paths, cookie):
    """Warm-up, ceiling, the page loaded, the page alone, on a server of its own."""
    server = Server()
    ceiling_url, url = server.base + paths["ceiling"], server.base + paths[key]
    result = {"path": paths[key]}

    def run(target, connections, duration):
        measured = wrk(target, cookie, connections=connections, duration=duration)
        # The sync workers still serve the requests queued when wrk stopped: the next run
        # starts once a request of our own gets through.
        get(ceiling_url, cookie, timeout=600)
        return measured

    try:
        server.wait_ready(paths["ceiling"], cookie)
        for _ in range(4):
            get(ceiling_url, cookie, timeout=30)
        # One first request per worker, at the same time: templates, translations, caches.
        with ThreadPoolExecutor(params.WORKERS) as pool:
            requests = [pool.submit(get, url, cookie, timeout=params.FIRST_REQUEST_TIMEOUT)
                        for _worker in range(params.WORKERS)]  # fmt: skip
            firsts = [request.result() for request in requests]
        status = max(first[0] for first in firsts)
        result["first_request_s"] = round(max(first[1] for first in firsts), 2)
        if status != 200:
            result["error"] = f"HTTP {status}" + (f" (see {LOG_NAME})" if status >= 500 else "")
            return result
        if result["first_request_s"] > params.DURATION:
            result["error"] = (f"one request takes {result['first_request_s']:.0f} s, longer "
                               f"than a {params.DURATION} s run")  # fmt: skip
            return result
        before = run(ceiling_url, params.CONNECTIONS, params.CEILING_DURATION)
        result["loaded"] = run(url, params.CONNECTIONS, params.DURATION)
        result["alone"] = run(url, 1, params.LATENCY_DURATION)
        result["worker_peak_rss_mb"] = server.worker_peak_rss_mb()
        after = run(ceiling_url, params.CONNECTIONS, params.CEILING_DURATION)
        # The ceiling on either side of the page: what the neighbours take from the machine
        # changes within a minute.
        ceilings = [c["rps"] for c in (before, after) if c.get("rps")]
        ceiling = round(sum(ceilings) / len(ceilings), 2) if ceilings else None
        result["ceiling"] = {**before, "rps": ceiling, "rps_before": before.get("rps"),
                             "rps_after": after.get("rps")}  # fmt: skip
        rps = result["loaded"].get("rps")
        if ceiling and rps is not None:
            result["share"] = round(100 * rps / ceiling, 2)
        return result
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        result["error"] = str(error)
        return result
    finally:
        server.stop()
