#[greentic_types::telemetry::main]
async fn main() {}
