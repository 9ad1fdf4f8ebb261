//! The EKS cluster itself, its versions, nodegroups, addons, images and instance types.

use super::{FailureKind, Family, kind};

const F: Family = Family::Cluster;

pub const KINDS: &[FailureKind] = &[
    kind(
        F,
        "cluster-not-found",
        "the EKS cluster does not exist[[ in {region}]]",
        &[
            r"No cluster found for name: (?P<name>[\w-]+)",
            r#"cluster "(?P<name>[^"]+)" (?:does not exist|not found)"#,
        ],
        "Check the name and region: `eksctl get cluster --region {region}{--profile}`. If only its stack is left (the control plane was never made), delete the stack `eksctl-{name}-cluster` in CloudFormation by hand.",
    ),
    kind(
        F,
        "cluster-already-exists",
        "a cluster with that name already exists",
        &[
            r"(?i)cluster already exists",
            r"ResourceInUseException: Cluster already exists",
        ],
        "Pick another name, or add to the existing cluster with `eksctl create nodegroup --cluster {cluster} --region {region}{--profile}`.",
    ),
    kind(
        F,
        "cluster-busy",
        "the cluster is being created, updated or deleted",
        &[
            r"ResourceInUseException.*(?:CREATING|UPDATING|being (?:created|updated))",
            r"Cluster is in (?P<status>CREATING|UPDATING|DELETING) status",
            r#"cannot (?:update cluster|perform Kubernetes API operations on cluster) "[^"]*" in "[^"]*" region due to status "(?P<status>[^"]*)""#,
            r"nodegroup is currently being updated",
            r#"nodegroup must be in "[^"]*" state"#,
        ],
        "Wait until it is ACTIVE (`aws eks wait cluster-active --name {cluster} --region {region}{--profile}`), then run the command again. A cluster that is DELETING or FAILED cannot be used: create it again.",
    ),
    kind(
        F,
        "control-plane-timeout",
        "the EKS control plane did not become ready while eksctl waited",
        &[r#"timed out waiting for control plane "(?P<name>[^"]*)" after"#],
        "See its state: `aws eks describe-cluster --name {cluster} --region {region}{--profile} --query cluster.status`. If it is still CREATING, wait, then continue with `eksctl create nodegroup`; give the next run a longer --timeout.",
    ),
    kind(
        F,
        "instance-type-not-in-zone",
        "the instance type is not offered in one of the nodegroup's zones",
        &[
            r"requested instance type \((?P<type>[^)]+)\) is not supported in your requested Availability Zone \((?P<zone>[^)]+)\)",
            r"none of the provided AZs .* support instance type (?P<type>\S+)",
            r"in availability zone (?P<zone>\S+) as it does not support all required instance types",
        ],
        "Leave out the zone[[ {zone}]]: set the nodegroup's availabilityZones (or --node-zones) to zones that offer the instance type[[ {type}]] (`aws ec2 describe-instance-type-offerings --location-type availability-zone --region {region}{--profile}`), or choose another instance type.",
    ),
    kind(
        F,
        "control-plane-version-unknown",
        "the cluster's Kubernetes version is newer than this eksctl knows",
        &[r#"control plane version "(?P<version>[^"]+)" is not known to this version of eksctl"#],
        "Upgrade eksctl to a release that supports Kubernetes {version}.",
    ),
    kind(
        F,
        "kubernetes-version-unsupported",
        "the Kubernetes version asked for is not supported",
        &[
            r"(?i)unsupported Kubernetes version",
            r"(?i)kubernetes version (?P<version>\S+) is not supported",
            r"invalid version, (?P<version>\S+) is no longer supported",
            r"invalid version(?: (?P<version>[^\s,]+))?, supported values",
            r#"control plane version "(?P<version>[^"]+)" (?:has been deprecated|is not supported)"#,
            r"cluster version must be >= |minimum supported version is ",
        ],
        "Use a supported version: the line lists them, and `aws eks describe-cluster-versions --region {region}{--profile}` has EKS's own list. Upgrade eksctl for versions newer than it.",
    ),
    kind(
        F,
        "one-version-at-a-time",
        "EKS moves a cluster one Kubernetes minor version at a time",
        &[r"(?:upgrading|downgrading) more than one version at a time is not supported"],
        "Go one minor version at a time, as the line says: `eksctl upgrade cluster --name {cluster} --region {region}{--profile} --version <next> --approve`, then the next.",
    ),
    kind(
        F,
        "amazon-linux-2-unsupported",
        "the AmazonLinux2 image family is not offered for this Kubernetes version",
        &[r"AmazonLinux2 is not supported for Kubernetes version"],
        "Set amiFamily: AmazonLinux2023 (or Bottlerocket) for the nodegroups, or --node-ami-family AmazonLinux2023.",
    ),
    kind(
        F,
        "ami-family-unsupported",
        "the image family cannot be used here (unknown, deprecated, or without this kind of image)",
        &[
            r"AMI Family \S+ is (?:not supported|deprecated)",
            r"image family \S+ doesn't support (?:\w+ )*image class",
            r"unknown image family",
            r"unrecognized AMI family",
            r"instance types are not supported for (?:unmanaged nodegroups with AMIFamily )?\S+",
        ],
        "Choose an amiFamily that has this kind of image (the line lists the supported ones), or another instance type. AmazonLinux2023 and Bottlerocket cover most cases.",
    ),
    kind(
        F,
        "ami-not-found",
        "eksctl could not find an AMI for the nodegroup",
        &[
            r"unable to determine AMI",
            r"error getting AMI from (?:SSM Parameter Store|EC2 API)",
            r"InvalidAMIID\.(?:NotFound|Malformed)|AmiIdNotFound",
            r"ParameterNotFound",
            r#"unable to find image "(?P<ami>[^"]+)""#,
        ],
        "Check amiFamily, instance type and Kubernetes version together (not every family has images for every version and architecture), or set the nodegroup's ami explicitly; upgrade eksctl for new versions. For a custom ami, check it exists in {region}: `aws ec2 describe-images --region {region}{--profile} --image-ids <ami>`.",
    ),
    kind(
        F,
        "addon-version-not-found",
        "the addon version asked for does not exist for this cluster",
        &[r#"no version\(s\) found matching "(?P<version>[^"]*)" for "(?P<addon>[^"]+)""#],
        "List what exists: `aws eks describe-addon-versions --addon-name {addon} --region {region}{--profile}`, then set addons[].version to one of them (or leave it out for the default).",
    ),
    kind(
        F,
        "nodes-did-not-join",
        "nodes did not join the cluster in time",
        &[
            r"timed out\b.{0,80}?waiting for at least (?P<count>\d+) nodes? to join",
            r"NodeCreationFailure",
            r"(?i)instances failed to join the kubernetes cluster",
        ],
        "Nodes started but never registered: check that their subnets reach the cluster endpoint (NAT or VPC endpoints for private subnets), that the node role is mapped (aws-auth or an access entry), and the kubelet log on an instance. On a CONFIG_MAP cluster, self-managed nodes need --update-auth-configmap. A failed nodegroup must be deleted before it is made again: `eksctl delete nodegroup --cluster {cluster} --name {nodegroup} --region {region}{--profile}`.",
    ),
    kind(
        F,
        "nodegroup-already-exists",
        "a nodegroup with that name already exists",
        &[
            r"(?i)nodegroup (?P<ng>\S+) already exists",
            r"NodeGroup already exists",
        ],
        "Use another name, or delete the old one first: `eksctl delete nodegroup --cluster {cluster} --name {nodegroup} --region {region}{--profile}`.",
    ),
    kind(
        F,
        "addons-outdated-for-arm",
        "an ARM nodegroup needs kube-proxy, coredns and aws-node up to date first",
        &[
            r"to create an ARM nodegroup kube-proxy, coredns and aws-node addons should be up to date",
            r"expected default addons up to date",
        ],
        "Update them, then run the command again: `eksctl utils update-kube-proxy --cluster {cluster} --region {region}{--profile} --approve`, and the same with `update-coredns` and `update-aws-node`; or skip the check with --skip-outdated-addons-check=true.",
    ),
    kind(
        F,
        "oidc-required",
        "IAM service accounts (or Karpenter) need the cluster's IAM OIDC provider, which is not enabled",
        &[
            r"without IAM OIDC provider enabled",
            r"iam\.withOIDC must be enabled",
            r"'iam\.withOIDC' is not enabled",
        ],
        "Set iam.withOIDC: true in the config, or associate the provider with the existing cluster: `eksctl utils associate-iam-oidc-provider --cluster {cluster} --region {region}{--profile} --approve`; then run the command again.",
    ),
    kind(
        F,
        "fargate-unavailable",
        "Fargate is not available to the account or in the region",
        &[r"either account is not authorized to use Fargate or region \S+ is not supported: "],
        "Create the cluster without fargateProfiles (or --fargate), or in a region with Fargate for EKS; check the account's permissions for eks:CreateFargateProfile.",
    ),
    kind(
        F,
        "outposts-managed-nodegroup",
        "managed nodegroups are not supported on Outposts",
        &[
            r"Managed Nodegroups are not supported on Outposts",
            r"Outposts is not supported for managed nodegroups",
        ],
        "Run it again with --managed=false, or move the nodegroup from managedNodeGroups to nodeGroups in the config.",
    ),
    kind(
        F,
        "launch-template-invalid",
        "the nodegroup's launch template was rejected or not found",
        &[
            r"InvalidLaunchTemplate",
            r"Launch template .* (?:does not exist|not found)",
            r#"failed to find launch template with ID "(?P<id>[^"]+)""#,
            r"Ec2LaunchTemplateNotFound|Ec2LaunchTemplateVersionMismatch",
        ],
        "Check launchTemplate.id and version in the config, and that the template exists in {region}: `aws ec2 describe-launch-templates --region {region}{--profile}`.",
    ),
    kind(
        F,
        "instance-type-unsupported",
        "the instance type or configuration is not supported",
        &[
            r"The requested configuration is currently not supported",
            r"InvalidParameterValue.*[Ii]nstance [Tt]ype",
            r"Unsupported.*instance type",
        ],
        "Choose an instance type offered in {region} and in the nodegroup's zones: `aws ec2 describe-instance-type-offerings --location-type availability-zone --region {region}{--profile}`.",
    ),
    kind(
        F,
        "ssh-key-not-found",
        "the SSH key pair named for the nodes does not exist[[ in {region}]]",
        &[
            r"InvalidKeyPair\.NotFound",
            r#"key pair '(?P<key>[^']+)' does not exist"#,
        ],
        "Import the key into {region} or name one that exists there (`aws ec2 describe-key-pairs --region {region}{--profile}`), in ssh.publicKeyName or --ssh-public-key.",
    ),
    kind(
        F,
        "nodegroup-not-in-cluster-info",
        "information only: a nodegroup in the config does not exist yet (it is about to be created)",
        &[r"present in the given config, but missing in the cluster"],
        "Not an error. If the command failed, the cause is another line of the log.",
    ).note(),
];
