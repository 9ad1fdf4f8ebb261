//! The sinks against hostile strings: examples of each attack, then properties over
//! strings made of every kind of fragment the hostile runs used (controls, CR/LF, `::`,
//! `##[`, escape sequences, OSC, fences, shell metacharacters, non-characters).

use proptest::prelude::*;

use super::*;

/// Whether a line is one a runner (GitHub, Azure, TeamCity) would read as a command.
fn a_command(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    line.trim_start().starts_with("::")
        || lower.contains("##[")
        || lower.contains("##vso[")
        || lower.contains("##teamcity[")
}

/// Lines as a runner splits them (at LF, CR and CRLF).
fn runner_lines(s: &str) -> impl Iterator<Item = &str> {
    s.split(['\n', '\r'])
}

fn hostile() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        3 => proptest::sample::select(vec![
            "\n", "\r", "\r\n", "::", "::add-mask::SECRET", "::stop-commands::tok", " ::error::x",
            "##[", "##[error]forged", "##vso[task.setvariable]", "##teamcity[x]", "#", "[", "]",
            "\u{1b}", "\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}", "\u{1b}]0;TITLE\u{1b}\\", "\u{1b}[2J",
            "\u{9b}31m", "\u{9d}0;t\u{9c}", "```", "~~~", "`", "|", "<script>", "<br>", "&amp;",
            "![i](http://x/y)", "## Heading", "$(curl x|sh)", "`id`", "'", "\"", ";", "&&", "\\",
            " ", "\t", "\u{202e}", "\u{2066}", "\u{2028}", "\u{85}", "\u{a0}", "\u{3000}",
            "\u{fffe}", "\u{ffff}", "\u{1fffe}", "\u{fdd0}", "\u{ad}", "\u{200b}", "\u{feff}",
            "\u{0}", "\u{7f}", "*", "_", "~", "!", "%", "%0A", "]]>", "<![CDATA[", "&#x1b;", "é",
            "subnet-0dead", "*", "?", "{a,b}", "~root", "-n", "=",
        ]).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-z0-9-]{1,6}",
    ];
    proptest::collection::vec(fragment, 0..10).prop_map(|v| v.concat())
}

#[test]
fn text_examples() {
    assert_eq!(text("subnet-0aa"), "subnet-0aa");
    assert!(matches!(text("arn:aws:iam::1:role/x"), Cow::Borrowed(_)));
    assert_eq!(
        text("a,subnet-0dead\n::add-mask::LEAKME"),
        "a,subnet-0dead\\n::add-mask::LEAKME"
    );
    assert_eq!(text("::add-mask::x"), "\\::add-mask::x");
    assert_eq!(text("  ::error::x"), "  \\::error::x");
    assert_eq!(text("ng##[stop-commands]tok"), "ng##\\[stop-commands]tok");
    assert_eq!(text("###[x]"), "###\\[x]");
    assert_eq!(text("a##VSO[x]"), "a##\\VSO[x]");
    assert_eq!(text("#\u{ad}#[x]"), "#\\u{ad}#[x]");
    assert_eq!(
        text("\u{1b}]52;c;ZQ==\u{7}\u{9d}0;t"),
        "\\u{1b}]52;c;ZQ==\\u{7}\\u{9d}0;t"
    );
    assert_eq!(text("a\u{202e}b\u{ffff}"), "a\\u{202e}b\\u{ffff}");
    assert_eq!(text("## heading"), "## heading");
}

#[test]
fn lines_examples() {
    assert_eq!(
        lines("a\n  ::x::y\nb##[c]\r::z"),
        "a\n  \\::x::y\nb##\\[c]\r\\::z"
    );
    assert!(matches!(lines("eksctl-shim: ok\n"), Cow::Borrowed(_)));
}

#[test]
fn markdown_examples() {
    assert_eq!(
        markdown_cell("a|b\r\r## All checks passed\r"),
        "a\\|b\\\\r\\\\r\\#\\# All checks passed\\\\r"
    );
    assert_eq!(markdown_cell("one\ntwo"), "one<br>two");
    assert_eq!(markdown_cell("<img src=x>"), "&lt;img src=x&gt;");
    let block = markdown_block("text", "a\n```\n## Injected heading\n````");
    assert!(block.starts_with("`````text\n"), "{block}");
    assert!(block.ends_with("\n`````\n"), "{block}");
}

