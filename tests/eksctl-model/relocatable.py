"""The model's eksctl, relocatable: the demo and the benchmarks copy it elsewhere (with a
shebang), where `eksctl.py` beside the model would not find `eksmodel`.

scripts/demo.sh and scripts/bench-stream.sh copy this file elsewhere with a shebang, so
it finds the model next to itself when run in place, else under $EKSCTL_MODEL_DIR, else
under $ROOT/tests/eksctl-model (scripts/env.sh exports ROOT). The test controls
(EKSCTL_MODEL_*) are the model's: see tests/eksctl-model/eksmodel/main.py.
"""

import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
for candidate in (here, os.environ.get("EKSCTL_MODEL_DIR") or "",
                  os.path.join(os.environ.get("ROOT") or "", "tests", "eksctl-model")):
    if candidate and os.path.isfile(os.path.join(candidate, "eksmodel", "main.py")):
        sys.path.insert(0, os.path.abspath(candidate))
        break
else:
    sys.stderr.write("eksctl model: cannot find the eksctl model (tests/eksctl-model); set EKSCTL_MODEL_DIR\n")
    sys.exit(2)

from eksmodel.main import main  # noqa: E402

main(sys.argv)
