//! argv parsing: any bytes, split on NUL into words, must route, parse and render back
//! to the same argv without panicking.
#![no_main]

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use eksctl_shim::invocation::{Intercepted, Invocation};
use eksctl_shim::plan::Planner;
use eksctl_shim::proxy::route::route;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let args: Vec<OsString> = data.split(|b| *b == 0).map(|w| OsString::from_vec(w.to_vec())).collect();
    let _ = route(&args);
    for command in [Intercepted::CreateNodegroup, Intercepted::CreateCluster] {
        let inv = Invocation::parse(command, args.clone());
        let plan = Planner::new(&inv, None).finish();
        assert_eq!(plan.steps[0].args, args);
    }
});
