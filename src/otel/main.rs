//! What `#[telemetry::main]` expands to.

use std::format;
use std::future::Future;

use super::{install, report, tenant};

/// Runs `main` on a multi-thread Tokio runtime with telemetry installed, then
/// exports every finished span before returning `main`'s output.
///
/// Telemetry never stops the program: an installation problem is reported on
/// stderr and `main` runs without telemetry, whatever it returns.
#[doc(hidden)]
pub fn __run_main<O>(service_name: &str, main: impl Future<Output = O>) -> O {
    let guard = match install(service_name) {
        Ok(guard) => Some(guard),
        Err(e) => {
            report(&format!("{e}; running without telemetry"));
            None
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            report(&format!("cannot start the Tokio runtime: {e}"));
            drop(guard);
            std::process::exit(1);
        }
    };
    // The body is a tenant scope of its own: `set_current_tenant_ctx` in it
    // stays with it and never reaches the tasks it spawns.
    let out = runtime.block_on(tenant::tenant_scope(main));
    // Tasks still running are dropped first (ending their spans), then every
    // finished span is exported.
    drop(runtime);
    drop(guard);
    out
}
