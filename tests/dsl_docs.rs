//! Doc comments reach a model's JSON Schema exactly as schemars' own derive
//! puts them there: each DSL model here has a twin declared with a plain
//! `#[derive(JsonSchema)]` and the same doc comments, and both must give the
//! same schema, with default settings and with
//! `untagged_enum_variant_titles` (where an absent title and an empty one
//! differ). The DSL computes titles and descriptions at expansion time
//! instead of leaving two `const` evaluations per place to the compiler.

use greentic_types::greentic_model;
use schemars::generate::SchemaSettings;
use serde_json::Value;

/// Declares `$dsl` through the DSL and `$plain` as a plain derive, from one
/// body.
macro_rules! twins {
    ($(#[$($m:tt)*])* $kind:ident $dsl:ident / $plain:ident $body:tt) => {
        greentic_model! {
            $(#[$($m)*])*
            pub $kind $dsl $body
        }

        #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        #[allow(dead_code)]
        $(#[$($m)*])*
        pub $kind $plain $body
    };
}

twins! {
    /// A struct whose docs use every literal form: "quotes", \backslashes\,
    /// a tab	here, and an ending with spaces.
    #[doc = "Escaped: \"q\" \\ \t \u{e9} \x41 and a line \
             continuation."]
    #[doc = r##"Raw with "# inside."##]
    struct Literals / PlainLiterals {
        /// # A field title
        ///
        /// And its description.
        pub titled: String,
        /** A block comment
           over two lines. */
        pub block: u32,
        #[doc = concat!("Built by ", "concat!.")]
        pub built: bool,
        /// Docs beside an explicit description: the explicit one wins.
        #[schemars(description = "Explicit.")]
        pub explicit: Option<String>,
        #[allow(clippy::empty_docs)]
        ///
        pub empty_doc: Vec<u8>,
        #[allow(missing_docs)]
        pub undocumented: i64,
    }
}

twins! {
    /// # Choice
    /// An externally tagged enum.
    enum Choice / PlainChoice {
        /// A unit variant.
        First,
        /// # Titled variant
        /// With a body.
        Second(u32),
        /// A struct variant.
        Third {
            /// Its field.
            value: String,
        },
    }
}

twins! {
    /// An untagged enum: its variants take their names as titles when the
    /// settings ask for it, unless their docs give one.
    #[serde(untagged)]
    enum Loose / PlainLoose {
        /// Text.
        Text(String),
        /// # Number title
        /// A number.
        Number(u64),
        /// A list.
        List(Vec<String>),
    }
}

twins! {
    /// An internally tagged enum with one untagged variant.
    #[serde(tag = "kind")]
    enum Mixed / PlainMixed {
        /// Tagged.
        A {
            /// A's field.
            a: u8,
        },
        /// Untagged fallback.
        #[serde(untagged)]
        Other(std::collections::BTreeMap<String, String>),
    }
}

greentic_model! {
    /// A newtype struct.
    pub struct Wrapper(pub String);
}

/// A newtype struct.
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct PlainWrapper(pub String);

fn schema<T: schemars::JsonSchema>(variant_titles: bool) -> Value {
    let mut settings = SchemaSettings::draft2020_12();
    settings.untagged_enum_variant_titles = variant_titles;
    settings
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

/// The plain twin's schema, with its type name written as the DSL model's.
fn plain_as<T: schemars::JsonSchema>(variant_titles: bool, from: &str, to: &str) -> Value {
    let text = schema::<T>(variant_titles).to_string();
    serde_json::from_str(&text.replace(&format!("\"{from}\""), &format!("\"{to}\""))).unwrap()
}

macro_rules! assert_same_schemas {
    ($($dsl:ident / $plain:ident),* $(,)?) => {$(
        for variant_titles in [false, true] {
            assert_eq!(
                schema::<$dsl>(variant_titles),
                plain_as::<$plain>(variant_titles, stringify!($plain), stringify!($dsl)),
                "{} (untagged_enum_variant_titles = {variant_titles})",
                stringify!($dsl),
            );
        }
    )*};
}

#[test]
fn doc_comments_give_the_schema_a_plain_derive_gives() {
    assert_same_schemas!(
        Literals / PlainLiterals,
        Choice / PlainChoice,
        Loose / PlainLoose,
        Mixed / PlainMixed,
        Wrapper / PlainWrapper,
    );
}

/// The cases above say what they claim: the docs are in the schema, and an
/// untagged variant without a doc title is titled by its name on request.
#[test]
fn the_compared_schemas_carry_the_docs() {
    let literals = schema::<Literals>(false);
    let description = literals["description"].as_str().unwrap();
    assert!(
        description.contains("\"quotes\", \\backslashes\\"),
        "{description}"
    );
    assert!(description.contains("line continuation."), "{description}");
    assert!(
        description.ends_with("Raw with \"# inside."),
        "{description}"
    );
    let titled = &literals["properties"]["titled"];
    assert_eq!(titled["title"], "A field title");
    assert_eq!(titled["description"], "And its description.");
    assert_eq!(
        literals["properties"]["built"]["description"],
        "Built by concat!."
    );
    assert_eq!(
        literals["properties"]["explicit"]["description"],
        "Explicit."
    );

    let loose = schema::<Loose>(true);
    let titles: Vec<&Value> = loose["anyOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["title"])
        .collect();
    assert_eq!(titles, ["Text", "Number title", "List"]);
    let loose = schema::<Loose>(false);
    assert_eq!(loose["anyOf"][0].get("title"), None);
    assert_eq!(loose["anyOf"][0]["description"], "Text.");
}

/// Declares a documented enum with the attributes a user's macro forwards
/// as `meta` fragments (opaque to `macro_rules!`, read by the DSL's helper).
macro_rules! forwarded {
    ($(#[$m:meta])*) => {
        greentic_model! {
            /// An enum whose serde attributes came through a user's macro.
            $(#[$m])*
            pub enum Forwarded {
                /// Text.
                Text(String),
                /// A number.
                Number(u64),
            }
        }
    };
}

forwarded! {
    #[serde(untagged)]
    #[doc = "Forwarded docs join the declared ones."]
}

/// Declares a struct whose only doc comment comes through a user's macro.
macro_rules! documented_by_caller {
    ($(#[$m:meta])* $vis:vis struct $name:ident) => {
        greentic_model! {
            $(#[$m])*
            $vis struct $name {
                /// Its only field.
                pub id: u32,
            }
        }
    };
}

documented_by_caller! {
    /// A struct documented by the macro's caller.
    pub struct CallerDocumented
}

documented_by_caller! {
    #[doc = "Private, and documented by the caller too."]
    struct PrivateCallerDocumented
}

/// A doc comment forwarded as a `meta` fragment counts as the declaration's
/// own (the DSL asks for one), and becomes the schema's description.
#[test]
fn a_doc_comment_forwarded_as_a_meta_fragment_documents_the_model() {
    assert_eq!(
        schema::<CallerDocumented>(false)["description"],
        "A struct documented by the macro's caller."
    );
    assert_eq!(
        schema::<PrivateCallerDocumented>(false)["description"],
        "Private, and documented by the caller too."
    );
    assert_eq!(PrivateCallerDocumented { id: 3 }.id, 3);
}

/// Declares a struct with every attribute forwarded as a `meta` fragment.
macro_rules! wrapped {
    ($(#[$m:meta])* $vis:vis struct $name:ident { $($body:tt)* }) => {
        greentic_model! {
            $(#[$m])*
            $vis struct $name { $($body)* }
        }
    };
}

fn no_empty_name(
    v: &Wrapped,
    path: &greentic_types::Path<'_>,
    out: &mut greentic_types::Violations,
) {
    if v.name.is_empty() {
        out.push(&path.field("name"), "must not be empty");
    }
}

wrapped! {
    /// A model whose DSL words come through a user's macro.
    #[schema = "wrapped-model"]
    #[check = no_empty_name]
    #[manual(generate)]
    #[serde(deny_unknown_fields)]
    pub struct Wrapped {
        /// Its name.
        pub name: String,
    }
}

greentic_types::if_proptest! {
    impl greentic_types::generate::Generate for Wrapped {
        fn generate(_: &mut greentic_types::generate::Gen) -> Self {
            Self { name: "w".into() }
        }
    }
}

/// The DSL's own words forwarded as `meta` fragments are read as if written
/// in the declaration: the slug registers, the check runs on input, and
/// `manual(generate)` leaves the generator to the hand-written one above.
#[test]
fn dsl_words_forwarded_as_meta_fragments_are_read() {
    use greentic_types::Registered;
    assert_eq!(Wrapped::SLUG, "wrapped-model");
    let err = serde_json::from_str::<Wrapped>(r#"{"name": ""}"#).unwrap_err();
    assert!(err.to_string().contains("must not be empty"), "{err}");
    assert!(serde_json::from_str::<Wrapped>(r#"{"name": "x", "other": 1}"#).is_err());
    assert_eq!(
        schema::<Wrapped>(false)["description"],
        "A model whose DSL words come through a user's macro."
    );
}

/// Attributes forwarded as `meta` fragments reach every derive: the input
/// side reads the untagged form the output side writes, and the forwarded
/// doc line is in the schema.
#[test]
fn attributes_forwarded_as_meta_fragments_reach_every_derive() {
    let text = serde_json::to_string(&Forwarded::Number(7)).unwrap();
    assert_eq!(text, "7");
    assert!(matches!(
        serde_json::from_str(&text),
        Ok(Forwarded::Number(7))
    ));
    assert!(matches!(serde_json::from_str(r#""x""#), Ok(Forwarded::Text(t)) if t == "x"));
    let description = schema::<Forwarded>(false)["description"].clone();
    assert_eq!(
        description,
        "An enum whose serde attributes came through a user's macro.\nForwarded docs join the declared ones."
    );
}
