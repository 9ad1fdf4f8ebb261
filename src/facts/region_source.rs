//! Where the region would come from, in words, for a report that has none resolved (a
//! plan whose reads failed or never ran): never a placeholder such as `<no region>`.

use super::profiles::{MissingProfile, region_of};

/// The region the SDK would take when neither `--region` nor `metadata.region` gave one.
pub struct RegionSource {
    /// `None`: nothing sets one.
    pub region: Option<String>,
    /// Where it comes from (`AWS_REGION`, `profile a`), or why there is none.
    pub from: String,
}

impl std::fmt::Display for RegionSource {
    /// `in us-west-2 (from AWS_REGION)`, or `with no region (none is set: ...)`: the end
    /// of "create nodegroup for cluster x ...".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.region {
            Some(r) => write!(f, "in {r} (from {})", self.from),
            None => write!(f, "with no region ({})", self.from),
        }
    }
}

pub fn describe(profile: Option<&str>) -> RegionSource {
    let found = |r: String, from: String| RegionSource {
        region: Some(r),
        from,
    };
    let none = |from: String| RegionSource { region: None, from };
    for var in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
        if let Some(r) = std::env::var(var).ok().filter(|r| !r.is_empty()) {
            return found(r, var.to_string());
        }
    }
    if let Some(missing) = MissingProfile::of(profile) {
        return none(missing.to_string());
    }
    let from_env = std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty());
    match profile.or(from_env.as_deref()) {
        Some(p) => match region_of(p) {
            Some(r) => found(r, format!("profile {p}")),
            None => none(format!(
                "profile {p} sets none, and neither --region, metadata.region nor AWS_REGION is set"
            )),
        },
        None => match region_of("default") {
            Some(r) => found(r, "the default profile".into()),
            None => none(
                "none is set: no --region, metadata.region, AWS_REGION, or region in the default profile"
                    .into(),
            ),
        },
    }
}
