"""eksctl, as modelled for the eksctl-shim tests: run as `python3 eksctl.py ARGS...`.
See README.md in this directory and eksmodel/main.py for the test controls."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from eksmodel.main import main  # noqa: E402

if __name__ == "__main__":
    main(sys.argv)
