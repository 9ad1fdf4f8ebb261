//! The AWS side of the run: who eksctl is, what it may do, which region, reaching the API.

use super::{FailureKind, Family, kind};

const F: Family = Family::Credentials;

pub const KINDS: &[FailureKind] = &[
    kind(
        F,
        "credentials-expired",
        "the AWS credentials expired during the run",
        &[
            r"ExpiredToken",
            r"security token included in the request is expired",
            r"RequestExpired",
        ],
        "Use credentials that outlive the operation (cluster creation takes 15-25 minutes): a longer session, or a profile that refreshes itself. Then run the command again; check for half-created stacks first with `eksctl get cluster --region {region}{--profile}`.",
    ),
    kind(
        F,
        "credentials-invalid",
        "AWS rejected the credentials",
        &[
            r"InvalidClientTokenId",
            r"security token included in the request is invalid",
            r"UnrecognizedClientException",
            r"AuthFailure",
        ],
        "Check who you are: `aws sts get-caller-identity --region {region}{--profile}` (with the same AWS_PROFILE). For SSO profiles run `aws sso login{--profile}`; very old eksctl versions cannot read SSO profiles, so upgrade eksctl.",
    ),
    kind(
        F,
        "credentials-missing",
        "no AWS credentials were found",
        &[
            r"NoCredentialProviders",
            r"failed to retrieve credentials",
            r"no EC2 IMDS role found",
            r"no valid credential sources",
            r"(?:SharedConfigProfileNotExist|failed to get shared config profile)",
        ],
        "Configure credentials: AWS_PROFILE, `aws configure`, `aws sso login`, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY. `aws sts get-caller-identity --region {region}{--profile}` must work first.",
    ),
    kind(
        F,
        "sso-session-expired",
        "the AWS SSO session has expired, or there is none",
        &[
            r"(?i)sso session .*(?:expired|invalid)",
            r"refresh cached SSO token failed",
            r"token has expired and refresh failed",
            r"InvalidGrantException",
            r"failed to read cached SSO token file",
            r"UnauthorizedException.{0,60}GetRoleCredentials|GetRoleCredentials.{0,200}UnauthorizedException",
        ],
        "Log in again: `aws sso login{--profile}`, then run the command again.",
    ),
    kind(
        F,
        "clock-skew",
        "the request signature was rejected: the machine's clock is off, or the secret key is wrong",
        &[
            r"SignatureDoesNotMatch",
            r"RequestTimeTooSkewed",
            r"Signature expired",
        ],
        "Sync the clock (NTP), and check AWS_SECRET_ACCESS_KEY matches the key ID.",
    ),
    kind(
        F,
        "region-missing",
        "no AWS region was given",
        &[
            r"MissingRegion",
            r"AWS Region must be set",
            r"metadata\.region must be set",
        ],
        "Give one: --region (without -f), metadata.region in the config, or AWS_REGION / a region in ~/.aws/config.",
    ),
    kind(
        F,
        "region-unsupported",
        "the region is misspelt, not enabled for the account, or not one this eksctl knows",
        &[
            r"--region=(?P<given>\S+) is not supported - use one of",
            r"failed to find DNS suffix for region",
            r"RegionDisabledException",
            r"OptInRequired",
        ],
        "Check the spelling of the region, that the account has it enabled (`aws account list-regions{--profile}`), and upgrade eksctl for regions newer than it.",
    ),
    kind(
        F,
        "aws-endpoint-unreachable",
        "eksctl could not reach an AWS API endpoint (DNS, proxy, firewall, or no network)",
        &[
            r"lookup (?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?)(?: on \S+)?: (?:no such host|server misbehaving|i/o timeout)",
            r#"https://(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?)[^\s"]*"?: (?:dial tcp|read tcp|net/http: TLS handshake timeout|EOF)"#,
            r"(?:proxyconnect tcp|x509: certificate signed by unknown authority)",
        ],
        "Check this machine's DNS, proxy (HTTPS_PROXY, NO_PROXY) and firewall for AWS endpoints[[, {host} in particular]]: `aws sts get-caller-identity --region {region}{--profile}` must answer from here. Also check the region is spelt right.",
    ),
    kind(
        F,
        "aws-internal-error",
        "AWS answered with an internal error or was unavailable",
        &[
            r"InternalFailure|InternalError|ServiceUnavailable|ServerException",
            r"StatusCode: 5\d\d\b",
        ],
        "Usually transient: wait a few minutes and run the command again (delete what the failed run left first). https://health.aws.amazon.com shows known outages in {region}.",
    ),
    kind(
        F,
        "iam-entity-exists",
        "an IAM role, policy or OIDC provider with that name already exists",
        &[r"EntityAlreadyExists"],
        "A resource from an earlier attempt (or another cluster of the same name in another region) is in the way. Use it (iam.serviceRoleARN, attachRoleARN), rename, or delete it, then run the command again.",
    ),
    kind(
        F,
        "iam-entity-not-found",
        "an IAM role, policy or instance profile eksctl was told to use does not exist",
        &[
            r"NoSuchEntity",
            r"IamInstanceProfileNotFound|IamNodeRoleNotFound",
            r"role with name \S+ cannot be found",
        ],
        "Check the ARNs in the config (iam.serviceRoleARN, nodeGroups[].iam.instanceRoleARN / instanceProfileARN, attachPolicyARNs) against `aws iam get-role --role-name <name>{--profile}`.",
    ),
    kind(
        F,
        "role-not-assumable",
        "EKS could not assume the role it was given (it does not exist, or its trust policy does not name EKS)",
        &[r"could not be assumed because it does not exist or the trusted entity is not correct"],
        "Check the role named in the line (iam.serviceRoleARN, or a nodegroup's instanceRoleARN): it must exist, and its trust policy must allow the service (eks.amazonaws.com for the cluster, ec2.amazonaws.com for nodes) to assume it: `aws iam get-role --role-name <name>{--profile}`. Or leave the ARN out and let eksctl make the role.",
    ),
    kind(
        F,
        "permission-denied",
        "the AWS identity is not allowed to do something eksctl needs",
        &[
            r"is not authorized to perform: (?P<action>[\w-]+:[\w-]+)",
            r"API: (?P<action>[\w-]+:[\w-]+) You are not authorized to perform this operation",
            r"UnauthorizedOperation",
            r"do not have permission to create the service-linked role",
        ],
        "Grant the missing permission[[ ({action})]] to the identity eksctl runs as (see eksctl's minimum IAM policies: https://eksctl.io/usage/minimum-iam-policies/), or run with a role that has it. `aws sts get-caller-identity{--profile}` shows who that is.",
    ),
    kind(
        F,
        "access-denied",
        "AWS denied access",
        &[r"AccessDenied(?:Exception)?"],
        "The identity eksctl runs as lacks a permission; the line says which call. Compare with eksctl's minimum IAM policies (https://eksctl.io/usage/minimum-iam-policies/); `aws sts get-caller-identity{--profile}` shows who that is.",
    ).generic(),
];
