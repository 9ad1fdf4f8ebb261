//! `plan --write` keeps the fixed config and never writes over a file; a command eksctl accepts is never judged refused.

use super::*;

#[test]
fn the_fix_is_kept_but_never_over_a_file() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    let sb = Sandbox::new();
    std::fs::write(sb.path("ng.yaml"), NG).unwrap();
    let args = ["create", "nodegroup", "-f", "ng.yaml"];
    let keeping = |file: &str| {
        face(&sb, &moto, "0.200.0", &args)
            .env("EKSCTL_SHIM_KEEP_CONFIG", file)
            .go()
    };
    keeping("kept.yaml").exits(0);
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
    keeping("kept.yaml").says("kept.yaml already exists");
    assert_eq!(
        std::fs::read_to_string(sb.path("kept.yaml")).unwrap(),
        "mine\n"
    );
    keeping("ng.yaml").says("never writes over it");
    assert_eq!(std::fs::read_to_string(sb.path("ng.yaml")).unwrap(), NG);

    let write = |flags: &[&str]| {
        sb.shim_run([&["plan", "--write", "kept.yaml"][..], flags, &["--"], &args].concat())
            .version("0.200.0")
            .aws(&moto)
            .go()
    };
    write(&[]).exits(2); // an existing file needs --force
    write(&["--force"]).exits(0);
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
        let ran = sb
            .program_run(sb.path("real/eksctl"), &args)
            .env("EKSCTL_MODEL_OFFLINE", "1")
            .env("EKSCTL_MODEL_RECORD", sb.path("gen"))
            .go();
        let accepted = ran.out.status.success();
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
