//! One AWS configuration for the pre-flight, resolved the way eksctl users expect:
//! `--profile`/`--region` (or the config file's region), then the `AWS_*` environment
//! and the default chain (profiles, SSO, assume-role), `AWS_ENDPOINT_URL` included.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region};

pub struct Clients {
    pub eks: aws_sdk_eks::Client,
    pub cfn: aws_sdk_cloudformation::Client,
    pub ec2: aws_sdk_ec2::Client,
    pub sts: aws_sdk_sts::Client,
    pub region: Option<String>,
    /// The region, when the SDK's list does not have it and no endpoint variable or
    /// profile setting takes the reads elsewhere: a read that cannot connect then names
    /// it as the cause (`explain`).
    pub unknown_region: Option<super::regions::UnknownRegion>,
    /// The profile asked for (`--profile`, `AWS_PROFILE`), when neither shared config file
    /// has it: a read without credentials then names it as the cause (`explain`).
    pub missing_profile: Option<super::profiles::MissingProfile>,
}

impl Clients {
    /// The error with its cause named, when there is one to name: AWS not reached (no
    /// connection, or no answer in time) in a region AWS does not know is a misspelt
    /// region, not a network problem; no credentials for a profile that is in neither
    /// file is a misspelt profile, not a login to make.
    pub fn explain(&self, mut error: super::aws_error::AwsError) -> super::aws_error::AwsError {
        use super::aws_error::AwsErrorKind::{Credentials, TimedOut, Unreachable};
        use super::named_cause::NamedCause;
        error.cause = match error.kind {
            Unreachable | TimedOut => self.unknown_region.clone().map(NamedCause::Region),
            Credentials => self.missing_profile.clone().map(NamedCause::Profile),
            _ => None,
        };
        error
    }
}

/// Whether any endpoint setting sends the reads somewhere the region's name does not
/// pick (moto, a proxy, a VPC endpoint): the SDK's global one (`AWS_ENDPOINT_URL`, or
/// `endpoint_url` in the profile), a service's (`AWS_ENDPOINT_URL_EKS`, ...), or eksctl's
/// own (`AWS_EKS_ENDPOINT`, ...). Then the region is not looked up by DNS, and a failure
/// says nothing about it.
fn endpoint_overridden(sdk: &aws_config::SdkConfig) -> bool {
    sdk.endpoint_url().is_some()
        || std::env::vars_os().any(|(k, v)| {
            !v.is_empty()
                && k.to_str()
                    .is_some_and(|k| k.starts_with("AWS_ENDPOINT_URL_"))
        })
        || [
            EKS_ENDPOINT_VAR,
            CLOUDFORMATION_ENDPOINT_VAR,
            EC2_ENDPOINT_VAR,
            STS_ENDPOINT_VAR,
        ]
        .iter()
        .any(|v| endpoint(v).is_some())
}

/// eksctl's own endpoint variables (`pkg/eks/services_v2.go` @0.230.0: `AWS_<SERVICE>_ENDPOINT`
/// before `AWS_ENDPOINT_URL_<SERVICE>` and `AWS_ENDPOINT_URL`, which the SDK reads itself):
/// honoured so the shim asks the endpoints eksctl will use.
pub const EKS_ENDPOINT_VAR: &str = "AWS_EKS_ENDPOINT";
pub const CLOUDFORMATION_ENDPOINT_VAR: &str = "AWS_CLOUDFORMATION_ENDPOINT";
pub const EC2_ENDPOINT_VAR: &str = "AWS_EC2_ENDPOINT";
pub const STS_ENDPOINT_VAR: &str = "AWS_STS_ENDPOINT";

fn endpoint(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|v| !v.is_empty())
}

/// `deadline` bounds each call (and the caller bounds the whole pre-flight with it).
pub async fn clients(region: Option<&str>, profile: Option<&str>, deadline: Duration) -> Clients {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(RetryConfig::standard().with_max_attempts(3))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(2).min(deadline))
                .operation_timeout(deadline)
                .build(),
        );
    if let Some(r) = region {
        loader = loader.region(Region::new(r.to_string()));
    }
    if let Some(p) = profile {
        loader = loader.profile_name(p);
    }
    let sdk = loader.load().await;
    let cap = super::answer_cap::AnswerCap {
        max: super::answer_cap::MAX_ANSWER_BYTES,
    };
    let mut eks = aws_sdk_eks::config::Builder::from(&sdk).interceptor(cap);
    if let Some(url) = endpoint(EKS_ENDPOINT_VAR) {
        eks.set_endpoint_url(Some(url));
    }
    let mut cfn = aws_sdk_cloudformation::config::Builder::from(&sdk).interceptor(cap);
    if let Some(url) = endpoint(CLOUDFORMATION_ENDPOINT_VAR) {
        cfn.set_endpoint_url(Some(url));
    }
    let mut ec2 = aws_sdk_ec2::config::Builder::from(&sdk).interceptor(cap);
    if let Some(url) = endpoint(EC2_ENDPOINT_VAR) {
        ec2.set_endpoint_url(Some(url));
    }
    let mut sts = aws_sdk_sts::config::Builder::from(&sdk).interceptor(cap);
    if let Some(url) = endpoint(STS_ENDPOINT_VAR) {
        sts.set_endpoint_url(Some(url));
    }
    let unknown_region = match sdk.region() {
        Some(r) if !endpoint_overridden(&sdk) => super::regions::UnknownRegion::of(r.as_ref()),
        _ => None,
    };
    Clients {
        unknown_region,
        missing_profile: super::profiles::MissingProfile::of(profile),
        eks: aws_sdk_eks::Client::from_conf(eks.build()),
        cfn: aws_sdk_cloudformation::Client::from_conf(cfn.build()),
        ec2: aws_sdk_ec2::Client::from_conf(ec2.build()),
        sts: aws_sdk_sts::Client::from_conf(sts.build()),
        region: sdk.region().map(|r| r.to_string()),
    }
}

/// The one runtime the shim uses: current-thread (concurrency comes from joining
/// futures, not from threads), with timers and I/O.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

/// Why no region resolved, in terms a user can act on: a profile that is in neither
/// config file is said as such (the SDK then finds no region either).
pub fn no_region_message(profile: Option<&str>) -> String {
    match super::profiles::MissingProfile::of(profile) {
        Some(missing) => missing.to_string(),
        None => "no AWS region: give --region (or metadata.region in the config), set AWS_REGION, or set a region in the profile".into(),
    }
}

/// The region from the environment, as the SDK reads it first (for messages only).
pub fn region_from_env() -> Option<String> {
    ["AWS_REGION", "AWS_DEFAULT_REGION"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|r| !r.is_empty()))
}

/// The account the credentials belong to (STS GetCallerIdentity), for messages where no
/// ARN told it.
pub async fn caller_account(
    clients: &Clients,
) -> Result<Option<String>, super::aws_error::AwsError> {
    let who = clients
        .sts
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| super::aws_error::classify("STS GetCallerIdentity", &e))?;
    Ok(who.account().map(str::to_string))
}

/// The account in an ARN (`arn:aws:eks:eu-west-1:111122223333:cluster/prod`).
pub fn account_of_arn(arn: &str) -> Option<String> {
    let account = arn.split(':').nth(4)?;
    (!account.is_empty()).then(|| account.to_string())
}
