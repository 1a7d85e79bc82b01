#[greentic_types::telemetry::main(service_name = 42)]
async fn main() {}
