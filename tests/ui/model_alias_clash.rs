#![deny(unreachable_patterns)]

greentic_types::greentic_model! {
    /// A widget whose alias takes another field's name: that field could
    /// never be read, and the compiler says so as it does for serde's derive.
    pub struct Widget {
        /// Label, also read as `name`.
        #[serde(alias = "name")]
        pub label: Option<String>,
        /// Shadowed by the alias.
        pub name: Option<String>,
    }
}

fn main() {}
