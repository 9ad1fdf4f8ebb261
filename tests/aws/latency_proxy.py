"""A loopback forwarder in front of the AWS emulator that delays every request by a
fixed time (a far region, a VPN) and logs each one, so a benchmark can count round trips,
requests and duplicates; and, given a RULES file, makes chosen operations fail the way
AWS fails them, so a test can break one read and keep the others.

Usage: python3 latency_proxy.py UPSTREAM PORT DELAY_MS LOG [RULES]

RULES, re-read on every request (a test may change it between runs), is a JSON object
{"<operation>": "<fault>"} (the operation as logged: `DescribeSubnets`, or `GET
/clusters/prod` for EKS). Faults, each in the protocol of the operation's service (EC2's
`<Response><Errors>`, CloudFormation's and STS's `<ErrorResponse>`, EKS's
`x-amzn-ErrorType`), with the codes and statuses the AWS API references give:
  deny      AccessDenied (CloudFormation, STS) / UnauthorizedOperation (EC2) /
            AccessDeniedException (EKS), HTTP 403
  throttle  Throttling 400 / RequestLimitExceeded 503 / ThrottlingException 429
  500       an HTTP 500 without an error code
  garbage   HTTP 200 with bytes that are no AWS answer
  hang      the request is read and never answered
  sub:OLD=>NEW  the real answer, with the bytes OLD replaced by NEW
  huge:MB   the real answer made MB megabytes larger by blank space where the format
            allows it (after an XML declaration, before JSON), sent as it is written, so
            neither side holds it whole

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
RULES = sys.argv[5] if len(sys.argv) > 5 else None
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


def rule_for(op):
    if RULES is None:
        return None
    try:
        with open(RULES) as f:
            return json.load(f).get(op)
    except (OSError, ValueError):
        return None


# (code, HTTP status) per fault and service: EC2's own codes differ from the others'.
ERRORS = {
    "deny": {"ec2": ("UnauthorizedOperation", 403), "query": ("AccessDenied", 403),
             "eks": ("AccessDeniedException", 403)},
    "throttle": {"ec2": ("RequestLimitExceeded", 503), "query": ("Throttling", 400),
                 "eks": ("ThrottlingException", 429)},
}
EC2_VERSION = "2016-11-15"


def service(body):
    form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
    if "Action" not in form:
        return "eks"
    return "ec2" if form.get("Version") == [EC2_VERSION] else "query"


def error_answer(kind, svc, op):
    code, status = ERRORS[kind][svc]
    message = f"injected by the test: {op} {kind}"
    if svc == "eks":
        return status, {"x-amzn-ErrorType": code, "Content-Type": "application/json"}, json.dumps({"message": message}).encode()
    if svc == "ec2":
        body = f"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>t</RequestID></Response>"
    else:
        body = f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>t</RequestId></ErrorResponse>"
    return status, {"Content-Type": "text/xml"}, body.encode()


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
        rule = rule_for(entry["op"])
        entry["fault"] = rule
        with LOCK:
            LOG.write(json.dumps(entry) + "\n")
        time.sleep(DELAY)
        if rule == "hang":
            time.sleep(3600)
            return
        if rule in ERRORS:
            return self.answer(*error_answer(rule, service(body), entry["op"]))
        if rule == "500":
            return self.answer(500, {"Content-Type": "text/plain"}, b"internal failure")
        if rule == "garbage":
            return self.answer(200, {"Content-Type": "text/xml"}, b"\x00\xff<<<this is no AWS answer>>>")
        conn = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        headers["Host"] = self.headers.get("Host", UPSTREAM.netloc)
        conn.request(self.command, self.path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        if rule and rule.startswith("huge:"):
            return self.huge(resp, data, int(rule[5:]) * 1024 * 1024)
        if rule and rule.startswith("sub:"):
            old, new = rule[4:].split("=>", 1)
            data = data.replace(old.encode(), new.encode())
        self.send_response(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in HOP:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def huge(self, resp, data, extra):
        cut = data.find(b"?>") + 2 if data.startswith(b"<?xml") else 0
        self.send_response(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in HOP:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data) + extra))
        self.end_headers()
        chunk = b" " * (1024 * 1024)
        try:
            self.wfile.write(data[:cut])
            while extra > 0:
                self.wfile.write(chunk[:extra])
                extra -= len(chunk)
            self.wfile.write(data[cut:])
        except OSError:
            pass  # the client stopped reading: what a capped client does

    def answer(self, status, headers, data):
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = forward


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


if __name__ == "__main__":
    Server(("127.0.0.1", PORT), Handler).serve_forever()
