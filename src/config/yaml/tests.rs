use serde_json::json;

use super::Doc;
use super::edit::flow_list;

fn meaning(text: &str) -> serde_json::Value {
    Doc::parse(text).unwrap().meaning().unwrap()
}

#[test]
fn yaml_1_1_scalars_as_go_yaml_v2_reads_them() {
    let cases: &[(&str, serde_json::Value)] = &[
        ("yes", json!(true)),
        ("Yes", json!(true)),
        ("on", json!(true)),
        ("ON", json!(true)),
        ("y", json!(true)),
        ("Y", json!(true)),
        ("no", json!(false)),
        ("off", json!(false)),
        ("n", json!(false)),
        ("N", json!(false)),
        ("\"yes\"", json!("yes")),
        ("'on'", json!("on")),
        ("\"n\"", json!("n")),
        ("010", json!(8)),
        ("0o10", json!(8)),
        ("0x10", json!(16)),
        ("0b10", json!(2)),
        ("1_000", json!(1000)),
        ("\"1_000\"", json!("1_000")),
        ("\"010\"", json!("010")),
        ("-12", json!(-12)),
        ("1.5", json!(1.5)),
        ("08", json!(8.0)),
        ("~", json!(null)),
        ("null", json!(null)),
        ("", json!(null)),
        ("2001-12-14", json!("2001-12-14")),
        ("1.32", json!(1.32)),
        ("\"1.32\"", json!("1.32")),
        ("yess", json!("yess")),
        ("subnet-0abc", json!("subnet-0abc")),
        ("!!str yes", json!("yes")),
        ("|\n  yes\n", json!("yes\n")),
    ];
    for (text, want) in cases {
        let doc = format!("v: {text}\n");
        assert_eq!(meaning(&doc)["v"], *want, "{doc:?}");
    }
}

#[test]
fn merge_keys_apply_and_a_key_set_twice_is_refused_as_eksctl_refuses_it() {
    let m = meaning(
        "base: &base {privateNetworking: true, labels: {x: '1'}}\nngs:\n- <<: *base\n  name: b\n- {name: c, <<: [*base]}\n",
    );
    assert_eq!(
        m["ngs"][0],
        json!({"privateNetworking": true, "name": "b", "labels": {"x": "1"}})
    );
    assert_eq!(m["ngs"][1]["privateNetworking"], true);
    // go-yaml v2, strict: `key "name" already set in map`.
    for text in [
        "a: &a {name: x}\nb: {<<: *a, name: y}\n",
        "a: &a {name: x}\nb: {name: y, <<: *a}\n",
    ] {
        assert!(Doc::parse(text).unwrap().meaning().is_err(), "{text}");
    }
}

#[test]
fn keys_become_strings_and_duplicates_are_refused() {
    assert_eq!(meaning("1: a\ntrue: b\n"), json!({"1": "a", "true": "b"}));
    assert!(Doc::parse("a: 1\na: 2\n").unwrap().meaning().is_err());
}

#[test]
fn unknown_tags_are_not_guessed() {
    assert!(Doc::parse("a: !Ref x\n").unwrap().meaning().is_err());
    assert!(Doc::parse("a: .nan\n").unwrap().meaning().is_err());
}

#[test]
fn only_the_first_document_counts() {
    assert_eq!(meaning("---\na: 1\n---\nb: 2\n"), json!({"a": 1}));
}

fn nodegroup<'a>(doc: &'a Doc, i: usize) -> &'a super::Node {
    doc.deref(&doc.root.get("nodeGroups").unwrap().items()[i])
}

#[test]
fn an_entry_is_inserted_on_a_line_of_its_own() {
    let text = "# top\nnodeGroups:\n  - name: ng-1 # the first\n    labels:\n      a: \"yes\"\n  - name: ng-2\n";
    let doc = Doc::parse(text).unwrap();
    let edit = doc
        .insert_entry(
            nodegroup(&doc, 0),
            "subnets",
            &flow_list(&["subnet-1".into()]),
        )
        .unwrap();
    let out = doc.apply(&[edit]).unwrap();
    assert_eq!(
        out,
        "# top\nnodeGroups:\n  - name: ng-1 # the first\n    labels:\n      a: \"yes\"\n    subnets: [\"subnet-1\"]\n  - name: ng-2\n"
    );
}

