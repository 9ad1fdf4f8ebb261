//! Every check on hand-built facts.

use std::ffi::OsString;

use super::*;
use crate::config;
use crate::facts::{
    ClusterFacts, EksctlVersion, Facts, StackFacts, StackSummary, SubnetFacts, SubnetKind,
};
use crate::invocation::{Intercepted, Invocation};

fn inv(kind: Intercepted, line: &str) -> Invocation {
    Invocation::parse(kind, line.split_whitespace().map(OsString::from).collect())
}
fn subnet(id: &str, zone: &str, kind: SubnetKind) -> SubnetFacts {
    SubnetFacts {
        id: id.into(),
        vpc_id: "vpc-1".into(),
        zone: zone.into(),
        available_ips: 250,
        kind,
        map_public_ip: kind == Public,
        own_route_table: true,
    }
}
use SubnetKind::{Private, Public};

/// A cluster made with private subnets p-a, p-b and public u-a, u-b; the control plane
/// was moved to p-c, p-d (private) and the live VPC is given by `live`.
fn facts(version: &str, live: Vec<SubnetFacts>) -> Facts {
    let mut outputs = std::collections::BTreeMap::new();
    outputs.insert("VPC".to_string(), "vpc-1".to_string());
    outputs.insert(
        "SubnetsPrivate".to_string(),
        "subnet-p-a,subnet-p-b".to_string(),
    );
    outputs.insert(
        "SubnetsPublic".to_string(),
        "subnet-u-a,subnet-u-b".to_string(),
    );
    outputs.insert("SharedNodeSecurityGroup".to_string(), "sg-2".to_string());
    outputs.insert("ClusterSecurityGroupId".to_string(), "sg-3".to_string());
    Facts {
        region: Some("eu-west-1".into()),
        eksctl_version: EksctlVersion::parse(version),
        cluster: Some(ClusterFacts {
            name: "prod".into(),
            status: Some("ACTIVE".into()),
            vpc_id: Some("vpc-1".into()),
            subnet_ids: vec!["subnet-p-c".into(), "subnet-p-d".into()],
            authentication_mode: Some("API_AND_CONFIG_MAP".into()),
            ..Default::default()
        }),
        cluster_stack: Some(StackFacts {
            name: "eksctl-prod-cluster".into(),
            status: Some("CREATE_COMPLETE".into()),
            outputs,
        }),
        vpc_subnets: Some(live),
        stack_vpc_exists: Some(true),
        ..Default::default()
    }
}
fn all_live() -> Vec<SubnetFacts> {
    vec![
        subnet("subnet-p-a", "eu-west-1a", Private),
        subnet("subnet-p-b", "eu-west-1b", Private),
        subnet("subnet-u-a", "eu-west-1a", Public),
        subnet("subnet-u-b", "eu-west-1b", Public),
        subnet("subnet-p-c", "eu-west-1a", Private),
        subnet("subnet-p-d", "eu-west-1b", Private),
    ]
}
fn without(ids: &[&str]) -> Vec<SubnetFacts> {
    all_live()
        .into_iter()
        .filter(|s| !ids.contains(&s.id.as_str()))
        .collect()
}
fn run(inv: &Invocation, cfg: Option<&config::ClusterConfig>, facts: &Facts) -> Vec<Finding> {
    all(&Subject::new(inv, cfg, "prod".into()), facts, &[])
}
fn codes(f: &[Finding]) -> Vec<&'static str> {
    f.iter().map(|f| f.code.as_str()).collect()
}
fn cfg(text: &str) -> config::LoadedConfig {
    config::parse(None, text.as_bytes().to_vec()).unwrap()
}
fn pin(f: &Finding) -> Option<(Option<&str>, Vec<&str>)> {
    match &f.fix {
        Some(Fix::PinSubnets { nodegroup, subnets }) => Some((
            nodegroup.as_deref(),
            subnets.iter().map(String::as_str).collect(),
        )),
        _ => None,
    }
}
fn ng_private() -> Invocation {
    inv(Intercepted::CreateNodegroup, "create ng -c prod -n ng-1 -P")
}

#[test]
fn a_clean_cluster_has_no_findings() {
    assert!(run(&ng_private(), None, &facts("0.230.0", all_live())).is_empty());
}

#[test]
fn all_private_subnets_gone_on_0_180_pins_the_current_private_subnets() {
    let f = run(
        &ng_private(),
        None,
        &facts("0.180.0", without(&["subnet-p-a", "subnet-p-b"])),
    );
    assert_eq!(codes(&f), ["subnet-drift"]);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].resources, ["subnet-p-a", "subnet-p-b"]);
    assert_eq!(pin(&f[0]), Some((None, vec!["subnet-p-c", "subnet-p-d"])));
}

