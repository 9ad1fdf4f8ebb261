//! `check -f -` reads the config from stdin, and skipped checks are said as skipped.

use super::*;

#[test]
fn a_config_from_stdin_and_skipped_checks() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "drifted", "moved": true, "delete": ["public-a", "public-b"]}));
    let from_stdin = |extra: &[&str]| {
        check(
            &sb,
            &moto,
            &[&["-f", "-", "-o", "json"][..], extra].concat(),
        )
        .stdin(THREE_NODEGROUPS.as_bytes())
        .go()
    };
    let out = from_stdin(&[]);
    out.exits(3);
    let v = single(&out);
    assert_eq!(v["cluster"], "drifted");
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"subnet-drift"), "{v}");

    let skipped = from_stdin(&["--skip", "subnet-drift,auth-flag-on-api"]);
    skipped.exits(0);
    assert!(
        single(&skipped)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] != "subnet-drift")
    );

    // A retired code (auth-configmap: no check reports it) is still taken.
    from_stdin(&["--skip", "subnet-drift,auth-configmap"]).exits(0);

    from_stdin(&["--skip", "no-such-check"])
        .exits(2)
        .says("valid codes: cluster-not-found");
}
