//! The cause of a failed AWS read, when the shim can name it better than the SDK: a
//! region AWS does not know behind a read that could not connect, a profile that is in
//! neither config file behind a read without credentials (`aws::Clients::explain`).

use super::profiles::MissingProfile;
use super::regions::UnknownRegion;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamedCause {
    Region(UnknownRegion),
    Profile(MissingProfile),
}

impl NamedCause {
    pub fn remedy(&self) -> String {
        match self {
            NamedCause::Region(r) => r.remedy(),
            NamedCause::Profile(p) => p.remedy(),
        }
    }
}

impl std::fmt::Display for NamedCause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NamedCause::Region(r) => r.fmt(f),
            NamedCause::Profile(p) => p.fmt(f),
        }
    }
}
