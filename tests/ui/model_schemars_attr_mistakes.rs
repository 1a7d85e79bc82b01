// Mistakes in the `schemars` attributes the DSL's own `JsonSchema` reads
// (`extend` on a struct, `schema_with` on a field) are reported by schemars'
// derive, word for word: the DSL leaves any form it does not read exactly as
// schemars does to the derive.

use schemars::{Schema, SchemaGenerator};

fn custom(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<u8>()
}

greentic_types::greentic_model! {
    /// An empty item between two extensions.
    #[schemars(extend("a" = 1,, "b" = 2))]
    pub struct EmptyExtension {
        /// A field.
        pub x: u8,
    }

    /// A key given twice, in two attributes.
    #[schemars(extend("a" = 1))]
    #[schemars(extend("a" = 2))]
    pub struct RepeatedKey {
        /// A field.
        pub x: u8,
    }

    /// An empty item before `schema_with`.
    pub struct EmptyItem {
        /// A field.
        #[schemars(, schema_with = "custom")]
        pub x: u8,
    }

    /// Two schema functions for one field.
    pub struct TwoFunctions {
        /// A field.
        #[schemars(schema_with = "custom")]
        #[schemars(schema_with = "custom")]
        pub x: u8,
    }

    /// A schema function and a type for one field.
    pub struct FunctionAndType {
        /// A field.
        #[schemars(schema_with = "custom", with = "u16")]
        pub x: u8,
    }

    /// A schema function that is not a path.
    pub struct NotAPath {
        /// A field.
        #[schemars(schema_with = "custom schema")]
        pub x: u8,
    }
}

fn main() {}
