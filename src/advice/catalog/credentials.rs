use super::{Kind, generic, kind};

pub const KINDS: &[Kind] = &[
    kind(
        "credentials-expired",
        "the AWS credentials expired during the run",
        &[
            r"ExpiredToken",
            r"security token included in the request is expired",
            r"RequestExpired",
        ],
        "Use credentials that outlive the operation (cluster creation takes 15-25 minutes): a longer session, or a profile that refreshes itself. Then run the command again; check for half-created stacks first with `eksctl get cluster --region {region}`.",
    ),
    kind(
        "credentials-invalid",
        "AWS rejected the credentials",
        &[
            r"InvalidClientTokenId",
            r"security token included in the request is invalid",
            r"UnrecognizedClientException",
            r"AuthFailure",
        ],
        "Check who you are: `aws sts get-caller-identity` (with the same AWS_PROFILE). For SSO profiles run `aws sso login --profile <profile>`; very old eksctl versions cannot read SSO profiles, so upgrade eksctl.",
    ),
    kind(
        "credentials-missing",
        "no AWS credentials were found",
        &[
            r"NoCredentialProviders",
            r"failed to (?:retrieve|refresh cached) credentials",
            r"no EC2 IMDS role found",
            r"no valid credential sources",
        ],
        "Configure credentials: AWS_PROFILE, `aws configure`, `aws sso login`, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY. `aws sts get-caller-identity` must work first.",
    ),
    kind(
        "sso-session-expired",
        "the AWS SSO session has expired",
        &[
            r"(?i)sso session .*expired",
            r"token has expired and refresh failed",
            r"InvalidGrantException",
        ],
        "Log in again: `aws sso login --profile <profile>`, then run the command again.",
    ),
    kind(
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
        "region-missing",
        "no AWS region was given",
        &[r"MissingRegion", r"AWS Region must be set"],
        "Give one: --region (without -f), metadata.region in the config, or AWS_REGION / a region in ~/.aws/config.",
    ),
    kind(
        "throttled",
        "AWS throttled eksctl's API calls",
        &[
            r"Throttling",
            r"Rate exceeded",
            r"RequestLimitExceeded",
            r"TooManyRequestsException",
        ],
        "Usually retried by eksctl; if it failed, wait and run it again. Avoid several eksctl runs at once against one account, and lower --nodegroup-parallelism.",
    ),
    kind(
        "permission-denied",
        "the AWS identity is not allowed to do something eksctl needs",
        &[
            r"is not authorized to perform: (?P<action>[\w-]+:[\w-]+)",
            r"API: (?P<action>[\w-]+:[\w-]+) You are not authorized to perform this operation",
            r"UnauthorizedOperation",
        ],
        "Grant {action} to the identity eksctl runs as (see eksctl's minimum IAM policies: https://eksctl.io/usage/minimum-iam-policies/), or run with a role that has it. `aws sts get-caller-identity` shows who that is.",
    ),
    generic(
        "access-denied",
        "AWS denied access",
        &[r"AccessDenied(?:Exception)?"],
        "The identity eksctl runs as lacks a permission; the line says which call. Compare with eksctl's minimum IAM policies (https://eksctl.io/usage/minimum-iam-policies/).",
    ),
];