#[test]
fn a_public_nodegroup_is_only_given_public_subnets() {
    let public = inv(Intercepted::CreateNodegroup, "create ng -c prod -n ng-1");
    let f = run(
        &public,
        None,
        &facts("0.200.0", without(&["subnet-u-a", "subnet-u-b"])),
    );
    assert_eq!(codes(&f), ["subnet-drift"]);
    assert_eq!(f[0].fix, None, "no public subnet is left to pin");
    assert!(f[0].remediation.contains("No existing public subnet"));
}

#[test]
fn some_gone_on_a_new_eksctl_is_only_a_warning() {
    let f = run(
        &ng_private(),
        None,
        &facts("0.190.0", without(&["subnet-p-a"])),
    );
    assert_eq!(codes(&f), ["subnet-drift"]);
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].fix, None);
}

#[test]
fn stack_subnets_still_alive_are_preferred() {
    let zoned = config::parse(None, b"metadata: {name: prod}\nnodeGroups:\n- name: ng-1\n  privateNetworking: true\n  availabilityZones: [eu-west-1a]\n".to_vec()).unwrap();
    let i = inv(Intercepted::CreateNodegroup, "create ng -f c.yaml");
    let f = run(
        &i,
        Some(&zoned.model),
        &facts("0.190.0", without(&["subnet-p-a"])),
    );
    assert_eq!(
        pin(&f[0]),
        Some((Some("ng-1"), vec!["subnet-p-c"])),
        "zone a has only the control plane's"
    );
    let anywhere = run(
        &ng_private(),
        None,
        &facts("0.190.0", without(&["subnet-p-a", "subnet-u-a"])),
    );
    assert!(
        anywhere.iter().all(|f| f.fix.is_none()),
        "p-b is still there: eksctl copes"
    );
}

#[test]
fn any_gone_on_0_176_fails_and_pinning_cannot_help() {
    let f = run(
        &ng_private(),
        None,
        &facts("0.176.0", without(&["subnet-u-a"])),
    );
    assert_eq!(codes(&f), ["subnet-drift"]);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].fix, None);
    assert!(f[0].message.contains("InvalidSubnetID.NotFound"));
    assert!(
        f[0].remediation
            .contains("sync-outputs --cluster prod --region eu-west-1"),
        "{}",
        f[0].remediation
    );
}

#[test]
fn subnets_the_user_named_that_are_gone_are_an_error_without_rewrite() {
    let i = inv(
        Intercepted::CreateNodegroup,
        "create ng -c prod -n ng-1 --subnet-ids subnet-p-a,subnet-p-c",
    );
    let f = run(&i, None, &facts("0.190.0", without(&["subnet-p-a"])));
    assert_eq!(codes(&f)[0], "named-subnet-gone");
    assert_eq!(f[0].resources, ["subnet-p-a"]);
    assert!(f.iter().all(|f| f.fix.is_none()));
}

#[test]
fn alias_keys_on_0_177_to_0_181_only_for_nodegroups_with_zones() {
    // #7785's own reproduction uses integer keys: they read as strings.
    let zoned = cfg(
        "metadata: {name: prod}\nvpc:\n  subnets:\n    private:\n      1: {id: subnet-p-a, az: eu-west-1a}\nnodeGroups:\n- name: ng-1\n  privateNetworking: true\n  availabilityZones: [eu-west-1a]\n",
    );
    let i = inv(Intercepted::CreateNodegroup, "create ng -f c.yaml");
    let f = run(&i, Some(&zoned.model), &facts("0.179.0", all_live()));
    assert_eq!(codes(&f), ["alias-subnet-keys"]);
    assert_eq!(pin(&f[0]), Some((Some("ng-1"), vec!["subnet-p-a"])));
    assert!(run(&i, Some(&zoned.model), &facts("0.182.0", all_live())).is_empty());
    let unzoned = cfg(
        "metadata: {name: prod}\nvpc:\n  subnets:\n    private:\n      first: {id: subnet-p-a}\nnodeGroups:\n- name: ng-1\n  privateNetworking: true\n",
    );
    assert!(
        run(&i, Some(&unzoned.model), &facts("0.179.0", all_live())).is_empty(),
        "without zones eksctl only asks whether any private subnet is known"
    );
}

