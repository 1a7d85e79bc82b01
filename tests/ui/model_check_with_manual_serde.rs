fn rule(_: &Edge, _: &greentic_types::Path<'_>, _: &mut greentic_types::Violations) {}

greentic_types::greentic_model! {
    /// An edge whose serde is written by hand.
    #[check = rule]
    #[manual(serde)]
    pub struct Edge {
        /// Source.
        pub from: String,
    }
}

fn main() {}
