use super::{Kind, generic, kind};

pub const KINDS: &[Kind] = &[
    kind(
        "kubernetes-unauthorized",
        "the cluster's Kubernetes API refused the identity eksctl runs as",
        &[
            r"getting list of API resources for raw REST client: Unauthorized",
            r"failed to list nodes: Unauthorized",
            r"You must be logged in to the server \(Unauthorized\)",
            r"(?:^|: )Unauthorized\s*$",
        ],
        "Your AWS identity has no access to the cluster: add an access entry (`eksctl create accessentry --cluster {cluster} --principal-arn <your ARN>`) or an aws-auth mapping (`eksctl create iamidentitymapping --cluster {cluster} --arn <your ARN> --group system:masters`), run by whoever created the cluster.",
    ),
    kind(
        "exec-plugin-api-version",
        "the kubeconfig's exec plugin API version does not match the aws CLI's",
        &[
            r"exec plugin is configured to use API version (?P<want>\S+), plugin returned version (?P<got>\S+)",
            r#"invalid apiVersion "client\.authentication\.k8s\.io/v1alpha1""#,
        ],
        "Upgrade eksctl and the aws CLI, then write the kubeconfig again: `eksctl utils write-kubeconfig --cluster {cluster} --region {region}`.",
    ),
    kind(
        "kubectl-missing",
        "kubectl is not installed or not on PATH",
        &[
            r#""kubectl": executable file not found"#,
            r"kubectl not found",
        ],
        "Install kubectl (a version within one minor of the cluster's) and put it on PATH.",
    ),
    kind(
        "authenticator-missing",
        "no AWS authenticator for kubectl is installed",
        &[
            r"aws-iam-authenticator.*executable file not found",
            r"neither aws-iam-authenticator nor heptio-authenticator-aws are installed",
        ],
        "Install the aws CLI v2 (it provides `aws eks get-token`) and rewrite the kubeconfig: `eksctl utils write-kubeconfig --cluster {cluster} --region {region}`.",
    ),
    generic(
        "kubernetes-unreachable",
        "eksctl could not reach the cluster's Kubernetes API",
        &[
            r"Unable to connect to the server",
            r"unable to use kubectl with the EKS cluster",
        ],
        "Check network access to the cluster endpoint (a private endpoint needs a VPN or a machine in the VPC), and that `kubectl version` works with the kubeconfig eksctl wrote.",
    ),
];
