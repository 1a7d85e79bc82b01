// `crate = path` names the library when the dependency is renamed.
extern crate greentic_types as types;

#[types::telemetry::main(service_name = "renamed", crate = types)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    Ok(())
}
