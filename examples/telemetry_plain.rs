//! A service without `#[telemetry::main]`: telemetry installed by hand, in a
//! plain `main` or under the service's own Tokio runtime. The telemetry tests
//! drive it as a separate process.
//!
//! ```sh
//! cargo run --example telemetry_plain --features telemetry-autoinit -- tokio-main
//! ```
//!
//! Modes (first argument):
//! - `compat`: 0.4.13's `install_telemetry(..)?`: the pipeline runs until
//!   `telemetry::shutdown()`; one span, `ready`, then a line on stdin, a last
//!   span and `shutdown()`;
//! - `guard`: `let _guard = telemetry::install(..)?`, one span; dropping the
//!   guard at the end of `main` exports it;
//! - `guard-dropped`: the guard is dropped at once (telemetry is shut down),
//!   then one span, which is not exported;
//! - `layered`: the service's own subscriber (the README's snippet): an
//!   `fmt` layer on stderr filtered with `telemetry::filter()`, plus
//!   `telemetry::layer()`; one span with an event, one `debug` event;
//! - `tokio-main`: the service's own multi-thread runtime; `install_telemetry`
//!   is called inside it, its outcome printed, then one span.

use std::io::{BufRead as _, Write as _};

use greentic_types::telemetry::{self, TelemetryError};

const SERVICE: &str = "telemetry-plain";

/// Code written against 0.4.13 compiles and behaves as it did.
fn init() -> Result<(), TelemetryError> {
    telemetry::install_telemetry(SERVICE)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mode = std::env::args().nth(1).unwrap_or_default();
    match mode.as_str() {
        "compat" => {
            init()?;
            tracing::info_span!("plain.compat.running").in_scope(|| {});
            println!("ready");
            std::io::stdout().flush()?;
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            tracing::info_span!("plain.compat.last").in_scope(|| {});
            // Without a guard the program delivers the last batch itself.
            telemetry::shutdown();
        }
        "guard" => {
            let _guard = telemetry::install(SERVICE)?;
            tracing::info_span!("plain.guard").in_scope(|| {});
        }
        "guard-dropped" => {
            drop(telemetry::install(SERVICE)?);
            tracing::info_span!("plain.after.drop").in_scope(|| {});
        }
        "layered" => {
            use tracing_subscriber::prelude::*;

            let _guard = telemetry::install_pipeline(telemetry::OtlpConfig::from_env(SERVICE))?;
            tracing_subscriber::registry()
                .with(
                    tracing_subscriber::fmt::layer()
                        .with_writer(std::io::stderr)
                        .with_filter(telemetry::filter()),
                )
                .with(telemetry::layer())
                .init();
            tracing::info_span!("plain.layered").in_scope(|| tracing::info!("layered event"));
            tracing::debug!("layered debug event");
        }
        "tokio-main" => {
            // What `#[tokio::main]` expands to.
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?
                .block_on(async {
                    let installed = telemetry::install_telemetry(SERVICE);
                    match &installed {
                        Ok(_) => println!("installed"),
                        Err(e) => println!("not installed: {e}"),
                    }
                    tracing::info_span!("plain.tokio.main").in_scope(|| {});
                    println!("body ran");
                    telemetry::shutdown();
                });
        }
        other => return Err(format!("unknown mode {other:?}").into()),
    }
    Ok(())
}
