// Any `Result` works: telemetry problems never become `main`'s error.
#[greentic_types::telemetry::main(service_name = "io-main")]
async fn main() -> Result<(), std::io::Error> {
    tracing::info_span!("work").in_scope(|| {});
    Ok(())
}
