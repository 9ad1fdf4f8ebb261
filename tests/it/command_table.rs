//! Every text that names the commands the shim intercepts agrees with the one table the
//! router decides by (`COMMANDS`, src/proxy/route.rs): `eksctl-shim --help`, `install.sh
//! --help`, the docs' table of checked commands and the install table. A command added to
//! the table and forgotten in one of them fails here (issue 24).

use eksctl_shim::proxy::route::{COMMANDS, Intercepted, Route, route};

use crate::common::*;

fn doc(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Text with every run of whitespace one space (help texts wrap lines).
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_router_decides_by_the_table() {
    for row in COMMANDS {
        for noun in row.nouns {
            let args: Vec<std::ffi::OsString> = [row.verb, noun, "--cluster", "x"]
                .iter()
                .map(Into::into)
                .collect();
            assert_eq!(route(&args), Route::Intercept(row.command), "{row:?}");
        }
    }
    let every = [
        Intercepted::CreateNodegroup,
        Intercepted::CreateCluster,
        Intercepted::UpgradeCluster,
        Intercepted::UpdateCluster,
        Intercepted::CreateIamIdentityMapping,
        Intercepted::UpdateClusterVpcConfig,
        Intercepted::UpdateAuthenticationMode,
        Intercepted::CreateFargateProfile,
        Intercepted::CreateAccessEntry,
    ];
    for command in every {
        assert_eq!(
            COMMANDS.iter().filter(|r| r.command == command).count(),
            1,
            "{command:?} has one row"
        );
    }
}

#[test]
fn every_text_that_names_the_intercepted_commands_names_each() {
    let sb = Sandbox::new();
    let help = sb.shim_run(["--help"]).go();
    help.exits(0);
    let install = sb
        .program_run(
            concat!(env!("CARGO_MANIFEST_DIR"), "/install.sh"),
            ["--help"],
        )
        .go();
    install.exits(0);
    let texts = [
        ("eksctl-shim --help", flat(&help.stdout())),
        ("install.sh --help", flat(&install.stdout())),
        ("docs/usage.md", flat(&doc("docs/usage.md"))),
        ("docs/install.md", flat(&doc("docs/install.md"))),
    ];
    for row in COMMANDS {
        for noun in row.nouns {
            let words = format!("{} {noun}", row.verb);
            let alias = format!("({noun})");
            for (name, text) in &texts {
                assert!(
                    text.contains(&words)
                        || text.contains(&alias)
                        || text.contains(&format!("`{noun}`")),
                    "{name} does not name `{words}`"
                );
            }
        }
    }
}
