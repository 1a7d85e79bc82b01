//! Lifecycle: `shutdown()` stops export, a later install starts a new
//! pipeline (the global subscriber stays), a second install while one runs
//! changes nothing, and an old guard never stops a newer pipeline.
#![cfg(feature = "telemetry-autoinit")]

mod telemetry_support;

use std::time::{Duration, Instant};

use greentic_types::telemetry::{self, OtlpConfig};
use telemetry_support::{grpc_collector, names};

fn config(endpoint: &str) -> OtlpConfig {
    let mut config = OtlpConfig::new("reinstall");
    config.endpoint = endpoint.to_owned();
    config.batch_delay = Duration::from_millis(100);
    config.stderr = false;
    config
}

#[test]
fn a_second_install_after_shutdown_installs_again() {
    let first = grpc_collector(None);
    let second = grpc_collector(None);

    let old = telemetry::install_with(config(&first.endpoint)).expect("first install");
    assert!(old.is_active());
    let duplicate = telemetry::install_with(config(&second.endpoint)).expect("while running");
    assert!(!duplicate.is_active(), "no second pipeline while one runs");
    drop(duplicate);
    assert!(
        old.is_active(),
        "dropping an inactive guard changes nothing"
    );

    tracing::info_span!("r.first").in_scope(|| {});
    telemetry::shutdown();
    assert!(!old.is_active());
    assert_eq!(names(&first.spans()), ["r.first"], "shutdown exported it");

    tracing::info_span!("r.gap").in_scope(|| {});

    let new = telemetry::install_with(config(&second.endpoint)).expect("install again");
    assert!(new.is_active());
    drop(old);
    assert!(
        new.is_active(),
        "an old guard does not stop the new pipeline"
    );

    tracing::info_span!("r.second").in_scope(|| {});
    telemetry::flush();
    second.wait_for("r.second");
    assert_eq!(names(&second.spans()), ["r.second"]);
    assert_eq!(
        names(&first.spans()),
        ["r.first"],
        "nothing exported between pipelines"
    );

    let started = Instant::now();
    drop(new);
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "shutdown is bounded"
    );
    telemetry::shutdown();
}
