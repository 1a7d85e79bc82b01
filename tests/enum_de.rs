//! The DSL's lean deserializer of unit-only enums reads exactly what serde's
//! derive reads.
//!
//! Every shape is declared twice through `greentic_model!`: once as written
//! (lean: the DSL writes the `Deserialize`), once with a neutral
//! `#[serde(bound = "")]` that the lean form does not take, so serde's derive
//! writes it. Each name, alias, near miss and wrong type, in JSON text,
//! `serde_json::Value`, YAML, RON and postcard (variant indexes, in range and
//! not), must give both the same value or the same error message.
#![cfg(feature = "serde")]
#![allow(missing_docs)]

mod serde_pairs;

use greentic_types::greentic_model;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_pairs::{agree_text, outcome};

/// Declares one enum twice: `$lean` as written, `$twin` through serde's derive.
macro_rules! pair {
    ($lean:ident, $twin:ident, $(#[$($a:tt)*])* { $($body:tt)* }) => {
        greentic_model! {
            $(#[$($a)*])*
            #[derive(Eq)]
            pub enum $lean { $($body)* }
        }
        greentic_model! {
            $(#[$($a)*])*
            #[derive(Eq)]
            #[serde(bound = "")]
            pub enum $twin { $($body)* }
        }
    };
}

pair!(SnakeLean, SnakeTwin,
    /// `snake_case`, renames and aliases, a raw identifier.
    #[serde(rename_all = "snake_case")]
    {
        /// Two words.
        VeryTasty,
        /// One letter.
        A,
        /// Renamed past the rule, with aliases (sorted by serde).
        #[serde(rename = "zed", alias = "z", alias = "last")]
        Z42,
        /// Answers to an old name too.
        #[serde(alias = "OldName")]
        NewName,
        /// A raw identifier.
        #[allow(non_camel_case_types)]
        r#type,
    }
);

pair!(OtherLean, OtherTwin,
    /// An `other` variant takes any unknown name or index; the container is renamed.
    #[serde(rename = "Fallback", rename_all = "kebab-case")]
    {
        /// Known.
        FirstOne,
        /// Known.
        SecondOne,
        /// Anything else.
        #[serde(other)]
        Unknown,
    }
);

pair!(r#MatchLean, r#MatchTwin,
    /// A raw identifier as the enum's name.
    {
        /// One.
        One,
    }
);

pair!(PlainLean, PlainTwin,
    /// No attributes: names as written; deprecated variants.
    {
        /// On.
        On,
        /// Off.
        #[deprecated]
        Off,
    }
);

macro_rules! rules {
    ($($lean:ident $twin:ident $rule:literal;)*) => {$(
        pair!($lean, $twin,
            /// Under one `rename_all` rule.
            #[serde(rename_all = $rule)]
            {
                /// One word.
                Outcome,
                /// Two words.
                VeryTasty,
                /// With digits.
                Z42,
            }
        );
    )*};
}

rules! {
    LowerLean LowerTwin "lowercase";
    UpperLean UpperTwin "UPPERCASE";
    PascalLean PascalTwin "PascalCase";
    CamelLean CamelTwin "camelCase";
    ScreamingLean ScreamingTwin "SCREAMING_SNAKE_CASE";
    KebabLean KebabTwin "kebab-case";
    ScreamingKebabLean ScreamingKebabTwin "SCREAMING-KEBAB-CASE";
}

/// Reads `text` into both types every way, asserting each way agrees.
fn agree<L, T>(lean: &str, twin: &str, text: &str)
where
    L: Serialize + DeserializeOwned,
    T: Serialize + DeserializeOwned,
{
    // RON: a bare identifier, as RON writes a unit variant.
    if let Some(name) =
        agree_text::<L, T>(lean, twin, text).and_then(|v| v.as_str().map(str::to_owned))
    {
        let l = outcome(ron::from_str::<L>(&name), twin, lean);
        let t = outcome(ron::from_str::<T>(&name), twin, lean);
        assert_eq!(l, t, "RON {name}");
    }
}

/// Every variant index postcard can write, in range and past it, and bytes
/// that are no index at all.
fn indexes_agree<L, T>(lean: &str, twin: &str)
where
    L: Serialize + DeserializeOwned,
    T: Serialize + DeserializeOwned,
{
    let mut inputs: Vec<Vec<u8>> = (0u32..=8)
        .chain([127, 128, 300, u32::MAX])
        .map(|i| postcard::to_allocvec(&i).unwrap())
        .collect();
    inputs.push(vec![]);
    inputs.push(vec![0xff]);
    for bytes in inputs {
        let l = outcome(postcard::from_bytes::<L>(&bytes), twin, lean);
        let t = outcome(postcard::from_bytes::<T>(&bytes), twin, lean);
        assert_eq!(l, t, "postcard {bytes:?}");
    }
}

/// Every name an enum answers to and near misses, each as a string, the
/// one-key object form, and wrong types.
fn inputs(names: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for name in names {
        let quoted = serde_json::to_string(name).unwrap();
        out.push(quoted.clone());
        out.push(format!("{{{quoted}: null}}"));
        out.push(format!("{{{quoted}: 1}}"));
        out.push(format!("{{{quoted}: null, \"x\": null}}"));
        out.push(format!("[{quoted}]"));
        out.push(serde_json::to_string(&name.to_uppercase()).unwrap());
        out.push(serde_json::to_string(&format!(" {name}")).unwrap());
    }
    for other in [
        "\"\"",
        "\"nope\"",
        "null",
        "true",
        "0",
        "1",
        "-1",
        "2.5",
        "{}",
        "[]",
        "\"\\u00e9\"",
    ] {
        out.push(other.to_owned());
    }
    out
}

macro_rules! check_pair {
    ($lean:ident, $twin:ident, $names:expr) => {
        for text in inputs($names) {
            agree::<$lean, $twin>(stringify!($lean), stringify!($twin), &text);
        }
        indexes_agree::<$lean, $twin>(stringify!($lean), stringify!($twin));
    };
}

#[test]
fn names_aliases_and_raw_identifiers_read_as_serde_reads_them() {
    check_pair!(
        SnakeLean,
        SnakeTwin,
        &[
            "very_tasty",
            "a",
            "zed",
            "z",
            "last",
            "z42",
            "new_name",
            "OldName",
            "type",
            "r#type"
        ]
    );
    check_pair!(PlainLean, PlainTwin, &["On", "Off", "on"]);
    check_pair!(MatchLean, MatchTwin, &["One", "one"]);
    // What the enum's visitor expects, named as a plain `#[derive(Deserialize)]`
    // names it: the type as written, `r#` and all.
    use serde::Deserialize as _;
    let read = MatchLean::deserialize(
        serde::de::IntoDeserializer::<serde::de::value::Error>::into_deserializer(true),
    );
    assert_eq!(
        read.unwrap_err().to_string(),
        "invalid type: boolean `true`, expected enum r#MatchLean"
    );
}

#[test]
fn an_other_variant_takes_unknown_names_and_indexes_as_serde_does() {
    check_pair!(
        OtherLean,
        OtherTwin,
        &["first-one", "second-one", "unknown", "third"]
    );
    assert_eq!(
        serde_json::from_str::<OtherLean>("\"third\"").unwrap(),
        OtherLean::Unknown
    );
}

#[test]
fn every_rename_all_rule_names_variants_as_serde_does() {
    let all = &[
        "outcome",
        "OUTCOME",
        "Outcome",
        "verytasty",
        "VERYTASTY",
        "VeryTasty",
        "veryTasty",
        "VERY_TASTY",
        "very-tasty",
        "VERY-TASTY",
        "very_tasty",
        "z42",
        "Z42",
    ];
    check_pair!(LowerLean, LowerTwin, all);
    check_pair!(UpperLean, UpperTwin, all);
    check_pair!(PascalLean, PascalTwin, all);
    check_pair!(CamelLean, CamelTwin, all);
    check_pair!(ScreamingLean, ScreamingTwin, all);
    check_pair!(KebabLean, KebabTwin, all);
    check_pair!(ScreamingKebabLean, ScreamingKebabTwin, all);
}

#[test]
fn serde_messages_are_kept_word_for_word() {
    let err = |text: &str| {
        serde_json::from_str::<SnakeLean>(text)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err("\"b\""),
        "unknown variant `b`, expected one of `very_tasty`, `a`, `last`, `z`, `zed`, `OldName`, `new_name`, `type` at line 1 column 3"
    );
    let index = postcard::to_allocvec(&9u32).unwrap();
    assert_eq!(
        postcard::from_bytes::<SnakeLean>(&index)
            .unwrap_err()
            .to_string(),
        postcard::from_bytes::<SnakeTwin>(&index)
            .unwrap_err()
            .to_string(),
    );
    // Values written by the lean type read back through both.
    for v in [SnakeLean::VeryTasty, SnakeLean::Z42, SnakeLean::r#type] {
        let bytes = postcard::to_allocvec(&v).unwrap();
        assert_eq!(postcard::from_bytes::<SnakeLean>(&bytes).unwrap(), v);
        let text = serde_json::to_string(&v).unwrap();
        assert_eq!(serde_json::from_str::<SnakeLean>(&text).unwrap(), v);
    }
}
