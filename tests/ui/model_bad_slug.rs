greentic_types::greentic_model! {
    /// A widget.
    #[schema = "widget--big"]
    pub struct Widget {
        /// Name.
        pub name: String,
    }
}

fn main() {}
