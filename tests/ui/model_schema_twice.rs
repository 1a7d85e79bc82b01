greentic_types::greentic_model! {
    /// A widget.
    #[schema = "widget"]
    #[schema = "gadget"]
    pub struct Widget {
        /// Name.
        pub name: String,
    }
}

fn main() {}
