//! A cap on the size of every AWS answer the pre-flight reads. The SDK reads a body whole
//! and then parses it on the one thread the pre-flight runs on, where no timer can fire: a
//! 500 MB DescribeSubnets answer held the shim 22-26 s past a 10 s deadline, with 1 GB
//! resident (hostile run v2, B16). Past the cap the read fails while the body streams in
//! (`http_body_util::Limited`), so the deadline still holds and the fact is a gap: could
//! not check, never "ok".

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::BeforeDeserializationInterceptorContextMut;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::ConfigBag;

/// The largest answer read. The pre-flight's largest real answers are far below it: a
/// CloudFormation template is at most 1 MB (GetTemplate), a VPC has at most a few hundred
/// subnets (DescribeSubnets filtered by VPC: about 2 KB each), lists are paged.
pub const MAX_ANSWER_BYTES: usize = 16 * 1024 * 1024;

/// Wraps every answer's body in a limit before the SDK reads it.
#[derive(Debug, Clone, Copy)]
pub struct AnswerCap {
    pub max: usize,
}

impl Intercept for AnswerCap {
    fn name(&self) -> &'static str {
        "eksctl-shim answer cap"
    }

    fn modify_before_deserialization(
        &self,
        context: &mut BeforeDeserializationInterceptorContextMut<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let body = context.response_mut().body_mut();
        let whole = std::mem::replace(body, SdkBody::taken());
        *body = SdkBody::from_body_1_x(http_body_util::Limited::new(whole, self.max));
        Ok(())
    }
}

/// Whether an error (an SDK error's chain) is an answer cut at the cap.
pub fn is_too_large(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cause = e.source();
    }
    false
}
