greentic_types::greentic_model! {
    /// A widget.
    pub struct Widget {
        /// Name.
        pub name: String,
        /// Name again.
        pub name: String,
    }
}

fn main() {}
