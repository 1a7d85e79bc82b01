#[greentic_types::telemetry::main(service_name = "svc", flavor = "current_thread")]
async fn main() {}
