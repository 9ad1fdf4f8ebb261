//! Signals reach eksctl and take the shim with it; eksctl's streams keep every byte and
//! their order (helpers of `mod.rs`).

use super::*;

#[test]
fn eksctl_killed_by_usr1_takes_the_shim_with_it_and_leaves_no_orphan() {
    let (c, mut child) = sleeping_eksctl(Stdio::null);
    for signal in [libc::SIGUSR1] {
        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as i32, signal) };
    }
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(libc::SIGUSR1));
    let pid = c.sb.main_call()["pid"].as_u64();
    if let Some(pid) = pid {
        // SAFETY: probing a pid with signal 0.
        assert_ne!(
            unsafe { libc::kill(pid as i32, 0) },
            0,
            "eksctl still running"
        );
    }
}

#[test]
fn sigint_to_the_shims_pid_alone_reaches_eksctl() {
    let (_c, child) = sleeping_eksctl(Stdio::piped);
    let start = std::time::Instant::now();
    // SAFETY: signalling our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "eksctl did not get it"
    );
    Ran { out }.killed_by(libc::SIGINT);
}

#[test]
fn a_stderr_that_goes_away_loses_nothing() {
    let c = Case::new(drifted(), "0.200.0");
    c.file("ng.yaml", PRIVATE_NG);
    std::fs::create_dir_all(c.sb.path("tmp")).unwrap();
    let ran = c.bash("TMPDIR=$PWD/tmp eksctl create nodegroup -f ng.yaml 2>&1 >/dev/null | head -c 1 >/dev/null; echo \"exit ${PIPESTATUS[0]}\"");
    assert_eq!(ran.stdout().trim(), "exit 0", "{}", ran.stderr());
    let call = c.sb.main_call();
    assert_eq!(
        call["outcome"], "ok",
        "the fix still ran: {}",
        call["error"]
    );
    assert!(
        std::fs::read_dir(c.sb.path("tmp"))
            .unwrap()
            .next()
            .is_none(),
        "no temporary file left"
    );
}

#[test]
fn closed_standard_descriptors_do_not_become_the_config() {
    let c = Case::new(drifted(), "0.200.0");
    c.file("ng.yaml", PRIVATE_NG);
    c.bash("eksctl create nodegroup -f ng.yaml >&- 2>/dev/null; echo \"exit $?\" >&2")
        .says("exit 0");
    let call = c.sb.main_call();
    assert_eq!(call["outcome"], "ok", "{}", call["error"]);
}

/// With `2>&1` eksctl gets one pipe for both streams, so its lines keep their order, every
/// time: 25 runs of 400 lines alternating between stdout and stderr, each flushed at once,
/// all of them present and in order.
#[test]
fn stdout_and_stderr_on_one_file_keep_eksctls_order() {
    const RUNS: usize = 25;
    const LINES: u32 = 400;
    let c = Case::new(json!({"cluster": "prod"}), "0.230.0")
        .env("EKSCTL_MODEL_INTERLEAVE", &LINES.to_string());
    for run in 0..RUNS {
        let text = c
            .bash("eksctl create nodegroup --cluster prod > log 2>&1; cat log")
            .stdout();
        let order: Vec<u32> = text
            .lines()
            .filter_map(|l| l.strip_prefix("order-"))
            .filter_map(|rest| rest.split_whitespace().next()?.parse().ok())
            .collect();
        assert_eq!(order, (0..LINES).collect::<Vec<_>>(), "run {run}:\n{text}");
        std::fs::remove_file(c.sb.path("record/calls.jsonl")).ok();
    }
}
