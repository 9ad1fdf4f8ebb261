//! Parse + plan on the largest of the project's config fixtures (tests/fixtures/configs):
//! argv parsing, config loading, nodegroup selection, pinning subnets on every nodegroup,
//! rendering the plan.

use std::ffi::OsString;
use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use eksctl_shim::config::{self, select};
use eksctl_shim::invocation::{ConfigSource, Intercepted, Invocation};
use eksctl_shim::plan::{Change, Planner};

/// `EKSCTL_SHIM_BENCH_CONFIG` names another config (to compare with an earlier input).
fn largest_example() -> (PathBuf, Vec<u8>) {
    if let Some(path) = std::env::var_os("EKSCTL_SHIM_BENCH_CONFIG").map(PathBuf::from) {
        let bytes = std::fs::read(&path).expect("EKSCTL_SHIM_BENCH_CONFIG names a readable file");
        return (path, bytes);
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/configs");
    std::fs::read_dir(&dir)
        .expect("tests/fixtures/configs is part of the repository")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .max_by_key(|(_, b)| b.len())
        .unwrap()
}

fn parse_and_plan(c: &mut Criterion) {
    let (path, bytes) = largest_example();
    let args: Vec<OsString> = [
        "create",
        "nodegroup",
        "-f",
        path.to_str().unwrap(),
        "--include=*",
        "-v",
        "4",
    ]
    .into_iter()
    .map(OsString::from)
    .collect();
    let subnets = vec![
        "subnet-0aaaaaaaaaaaaaaa1".to_string(),
        "subnet-0bbbbbbbbbbbbbbb2".to_string(),
    ];
    c.bench_function(
        &format!("parse+plan {}", path.file_name().unwrap().to_string_lossy()),
        |b| {
            b.iter(|| {
                let inv = Invocation::parse(Intercepted::CreateNodegroup, black_box(args.clone()));
                let loaded = config::parse(Some(path.clone()), black_box(bytes.clone())).unwrap();
                let names: Vec<String> = select::select(&loaded.model, &inv.include, &inv.exclude)
                    .iter()
                    .map(|s| s.nodegroup.name.clone())
                    .collect();
                let input = config::ConfigInput {
                    source: ConfigSource::File(path.clone()),
                    raw: bytes.clone(),
                    consumed: false,
                    error: None,
                };
                let mut planner = Planner::new(&inv, Some(&input), Some(&loaded));
                for name in &names {
                    let change = Change {
                        what: format!("pinned {name}"),
                        why: "bench".into(),
                    };
                    planner.pin_subnets(Some(name), &subnets, change).unwrap();
                }
                black_box(planner.finish())
            })
        },
    );
}

criterion_group!(benches, parse_and_plan);
criterion_main!(benches);
