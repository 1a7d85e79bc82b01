greentic_types::greentic_model! {
    /// A pair.
    pub struct Pair(pub String, pub String);
}

fn main() {}
