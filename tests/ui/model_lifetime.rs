greentic_types::greentic_model! {
    /// A borrowed name.
    pub struct Name<'a> {
        /// The text.
        pub text: &'a str,
    }
}

fn main() {}
