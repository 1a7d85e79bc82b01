#[greentic_types::telemetry::main(service_name = "svc")]
struct Main;

fn main() {}
