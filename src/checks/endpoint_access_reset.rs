//! `eksctl utils update-cluster-vpc-config -f FILE`: the loader fills unset
//! `vpc.clusterEndpoints` fields with eksctl's defaults, public on and private off
//! (`NewUpdateClusterVPCLoader`, pkg/ctl/cmdutils/update_cluster_vpc.go, and
//! `SetClusterEndpointAccessDefaults`, pkg/apis/eksctl.io/v1alpha5/defaults.go, @0.165.0,
//! @0.170.0, @0.200.0, @0.230.0), and `VPCHelper.updateEndpointAccess`
//! (pkg/ctl/utils/vpc_helper.go) then sets the endpoint to them. A file written for the
//! subnets or CIDRs alone turns private access off. Without `-f` an unset flag keeps
//! the live value: nothing to say.

use super::codes::Code;
use super::finding::{Finding, Severity};
use super::subject::Subject;
use crate::facts::Facts;

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let (Some(config), Some(cluster)) = (subject.config, &facts.cluster) else {
        return vec![];
    };
    if cluster.on_outposts {
        return vec![]; // eksctl refuses the command on Outposts (ErrUnsupportedLocalCluster)
    }
    let given = config
        .vpc
        .as_ref()
        .and_then(|v| v.cluster_endpoints.clone())
        .unwrap_or_default();
    let public = given.public_access.unwrap_or(true);
    let private = given.private_access.unwrap_or(false);
    if (public, private)
        == (
            cluster.endpoint_public_access,
            cluster.endpoint_private_access,
        )
        || given.public_access.is_some() && given.private_access.is_some()
    {
        return vec![];
    }
    let severity = if subject.inv.plan_mode {
        Severity::Warning
    } else {
        Severity::Error
    };
    vec![
        Finding::new(
            Code::EndpointAccessReset,
            severity,
            format!(
                "the file does not set vpc.clusterEndpoints{}, so eksctl sets the API endpoint of {:?} to publicAccess={public}, privateAccess={private} (its defaults); it is publicAccess={}, privateAccess={} now",
                match (given.public_access, given.private_access) {
                    (Some(_), None) => ".privateAccess",
                    (None, Some(_)) => ".publicAccess",
                    _ => "",
                },
                subject.cluster,
                cluster.endpoint_public_access,
                cluster.endpoint_private_access
            ),
            format!(
                "To keep the endpoint as it is, set both in the file: `vpc: {{clusterEndpoints: {{publicAccess: {}, privateAccess: {}}}}}`.",
                cluster.endpoint_public_access, cluster.endpoint_private_access
            ),
        )
        .resources([subject.cluster.clone()]),
    ]
}