#[test]
fn the_stack_update_of_7720_fails_on_drift_for_managed_nodegroups_only() {
    let mut fx = facts("0.190.0", without(&["subnet-p-a"]));
    fx.cluster_stack
        .as_mut()
        .unwrap()
        .outputs
        .remove("ClusterSecurityGroupId");
    let f = run(&ng_private(), None, &fx);
    assert_eq!(codes(&f), ["stack-update-drift", "subnet-drift"]);
    assert_eq!(f[0].severity, Severity::Error);
    let unmanaged = inv(
        Intercepted::CreateNodegroup,
        "create ng -c prod -P --managed=false",
    );
    assert_eq!(codes(&run(&unmanaged, None, &fx)), ["subnet-drift"]);
    let clean = facts("0.190.0", all_live());
    let mut no_ingress = clean.clone();
    no_ingress.template_has_ingress_rule = Some(false);
    assert!(
        run(&ng_private(), None, &no_ingress).is_empty(),
        "no drift: the update works"
    );
    let mut drift_no_ingress = fx.clone();
    drift_no_ingress
        .cluster_stack
        .as_mut()
        .unwrap()
        .outputs
        .insert("ClusterSecurityGroupId".into(), "sg-3".into());
    drift_no_ingress.template_has_ingress_rule = Some(false);
    assert_eq!(
        codes(&run(&ng_private(), None, &drift_no_ingress))[0],
        "stack-update-drift"
    );
}

#[test]
fn the_compatibility_update_meets_the_rebuild_of_upgrade_cluster() {
    // Outputs keep one private zone (p-b after sync-outputs' warning); the stack lacks
    // ClusterSecurityGroupId, so a managed nodegroup makes eksctl rebuild it (audit v2 L1).
    let mut fx = facts("0.200.0", all_live());
    let stack = fx.cluster_stack.as_mut().unwrap();
    stack.outputs.remove("ClusterSecurityGroupId");
    stack
        .outputs
        .insert("SubnetsPrivate".into(), "subnet-p-b".into());
    let f = run(&ng_private(), None, &fx);
    assert_eq!(codes(&f), ["stack-update-rebuild"]);
    assert_eq!(f[0].severity, Severity::Error);
    assert!(
        f[0].message.contains("insufficient number of subnets"),
        "{}",
        f[0].message
    );
    assert!(
        f[0].remediation.contains("sync-outputs --cluster prod"),
        "{}",
        f[0].remediation
    );
    let unmanaged = inv(
        Intercepted::CreateNodegroup,
        "create ng -c prod -P --managed=false",
    );
    assert!(
        run(&unmanaged, None, &fx).is_empty(),
        "no update, no rebuild"
    );
    // Two zones a kind, on a stack that made its VPC and has no resource for zone b.
    let mut zoned = facts("0.200.0", all_live());
    zoned
        .cluster_stack
        .as_mut()
        .unwrap()
        .outputs
        .remove("ClusterSecurityGroupId");
    zoned.cluster_template = crate::facts::template::StackTemplate::parse(
        r#"{"Resources":{"VPC":{},"SubnetPrivateEUWEST1A":{},"SubnetPublicEUWEST1A":{},"SubnetPublicEUWEST1B":{}}}"#,
    );
    let f = run(&ng_private(), None, &zoned);
    assert_eq!(codes(&f), ["stack-update-rebuild"]);
    assert_eq!(f[0].resources, ["subnet-p-b"]);
    // A stack with every resource: the update works.
    zoned.cluster_template = crate::facts::template::StackTemplate::parse(
        r#"{"Resources":{"VPC":{},"SubnetPrivateEUWEST1A":{},"SubnetPrivateEUWEST1B":{},"SubnetPublicEUWEST1A":{},"SubnetPublicEUWEST1B":{}}}"#,
    );
    assert!(run(&ng_private(), None, &zoned).is_empty());
}

#[test]
fn no_shared_node_security_group_is_its_own_error() {
    let mut fx = facts("0.230.0", all_live());
    fx.cluster_stack
        .as_mut()
        .unwrap()
        .outputs
        .remove("SharedNodeSecurityGroup");
    let f = run(&ng_private(), None, &fx);
    assert_eq!(codes(&f), ["shared-sg-missing"]);
    assert!(
        f[0].remediation
            .contains("eksctl upgrade cluster --name prod --approve --region eu-west-1"),
        "{}",
        f[0].remediation
    );
}

#[test]
fn every_nodegroup_of_the_file_is_pinned_even_those_not_included() {
    let two = cfg(
        "metadata: {name: prod}\nmanagedNodeGroups:\n- {name: old-ng, privateNetworking: true}\n- {name: new-ng, privateNetworking: true}\n",
    );
    let i = inv(
        Intercepted::CreateNodegroup,
        "create ng -f c.yaml --include new-ng",
    );
    let f = run(
        &i,
        Some(&two.model),
        &facts("0.200.0", without(&["subnet-p-a", "subnet-p-b"])),
    );
    let pinned: Vec<_> = f.iter().filter_map(pin).map(|(n, _)| n.unwrap()).collect();
    assert_eq!(pinned, ["old-ng", "new-ng"]);
}

