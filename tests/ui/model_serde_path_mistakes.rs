// A `skip_serializing_if` or `default` string that is not a path is serde's
// derive's to report (the DSL's lean serializer and deserializer take only
// plain paths, and leave anything else to the derive), not pasted into
// generated code.

greentic_types::greentic_model! {
    /// A negated predicate.
    pub struct Negated {
        /// Its note.
        #[serde(skip_serializing_if = "!Option::is_some")]
        pub note: Option<String>,
    }
}

greentic_types::greentic_model! {
    /// A predicate with an extra argument.
    pub struct Extra {
        /// Its tags.
        #[serde(skip_serializing_if = "Vec::is_empty, 1")]
        pub tags: Vec<String>,
    }
}

greentic_types::greentic_model! {
    /// A closure as a default.
    pub struct Closure {
        /// Its size.
        #[serde(default = "|| 5")]
        pub size: u8,
    }
}

fn main() {}
