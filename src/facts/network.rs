//! The cluster VPC's subnets and their kind, as eksctl and AWS tell public from private:
//! a subnet is public when its route table (its own, else the VPC's main one) routes to
//! an internet gateway.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_ec2::types::Filter;

use super::aws::Clients;
use super::aws_error::{AwsError, classify};
use super::{SubnetFacts, SubnetKind};

/// Every subnet of the VPC (of every VPC with `None`), with its kind: public when its
/// route table (its own, else its VPC's main one) routes to an internet gateway.
pub(crate) async fn vpc_subnets(
    clients: &Clients,
    vpc: Option<&str>,
) -> Result<Vec<SubnetFacts>, AwsError> {
    let by_vpc = || vpc.map(|v| Filter::builder().name("vpc-id").values(v).build());
    let subnets = async {
        let mut pages = clients
            .ec2
            .describe_subnets()
            .set_filters(by_vpc().map(|f| vec![f]))
            .into_paginator()
            .items()
            .send();
        let mut out = vec![];
        while let Some(s) = pages.next().await {
            out.push(s.map_err(|e| classify("EC2 DescribeSubnets", &e))?);
        }
        Ok::<_, AwsError>(out)
    };
    let tables = async {
        let mut pages = clients
            .ec2
            .describe_route_tables()
            .set_filters(by_vpc().map(|f| vec![f]))
            .into_paginator()
            .items()
            .send();
        let mut out = vec![];
        while let Some(t) = pages.next().await {
            out.push(t.map_err(|e| classify("EC2 DescribeRouteTables", &e))?);
        }
        Ok::<_, AwsError>(out)
    };
    let (subnets, tables) = tokio::join!(subnets, tables);
    Ok(classify_subnets(&subnets?, &tables?))
}

fn classify_subnets(
    subnets: &[aws_sdk_ec2::types::Subnet],
    tables: &[aws_sdk_ec2::types::RouteTable],
) -> Vec<SubnetFacts> {
    let to_igw = |t: &aws_sdk_ec2::types::RouteTable| {
        t.routes()
            .iter()
            .any(|r| r.gateway_id().is_some_and(|g| g.starts_with("igw-")))
    };
    let mut explicit: BTreeMap<&str, bool> = BTreeMap::new();
    let mut main_public: BTreeMap<&str, bool> = BTreeMap::new();
    // Subnets explicitly associated with a table that is not the main one.
    let mut own_table: BTreeSet<&str> = BTreeSet::new();
    for t in tables {
        let is_main = t.associations().iter().any(|a| a.main() == Some(true));
        for a in t.associations() {
            if a.main() == Some(true) {
                main_public.insert(t.vpc_id().unwrap_or_default(), to_igw(t));
            } else if let Some(s) = a.subnet_id() {
                explicit.insert(s, to_igw(t));
                if !is_main {
                    own_table.insert(s);
                }
            }
        }
    }
    subnets
        .iter()
        .filter_map(|s| {
            let id = s.subnet_id()?;
            let vpc_id = s.vpc_id().unwrap_or_default();
            let public = explicit
                .get(id)
                .or_else(|| main_public.get(vpc_id))
                .copied()
                .unwrap_or(false);
            Some(SubnetFacts {
                id: id.to_string(),
                vpc_id: vpc_id.to_string(),
                zone: s.availability_zone().unwrap_or_default().to_string(),
                available_ips: s.available_ip_address_count().unwrap_or(0).max(0) as u32,
                kind: if public {
                    SubnetKind::Public
                } else {
                    SubnetKind::Private
                },
                map_public_ip: s.map_public_ip_on_launch() == Some(true),
                own_route_table: own_table.contains(id),
            })
        })
        .collect()
}
