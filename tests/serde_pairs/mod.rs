//! What the deserializer differential tests share (`tests/struct_de.rs`,
//! `tests/enum_de.rs`): reading one document into the DSL's lean type and
//! into its twin through serde's derive, and comparing what each gives.
#![allow(dead_code)]

use serde::Serialize;
use serde::de::DeserializeOwned;

/// What reading gives: the value written back as JSON, or the message with
/// the twin's name put back to the lean one's.
pub type Outcome = Result<serde_json::Value, String>;

/// `r` as an [`Outcome`].
pub fn outcome<T: Serialize>(
    r: Result<T, impl std::fmt::Display>,
    twin: &str,
    lean: &str,
) -> Outcome {
    r.map(|v| serde_json::to_value(v).expect("writes"))
        .map_err(|e| e.to_string().replace(twin, lean))
}

/// Reads `text` into both types as JSON text, as a `serde_json::Value` and
/// as YAML, asserting each way agrees; the `Value`, when the text is JSON.
pub fn agree_text<L, T>(lean: &str, twin: &str, text: &str) -> Option<serde_json::Value>
where
    L: Serialize + DeserializeOwned,
    T: Serialize + DeserializeOwned,
{
    let json_l = outcome(serde_json::from_str::<L>(text), twin, lean);
    let json_t = outcome(serde_json::from_str::<T>(text), twin, lean);
    assert_eq!(json_l, json_t, "JSON text {text}");
    let value = serde_json::from_str::<serde_json::Value>(text).ok()?;
    let l = outcome(serde_json::from_value::<L>(value.clone()), twin, lean);
    let t = outcome(serde_json::from_value::<T>(value.clone()), twin, lean);
    assert_eq!(l, t, "JSON value {value}");
    if let Ok(yaml) = serde_norway::to_string(&value) {
        let l = outcome(serde_norway::from_str::<L>(&yaml), twin, lean);
        let t = outcome(serde_norway::from_str::<T>(&yaml), twin, lean);
        assert_eq!(l, t, "YAML {yaml}");
    }
    Some(value)
}

/// Declares one struct shape twice: `$lean` as written (the DSL writes its
/// serde impls where it can), `$twin` with a neutral `#[serde(bound = "")]`,
/// which the lean forms do not take, so serde's derives write it.
#[allow(unused_macros)]
macro_rules! struct_pair {
    ($lean:ident, $twin:ident, $(#[$($a:tt)*])* { $($body:tt)* }) => {
        greentic_types::greentic_model! {
            $(#[$($a)*])*
            pub struct $lean { $($body)* }
        }
        greentic_types::greentic_model! {
            $(#[$($a)*])*
            #[serde(bound = "")]
            pub struct $twin { $($body)* }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use struct_pair;