#[test]
fn xml_examples() {
    assert_eq!(
        xml("prod\u{ffff}\u{fffe}\u{1}"),
        "prod\u{fffd}\u{fffd}\u{fffd}"
    );
    assert_eq!(
        xml_document("<a b=\"##[x]\">\n::add-mask::y</a>"),
        "<a b=\"#&#35;[x]\">\n&#58;:add-mask::y</a>"
    );
}

#[test]
fn json_examples() {
    let doc = serde_json::json!({"m": "x##[error]y\u{9b}\u{2028}\u{1b}"});
    let shown = json_document(&serde_json::to_string_pretty(&doc).unwrap());
    assert!(
        shown.contains(r#""x#\u0023[error]y\u009b\u2028\u001b""#),
        "{shown}"
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&shown).unwrap(),
        doc
    );
}

#[test]
fn shell_examples() {
    assert_eq!(shell("prod"), "prod");
    assert_eq!(shell("--subnet-ids=a,b"), "--subnet-ids=a,b");
    assert_eq!(shell("prod$(curl x|sh)"), "'prod$(curl x|sh)'");
    assert_eq!(shell("ng\n::add-mask::x"), "$'ng\\n::add-mask::x'");
    assert_eq!(shell("ng##[x]"), "'ng#''#[x]'");
    assert_eq!(shell("::x"), "'::x'");
    assert_eq!(shell("a`id`"), "$'a\\x60id\\x60'");
}

#[test]
fn url_examples() {
    assert_eq!(
        url("http://user:S3CRET-PASS@127.0.0.1:4566/x?a=b@c"),
        "http://***@127.0.0.1:4566/x?a=b@c"
    );
    assert_eq!(
        url("https://eks.us-west-2.amazonaws.com"),
        "https://eks.us-west-2.amazonaws.com"
    );
    assert_eq!(url("http://a@b@host/"), "http://***@host/");
    assert_eq!(url("no url\n"), "no url\\n");
}

