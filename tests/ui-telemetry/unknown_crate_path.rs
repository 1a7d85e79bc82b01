// The expansion goes through the `crate` path given, not `::greentic_types`.
#[greentic_types::telemetry::main(service_name = "svc", crate = not_a_crate)]
async fn main() {}
