"""A model of eksctl (github.com/eksctl-io/eksctl) for the eksctl-shim test suite.

Modelled: `eksctl version`, `eksctl create nodegroup|ng` and `eksctl create cluster`, as
eksctl's own source reads the command line, reads and validates the config, reads the
cluster's state from AWS (the moto emulator in tests) and creates stacks there. Each
module cites the eksctl source it follows as `path @version`. See ../README.md.
"""
