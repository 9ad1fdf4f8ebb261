//! Errors that name the cause (issue 25): a misspelt region, a profile that is not in
//! the config files, a plan with no region. The cause in words, never a network or SDK
//! error the user must decode.

mod plan_region;
mod profile;
mod region;
