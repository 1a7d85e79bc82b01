/// An error type that cannot hold a `TelemetryError`.
#[derive(Debug)]
pub struct Opaque;

// Refused by the return *type* (its error has no `From<TelemetryError>`), not by its name.
#[greentic_types::telemetry::main(service_name = "svc")]
async fn main() -> Result<(), Opaque> {
    Ok(())
}
