//! The passthrough decision: does this argv name a command the shim intercepts?
//!
//! It finds eksctl's command words the way cobra does (`Command.Find` → `stripFlags`):
//! a flag without `=` that is not a known boolean takes the next word as its value;
//! `--` ends the search; empty words are never commands. It runs before anything else
//! is set up, so it only scans bytes.

use std::ffi::OsString;
use std::os::unix::ffi::OsStrExt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intercepted {
    CreateNodegroup,
    CreateCluster,
    UpgradeCluster,
    /// `update cluster`: eksctl's deprecated alias of `upgrade cluster`.
    UpdateCluster,
    CreateIamIdentityMapping,
    UpdateClusterVpcConfig,
    UpdateAuthenticationMode,
    CreateFargateProfile,
    CreateAccessEntry,
}

/// One row per intercepted command: the words cobra finds it by (verb, then the noun or
/// one of its aliases). The router decides by it, and the texts that name the intercepted
/// commands (`eksctl-shim --help`, `install.sh --help`, docs/usage.md, docs/install.md) are
/// tested against it (`tests/it/command_table.rs`): a command added here and forgotten
/// there fails a test.
#[derive(Debug)]
pub struct CommandRow {
    pub command: Intercepted,
    pub verb: &'static str,
    /// The noun first, then eksctl's aliases of it.
    pub nouns: &'static [&'static str],
}

pub const COMMANDS: &[CommandRow] = &[
    CommandRow {
        command: Intercepted::CreateNodegroup,
        verb: "create",
        nouns: &["nodegroup", "ng"],
    },
    CommandRow {
        command: Intercepted::CreateCluster,
        verb: "create",
        nouns: &["cluster"],
    },
    CommandRow {
        command: Intercepted::UpgradeCluster,
        verb: "upgrade",
        nouns: &["cluster"],
    },
    CommandRow {
        command: Intercepted::UpdateCluster,
        verb: "update",
        nouns: &["cluster"],
    },
    CommandRow {
        command: Intercepted::CreateIamIdentityMapping,
        verb: "create",
        nouns: &["iamidentitymapping"],
    },
    CommandRow {
        command: Intercepted::CreateFargateProfile,
        verb: "create",
        nouns: &["fargateprofile"],
    },
    CommandRow {
        command: Intercepted::CreateAccessEntry,
        verb: "create",
        nouns: &["accessentry"],
    },
    CommandRow {
        command: Intercepted::UpdateClusterVpcConfig,
        verb: "utils",
        nouns: &["update-cluster-vpc-config"],
    },
    CommandRow {
        command: Intercepted::UpdateAuthenticationMode,
        verb: "utils",
        nouns: &["update-authentication-mode"],
    },
];

impl CommandRow {
    /// `create nodegroup`: the verb and the noun, as people write the command.
    pub fn words(&self) -> String {
        format!("{} {}", self.verb, self.nouns[0])
    }
}

