use super::{Kind, kind};

pub const KINDS: &[Kind] = &[
    kind(
        "cluster-not-found",
        "the EKS cluster does not exist (in this region)",
        &[r"No cluster found for name: (?P<name>[\w-]+)"],
        "Check the name and region: `eksctl get cluster --region {region}`. If only its stack is left (the control plane was never made), delete the stack `eksctl-{name}-cluster` in CloudFormation by hand.",
    ),
    kind(
        "cluster-already-exists",
        "a cluster with that name already exists",
        &[
            r"(?i)cluster already exists",
            r"ResourceInUseException: Cluster already exists",
        ],
        "Pick another name, or add to the existing cluster with `eksctl create nodegroup --cluster {cluster} --region {region}`.",
    ),
    kind(
        "zone-capacity",
        "an availability zone has no capacity for the EKS control plane",
        &[
            r"UnsupportedAvailabilityZoneException",
            r"does not currently have sufficient capacity to support the cluster.*?choose from these availability zones: (?P<zones>[a-z0-9-]+(?:, ?[a-z0-9-]+)*)",
        ],
        "Create the cluster in zones EKS offers: `--zones {zones}` (or availabilityZones in the config). Delete the failed stack first: `eksctl delete cluster --name {cluster} --region {region}`.",
    ),
    kind(
        "instance-type-not-in-zone",
        "the instance type is not offered in one of the nodegroup's zones",
        &[
            r"requested instance type \((?P<type>[^)]+)\) is not supported in your requested Availability Zone \((?P<zone>[^)]+)\)",
        ],
        "Leave out {zone}: set the nodegroup's availabilityZones (or --node-zones) to zones that offer {type}, or choose another instance type. eksctl 0.140.0 and later pick such zones by themselves.",
    ),
    kind(
        "control-plane-version-unknown",
        "the cluster's Kubernetes version is newer than this eksctl knows",
        &[r#"control plane version "(?P<version>[^"]+)" is not known to this version of eksctl"#],
        "Upgrade eksctl to a release that supports Kubernetes {version}.",
    ),
    kind(
        "kubernetes-version-unsupported",
        "the Kubernetes version asked for is not supported",
        &[
            r"(?i)unsupported Kubernetes version",
            r"(?i)kubernetes version (?P<version>\S+) is not supported",
            r"invalid version, (?P<version>\S+) is no longer supported",
        ],
        "Use a supported version (`eksctl utils describe-cluster-versions` or `aws eks describe-cluster-versions --region {region}`), or upgrade eksctl.",
    ),
    kind(
        "ami-not-found",
        "eksctl could not find an AMI for the nodegroup",
        &[r"unable to determine AMI"],
        "Upgrade eksctl (it finds AMIs through SSM), check amiFamily, instance type and Kubernetes version, or set the nodegroup's ami explicitly.",
    ),
    kind(
        "addon-version-not-found",
        "the addon version asked for does not exist for this cluster",
        &[r#"no version\(s\) found matching "(?P<version>[^"]*)" for "(?P<addon>[^"]+)""#],
        "List what exists: `aws eks describe-addon-versions --addon-name {addon} --region {region}`, then set addons[].version to one of them (or leave it out for the default).",
    ),
    kind(
        "nodes-did-not-join",
        "nodes did not join the cluster in time",
        &[r"timed out waiting for at least (?P<count>\d+) nodes? to join the cluster"],
        "Nodes started but never registered: check that their subnets reach the cluster endpoint (NAT or VPC endpoints for private subnets), that the node role is mapped (aws-auth or an access entry), and the kubelet log on an instance. On a CONFIG_MAP cluster, self-managed nodes need --update-auth-configmap.",
    ),
    kind(
        "nodegroup-already-exists",
        "a nodegroup with that name already exists",
        &[
            r"(?i)nodegroup (?P<ng>\S+) already exists",
            r"NodeGroup already exists",
        ],
        "Use another name, or delete the old one first: `eksctl delete nodegroup --cluster {cluster} --name {nodegroup} --region {region}`.",
    ),
    kind(
        "nodegroup-not-in-cluster-info",
        "information only: a nodegroup in the config does not exist yet (it is about to be created)",
        &[r"present in the given config, but missing in the cluster"],
        "Not an error. If the command failed, the cause is another line of the log.",
    ),
    kind(
        "outposts-managed-nodegroup",
        "managed nodegroups are not supported on Outposts",
        &[r"Managed Nodegroups are not supported on Outposts"],
        "Run it again with --managed=false, or move the nodegroup from managedNodeGroups to nodeGroups in the config.",
    ),
    kind(
        "outposts-auth-mode",
        "an EKS local cluster on Outposts only accepts CONFIG_MAP",
        &[
            r"Local Amazon EKS cluster only supports bootstrapClusterCreatorAdminPermissions=true and authenticationMode=CONFIG_MAP",
        ],
        "Set accessConfig.authenticationMode: CONFIG_MAP (eksctl 0.176.0 and later default to it on Outposts).",
    ),
    kind(
        "outposts-instance-store-auth",
        "Outposts clusters with EC2 instance store need access entries",
        &[r"Outpost clusters with EC2 instance store require accessConfig\.authenticationMode"],
        "Set accessConfig.authenticationMode to API_AND_CONFIG_MAP or API for this kind of Outposts cluster.",
    ),
    kind(
        "cluster-busy",
        "the cluster is being created or updated",
        &[
            r"ResourceInUseException.*(?:CREATING|UPDATING|being (?:created|updated))",
            r"Cluster is in (?P<status>CREATING|UPDATING|DELETING) status",
        ],
        "Wait until it is ACTIVE (`aws eks wait cluster-active --name {cluster} --region {region}`), then run the command again.",
    ),
];
