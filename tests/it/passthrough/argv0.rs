//! argv[0] reaches the real eksctl as the user's shell gave it, byte for byte, through
//! the installed proxy: on the passthrough `exec` and on the hand-over to the full shim
//! for a checked command. The model of eksctl is a script, whose argv[0] the kernel
//! replaces with its interpreter's, so here the real eksctl is Python itself (a link to
//! the interpreter): `sys.orig_argv` is the argv it was started with. Python runs the
//! file named by its first argument, so `version` and `create` in the working directory
//! play `eksctl version` and `eksctl create ...`.

use std::os::unix::process::CommandExt;

use crate::common::*;

/// A sandbox whose real eksctl is the Python interpreter.
fn python_as_eksctl() -> Sandbox {
    let sb = Sandbox::new();
    std::fs::remove_file(sb.path("real/eksctl")).unwrap();
    let interpreter = run(std::process::Command::new(python()).args([
        "-c",
        "import sys, os; print(os.path.realpath(sys.executable))",
    ]));
    std::os::unix::fs::symlink(stdout(&interpreter).trim(), sb.path("real/eksctl")).unwrap();
    let record = "import sys, json\nopen('argv.json', 'w').write(json.dumps(sys.orig_argv))\n";
    std::fs::write(sb.path("version"), "print('0.230.0')\n").unwrap();
    std::fs::write(sb.path("create"), record).unwrap();
    std::fs::write(sb.path("get"), record).unwrap();
    sb
}

fn recorded(sb: &Sandbox) -> Vec<String> {
    let text = std::fs::read_to_string(sb.path("argv.json")).expect("eksctl did not run");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn argv0_reaches_eksctl_unchanged_on_both_paths() {
    for argv0 in ["eksctl", "./bin/eksctl", "eksctl-\u{e9}"] {
        // Passthrough: the proxy execs eksctl.
        let sb = python_as_eksctl();
        let mut cmd = sb.eksctl(["get", "clusters", "-o", "json"]);
        cmd.arg0(argv0);
        let out = run(cmd);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(recorded(&sb), [argv0, "get", "clusters", "-o", "json"]);

        // Checked: the proxy hands over to eksctl-shim, which runs eksctl after the
        // pre-flight (unchecked here: no AWS), with the user's argv[0].
        let sb = python_as_eksctl();
        let mut cmd = sb.eksctl(["create", "nodegroup", "--cluster", "prod"]);
        cmd.arg0(argv0);
        let out = run(cmd);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("eksctl-shim:"),
            "it went through the shim"
        );
        assert_eq!(
            recorded(&sb),
            [argv0, "create", "nodegroup", "--cluster", "prod"]
        );
    }
}
