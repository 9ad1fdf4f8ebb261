//! Every `EKSCTL_SHIM_*` variable there is, in one table: the settings people set, the
//! markers the shim sets on the processes it starts, and the names the test suite, the
//! scripts and the build read. An `EKSCTL_SHIM_*` variable that is not here is a
//! misspelling (or a setting of another version): it changes nothing, so the shim says so
//! and names the variable probably meant, rather than letting `EKSCTL_SHIM_MDOE=strict`
//! run in fix mode without a word. `tests/it/settings_vars.rs` fails when a name used
//! anywhere in the repository is missing here.

use std::ffi::OsString;

pub const PREFIX: &str = "EKSCTL_SHIM_";

/// Who sets a variable (and so whether docs/reference.md lists it for users).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A setting for people and CI.
    Setting,
    /// Set by the shim on a process it starts; not for users.
    Marker,
    /// Read by the test suite, or by the shim only for the test suite.
    Test,
    /// Read by the scripts, the CI recipes, install.sh or build.rs, not by the shim.
    Tooling,
}

pub struct Var {
    pub name: &'static str,
    pub role: Role,
}

const fn var(name: &'static str, role: Role) -> Var {
    Var { name, role }
}

/// The settings first: a misspelling that is as close to a marker as to a setting was
/// most likely meant as the setting.
pub const ALL: &[Var] = &[
    var(crate::proxy::locate::REAL_VAR, Role::Setting),
    var(crate::proxy::BYPASS_VAR, Role::Setting),
    var(super::MODE_VAR, Role::Setting),
    var(super::SKIP_VAR, Role::Setting),
    var(super::TIMEOUT_VAR, Role::Setting),
    var(crate::logging::VAR, Role::Setting),
    var(super::KEEP_CONFIG_VAR, Role::Setting),
    var(super::REPAIR_VAR, Role::Setting),
    var(super::QUIET_VAR, Role::Setting),
    var(super::RECAP_AFTER_VAR, Role::Setting),
    var(crate::proxy::chain::VAR, Role::Marker),
    var(crate::judge::JUDGING_VAR, Role::Marker),
    var(crate::proxy::pair::FACE_VAR, Role::Marker),
    var(super::INJECT_PANIC_VAR, Role::Test),
    var("EKSCTL_SHIM_UPDATE_README", Role::Test),
    var("EKSCTL_SHIM_REVIEW", Role::Test),
    var("EKSCTL_SHIM_CORPUS", Role::Test),
    var("EKSCTL_SHIM_DIST_BINARY", Role::Test),
    var("EKSCTL_SHIM_BENCH_CONFIG", Role::Test),
    var("EKSCTL_SHIM_VENV", Role::Tooling),
    var("EKSCTL_SHIM_REUSE_BUILD", Role::Tooling),
    var("EKSCTL_SHIM_ARCHIVE_URL", Role::Tooling),
    // The archive's pinned SHA-256 (ci/install-pinned.sh, the CI recipes, action.yml).
    var("EKSCTL_SHIM_ARCHIVE_SHA256", Role::Tooling),
    var("EKSCTL_SHIM_PREFIX", Role::Tooling),
    // build.rs reads EKSCTL_SHIM_COMMIT from a packager's environment and hands it, with
    // the others, to the compiler (`env!`): never read at run time, listed so that a
    // packager's environment is not warned about.
    var("EKSCTL_SHIM_COMMIT", Role::Tooling),
    var("EKSCTL_SHIM_COMMIT_SHORT", Role::Tooling),
    var("EKSCTL_SHIM_BUILD_DATE", Role::Tooling),
    var("EKSCTL_SHIM_TARGET", Role::Tooling),
    var("EKSCTL_SHIM_PROFILE", Role::Tooling),
];

pub fn is_known(name: &str) -> bool {
    ALL.iter().any(|v| v.name == name)
}

/// A warning for each variable of `names` that looks like the shim's (`EKSCTL_SHIM_`, in
/// any case: `eksctl_shim_mode` is a slip too) and is not in the table, in name order
/// (the environment's order is arbitrary, the output must not be).
pub fn unknown(names: impl IntoIterator<Item = OsString>) -> Vec<String> {
    let mut strays: Vec<String> = names
        .into_iter()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| {
            n.get(..PREFIX.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(PREFIX))
                && !is_known(n)
        })
        .collect();
    strays.sort();
    strays.into_iter().map(|n| warning(&n)).collect()
}

fn warning(name: &str) -> String {
    // The names after the prefix: compared whole, every name would be "close" to every
    // other through the twelve letters they share.
    let meant = crate::spelling::closest(
        &name[PREFIX.len()..],
        ALL.iter().map(|v| &v.name[PREFIX.len()..]),
    );
    match meant {
        Some(meant) => format!(
            "{name} is not a variable the shim reads, so it changes nothing; did you mean {PREFIX}{meant}?"
        ),
        None => {
            let settings: Vec<&str> = ALL
                .iter()
                .filter(|v| v.role == Role::Setting)
                .map(|v| v.name)
                .collect();
            format!(
                "{name} is not a variable the shim reads, so it changes nothing; its settings are {}",
                settings.join(", ")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn known_and_foreign_names_pass_and_strays_are_named_once_in_order() {
        let got = unknown(names(&[
            "PATH",
            "EKSCTL_SHIM_MODE",
            "EKSCTL_SHIM_CHAIN",
            "EKSCTL_SHIM_TIMOUT",
            "EKSCTL_SHIM_MDOE",
            "EKSCTL_SHIMMER",
        ]));
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0].ends_with("did you mean EKSCTL_SHIM_MODE?"),
            "{got:?}"
        );
        assert!(
            got[1].ends_with("did you mean EKSCTL_SHIM_TIMEOUT?"),
            "{got:?}"
        );
    }

    #[test]
    fn a_name_in_the_wrong_case_is_a_stray_and_a_stranger_lists_the_settings() {
        let got = unknown(names(&["eksctl_shim_mode", "EKSCTL_SHIM_XYZZY_FROBNICATE"]));
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0].contains("its settings are EKSCTL_SHIM_REAL, EKSCTL_SHIM_BYPASS"),
            "{got:?}"
        );
        assert!(
            got[1].ends_with("did you mean EKSCTL_SHIM_MODE?"),
            "{got:?}"
        );
    }
}
