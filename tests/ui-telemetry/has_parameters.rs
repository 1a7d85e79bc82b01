#[greentic_types::telemetry::main(service_name = "svc")]
async fn main(args: Vec<String>) {
    let _ = args;
}
