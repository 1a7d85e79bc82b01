// `service_name` takes any `&str` expression: a macro call or a constant.
const NAME: &str = "from-a-const";

#[greentic_types::telemetry::main(service_name = env!("CARGO_PKG_NAME"))]
async fn main() {
    let _ = second::main;
}

mod second {
    #[greentic_types::telemetry::main(service_name = super::NAME)]
    pub async fn main() {}
}
