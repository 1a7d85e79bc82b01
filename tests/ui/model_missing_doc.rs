greentic_types::greentic_model! {
    #[schema = "widget"]
    pub struct Widget {
        /// Name.
        pub name: String,
    }
}

fn main() {}
