// A misspelled `default = "path"` is reported at the path, by every impl
// that calls it (as with serde's and schemars' derives).

fn seven() -> u32 {
    7
}

greentic_types::greentic_model! {
    /// A counter.
    pub struct Counter {
        /// How many.
        #[serde(default = "sevn")]
        pub count: u32,
    }
}

fn main() {
    let _ = seven;
}
