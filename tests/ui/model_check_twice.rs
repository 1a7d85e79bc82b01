fn first(_: &Edge, _: &greentic_types::Path<'_>, _: &mut greentic_types::Violations) {}
fn second(_: &Edge, _: &greentic_types::Path<'_>, _: &mut greentic_types::Violations) {}

greentic_types::greentic_model! {
    /// An edge.
    #[check = first]
    #[check = second]
    pub struct Edge {
        /// Source.
        pub from: String,
    }
}

fn main() {}
