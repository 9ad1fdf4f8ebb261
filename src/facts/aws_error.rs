//! AWS errors, classified by what they mean for the pre-flight: by the service's error
//! code where there is one, never by message text.

use std::fmt;

use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::http::Response as HttpResponse;
use aws_smithy_types::error::display::DisplayErrorContext;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AwsErrorKind {
    /// The service answered that the thing is not there.
    NotFound,
    AccessDenied,
    /// Throttled past the SDK's retries.
    Throttled,
    /// Credentials missing, expired or rejected.
    Credentials,
    /// No connection (or none in time).
    Unreachable,
    /// No answer within the deadline: the endpoint hung, or the SDK's retries of a
    /// throttled or failing call outlasted it (which of them is not known then).
    TimedOut,
    /// The service answered something the SDK could not read.
    Malformed,
    /// An answer larger than the shim reads (`answer_cap`): cut, not read.
    TooLarge,
    Other,
}

#[derive(Debug, Clone)]
pub struct AwsError {
    pub kind: AwsErrorKind,
    /// The service's error code, when it gave one.
    pub code: Option<String>,
    /// The operation, for messages: `EKS DescribeCluster`.
    pub operation: &'static str,
    /// The HTTP status of the answer, when there was one.
    pub status: Option<u16>,
    pub detail: String,
    /// The cause, when the shim can name it (`aws::Clients::explain`): said instead of
    /// the network's or the SDK's words.
    pub cause: Option<super::named_cause::NamedCause>,
}

impl fmt::Display for AwsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            AwsErrorKind::NotFound => "not found",
            AwsErrorKind::AccessDenied => "access denied",
            AwsErrorKind::Throttled => "throttled",
            AwsErrorKind::Credentials => "no valid AWS credentials",
            AwsErrorKind::Unreachable => "AWS could not be reached",
            AwsErrorKind::TimedOut => "no answer in time (EKSCTL_SHIM_TIMEOUT)",
            AwsErrorKind::Malformed => "unreadable answer",
            AwsErrorKind::TooLarge => "answer too large to read",
            AwsErrorKind::Other => "failed",
        };
        write!(f, "{}: {what}", self.operation)?;
        if let Some(cause) = &self.cause {
            return write!(f, ": {cause}");
        }
        match (&self.code, self.status) {
            (Some(code), _) => write!(f, " ({code})"),
            (None, Some(status)) => write!(f, " (HTTP {status})"),
            (None, None) => Ok(()),
        }
    }
}

const NOT_FOUND: &[&str] = &[
    "ResourceNotFoundException",
    "InvalidSubnetID.NotFound",
    "InvalidVpcID.NotFound",
    "InvalidGroup.NotFound",
    "NoSuchEntity",
];
const ACCESS_DENIED: &[&str] = &[
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "UnauthorizedException",
];
const THROTTLED: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "RequestLimitExceeded",
    "TooManyRequestsException",
];
const CREDENTIALS: &[&str] = &[
    "InvalidClientTokenId",
    "ExpiredToken",
    "ExpiredTokenException",
    "UnrecognizedClientException",
    "AuthFailure",
    "SignatureDoesNotMatch",
    "InvalidSignatureException",
    "MissingAuthenticationToken",
];

