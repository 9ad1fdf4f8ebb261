//! A fact that could not be read is never the same as a fact that is not there: a failed
//! DescribeStacks is not a missing stack, a throttled DescribeSubnets is not a VPC without
//! subnets. Each gap names the fact and why it is missing, so the checks that read it are
//! said as not run (`checks::needs`) and the decision hears of it (`check` exits 4,
//! strict mode refuses).

use super::aws_error::AwsError;

/// A fact a check reads, as gathered (`Facts`' fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fact {
    /// `Facts::cluster_stack` (CloudFormation DescribeStacks of `eksctl-<cluster>-cluster`).
    ClusterStack,
    /// `Facts::nodegroup_stacks`.
    NodegroupStacks,
    /// `Facts::vpc_subnets` (EC2 DescribeSubnets and DescribeRouteTables, and the VPC).
    VpcSubnets,
    /// `Facts::stack_vpc_exists` (EC2 DescribeVpcs).
    StackVpc,
    /// `Facts::missing_security_groups` (EC2 DescribeSecurityGroups).
    SecurityGroups,
    /// `Facts::template_has_ingress_rule` and `Facts::cluster_template` (GetTemplate).
    StackTemplate,
    /// `Facts::access_entries`.
    AccessEntries,
}

/// No VPC to read subnets of (said by `gather` and `check --all` alike).
pub const VPC_UNKNOWN: &str =
    "the cluster's VPC is unknown (DescribeCluster has no vpcId and the stack no VPC output)";

/// Why a fact is missing.
#[derive(Debug, Clone)]
pub enum Cause {
    /// The read failed (denied, throttled, unreachable, an answer that is not AWS's).
    Aws(AwsError),
    /// AWS answered, but not with what the fact is made of (no VPC, a template not JSON).
    Unknown(String),
}

#[derive(Debug, Clone)]
pub struct Gap {
    pub fact: Fact,
    pub cause: Cause,
}

impl Gap {
    pub fn aws(fact: Fact, error: AwsError) -> Gap {
        Gap {
            fact,
            cause: Cause::Aws(error),
        }
    }

    pub fn unknown(fact: Fact, why: impl Into<String>) -> Gap {
        Gap {
            fact,
            cause: Cause::Unknown(why.into()),
        }
    }
}

impl std::fmt::Display for Gap {
    /// Which read failed and why: `EC2 DescribeSubnets: access denied (UnauthorizedOperation)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.cause {
            Cause::Aws(e) => write!(f, "{e}"),
            Cause::Unknown(why) => f.write_str(why),
        }
    }
}
