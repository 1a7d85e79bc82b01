//! A program the telemetry tests drive as a separate process; each mode
//! exercises one promise of the telemetry runtime against a real collector.
//!
//! ```sh
//! cargo run --example telemetry_probe --features telemetry-autoinit -- idle
//! ```
//!
//! Modes (first argument):
//! - `idle`: one `info` span and one `debug` span, prints `ready`, then idles
//!   until a line (or end of input) arrives on stdin;
//! - `exit-flush` / `exit-shutdown`: one span, then `telemetry::flush()` /
//!   `telemetry::shutdown()` and `std::process::exit(0)`;
//! - `propagate`: continues the trace in `PROBE_TRACEPARENT` (and the baggage
//!   in `PROBE_BAGGAGE`) in a span `probe.server` (`debug` when
//!   `PROBE_DEBUG_SERVER` is set, else `info`), enters a `debug` span, and
//!   prints what a client span under it would send downstream;
//! - `events`: one `info` event and one `debug` event;
//! - `evict <n> clear|keep`: a long-lived task sets a tenant, then `n` tasks
//!   each set one (and clear it again with `clear`), then the long-lived task
//!   creates `probe.long`.
//!
//! `main` returns `Result<(), std::io::Error>`: the macro takes any return type.

use std::collections::HashMap;
use std::io::{BufRead as _, Write as _};

use greentic_types::telemetry;
use greentic_types::{EnvId, TenantCtx, TenantId};

const SERVICE: &str = "telemetry-probe";

fn ctx(tenant: &str) -> TenantCtx {
    TenantCtx::new(
        EnvId::new("probe").expect("valid env"),
        TenantId::new(tenant).expect("valid tenant"),
    )
}

#[greentic_types::telemetry::main(service_name = SERVICE)]
async fn main() -> Result<(), std::io::Error> {
    let mode = std::env::args().nth(1).unwrap_or_default();
    match mode.as_str() {
        "idle" => {
            tracing::info_span!("probe.kept").in_scope(|| {});
            tracing::debug_span!("probe.debug").in_scope(|| {});
            println!("ready");
            std::io::stdout().flush()?;
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
        }
        "exit-flush" | "exit-shutdown" => {
            tracing::info_span!("probe.exit").in_scope(|| {});
            if mode == "exit-flush" {
                telemetry::flush();
            } else {
                telemetry::shutdown();
            }
            std::process::exit(0);
        }
        "propagate" => {
            let mut incoming = HashMap::new();
            for (var, header) in [
                ("PROBE_TRACEPARENT", "traceparent"),
                ("PROBE_BAGGAGE", "baggage"),
            ] {
                if let Ok(value) = std::env::var(var) {
                    incoming.insert(header.to_owned(), value);
                }
            }
            let server = if std::env::var_os("PROBE_DEBUG_SERVER").is_some() {
                tracing::debug_span!("probe.server")
            } else {
                tracing::info_span!("probe.server")
            };
            let remote = telemetry::set_remote_parent(&server, &incoming);
            println!("remote={remote}");
            let _entered = server.enter();
            // Below the default level: not exported, but the context flows through it.
            let _middle = tracing::debug_span!("probe.middle").entered();
            let client = tracing::info_span!("probe.client");
            let mut outgoing = HashMap::new();
            telemetry::inject_context(&client, &mut outgoing);
            for header in ["traceparent", "baggage"] {
                println!(
                    "{header}={}",
                    outgoing.get(header).map(String::as_str).unwrap_or("")
                );
            }
        }
        "events" => {
            tracing::info!("probe info event");
            tracing::debug!("probe debug event");
        }
        "evict" => {
            let n: usize = std::env::args()
                .nth(2)
                .and_then(|n| n.parse().ok())
                .unwrap_or(20_000);
            let clear = std::env::args().nth(3).as_deref() == Some("clear");
            let (tx, rx) = tokio::sync::oneshot::channel::<()>();
            let long = tokio::spawn(async move {
                telemetry::set_current_tenant_ctx(&ctx("longlived"));
                let _ = rx.await;
                tracing::info_span!("probe.long").in_scope(|| {});
            });
            for i in 0..n {
                tokio::spawn(async move {
                    telemetry::set_current_tenant_ctx(&ctx(&format!("req{}", i % 100)));
                    if clear {
                        telemetry::clear_current_tenant_ctx();
                    }
                })
                .await?;
            }
            let _ = tx.send(());
            long.await?;
        }
        other => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("unknown mode {other:?}"),
            ));
        }
    }
    Ok(())
}
