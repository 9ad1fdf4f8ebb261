//! More of `plan_command`: the tests that follow, with the helpers of `mod.rs`.

use super::*;

#[test]
fn the_fix_is_kept_but_never_over_a_file() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    let sb = Sandbox::new();
    std::fs::write(sb.path("ng.yaml"), NG).unwrap();
    let args = ["create", "nodegroup", "-f", "ng.yaml"];
    let out = face(
        &sb,
        &moto,
        "0.200.0",
        &args,
        None,
        &[("EKSCTL_SHIM_KEEP_CONFIG", "kept.yaml")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let kept = std::fs::read_to_string(sb.path("kept.yaml")).unwrap();
    assert!(
        kept.starts_with(NG) && kept[NG.len()..].starts_with("  subnets: [\""),
        "{kept}"
    );
    assert_eq!(
        std::fs::read_to_string(sb.path("ng.yaml")).unwrap(),
        NG,
        "the user's file is untouched"
    );

    std::fs::write(sb.path("kept.yaml"), "mine\n").unwrap();
    let out = face(
        &sb,
        &moto,
        "0.200.0",
        &args,
        None,
        &[("EKSCTL_SHIM_KEEP_CONFIG", "kept.yaml")],
    );
    assert!(
        stderr(&out).contains("kept.yaml already exists"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(sb.path("kept.yaml")).unwrap(),
        "mine\n"
    );
    let out = face(
        &sb,
        &moto,
        "0.200.0",
        &args,
        None,
        &[("EKSCTL_SHIM_KEEP_CONFIG", "ng.yaml")],
    );
    assert!(
        stderr(&out).contains("never writes over it"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(sb.path("ng.yaml")).unwrap(), NG);

    let mut cmd = sb.command(SHIM);
    cmd.args(["plan", "--write", "kept.yaml", "--"]).args(args);
    with_env(&mut cmd, &moto, "0.200.0", &[]);
    assert_eq!(
        run(cmd).status.code(),
        Some(2),
        "an existing file needs --force"
    );
    let mut cmd = sb.command(SHIM);
    cmd.args(["plan", "--write", "kept.yaml", "--force", "--"])
        .args(args);
    with_env(&mut cmd, &moto, "0.200.0", &[]);
    assert!(run(cmd).status.success());
    assert!(
        std::fs::read_to_string(sb.path("kept.yaml"))
            .unwrap()
            .contains("subnets:")
    );
}

#[test]
fn no_command_eksctl_accepts_is_judged_refused() {
    let sb = Sandbox::new();
    std::fs::write(sb.path("c.yaml"), NG).unwrap();
    let mut judged_wrongly = vec![];
    let mut checked = 0;
    for (command, args) in generated() {
        let inv = Invocation::parse(command, args.iter().map(Into::into).collect());
        if inv.refused.is_empty() {
            continue; // the shim does not claim a refusal: nothing to prove
        }
        checked += 1;
        let mut cmd = sb.command(sb.path("real/eksctl"));
        cmd.args(&args)
            .env("EKSCTL_MODEL_OFFLINE", "1")
            .env("EKSCTL_STANDIN_RECORD", sb.path("gen"));
        let out = run(cmd);
        let accepted = out.status.success();
        if accepted {
            judged_wrongly.push(format!("{args:?}: shim says {:?}", inv.refused));
        }
    }
    eprintln!(
        "{} generated command lines, {checked} judged refused by the shim and run through the model",
        generated().len()
    );
    assert!(generated().len() > 200);
    assert!(
        checked > 100,
        "only {checked} lines judged refused: the test would prove little"
    );
    assert!(judged_wrongly.is_empty(), "{judged_wrongly:#?}");
}
