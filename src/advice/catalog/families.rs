//! The families' own entries: what to do when a failure line is in a family's area but no
//! kind recognises it. Their patterns are the family's vocabulary; they are tried only on
//! failure lines (`Error:`, `[✖]`, a failed stack event), in the order below, and the
//! first family that matches a line takes it. The advice says where to look, with the
//! run's names; it never guesses a cause.

use super::{FailureKind, Family, Role};

const fn family(
    family: Family,
    summary: &'static str,
    patterns: &'static [&'static str],
    advice: &'static str,
) -> FailureKind {
    FailureKind {
        code: family.code(),
        summary,
        patterns,
        advice,
        family,
        role: Role::Family,
    }
}

/// In priority order: the first family whose vocabulary a failure line uses takes it.
pub const KINDS: &[FailureKind] = &[
    family(
        Family::Credentials,
        "a failure about the AWS identity, its permissions, the region, or reaching the AWS API, that no kind names",
        &[
            r"(?i)(?:effective|cached|static|shared|retrieve|get|valid|no|AWS) credentials|credentials (?:cache|expired|not found|missing)|\bSTS\b|caller identity|get identity",
            r"(?i)security token|session token|\bSSO\b|assume ?role|(?:AWS|shared config|named) profile|account ID|cache file",
            r"(?i)\bregions?\b|(?:AWS|cluster) provider",
            r"(?i)not authori[sz]ed|access ?denied|UnauthorizedOperation|IAM permissions|(?:insufficient|necessary) permissions|presign",
            r"(?i)\.amazonaws\.com(?:\.cn)?/?\S*: (?:dial|read|write) tcp",
        ],
        "The line names the AWS call that failed. Check who eksctl runs as and that the call is allowed: `aws sts get-caller-identity --region {region}{--profile}` must answer, with the same AWS_PROFILE and credentials eksctl had.",
    ),
    family(
        Family::Quota,
        "a limit reached (an AWS quota, capacity, the API's request rate) that no kind names",
        &[
            r"(?i)limit ?exceeded|quota|maximum number of [\w ]+ (?:has|have) been reached|reached the maximum|exceed(?:s|ed|ing) the (?:maximum|configured)",
            r"(?i)throttl|rate exceeded|too many requests|sufficient (?:\w+ )?capacity",
        ],
        "The line names the limit that was reached. See the quotas of the account in {region}: `aws service-quotas list-service-quotas --service-code ec2 --region {region}{--profile}` (also `vpc`, `eks`, `cloudformation`); free some of it or ask for more, delete what the failed run left, then run it again.",
    ),
    family(
        Family::Config,
        "eksctl refused the config file or the command line, for a reason no kind names",
        &[
            r"(?i)\bmust (?:be|have|either|only|not|contain|specify|satisfy)\b|\bshould (?:be|have|not|only)\b|\bneeds? to be\b",
            r"(?i)\bcannot (?:be|use|specify|set|provide|override|create more)\b|\bcan(?:'t| ?not) be\b|not allowed|\bonly (?:one|accepted|valid|supported)\b",
            r"(?i)\b(?:is|are) (?:required|not supported|not valid|not unique|deprecated|unknown)\b|\brequires?\b|\bat (?:least|most) one\b|\bunsupported\b|\binvalid\b|\bduplicate\b",
            r"(?i)\bunknown (?:image family|field|flag|key|log type)|config file|ClusterConfig|unmarshal|\byaml\b|\bglob\b|read-only|can only be used|disallowed|maximum length",
            r"(?i)\bexpected (?:format\b|\S+ type\b|resource type|settings\.\S+ to be|to decode)|\b(?:accepted|supported|allowed) values\b|\btoo (?:long|short|many|few)\b",
            r"(?i)\bempty (?:name|namespace|string|value)\b|\bcannot be empty\b|non-empty|\bonly\b.*\b(?:is|are) supported\b",
            r"(?:^|[\s(])--[a-z][a-z0-9-]+|\b[a-z]+[A-Z]\w*(?:\[\d+\])?\.[a-zA-Z]\w*|\b[a-z]\w*(?:\[\d+\])?\.[a-z]\w*[A-Z]\w*|\b[a-zA-Z]+\[\d+\]",
        ],
        "The line names the field or flag and the rule it broke. Fix it in the config file (or on the command line), then check without creating anything: the same command with `--dry-run` prints the config eksctl would use. `eksctl create cluster --help` lists the flags of this eksctl version.",
    ),
    family(
        Family::KubernetesAccess,
        "a failure about access to the cluster's Kubernetes API (auth mode, access entries, aws-auth, kubeconfig) that no kind names",
        &[
            r"(?i)kubeconfig|kubectl|kubernetes (?:client|API|resources)|API server|aws-auth|auth ConfigMap|access entr|authentication ?mode|iamidentitymapping",
            r"(?i)clientset|rawClient|REST client|API client|\bUnauthorized\b|nodes? to join|node watcher|watcher channel|list(?:ing)? nodes|exec plugin|generating token|certificate",
        ],
        "The line names the setting or the call. Who may use the Kubernetes API: `aws eks describe-cluster --name {cluster} --region {region}{--profile} --query cluster.accessConfig` and `eksctl get accessentry --cluster {cluster} --region {region}{--profile}`. Whether you can reach it: `eksctl utils write-kubeconfig --cluster {cluster} --region {region}{--profile}`, then `kubectl get nodes` (a private-only endpoint needs a machine in the VPC).",
    ),
    family(
        Family::Network,
        "a failure about the cluster's network (VPC, subnets, security groups, zones, gateways) that no kind names",
        &[
            r"(?i)\bsubnets?\b|\bVPCs?\b|security ?groups?|\bSG\b|\bCIDRs?\b|route ?tables?|\bNAT\b|gateway|\bIPv[46]\b|\bIP address",
            r"(?i)\bzones?\b|\bAZs?\b|Outposts?\b|endpoint services?|network interfaces?|\bENIs?\b|MapPublicIpOnLaunch|private ?networking|fully-private|clusterEndpoints|remote ?network|DNS (?:suffix|name|resolution|hostname)",
        ],
        "The line names the network resource and what eksctl expected of it. See what exists: `aws ec2 describe-subnets --region {region}{--profile} --filters Name=tag:alpha.eksctl.io/cluster-name,Values={cluster}` (subnets eksctl made), and for a cluster that already exists `eksctl-shim check --cluster {cluster} --region {region}{--profile}` compares the network its stack records with EC2.",
    ),
    family(
        Family::Stack,
        "a CloudFormation stack eksctl made or waited for failed, for a reason no kind names",
        &[
            r#"(?i)CloudFormation|\bstacks?\b|Stack[A-Z]|change ?set|(?:stack|CloudFormation|nodegroup|rendering) template|template (?:format|is nil|data type)|not a template|\boutputs?\b|\bexports?\b|\bwaiter\b|ROLLBACK|[A-Z]_FAILED|resource handler|AWS::\w+::|\bresources? ""#,
            // The endings of a failed create: the stacks' events hold the cause.
            r#"failed to create (?:cluster|nodegroups for cluster) ""#,
        ],
        "The stacks' failed events say which resource failed and why: `eksctl utils describe-stacks --cluster {cluster} --region {region}{--profile} --events --resource-status CREATE_FAILED,UPDATE_FAILED,DELETE_FAILED`[[ (the failed stack: {stack})]]. A stack that rolled back stays until it is deleted and blocks its name.",
    ),
    family(
        Family::Cluster,
        "a failure about the EKS cluster, its nodegroups, addons, images or instance types that no kind names",
        &[
            r"(?i)\bclusters?\b|control ?plane|node ?groups?|\bnodes?\b|node ?pools?|\baddons?\b|\bAMIs?\b|\bimages?\b|instance[- ]?types?|launch ?template",
            r"(?i)Auto ?Scaling|\bASG\b|Fargate|Karpenter|gitops|installing Flux|installer|version|bootstrap|user[- ]?data|MIME|\bEKS\b|capabilit|pod identity|service ?accounts?|OIDC",
            r"(?i)Bottlerocket|AmazonLinux|Windows|Ubuntu|kubelet|\btaints?\b|\blabels?\b|GPU|\bEFA\b|instance selector|ARN\b|polic(?:y|ies)|device plugin",
            r"(?i)\bupdates?\b|\bsettings\b|log retention|logging|CloudWatch|\bKMS\b|encryption",
        ],
        "The line names the cluster, nodegroup or addon and what EKS or EC2 said of it. See their state: `eksctl get cluster --name {cluster} --region {region}{--profile}`, `eksctl get nodegroup --cluster {cluster} --region {region}{--profile}` and `eksctl get addon --cluster {cluster} --region {region}{--profile}`.",
    ),
];
