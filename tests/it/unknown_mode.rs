//! An `EKSCTL_SHIM_MODE` the shim cannot read (misspelt, or not UTF-8) is refused with
//! exit 2 naming the valid values, never taken as `fix` (issue 23, B15): a misspelt
//! `strict` must not run eksctl unchecked.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use crate::common::*;

fn values() -> [&'static OsStr; 3] {
    [
        OsStr::new("stirct"),
        OsStr::from_bytes(b"strict\xff"),
        OsStr::new("strict,fix"),
    ]
}

#[test]
fn the_eksctl_face_refuses_an_unknown_mode_and_eksctl_never_runs() {
    let sb = Sandbox::new();
    for mode in values() {
        sb.eksctl_run(["create", "nodegroup", "--cluster", "prod"])
            .env("EKSCTL_SHIM_MODE", mode)
            .aws_at(&closed_endpoint())
            .go()
            .exits(2)
            .says("EKSCTL_SHIM_MODE=")
            .says("the valid values are fix, warn and strict");
        assert_eq!(sb.last_call(), None, "{mode:?}: eksctl must not run");
    }
}

#[test]
fn the_shims_own_commands_refuse_an_unknown_mode() {
    let sb = Sandbox::new();
    for args in [
        &["check", "--cluster", "prod"][..],
        &["plan", "--", "create", "nodegroup", "--cluster", "prod"],
        &["sync-outputs", "--cluster", "prod"],
    ] {
        sb.shim_run(args)
            .env("EKSCTL_SHIM_MODE", OsStr::from_bytes(b"strict\xff"))
            .aws_at(&closed_endpoint())
            .go()
            .exits(2)
            .says("the valid values are fix, warn and strict");
    }
    // doctor reports it as a problem of the installation.
    sb.shim_run(["doctor"])
        .env("EKSCTL_SHIM_MODE", "stirct")
        .aws_at(&closed_endpoint())
        .go()
        .exits(1)
        .prints("eksctl-shim: FAIL    setting: EKSCTL_SHIM_MODE=\"stirct\" is not a mode");
}