#[test]
fn entries_are_removed_with_their_lines() {
    let text = "nodeGroups:\n- availabilityZones: [a, b]\n  name: x\n- name: y\n  availabilityZones:\n  - a\n  - b\n";
    let doc = Doc::parse(text).unwrap();
    let first = doc
        .remove_entry(nodegroup(&doc, 0), "availabilityZones")
        .unwrap();
    let last = doc
        .remove_entry(nodegroup(&doc, 1), "availabilityZones")
        .unwrap();
    let out = doc.apply(&[first, last]).unwrap();
    assert_eq!(out, "nodeGroups:\n- name: x\n- name: y\n");
}

#[test]
fn flow_and_json_mappings_are_edited_in_place() {
    let text = "{\"nodeGroups\": [{\"name\": \"x\", \"availabilityZones\": [\"a\"]}]}\n";
    let doc = Doc::parse(text).unwrap();
    let ng = nodegroup(&doc, 0);
    let edits = [
        doc.remove_entry(ng, "availabilityZones").unwrap(),
        doc.insert_entry(ng, "subnets", &flow_list(&["s-1".into()]))
            .unwrap(),
    ];
    let out = doc.apply(&edits).unwrap();
    assert_eq!(
        out,
        "{\"nodeGroups\": [{\"name\": \"x\", \"subnets\": [\"s-1\"]}]}\n"
    );
    let flow = "nodeGroups: [{name: x, availabilityZones: [a]}]\n";
    let doc = Doc::parse(flow).unwrap();
    let ng = nodegroup(&doc, 0);
    let edits = [
        doc.remove_entry(ng, "availabilityZones").unwrap(),
        doc.insert_entry(ng, "subnets", &flow_list(&["s-1".into()]))
            .unwrap(),
    ];
    assert_eq!(
        doc.apply(&edits).unwrap(),
        "nodeGroups: [{name: x, subnets: [\"s-1\"]}]\n"
    );
}

#[test]
fn positions_are_bytes_even_after_multibyte_text() {
    let text = "# Ünïcödé ✓\nnodeGroups:\n- name: ng-1 # ✓\n";
    let doc = Doc::parse(text).unwrap();
    let edit = doc
        .insert_entry(nodegroup(&doc, 0), "subnets", "[]")
        .unwrap();
    assert_eq!(
        doc.apply(&[edit]).unwrap(),
        "# Ünïcödé ✓\nnodeGroups:\n- name: ng-1 # ✓\n  subnets: []\n"
    );
}

/// The 520-byte bomb of issue 23 (B3): ten anchors, each nine aliases of the one before
/// (9^9 nodes). go-yaml v2 refuses it as "excessive aliasing"; so does the shim, early.
fn alias_bomb() -> String {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    for w in names.windows(2) {
        let (prev, name) = (w[0], w[1]);
        let aliases = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&format!("{name}: &{name} [{aliases}]\n"));
    }
    text
}

#[test]
fn an_alias_bomb_is_refused_as_go_yaml_refuses_it() {
    let started = std::time::Instant::now();
    let err = Doc::parse(&alias_bomb()).unwrap().meaning().unwrap_err();
    assert_eq!(err.to_string(), "document contains excessive aliasing");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn ordinary_aliasing_is_read() {
    // Past go-yaml's thresholds (100 aliased, 1000 decoded) only when aliases are nearly
    // all of the document: 200 aliases of a small anchor among 2000 plain entries pass.
    let mut text = String::from("base: &b {x: 1}\n");
    for i in 0..2000 {
        text.push_str(&format!("k{i}: {i}\n"));
    }
    for i in 0..200 {
        text.push_str(&format!("a{i}: *b\n"));
    }
    assert!(Doc::parse(&text).unwrap().meaning().is_ok());
}

#[test]
fn line_of_counts_lines_as_counting_newlines_from_the_top_did() {
    for text in [
        "",
        "a",
        "a\n",
        "a: 1\nb: 2\n\n  c\n",
        "\n\n",
        "ü: 1\nx: é\n",
    ] {
        let doc = Doc::parse(text).unwrap();
        for at in 0..=text.len() + 2 {
            let counted = text.as_bytes()[..at.min(text.len())]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            assert_eq!(doc.line_of(at), counted, "{text:?} at {at}");
        }
    }
}
