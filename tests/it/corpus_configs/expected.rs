//! What each of the project's fixture configs must read as, and what a rewrite of it may do.

/// What each fixture says, as eksctl reads it.
pub(super) struct Expected {
    pub(super) file: &'static str,
    pub(super) name: &'static str,
    pub(super) region: &'static str,
    pub(super) self_managed: &'static [&'static str],
    pub(super) managed: &'static [&'static str],
    /// Nodegroups with `privateNetworking: true` (own or merged).
    pub(super) private: &'static [&'static str],
    /// Keys of `vpc.subnets.private`, sorted.
    pub(super) private_subnet_keys: &'static [&'static str],
    pub(super) outposts: bool,
    pub(super) auth_mode: Option<&'static str>,
}

pub(super) const fn ex(
    file: &'static str,
    name: &'static str,
    region: &'static str,
    self_managed: &'static [&'static str],
    managed: &'static [&'static str],
) -> Expected {
    Expected {
        file,
        name,
        region,
        self_managed,
        managed,
        private: &[],
        private_subnet_keys: &[],
        outposts: false,
        auth_mode: None,
    }
}

pub(super) const EXPECTED: &[Expected] = &[
    ex(
        "01-minimal.yaml",
        "minimal",
        "eu-north-1",
        &[],
        &["default"],
    ),
    Expected {
        private: &["batch-private", "app", "app-zonal"],
        private_subnet_keys: &["eu-west-1a", "eu-west-1b", "eu-west-1c"],
        ..ex(
            "02-existing-vpc.yaml",
            "payments",
            "eu-west-1",
            &["batch-private", "edge-public"],
            &["app", "app-zonal"],
        )
    },
    Expected {
        private: &["by-alias", "by-zone", "anywhere-private"],
        private_subnet_keys: &["private-one", "private-two"],
        ..ex(
            "03-alias-subnet-keys.yaml",
            "alias-keys",
            "us-east-2",
            &["ingress"],
            &["by-alias", "by-zone", "anywhere-private"],
        )
    },
    Expected {
        private: &["workers", "pinned"],
        private_subnet_keys: &["1", "2", "3"],
        ..ex(
            "04-integer-subnet-keys.yaml",
            "integer-keys",
            "ap-southeast-2",
            &[],
            &["workers", "pinned"],
        )
    },
    Expected {
        private: &["general"],
        ..ex(
            "05-self-managed-options.yaml",
            "self-managed",
            "us-west-2",
            &["general", "arm"],
            &[],
        )
    },
    ex(
        "06-windows.yaml",
        "windows-mixed",
        "us-west-2",
        &["windows-core"],
        &["windows-full", "linux"],
    ),
    ex(
        "07-bottlerocket.yaml",
        "bottlerocket",
        "eu-central-1",
        &["br-self"],
        &["br-managed"],
    ),
    ex(
        "08-local-zones.yaml",
        "edge",
        "us-west-2",
        &["lax", "lax-both"],
        &["regional"],
    ),
    Expected {
        private: &["line-1"],
        private_subnet_keys: &["outpost-private-a"],
        outposts: true,
        ..ex(
            "09-outposts-local-cluster.yaml",
            "factory-floor",
            "us-west-2",
            &["line-1"],
            &[],
        )
    },
    Expected {
        private: &["on-rack"],
        ..ex(
            "10-outposts-extended.yaml",
            "extended",
            "us-west-2",
            &["on-rack"],
            &["in-region"],
        )
    },
    ex(
        "11-spot.yaml",
        "spot",
        "us-east-1",
        &["spot-mixed"],
        &["spot-managed", "on-demand"],
    ),
    ex(
        "12-launch-template.yaml",
        "templated",
        "eu-west-2",
        &[],
        &["from-template", "template-default-version"],
    ),
    ex(
        "13-taints.yaml",
        "tainted",
        "us-west-2",
        &["gpu", "batch-map-form"],
        &["ingress"],
    ),
    ex(
        "14-iam.yaml",
        "iam-heavy",
        "ca-central-1",
        &["existing-role", "addon-policies"],
        &["managed-role"],
    ),
    ex("15-addons.yaml", "addons", "eu-west-3", &[], &["workers"]),
    ex(
        "16-fargate.yaml",
        "fargate",
        "ap-northeast-1",
        &[],
        &["system"],
    ),
    ex(
        "17-karpenter.yaml",
        "karpenter",
        "us-west-2",
        &[],
        &["karpenter-controllers"],
    ),
    Expected {
        private: &["v6-workers"],
        ..ex("18-ipv6.yaml", "ipv6", "us-east-1", &[], &["v6-workers"])
    },
    Expected {
        private: &["json-self", "json-managed"],
        private_subnet_keys: &["sa-east-1a", "sa-east-1b"],
        ..ex(
            "19-json-form.json",
            "json-form",
            "sa-east-1",
            &["json-self"],
            &["json-managed"],
        )
    },
    Expected {
        private: &[
            "workers-a",
            "workers-b",
            "workers-c",
            "managed-a",
            "managed-b",
        ],
        private_subnet_keys: &["eu-west-1a", "eu-west-1b"],
        ..ex(
            "20-anchors-merge-keys.yaml",
            "anchors",
            "eu-west-1",
            &["workers-a", "workers-b", "workers-c"],
            &["managed-a", "managed-b"],
        )
    },
    Expected {
        private: &["labelled"],
        ..ex(
            "21-yaml11-quoted-words.yaml",
            "quoted-words",
            "us-west-2",
            &["self-labelled"],
            &["labelled"],
        )
    },
    Expected {
        private: &["flow-ng", "managed-flow"],
        ..ex(
            "22-comments-flow-style.yaml",
            "flow-style",
            "eu-south-1",
            &["flow-ng", "block-ng"],
            &["managed-flow"],
        )
    },
    Expected {
        auth_mode: Some("CONFIG_MAP"),
        ..ex(
            "23-access-config-map.yaml",
            "legacy-auth",
            "us-west-2",
            &["self-managed"],
            &["managed"],
        )
    },
    Expected {
        auth_mode: Some("API"),
        ..ex(
            "24-access-entries.yaml",
            "access-entries",
            "eu-central-1",
            &[],
            &["workers"],
        )
    },
    Expected {
        private: &["private-self", "private-managed"],
        private_subnet_keys: &["eu-west-1a", "eu-west-1b", "eu-west-1c"],
        ..ex(
            "25-private-cluster.yaml",
            "private",
            "eu-west-1",
            &["private-self"],
            &["private-managed"],
        )
    },
    ex(
        "26-instance-selector.yaml",
        "selector",
        "us-east-2",
        &["selected-self"],
        &["selected-managed"],
    ),
    Expected {
        private: &[
            "cpu-system",
            "cpu-notebooks",
            "cpu-pipelines",
            "gpu-training-a10g",
            "gpu-training-v100",
            "gpu-inference-t4",
            "cpu-spot-batch",
            "managed-core",
            "managed-web",
            "managed-spot-etl",
            "managed-gpu-dev",
            "managed-spot-gpu",
        ],
        private_subnet_keys: &["us-west-2a", "us-west-2b", "us-west-2c"],
        ..ex(
            "27-ml-platform-large.yaml",
            "ml-platform",
            "us-west-2",
            &[
                "cpu-system",
                "cpu-notebooks",
                "cpu-pipelines",
                "gpu-training-a10g",
                "gpu-training-v100",
                "gpu-inference-t4",
                "cpu-spot-batch",
            ],
            &[
                "managed-core",
                "managed-web",
                "managed-spot-etl",
                "managed-gpu-dev",
                "managed-spot-gpu",
            ],
        )
    },
];
