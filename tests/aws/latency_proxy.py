"""A loopback forwarder in front of the AWS emulator that delays every request by a
fixed time (a far region, a VPN) and logs each one, so a benchmark can count round trips,
requests and duplicates.

Usage: python3 latency_proxy.py UPSTREAM PORT DELAY_MS LOG

Point the client's endpoint (AWS_ENDPOINT_URL) at http://127.0.0.1:PORT. Each request is
read whole, logged as one JSON line in LOG ({"t": arrival (epoch seconds), "method",
"path", "op": the AWS operation, "key": a digest of method, path and body, equal for
identical requests}), held DELAY_MS, sent to UPSTREAM, and the answer returned unchanged.
HTTP/1.1 keep-alive, one thread per connection: concurrent requests are delayed
concurrently, as on a real network. The delay stands for one round trip per request;
connection set-up is not delayed (on a real network TCP and TLS add their own).
"""

import hashlib
import http.client
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = urllib.parse.urlsplit(sys.argv[1])
PORT = int(sys.argv[2])
DELAY = int(sys.argv[3]) / 1000.0
LOG = open(sys.argv[4], "a", buffering=1)
LOCK = threading.Lock()
# Headers that belong to one hop, not to the request.
HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


def operation(method, path, headers, body):
    """The AWS operation: X-Amz-Target (JSON protocols), Action= (query protocols: EC2,
    CloudFormation, STS), else the REST method and path (EKS)."""
    target = headers.get("X-Amz-Target")
    if target:
        return target.split(".")[-1]
    form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
    if "Action" in form:
        return form["Action"][0]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    if "Action" in query:
        return query["Action"][0]
    return f"{method} {urllib.parse.urlsplit(path).path}"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: with Nagle's algorithm on, the second
    # waits for the client's delayed ACK (40 ms), which no real endpoint adds.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def forward(self):
        arrived = time.time()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        key = hashlib.sha256(self.command.encode() + b" " + self.path.encode() + b"\n" + body).hexdigest()[:16]
        entry = {"t": arrived, "method": self.command, "path": self.path,
                 "op": operation(self.command, self.path, self.headers, body), "key": key}
        with LOCK:
            LOG.write(json.dumps(entry) + "\n")
        time.sleep(DELAY)
        conn = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        headers["Host"] = self.headers.get("Host", UPSTREAM.netloc)
        conn.request(self.command, self.path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        self.send_response(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in HOP:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = forward


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


if __name__ == "__main__":
    Server(("127.0.0.1", PORT), Handler).serve_forever()
