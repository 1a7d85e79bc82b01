//! A service that sends its traces to a local collector.
//!
//! ```sh
//! # a collector listening on localhost:4317 (gRPC, the default) or 4318 (HTTP), then:
//! cargo run --example telemetry_demo --features telemetry-autoinit
//! OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf cargo run --example telemetry_demo --features telemetry-autoinit
//! ```
//!
//! Every span carries the tenant, team, user, session, flow, node, provider,
//! trace and correlation ids of the tenant context it was created under.

use greentic_types::telemetry::{set_current_tenant_ctx, with_tenant_ctx};
use greentic_types::{EnvId, TeamId, TenantCtx, TenantId, UserId};

#[greentic_types::telemetry::main(service_name = "telemetry-demo")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ctx = TenantCtx::new(EnvId::new("prod")?, TenantId::new("acme")?)
        .with_team(Some(TeamId::new("payments")?))
        .with_user(Some(UserId::new("alice")?))
        .with_session("sess-1")
        .with_flow("checkout")
        .with_node("charge")
        .with_provider("webhook")
        .with_trace("trace-1")
        .with_correlation("corr-1");
    set_current_tenant_ctx(&ctx);
    {
        let run = tracing::info_span!("flow.run");
        let _entered = run.enter();
        tracing::info_span!("node.invoke").in_scope(|| {
            std::thread::sleep(std::time::Duration::from_millis(2));
        });
    }

    // A task that runs for another tenant, on whichever worker polls it.
    let other = TenantCtx::new(EnvId::new("prod")?, TenantId::new("globex")?).with_flow("refund");
    tokio_free_spawn(with_tenant_ctx(&other, async {
        let _step = tracing::info_span!("task.step").entered();
    }))
    .await;

    // Ended just before `main` returns: it must still reach the collector.
    tracing::info_span!("last.before.exit").in_scope(|| {});
    // Events are printed on stderr (unless GREENTIC_TELEMETRY_STDERR=false).
    tracing::info!("telemetry demo done");
    Ok(())
}

/// Awaits a future (the demo needs no Tokio dependency of its own).
async fn tokio_free_spawn<F: std::future::Future<Output = ()>>(future: F) {
    future.await
}
