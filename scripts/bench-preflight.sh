#!/usr/bin/env bash
# The pre-flight against the bash wrapper people write today, in one hyperfine run on
# one moto server with a drifted cluster:
#   aws-cli   `aws eks describe-cluster`, `aws cloudformation describe-stacks` and
#             `aws ec2 describe-subnets` one after the other
#   shim      `eksctl create nodegroup` through the release shim: `eksctl version`, EKS,
#             CloudFormation, EC2 (subnets, route tables, security groups, stacks), the
#             checks and the plan; the "real" eksctl is a C stub that exits at once
# Then the shim's peak memory (max RSS) from GNU time. Results: bench-results/preflight.md
set -euo pipefail
. "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh" --bench
command -v aws >/dev/null || python3 -m pip install --quiet awscli
cd "$ROOT"
release_build

start_moto
vpc=$(echo '{"cluster":"prod","moved":true,"delete":["private-a","private-b"]}' | python3 tests/aws/world.py "$endpoint" | python3 -c 'import json,sys; print(json.load(sys.stdin)["vpc"])')

mkdir -p "$work/real" "$work/shim"
printf '#include <stdio.h>\nint main(void){puts("0.230.0");return 0;}\n' > "$work/stub.c"
cc -O2 -o "$work/real/eksctl" "$work/stub.c"
cp "$SHIM_RELEASE_BIN" "$work/shim/eksctl-shim"
ln -s "$work/shim/eksctl-shim" "$work/shim/eksctl"
cat > "$work/aws-wrapper.sh" <<SH
#!/usr/bin/env bash
set -e
aws eks describe-cluster --name prod >/dev/null
aws cloudformation describe-stacks --stack-name eksctl-prod-cluster >/dev/null
aws ec2 describe-subnets --filters Name=vpc-id,Values=$vpc >/dev/null
SH
chmod +x "$work/aws-wrapper.sh"

export PATH="$work/shim:$work/real:$PATH"
mkdir -p "$ROOT/bench-results"
hyperfine --warmup 2 --runs "${RUNS:-15}" --export-markdown "$ROOT/bench-results/preflight.md" \
  -n aws-cli "$work/aws-wrapper.sh" \
  -n shim "eksctl create nodegroup --cluster prod -P"
/usr/bin/time -f 'shim peak RSS: %M KiB' eksctl create nodegroup --cluster prod -P 2>&1 >/dev/null | tail -1
