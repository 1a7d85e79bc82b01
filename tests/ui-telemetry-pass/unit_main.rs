// A `main` returning `()` needs no `Result` and no direct Tokio dependency.
#[greentic_types::telemetry::main(service_name = "unit-main")]
async fn main() {
    let span = tracing::info_span!("work");
    span.in_scope(|| {});
}
