//! The regions AWS knows, to name a misspelt one (`us-wset-2`) as the cause of a read that
//! could not reach AWS, instead of a DNS or connection error.
//!
//! Never used to refuse a region up front: AWS opens new regions, and an older build
//! must still reach them. A region is said to be unknown only after a read in it failed
//! to connect (`aws::Clients::explain`), with no endpoint override in play.

use std::sync::LazyLock;

/// The regions of the SDK's partitions (`partitions.json`, embedded private in each
/// service crate's `endpoint_lib.rs`, here as aws-sdk-eks 1.160.0 has it): the SDK does
/// not expose it, and its endpoint resolver accepts any region (an unknown one falls in
/// the `aws` partition), so the list is copied. A region missing here after AWS opens it
/// is still asked; only the words of a failure in it say "not a region AWS knows", with a
/// hint that a newer region is possible (`UnknownRegion::fits_pattern`).
pub const KNOWN: &[&str] = &[
    // aws
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    // aws-cn
    "cn-north-1",
    "cn-northwest-1",
    // aws-eusc
    "eusc-de-east-1",
    // aws-iso, aws-iso-b, aws-iso-e, aws-iso-f
    "us-iso-east-1",
    "us-iso-west-1",
    "us-isob-east-1",
    "us-isob-west-1",
    "eu-isoe-west-1",
    "us-isof-east-1",
    "us-isof-south-1",
    // aws-us-gov
    "us-gov-east-1",
    "us-gov-west-1",
];

/// The partitions' pseudo-regions (`aws-global`, ...): valid names for the SDK, never
/// suggested for a misspelling.
const GLOBAL: &[&str] = &[
    "aws-global",
    "aws-cn-global",
    "aws-iso-global",
    "aws-iso-b-global",
    "aws-iso-e-global",
    "aws-iso-f-global",
    "aws-us-gov-global",
];

/// The partitions' `regionRegex`es, joined: the shape a region of a known partition has.
/// `us-wset-2` has it too, so fitting it says only that a new region of that name is
/// possible, never that the name is right.
static PATTERN: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"^(?:(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-\w+-\d+|eusc-de-\w+-\d+|us-(?:iso|isob|isof|gov)-\w+-\d+|eu-isoe-\w+-\d+)$",
    )
    .expect("a valid pattern")
});

pub fn is_known(region: &str) -> bool {
    KNOWN.contains(&region) || GLOBAL.contains(&region)
}

/// A region the SDK's list does not have, said when a read in it could not connect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRegion {
    pub name: String,
    /// The known region it is probably a slip for.
    pub closest: Option<&'static str>,
    /// It has the shape of a region (`xx-name-N`): it may be newer than this list.
    pub fits_pattern: bool,
}

impl UnknownRegion {
    /// `None` for a known region.
    pub fn of(region: &str) -> Option<UnknownRegion> {
        (!is_known(region)).then(|| UnknownRegion {
            name: region.to_string(),
            closest: crate::spelling::closest(region, KNOWN.iter().copied()),
            fits_pattern: PATTERN.is_match(region),
        })
    }

    /// What to do: where a region is given (the one probably meant is in the message).
    pub fn remedy(&self) -> String {
        let newer = if self.fits_pattern {
            " If it is a region newer than this eksctl-shim, check the network (DNS, proxy, VPN) instead."
        } else {
            ""
        };
        format!(
            "Give a region AWS knows: --region, metadata.region in the config, AWS_REGION, or the profile's region.{newer}"
        )
    }
}

impl std::fmt::Display for UnknownRegion {
    /// `us-wset-2 is not a region AWS knows (did you mean us-west-2?)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is not a region AWS knows", self.name)?;
        match self.closest {
            Some(c) => write!(f, " (did you mean {c}?)"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slip_is_unknown_with_the_region_meant() {
        let u = UnknownRegion::of("us-wset-2").unwrap();
        assert_eq!(u.closest, Some("us-west-2"));
        assert!(u.fits_pattern);
        assert_eq!(
            u.to_string(),
            "us-wset-2 is not a region AWS knows (did you mean us-west-2?)"
        );
        assert_eq!(
            UnknownRegion::of("eu-westt-1").unwrap().closest,
            Some("eu-west-1")
        );
    }

    #[test]
    fn known_regions_and_global_ones_are_known() {
        for r in [
            "us-west-2",
            "eu-central-2",
            "cn-north-1",
            "us-gov-west-1",
            "aws-global",
        ] {
            assert!(UnknownRegion::of(r).is_none(), "{r}");
        }
    }

    #[test]
    fn a_name_of_no_region_shape_says_no_newer_region() {
        let u = UnknownRegion::of("oregon").unwrap();
        assert!(!u.fits_pattern);
        assert!(!u.remedy().contains("newer"));
        assert_eq!(u.closest, None);
    }
}
