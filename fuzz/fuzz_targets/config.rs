//! Config loading and rewriting: any bytes either fail to load with an error, or load,
//! select, take pinned subnets on every nodegroup and load again, unchanged elsewhere.
#![no_main]

use eksctl_shim::config::{self, rewrite, select};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = config::parse(None, data.to_vec()) else { return };
    let chosen: Vec<_> = select::select(&loaded.model, &["*".into()], &[]).iter().map(|s| (s.kind, s.index)).collect();
    let mut tree = loaded.tree.clone();
    for (kind, index) in &chosen {
        rewrite::pin_subnets(&mut tree, *kind, *index, &["subnet-0123456789abcdef0".to_string()]);
    }
    // The planner hands eksctl only copies that read back the same; so does this target.
    let Some(text) = rewrite::to_yaml_verified(&tree) else { return };
    let again = config::parse(None, text.into_bytes()).expect("a verified copy loads");
    assert_eq!(select::select(&again.model, &[], &[]).len(), select::select(&loaded.model, &[], &[]).len());
});