/// Runs bash once to read `words` back as a shell would (`printf '%s\0'`).
fn read_back_by_bash(words: &[String]) -> Vec<Vec<u8>> {
    let script = format!(
        "printf '%s\\0' {}",
        words.iter().map(|w| shell(w)).collect::<Vec<_>>().join(" ")
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &script])
        .output()
        .unwrap();
    assert!(out.status.success(), "{script:?}: {out:?}");
    let mut got: Vec<Vec<u8>> = out.stdout.split(|b| *b == 0).map(<[u8]>::to_vec).collect();
    got.pop();
    got
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn text_is_one_visible_line_and_no_command(s in hostile()) {
        let shown = text(&s);
        prop_assert!(!shown.chars().any(is_hidden), "{shown:?}");
        prop_assert!(!a_command(&shown), "{shown:?}");
        prop_assert_eq!(text(&shown), shown.clone(), "escaping again changes nothing");
        // Printed after anything the shim writes, still no command.
        let said = format!("eksctl-shim: {shown}");
        prop_assert!(!a_command(&said), "{:?}", said);
    }

    #[test]
    fn lines_keep_every_line_and_none_is_a_command(s in hostile()) {
        let guarded = lines(&s);
        prop_assert_eq!(runner_lines(&guarded).count(), runner_lines(&s).count());
        for l in runner_lines(&guarded) {
            prop_assert!(!a_command(l), "{l:?}");
        }
        prop_assert_eq!(lines(&guarded), guarded.clone());
    }

    #[test]
    fn a_markdown_cell_stays_a_cell(s in hostile()) {
        let cell = markdown_cell(&s);
        prop_assert!(!cell.contains(['\n', '\r']), "{cell:?}");
        prop_assert!(!cell.chars().any(is_hidden), "{cell:?}");
        // Every `|`, backtick and bracket escaped (an odd run of backslashes before it).
        for (i, c) in cell.char_indices() {
            if matches!(c, '|' | '`' | '[' | ']' | '*' | '_' | '#' | '!') {
                let slashes = cell[..i].chars().rev().take_while(|c| *c == '\\').count();
                prop_assert!(slashes % 2 == 1, "{c} unescaped at {i} in {cell:?}");
            }
        }
        // Raw HTML: `<` only as the shim's own `<br>`.
        prop_assert!(!cell.replace("<br>", "").contains('<'), "{cell:?}");
    }

    #[test]
    fn a_markdown_block_cannot_be_closed_from_inside(s in hostile()) {
        let block = markdown_block("text", &s);
        let fence_len = block.chars().take_while(|c| *c == '`').count();
        prop_assert!(fence_len >= 3);
        let body: Vec<&str> = block.lines().collect();
        let fence = "`".repeat(fence_len);
        prop_assert_eq!(body.last().copied(), Some(fence.as_str()));
        for l in &body[1..body.len() - 1] {
            let run = l.trim_start_matches(' ').chars().take_while(|c| *c == '`').count();
            prop_assert!(run < fence_len, "{l:?} closes {block:?}");
            prop_assert!(!l.contains('\r') && !l.chars().any(is_hidden));
            prop_assert!(!a_command(l), "{l:?}");
        }
    }

    #[test]
    fn json_reads_back_the_same_and_shows_nothing_hidden(s in hostile()) {
        let doc = serde_json::json!({"message": s, "list": [s.clone(), "##"]});
        let shown = json_document(&serde_json::to_string_pretty(&doc).unwrap());
        let back: serde_json::Value = serde_json::from_str(&shown).unwrap();
        prop_assert_eq!(back, doc);
        prop_assert!(!shown.chars().any(|c| is_hidden(c) && c != '\n'), "{shown:?}");
        for l in runner_lines(&shown) {
            prop_assert!(!a_command(l), "{l:?}");
        }
    }

    #[test]
    fn xml_keeps_only_xml_characters(s in hostile()) {
        let x = xml(&s);
        let is_char = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}') || c >= '\u{10000}';
        prop_assert!(x.chars().all(is_char), "{:?}", x);
        let doc = xml_document(&x);
        for l in runner_lines(&doc) {
            prop_assert!(!a_command(l), "{l:?}");
        }
    }

    #[test]
    fn url_never_shows_userinfo(user in "[a-z]{1,8}", pass in "[A-Za-z0-9]{4,12}", rest in hostile()) {
        let given = format!("http://{user}:{pass}@127.0.0.1:4566/{rest}");
        let shown = url(&given);
        prop_assert!(!shown.contains(&format!(":{pass}@")), "{shown}");
        prop_assert!(!shown.chars().any(is_hidden));
    }
}

proptest! {
    // bash runs once per case, for every word of it.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn shell_words_read_back_as_given_and_stay_on_one_line(words in proptest::collection::vec(hostile().prop_filter("no NUL: argv cannot hold one", |w| !w.contains('\0')), 1..12)) {
        for w in &words {
            let q = shell(w);
            prop_assert!(!q.chars().any(|c| is_hidden(c) || c == '`'), "{q:?}");
            prop_assert!(!a_command(&q), "{q:?}");
            prop_assert!(!a_command(&format!("eksctl create nodegroup --name={q}")), "{q:?}");
        }
        let got = read_back_by_bash(&words);
        let want: Vec<Vec<u8>> = words.iter().map(|w| w.as_bytes().to_vec()).collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn junit_with_hostile_names_parses(names in proptest::collection::vec(hostile(), 1..8)) {
        use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
        let mut report = Report::new("r");
        for n in &names {
            let mut suite = TestSuite::new(xml(n).into_owned());
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status.set_message(xml(n).into_owned());
            status.set_description(xml(&format!("{n}\n{n}")).into_owned());
            let mut case = TestCase::new(xml(n).into_owned(), status);
            case.set_classname(xml(n).into_owned());
            suite.add_test_case(case);
            report.add_test_suite(suite);
        }
        let doc = xml_document(&report.to_string().unwrap()).into_owned();
        let out = std::process::Command::new("python3")
            .args(["-c", "import sys, xml.dom.minidom as m; m.parseString(sys.stdin.buffer.read())"])
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child.stdin.take().unwrap().write_all(doc.as_bytes())?;
                child.wait_with_output()
            })
            .unwrap();
        prop_assert!(out.status.success(), "{}\n{doc}", String::from_utf8_lossy(&out.stderr));
    }
}
