//! Property tests of the invocation parser and the rewriter.

use std::ffi::OsString;

use eksctl_shim::invocation::{AuthConfigMapFlag, Intercepted, Invocation};
use eksctl_shim::plan::{Arg, Planner};
use proptest::prelude::*;

fn parse(args: &[String]) -> Invocation {
    Invocation::parse(
        Intercepted::CreateNodegroup,
        args.iter().map(OsString::from).collect(),
    )
}

/// A flag with a value in one of pflag's spellings.
fn spelled(
    long: &'static str,
    short: Option<char>,
    value: String,
) -> impl Strategy<Value = Vec<String>> {
    let mut forms = vec![0u8, 1];
    if short.is_some() {
        forms.extend([2, 3, 4]);
    }
    proptest::sample::select(forms).prop_map(move |form| match (form, short) {
        (0, _) => vec![format!("--{long}"), value.clone()],
        (1, _) => vec![format!("--{long}={value}")],
        (2, Some(s)) => vec![format!("-{s}"), value.clone()],
        (3, Some(s)) => vec![format!("-{s}{value}")],
        (_, Some(s)) => vec![format!("-{s}={value}")],
        _ => unreachable!(),
    })
}

fn word() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,12}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Parse then render, with no edit, gives back the same argv, whatever it holds.
    #[test]
    fn no_edit_round_trips(args in proptest::collection::vec(any::<String>(), 0..12)) {
        let inv = parse(&args);
        let plan = Planner::new(&inv, None, None).finish();
        let want: Vec<Arg> = args.iter().map(|a| Arg::Word(OsString::from(a))).collect();
        prop_assert_eq!(&plan.steps[0].args, &want);
        prop_assert!(plan.steps[0].config.is_none());
    }

    /// The same flags in any order and any spelling parse the same.
    #[test]
    fn order_and_spelling_do_not_matter(
        cluster in word(), region in word(), profile in word(), name in word(), subnet in word(),
        dry_run in any::<bool>(), private in any::<bool>(), managed in any::<bool>(),
        auth in proptest::option::of(any::<bool>()),
        seed in any::<u64>(),
    ) {
        let mut groups: Vec<BoxedStrategy<Vec<String>>> = vec![
            spelled("cluster", Some('c'), cluster.clone()).boxed(),
            spelled("region", Some('r'), region.clone()).boxed(),
            spelled("profile", Some('p'), profile.clone()).boxed(),
            spelled("name", Some('n'), name.clone()).boxed(),
            spelled("subnet-ids", None, subnet.clone()).boxed(),
            spelled("verbose", Some('v'), "4".into()).boxed(),
        ];
        if dry_run { groups.push(Just(vec!["--dry-run".to_string()]).boxed()); }
        if private { groups.push(proptest::sample::select(vec!["-P", "--node-private-networking", "--node-private-networking=true"]).prop_map(|s| vec![s.to_string()]).boxed()); }
        if !managed { groups.push(Just(vec!["--managed=false".to_string()]).boxed()); }
        match auth {
            Some(true) => groups.push(Just(vec!["--update-auth-configmap".to_string()]).boxed()),
            Some(false) => groups.push(Just(vec!["--update-auth-configmap=false".to_string()]).boxed()),
            None => {}
        }
        // Draw one spelling of each flag, then shuffle the flags with the seed.
        let mut runner = proptest::test_runner::TestRunner::new_with_rng(
            Default::default(), proptest::test_runner::TestRng::from_seed(proptest::test_runner::RngAlgorithm::ChaCha, &{
                let mut s = [0u8; 32]; s[..8].copy_from_slice(&seed.to_le_bytes()); s
            }));
        let mut drawn: Vec<Vec<String>> = groups.iter().map(|g| g.new_tree(&mut runner).unwrap().current()).collect();
        let n = drawn.len();
        for i in (1..n).rev() {
            let j = (seed.rotate_left(i as u32) % (i as u64 + 1)) as usize;
            drawn.swap(i, j);
        }
        let mut args = vec!["create".to_string(), "nodegroup".to_string()];
        args.extend(drawn.into_iter().flatten());

        let inv = parse(&args);
        prop_assert_eq!(inv.cluster.as_deref(), Some(cluster.as_str()));
        prop_assert_eq!(inv.region.as_deref(), Some(region.as_str()));
        prop_assert_eq!(inv.profile.as_deref(), Some(profile.as_str()));
        prop_assert_eq!(inv.nodegroup_name.as_deref(), Some(name.as_str()));
        prop_assert_eq!(inv.subnet_ids.clone(), vec![subnet.clone()]);
        prop_assert_eq!(inv.dry_run, dry_run);
        prop_assert_eq!(inv.private_networking, private);
        prop_assert_eq!(inv.managed, managed);
        let want_auth = match auth { None => AuthConfigMapFlag::Absent, Some(true) => AuthConfigMapFlag::True, Some(false) => AuthConfigMapFlag::False };
        prop_assert_eq!(inv.update_auth_configmap, want_auth);
        prop_assert_eq!(inv.words.positionals.len(), 2, "{:?}", args);
    }
}
