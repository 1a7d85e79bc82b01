#[greentic_types::telemetry::main(service_name = "svc")]
fn main() {}
