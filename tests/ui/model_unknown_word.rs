greentic_types::greentic_model! {
    /// A widget.
    #[schemaa = "widget"]
    pub struct Widget {
        /// Name.
        pub name: String,
    }
}

fn main() {}