pub fn classify<E>(operation: &'static str, err: &SdkError<E, HttpResponse>) -> AwsError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    let detail = DisplayErrorContext(err).to_string();
    let status = err.raw_response().map(|r| r.status().as_u16());
    let (kind, code) = match err {
        _ if super::answer_cap::is_too_large(err) => (AwsErrorKind::TooLarge, None),
        SdkError::ServiceError(service) => {
            let code = service.err().code().map(str::to_string);
            let kind = match code.as_deref() {
                // A success status whose body could not be read as the API's answer.
                None if status.is_some_and(|s| (200..300).contains(&s)) => AwsErrorKind::Malformed,
                Some(c) if NOT_FOUND.contains(&c) => AwsErrorKind::NotFound,
                Some(c) if ACCESS_DENIED.contains(&c) => AwsErrorKind::AccessDenied,
                Some(c) if THROTTLED.contains(&c) => AwsErrorKind::Throttled,
                Some(c) if CREDENTIALS.contains(&c) => AwsErrorKind::Credentials,
                // CloudFormation says "Stack with id X does not exist" as a ValidationError.
                Some("ValidationError") if detail.contains("does not exist") => {
                    AwsErrorKind::NotFound
                }
                _ => AwsErrorKind::Other,
            };
            (kind, code)
        }
        SdkError::TimeoutError(_) => (AwsErrorKind::TimedOut, None),
        SdkError::DispatchFailure(d) if d.is_io() || d.is_timeout() => {
            (AwsErrorKind::Unreachable, None)
        }
        SdkError::DispatchFailure(_) | SdkError::ConstructionFailure(_)
            if mentions_credentials(&detail) =>
        {
            (AwsErrorKind::Credentials, None)
        }
        SdkError::DispatchFailure(_) => (AwsErrorKind::Unreachable, None),
        SdkError::ResponseError(_) => (AwsErrorKind::Malformed, None),
        _ => (AwsErrorKind::Other, None),
    };
    AwsError {
        kind,
        code,
        operation,
        status,
        detail,
        cause: None,
    }
}

/// The SDK reports a failed credential chain as a dispatch or construction failure with
/// no code; its error chain names the identity resolver.
fn mentions_credentials(detail: &str) -> bool {
    detail.contains("credentials") || detail.contains("identity")
}

impl AwsError {
    /// What to do, for the profile the run used: `--profile`, else `AWS_PROFILE` (the
    /// SDK's choice too), so `aws sso login --profile p` logs in where it matters.
    pub fn remedy(&self, profile: Option<&str>) -> String {
        let from_env = std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty());
        let profile = profile.or(from_env.as_deref());
        let with_profile = profile
            .map(|p| format!(" --profile {}", crate::plan::render::quote(p)))
            .unwrap_or_default();
        if let Some(cause) = &self.cause {
            return cause.remedy();
        }
        let detail = self.detail.to_ascii_lowercase();
        match self.kind {
            AwsErrorKind::Credentials if detail.contains("sso") => {
                format!("The SSO session has expired or was never started: run `aws sso login{with_profile}`.")
            }
            AwsErrorKind::Credentials if self.code.as_deref().is_some_and(|c| c.contains("Expired")) => {
                "The credentials have expired: refresh them (a new session token, `aws sso login`, or your credential helper).".into()
            }
            AwsErrorKind::Credentials => format!(
                "No credentials were found{}: set AWS_PROFILE, run `aws configure{with_profile}`, or log in with `aws sso login{with_profile}`.",
                profile.map(|p| format!(" for profile {p}")).unwrap_or_default()
            ),
            AwsErrorKind::AccessDenied => format!(
                "The identity is not allowed {}: check its IAM policy (`aws sts get-caller-identity{with_profile}` shows who it is).",
                self.operation
            ),
            AwsErrorKind::Throttled => "AWS is throttling this account: try again in a minute.".into(),
            AwsErrorKind::TimedOut => format!("AWS answered too slowly (or kept throttling or failing until the deadline): try again, or raise {}.", crate::settings::TIMEOUT_VAR),
            AwsErrorKind::Unreachable => "Check the network (proxy, VPN, DNS) and the endpoint variables (AWS_ENDPOINT_URL, AWS_<SERVICE>_ENDPOINT).".into(),
            AwsErrorKind::Malformed => "The endpoint answered something that is not AWS: check AWS_ENDPOINT_URL and any proxy.".into(),
            AwsErrorKind::TooLarge => format!("The answer was larger than the {} MB the shim reads: check AWS_ENDPOINT_URL and any proxy.", super::answer_cap::MAX_ANSWER_BYTES / (1024 * 1024)),
            AwsErrorKind::NotFound | AwsErrorKind::Other => "See the error above.".into(),
        }
    }
}