#[test]
fn a_nodegroup_that_sets_a_key_twice_through_a_merge_is_not_read() {
    // go-yaml v2 decodes strictly: eksctl refuses this config, so the shim reads nothing.
    let text = "metadata: {name: prod}\nmanagedNodeGroups:\n- &base {name: ng-a, privateNetworking: true}\n- {<<: *base, name: ng-b}\n";
    assert!(config::parse(None, text.as_bytes().to_vec()).is_err());
}

#[test]
fn public_pins_need_public_ips_and_never_a_private_output_subnet() {
    let public = inv(Intercepted::CreateNodegroup, "create ng -c prod -n ng-1");
    let mut live = without(&["subnet-u-a", "subnet-u-b"]);
    live.push(SubnetFacts {
        map_public_ip: false,
        own_route_table: true,
        ..subnet("subnet-u-c", "eu-west-1a", Public)
    });
    let mut fx = facts("0.200.0", live);
    fx.cluster
        .as_mut()
        .unwrap()
        .subnet_ids
        .push("subnet-u-c".into());
    let f = run(&public, None, &fx);
    assert_eq!(f[0].fix, None, "subnet-u-c does not map public IPs");
    let mut live = without(&["subnet-u-a", "subnet-u-b"]);
    live.push(subnet("subnet-u-c", "eu-west-1a", Public));
    let mut fx = facts("0.200.0", live);
    fx.cluster
        .as_mut()
        .unwrap()
        .subnet_ids
        .push("subnet-u-c".into());
    assert_eq!(
        pin(&run(&public, None, &fx)[0]),
        Some((None, vec!["subnet-u-c"]))
    );
}

#[test]
fn deleted_subnets_in_the_configs_own_vpc_subnets() {
    let c = cfg(
        "metadata: {name: prod}\nvpc:\n  subnets:\n    private:\n      eu-west-1a: {id: subnet-p-a}\nnodeGroups:\n- {name: ng-1, privateNetworking: true}\n",
    );
    let i = inv(Intercepted::CreateNodegroup, "create ng -f c.yaml");
    let f = run(
        &i,
        Some(&c.model),
        &facts("0.200.0", without(&["subnet-p-a"])),
    );
    assert_eq!(codes(&f)[0], "config-subnet-gone");
    assert!(
        f[0].message
            .contains("subnet-p-a (vpc.subnets.private.eu-west-1a)")
    );
}

#[test]
fn local_zones_outposts_and_efa() {
    let gone = without(&["subnet-p-a", "subnet-p-b"]);
    let local = cfg(
        "metadata: {name: prod}\nnodeGroups:\n- {name: lz, privateNetworking: true, localZones: [us-west-2-lax-1a]}\n",
    );
    let i = inv(Intercepted::CreateNodegroup, "create ng -f c.yaml");
    assert!(
        run(&i, Some(&local.model), &facts("0.200.0", gone.clone()))
            .iter()
            .all(|f| f.fix.is_none())
    );
    let mut outposts = facts("0.200.0", gone.clone());
    outposts.cluster.as_mut().unwrap().on_outposts = true;
    let unmanaged = inv(
        Intercepted::CreateNodegroup,
        "create ng -c prod -P --managed=false",
    );
    assert!(
        run(&unmanaged, None, &outposts)
            .iter()
            .all(|f| pin(f).is_none())
    );
    let efa = cfg(
        "metadata: {name: prod}\nnodeGroups:\n- {name: efa, privateNetworking: true, efaEnabled: true}\n",
    );
    let f = run(&i, Some(&efa.model), &facts("0.200.0", gone));
    assert_eq!(pin(&f[0]), Some((Some("efa"), vec!["subnet-p-c"])));
}

#[test]
fn local_zone_and_outposts_outputs_are_part_of_drift() {
    let mut fx = facts("0.170.0", all_live());
    fx.cluster_stack
        .as_mut()
        .unwrap()
        .outputs
        .insert("SubnetsLocalZonePrivate".into(), "subnet-lz-gone".into());
    assert_eq!(codes(&run(&ng_private(), None, &fx)), ["subnet-drift"]);
    let mut fx = facts("0.230.0", all_live());
    fx.cluster_stack
        .as_mut()
        .unwrap()
        .outputs
        .insert("SubnetsPrivateExtended".into(), "subnet-ext-gone".into());
    let f = run(&ng_private(), None, &fx);
    assert_eq!(codes(&f), ["subnet-drift"]);
    assert_eq!(f[0].severity, Severity::Error);
}

mod auth_and_state;
