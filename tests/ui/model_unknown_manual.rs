greentic_types::greentic_model! {
    /// A widget.
    #[manual(serde, validate)]
    pub struct Widget {
        /// Name.
        pub name: String,
    }
}

fn main() {}
