#!/usr/bin/env python3
"""Replay the denial-of-service requests against a release binary and print
what each cost: wall time, the server's peak memory (VmHWM), and whether an
anonymous request still answered meanwhile.

    python3 bench/attacks.py [--binary target/release/igf-perspectives] [--positions 50000]

Run it once per binary to compare (say, the release build of an older
commit, then this one). Everything goes to 127.0.0.1 only; every request
has a deadline, so a server that blocks is reported, not waited for.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

SECRET = "bench-attacks-fictional-" + "Zm9yLWJlbmNoLW9ubHk"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


ENV = dict(os.environ, JWT_SECRET=SECRET, RUST_LOG="warn")


def demo_database(binary, work, positions):
    """A SQLite file of fictional demo data, made once and copied per server."""
    path = f"{work}/template.db"
    subprocess.run(
        [binary, "demo-data", "--database-url", f"sqlite://{path}", "--sessions", "200",
         "--people", "1000", "--positions", str(positions)],
        env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # One file: fold the write-ahead log into it before it is copied.
    subprocess.run(["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
                    "c.execute('PRAGMA wal_checkpoint(TRUNCATE)'); c.close()", path], check=True)
    return path


class Server:
    """A fresh server on a copy of the demo database, so that no attack
    runs on a server an earlier one left busy."""

    def __init__(self, binary, work, template):
        self.binary = binary
        folder = tempfile.mkdtemp(dir=work)
        shutil.copy(template, f"{folder}/attacks.db")
        self.url = f"sqlite://{folder}/attacks.db"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = ENV
        self.env = env
        self.log = open(f"{folder}/server.log", "wb")
        self.proc = subprocess.Popen(
            [binary, "serve", "--database-url", self.url, "--bind", f"127.0.0.1:{self.port}"],
            env=env, stdout=self.log, stderr=self.log)
        for _ in range(300):
            if self.healthz(1):
                return
            time.sleep(0.1)
        raise SystemExit("the server did not start")

    def peak_mb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def healthz(self, timeout):
        try:
            with urllib.request.urlopen(self.base + "/healthz", timeout=timeout) as r:
                return r.status == 200
        except (OSError, urllib.error.URLError):
            return False

    def post(self, query, timeout):
        body = json.dumps({"query": query}).encode()
        req = urllib.request.Request(self.base + "/graphql", data=body,
                                     headers={"content-type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return json.loads(r.read())
        except urllib.error.HTTPError as e:
            return json.loads(e.read() or b"{}")
        except (OSError, urllib.error.URLError) as e:
            return {"errors": [{"extensions": {"code": f"no answer ({e.__class__.__name__})"}}]}

    def token(self, role):
        email = f"bench-{role}-{time.time_ns()}@example.org"
        subprocess.run([self.binary, "user", "add", "--email", email, "--role", role,
                        "--database-url", self.url], input=b"a fictional bench password\n",
                       env=self.env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        data = self.post('mutation { login(email: "%s", password: "a fictional bench password") { token } }'
                         % email, 30)
        return data["data"]["login"]["token"]

    def stop(self):
        self.proc.kill()
        self.proc.wait()


def code(answer):
    errors = answer.get("errors") or []
    return errors[0].get("extensions", {}).get("code", "?") if errors else "ok"


def fan_out(k):
    q = "query { ...F%d } fragment F0 on Query { regions { code } }" % k
    for i in range(1, k + 1):
        q += " fragment F%d on Query{...F%d ...F%d ...F%d}" % (i, i - 1, i - 1, i - 1)
    return q


def concurrently(server, calls, deadline):
    """Run `calls` at once; meanwhile probe /healthz. Returns (answers, health ok, seconds)."""
    answers = [None] * len(calls)

    def run(i, call):
        answers[i] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    start = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(0.3)
    health = server.healthz(5)
    for t in threads:
        t.join(deadline)
    return answers, health, time.monotonic() - start


def row(name, seconds, server, answers, health):
    codes = sorted({code(a) if a else "still running" for a in answers})
    print(f"| {name} | {seconds:.2f} s | {server.peak_mb():.0f} MB | {', '.join(codes)} | "
          f"{'yes' if health else 'NO'} |", flush=True)


def stalled_exports(server, token, n):
    """Open `n` exports that never read; return the sockets (kept open)."""
    socks = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", server.port))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.sendall(("GET /export/positions.csv HTTP/1.1\r\nHost: x\r\n"
                   f"Authorization: Bearer {token}\r\n\r\n").encode())
        socks.append(s)
    return socks


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", default="target/release/igf-perspectives")
    ap.add_argument("--positions", type=int, default=50000,
                    help="demo positions for the export attack (default 50000)")
    ap.add_argument("--deadline", type=float, default=60,
                    help="seconds any one request may take before it counts as unanswered")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="igf-attacks.")
    d = args.deadline
    try:
        template = demo_database(args.binary, work, args.positions)
        print(f"binary: {args.binary}")
        print("| attack | time | server peak memory | answers | /healthz meanwhile |")
        print("|---|---|---|---|---|")
        copies = "{ " + "sessions(first: 1) { totalCount } " * 20000 + "}"
        attacks = [
            (f"fragment fan-out, level 13 ({len(fan_out(13))} bytes)", [fan_out(13)]),
            (f"fragment fan-out, level 16 ({len(fan_out(16))} bytes)", [fan_out(16)]),
            ("fragment fan-out, level 24, two at once", [fan_out(24)] * 2),
            (f"one field 20,000 times ({len(copies) // 1024} KB)", [copies]),
            ("one field 20,000 times, eight at once", [copies] * 8),
        ]
        for name, queries in attacks:
            server = Server(args.binary, work, template)
            try:
                calls = [lambda q=q: server.post(q, d) for q in queries]
                answers, health, secs = concurrently(server, calls, d)
                row(name, secs, server, answers, health)
            finally:
                server.stop()

        server = Server(args.binary, work, template)
        try:
            token = server.token("analyst")
            start = time.monotonic()
            socks = stalled_exports(server, token, 20)
            time.sleep(1)
            probes = [server.post("{ regions { code } sessions(first: 5) { totalCount } }", 10)
                      for _ in range(5)]
            secs = time.monotonic() - start
            row("20 exports that never read, then 5 anonymous queries", secs, server, probes,
                server.healthz(5))
            for s in socks:
                s.close()
        finally:
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