/// Every intercepted command in words, for `--help`: `create nodegroup (ng), ...`.
pub fn intercepted_words() -> String {
    COMMANDS
        .iter()
        .map(|row| match row.nouns {
            [_, aliases @ ..] if !aliases.is_empty() => {
                format!("{} ({})", row.words(), aliases.join(", "))
            }
            _ => row.words(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Passthrough,
    Intercept(Intercepted),
}

/// eksctl's persistent boolean flags (`cmd/eksctl/main.go`): these take no value, so the
/// word after them may be a command. Every other flag without `=` consumes the next word.
const BOOL_LONG: &[&[u8]] = &[b"help", b"dumpLogs"];
const BOOL_SHORT: &[u8] = b"hd";

/// `args` excludes argv[0].
pub fn route(args: &[OsString]) -> Route {
    let words = command_words(args, 2);
    let (Some(verb), Some(noun)) = (words.first().copied(), words.get(1).copied()) else {
        return Route::Passthrough;
    };
    let Some(row) = COMMANDS
        .iter()
        .find(|row| row.verb.as_bytes() == verb && row.nouns.iter().any(|n| n.as_bytes() == noun))
    else {
        return Route::Passthrough;
    };
    let intercepted = row.command;
    if asks_for_help(args) {
        return Route::Passthrough;
    }
    Route::Intercept(intercepted)
}

/// The first `limit` command words, as cobra would find them.
fn command_words(args: &[OsString], limit: usize) -> Vec<&[u8]> {
    let mut words = Vec::with_capacity(limit);
    let mut iter = args.iter().map(|a| a.as_bytes());
    while let Some(arg) = iter.next() {
        if words.len() == limit || arg == b"--" {
            break;
        }
        if let Some(long) = arg.strip_prefix(b"--") {
            if !long.contains(&b'=') && !BOOL_LONG.contains(&long) {
                iter.next();
            }
        } else if arg.len() == 2 && arg[0] == b'-' {
            if !BOOL_SHORT.contains(&arg[1]) {
                iter.next();
            }
        } else if !arg.is_empty() && arg[0] != b'-' {
            words.push(arg);
        }
    }
    words
}

/// `--help`, `-h` or `--help=true` before `--`: eksctl prints help and creates nothing.
fn asks_for_help(args: &[OsString]) -> bool {
    args.iter()
        .map(|a| a.as_bytes())
        .take_while(|a| *a != b"--")
        .any(|a| matches!(a, b"-h" | b"--help" | b"--help=true"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(line: &str) -> Route {
        let args: Vec<OsString> = line.split_whitespace().map(OsString::from).collect();
        route(&args)
    }
    const NG: Route = Route::Intercept(Intercepted::CreateNodegroup);
    const CLUSTER: Route = Route::Intercept(Intercepted::CreateCluster);

    #[test]
    fn the_three_intercepted_spellings() {
        assert_eq!(r("create nodegroup --cluster c"), NG);
        assert_eq!(r("create ng -c c"), NG);
        assert_eq!(r("create cluster -f c.yaml"), CLUSTER);
    }

    #[test]
    fn global_flags_before_between_and_after_the_verbs() {
        assert_eq!(r("-v 4 create ng"), NG);
        assert_eq!(r("--color false create --verbose 2 nodegroup"), NG);
        assert_eq!(r("-d create -C fabulous cluster"), CLUSTER);
        assert_eq!(r("--dumpLogs create cluster --name x"), CLUSTER);
        assert_eq!(r("--verbose=4 create cluster"), CLUSTER);
    }

    #[test]
    fn a_flag_value_is_not_a_command_word() {
        // cobra reads `nodegroup` as the value of the unknown `--foo`.
        assert_eq!(r("create --foo nodegroup"), Route::Passthrough);
        assert_eq!(r("-v create ng"), Route::Passthrough);
    }

    #[test]
    fn everything_else_passes_through() {
        for line in [
            "",
            "version",
            "get nodegroup --cluster c",
            "create",
            "create nodegroups",
            "create iamserviceaccount",
            "delete cluster x",
            "help create cluster",
            "upgrade nodegroup --cluster c",
            "update addon",
            "-- create cluster",
            "anywhere create cluster",
        ] {
            assert_eq!(r(line), Route::Passthrough, "{line:?}");
        }
    }

    #[test]
    fn the_other_checked_commands_are_intercepted() {
        assert_eq!(
            r("upgrade cluster --name c"),
            Route::Intercept(Intercepted::UpgradeCluster)
        );
        assert_eq!(
            r("update cluster c"),
            Route::Intercept(Intercepted::UpdateCluster)
        );
        assert_eq!(r("upgrade cluster -h"), Route::Passthrough);
        assert_eq!(
            r("create iamidentitymapping --cluster c"),
            Route::Intercept(Intercepted::CreateIamIdentityMapping)
        );
        assert_eq!(
            r("utils update-cluster-vpc-config -f c.yaml"),
            Route::Intercept(Intercepted::UpdateClusterVpcConfig)
        );
        assert_eq!(r("utils update-cluster-logging"), Route::Passthrough);
        assert_eq!(
            r("utils update-authentication-mode --cluster c"),
            Route::Intercept(Intercepted::UpdateAuthenticationMode)
        );
        assert_eq!(
            r("create fargateprofile --cluster c --namespace ns"),
            Route::Intercept(Intercepted::CreateFargateProfile)
        );
        assert_eq!(
            r("create accessentry --cluster c"),
            Route::Intercept(Intercepted::CreateAccessEntry)
        );
    }

    #[test]
    fn help_passes_through() {
        assert_eq!(r("create cluster --help"), Route::Passthrough);
        assert_eq!(r("create ng -h"), Route::Passthrough);
        assert_eq!(r("create ng -- -h"), NG);
    }

    #[test]
    fn empty_words_are_not_commands() {
        let args: Vec<OsString> = ["", "create", "", "ng"].map(OsString::from).to_vec();
        assert_eq!(route(&args), NG);
    }
}
