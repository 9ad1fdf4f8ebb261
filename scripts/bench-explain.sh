#!/usr/bin/env bash
# `eksctl-shim explain` on large saved logs:
#   throughput  a 1 GB log (eksctl's own lines, mostly routine, with warnings, errors, stack
#               events and CI-prefixed lines mixed in), hyperfine; `wc -l` and `grep -c`
#               over the same file for scale
#   memory      peak RSS (GNU time) on that log, and on 1 GB that is one single line
# Results: bench-results/explain.md; SIZE_MB (default 1000) and RUNS (default 3) change it.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$ROOT"
command -v hyperfine >/dev/null || "$ROOT/scripts/setup.sh" --bench
release_build

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
size_mb="${SIZE_MB:-1000}"
python3 - "$work/big.log" "$size_mb" <<'PY'
import sys
I, W, E = "\u2139", "!", "\u2716"
ts = "2026-03-02 09:{:02d}:{:02d}"
lines = []
for n in range(400):
    t = ts.format(n // 60 % 60, n % 60)
    k = n % 40
    if k < 30:
        lines.append(f"{t} [{I}]  waiting for CloudFormation stack \"eksctl-payments-nodegroup-ng-{n}\"")
    elif k < 32:
        lines.append(f"{t} [{W}]  security group rules may be added by eksctl; see vpc.manageSharedNodeSecurityGroupRules to disable this behavior")
    elif k < 33:
        lines.append(f"{t} [{W}]  subnet-0a1b2c3d{n:04d} was found in cluster's CloudFormation stack outputs, but has been removed from VPC vpc-0123456789abcdef0 outside of eksctl")
    elif k < 34:
        lines.append(f"{t} [{E}]  AWS::EC2::EIP/NATIP: CREATE_FAILED \u2013\u00a0\"The maximum number of addresses has been reached. (Service: AmazonEC2; Status Code: 400; Error Code: AddressLimitExceeded; Request ID: {n:08d})\"")
    elif k < 35:
        lines.append(f"Error: error describing route tables: operation error EC2: DescribeRouteTables, https response error StatusCode: 400, RequestID: {n:08d}, api error SomethingNew: not catalogued")
    elif k < 36:
        lines.append(f"2026-03-02T09:{n % 60:02d}:00.1234567Z {t} [{I}]  nodegroup \"ng-{n}\" has 2 node(s)")
    elif k < 38:
        lines.append(f"module.vpc.aws_subnet.private[{n}]: Creation complete after 1s [id=subnet-0a1b2c3d{n:04d}]")
    else:
        lines.append(f"kube-system   aws-node-{n:05d}             2/2     Running   0          41m")
block = ("\n".join(lines) + "\n").encode()
with open(sys.argv[1], "wb") as f:
    want = int(sys.argv[2]) * 1000 * 1000
    while f.tell() < want:
        f.write(block)
PY
python3 -c "import sys; open(sys.argv[1],'wb').write(b'x' * (int(sys.argv[2]) * 1000 * 1000))" "$work/one-line.log" "$size_mb"
bytes=$(stat -c %s "$work/big.log")
lines=$(wc -l < "$work/big.log")
echo "log: $bytes bytes, $lines lines"

mkdir -p "$ROOT/bench-results"
# --output=pipe: GNU grep stops at the first match when its output is /dev/null.
hyperfine --warmup 1 --runs "${RUNS:-3}" --output=pipe --export-markdown "$ROOT/bench-results/explain.md" \
  -n "wc -l" "wc -l $work/big.log" \
  -n "grep -c Error" "grep -c Error $work/big.log" \
  -n "explain" "$SHIM_RELEASE_BIN explain $work/big.log"
"$SHIM_RELEASE_BIN" explain "$work/big.log" > "$work/advice.txt" || true
cut -c1-160 "$work/advice.txt"
# explain exits 1 when it recognises nothing (the single line): measured all the same.
peak() { /usr/bin/time -f "explain peak RSS, $1: %M KiB, %e s" "${@:2}" 2>&1 >/dev/null | tail -1 || true; }
peak "${size_mb} MB log" "$SHIM_RELEASE_BIN" explain "$work/big.log"
peak "${size_mb} MB log from stdin" sh -c "exec '$SHIM_RELEASE_BIN' explain - < '$work/big.log'"
peak "${size_mb} MB in one line" "$SHIM_RELEASE_BIN" explain "$work/one-line.log"
