//! A service without `#[telemetry::main]`: telemetry installed by hand, in a
//! plain `main` or under the service's own Tokio runtime. The telemetry tests
//! drive it as a separate process.
//!
//! ```sh
//! cargo run --example telemetry_plain --features telemetry-autoinit -- tokio-main
//! ```
//!
//! Modes (first argument):
//! - `tokio-main`: the service's own multi-thread runtime; `install_telemetry`
//!   is called inside it, its outcome printed, then one span.

use greentic_types::telemetry;

const SERVICE: &str = "telemetry-plain";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mode = std::env::args().nth(1).unwrap_or_default();
    match mode.as_str() {
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
