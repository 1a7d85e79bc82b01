#[greentic_types::telemetry::main(service_name = "")]
async fn main() {}
