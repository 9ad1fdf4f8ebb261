//! A YAML alias bomb in `-f` is refused the way go-yaml v2 refuses it ("document contains
//! excessive aliasing", its guard against CVE-2019-11253), and the command goes to eksctl
//! unchanged, in its own words (issue 23, B3): the shim once expanded it into 9^9 nodes
//! and grew memory without bound. The run is capped at 2 GB of address space so a
//! regression fails the test instead of the machine.

use std::os::unix::process::CommandExt;
use std::time::Duration;

use crate::common::*;

fn bomb() -> String {
    let mut text = String::from(
        "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: clean, region: us-west-2}\n",
    );
    text.push_str(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    for w in names.windows(2) {
        let aliases = vec![format!("*{}", w[0]); 9].join(",");
        text.push_str(&format!("{}: &{} [{aliases}]\n", w[1], w[1]));
    }
    text.push_str("managedNodeGroups:\n  - name: bomb\n    labels: *j\n");
    text
}

#[test]
fn an_alias_bomb_goes_to_eksctl_unchanged_at_once() {
    let sb = Sandbox::new();
    std::fs::write(sb.path("bomb.yaml"), bomb()).unwrap();
    let mut cmd = sb
        .eksctl_run(["create", "nodegroup", "-f", "bomb.yaml"])
        .aws_at(&closed_endpoint())
        .env("EKSCTL_MODEL_OFFLINE", "1")
        .command();
    // SAFETY: setrlimit is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| {
            let cap = 2 << 30;
            let limit = libc::rlimit {
                rlim_cur: cap,
                rlim_max: cap,
            };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            Ok(())
        });
    }
    let out = run_within(cmd, Duration::from_secs(30));
    let err = stderr(&out);
    assert!(
        err.contains("document contains excessive aliasing")
            && err.contains("passing the command to eksctl unchanged"),
        "{err}"
    );
    assert_eq!(
        argv(&sb.main_call()),
        ["create", "nodegroup", "-f", "bomb.yaml"]
    );
}
