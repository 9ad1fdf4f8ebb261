//! Reaching the cluster's Kubernetes API: kubeconfig, kubectl, the endpoint.

use super::{FailureKind, Family, kind};

const F: Family = Family::KubernetesAccess;

pub const KINDS: &[FailureKind] = &[
    kind(
        F,
        "kubernetes-unauthorized",
        "the cluster's Kubernetes API refused the identity eksctl runs as",
        &[
            r"getting list of API resources for raw REST client: Unauthorized",
            r"failed to list nodes: Unauthorized",
            r"You must be logged in to the server \(Unauthorized\)",
            r"(?:^|: )Unauthorized\s*$",
        ],
        "Your AWS identity has no access to the cluster: add an access entry (`eksctl create accessentry --cluster {cluster} --region {region}{--profile} --principal-arn <your ARN>`) or an aws-auth mapping (`eksctl create iamidentitymapping --cluster {cluster} --region {region}{--profile} --arn <your ARN> --group system:masters`), run by whoever created the cluster.",
    ),
    kind(
        F,
        "exec-plugin-api-version",
        "the kubeconfig's exec plugin API version does not match the aws CLI's",
        &[
            r"exec plugin is configured to use API version (?P<want>\S+), plugin returned version (?P<got>\S+)",
            r#"invalid apiVersion "client\.authentication\.k8s\.io/v1alpha1""#,
        ],
        "Upgrade eksctl and the aws CLI, then write the kubeconfig again: `eksctl utils write-kubeconfig --cluster {cluster} --region {region}{--profile}`.",
    ),
    kind(
        F,
        "kubectl-missing",
        "kubectl is not installed or not on PATH",
        &[
            r#""kubectl": executable file not found"#,
            r"kubectl not found",
        ],
        "Install kubectl (a version within one minor of the cluster's) and put it on PATH.",
    ),
    kind(
        F,
        "authenticator-missing",
        "no AWS authenticator for kubectl is installed",
        &[
            r"aws-iam-authenticator.*executable file not found",
            r"neither aws-iam-authenticator nor heptio-authenticator-aws are installed",
        ],
        "Install the aws CLI v2 (it provides `aws eks get-token`) and rewrite the kubeconfig: `eksctl utils write-kubeconfig --cluster {cluster} --region {region}{--profile}`.",
    ),
    kind(
        F,
        "kubeconfig-not-written",
        "the cluster was made, but eksctl could not write the kubeconfig",
        &[
            r"unable to write kubeconfig (?P<path>\S*), please retry with 'eksctl utils write-kubeconfig",
        ],
        "Write it once the cause (a read-only or locked file, a bad KUBECONFIG) is fixed: `eksctl utils write-kubeconfig --cluster {cluster} --region {region}{--profile}`[[ (eksctl tried {path})]].",
    ).note(),
    kind(
        F,
        "nodes-not-checked",
        "eksctl could not reach the Kubernetes API from here, so it did not wait for the nodes",
        &[
            r"not waiting for self-managed nodes to become ready as API server is not accessible",
            r"error waiting for nodes to join the cluster; this command was likely run from outside the cluster's VPC",
        ],
        "The nodes may still join. From a machine that reaches the endpoint (inside the VPC for a private one): `eksctl utils write-kubeconfig --cluster {cluster} --region {region}{--profile}` and `kubectl get nodes`.",
    ).note(),
    kind(
        F,
        "kubernetes-unreachable",
        "eksctl could not reach the cluster's Kubernetes API",
        &[
            r"Unable to connect to the server",
            r"unable to use kubectl with the EKS cluster",
            r#"\.eks\.amazonaws\.com(?:\.cn)?(?::443)?(?:/[^\s"]*)?"?: (?:dial|read|write) tcp"#,
            r"lookup \S+\.eks\.amazonaws\.com(?:\.cn)?(?: on \S+)?: no such host",
            r"API server is unreachable",
            r"requires connectivity to the API server",
        ],
        "Check network access to the cluster endpoint (a private endpoint needs a VPN or a machine in the VPC), and that `kubectl version` works with the kubeconfig eksctl wrote (`eksctl utils write-kubeconfig --cluster {cluster} --region {region}{--profile}`).",
    ).generic(),
];
