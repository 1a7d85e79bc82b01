//! The rules a schema says it cannot state, read from the schema itself.
//!
//! A declaration whose code checks something JSON Schema cannot say (a
//! cross-field rule, a calendar rule) or reads a legacy form its schema does
//! not describe lists it once, beside the declaration, as the schema keyword
//! `x-schema-gaps` (an annotation every validator ignores):
//!
//! ```json
//! "x-schema-gaps": [{
//!   "code": "rejects",            // or "accepts"
//!   "rule": "legacy twins must agree: a cross-field rule",
//!   "message": "(legacy twin)",   // "rejects": what the code's violation says
//!   "form": {"type": "array"},    // "accepts": the extra form the code reads
//!   "at": "/time",                // "accepts", optional: the member the form is of
//!   "example": "{...}"            // a document of the declaring model showing it
//! }]
//! ```
//!
//! The agreement test finds them through the registry (no list is kept in
//! the tests) and checks each one against its example.

use std::collections::BTreeMap;

use serde_json::Value;

/// The schema keyword that lists a model's gaps.
pub const KEYWORD: &str = "x-schema-gaps";

/// Which way the code and the schema part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Code {
    /// The code rejects documents the schema accepts.
    Rejects,
    /// The code also reads documents the schema refuses.
    Accepts,
}

/// One declared gap.
#[derive(Clone, Debug)]
pub struct Gap {
    /// Which way.
    pub code: Code,
    /// The rule, and why a schema cannot state it.
    pub rule: String,
    /// `Rejects`: a fragment of the code's violation message.
    pub message: Option<String>,
    /// `Accepts`: a schema of the extra form the code reads.
    pub form: Option<Value>,
    /// `Accepts`: where in a document of the declaring model the form is
    /// read (a JSON pointer); the whole document when absent.
    pub at: Option<String>,
    /// A document of the declaring model on which code and schema part.
    pub example: String,
}

impl Gap {
    fn parse(v: &Value) -> Result<Self, String> {
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        let code = match text("code").as_deref() {
            Some("rejects") => Code::Rejects,
            Some("accepts") => Code::Accepts,
            other => {
                return Err(format!(
                    "`code` is {other:?}, not \"rejects\" or \"accepts\""
                ));
            }
        };
        let rule = text("rule").filter(|r| !r.is_empty()).ok_or("no `rule`")?;
        let example = text("example").ok_or("no `example` (JSON text)")?;
        let message = text("message").filter(|m| !m.is_empty());
        let form = v.get("form").cloned();
        let at = text("at");
        match code {
            Code::Rejects if message.is_none() => {
                Err(format!("{rule}: \"rejects\" needs `message`"))
            }
            Code::Accepts if form.is_none() => Err(format!("{rule}: \"accepts\" needs `form`")),
            Code::Rejects if at.is_some() => Err(format!("{rule}: `at` is for \"accepts\"")),
            _ => Ok(Self {
                code,
                rule,
                message,
                form,
                at,
                example,
            }),
        }
    }
}

/// Every gap declared anywhere in `schema` (its root, its `$defs`, inline
/// subschemas), once each, keyed by rule.
pub fn all(schema: &Value) -> Result<BTreeMap<String, Gap>, String> {
    let mut out = BTreeMap::new();
    walk(schema, &mut out)?;
    Ok(out)
}

/// The gaps declared at the root of `schema` (by the model itself).
pub fn own(schema: &Value) -> Result<Vec<Gap>, String> {
    match schema.get(KEYWORD) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items.iter().map(Gap::parse).collect(),
        Some(other) => Err(format!("`{KEYWORD}` is not an array: {other}")),
    }
}

fn walk(v: &Value, out: &mut BTreeMap<String, Gap>) -> Result<(), String> {
    match v {
        Value::Object(map) => {
            for gap in own(v)? {
                out.insert(gap.rule.clone(), gap);
            }
            for (k, child) in map {
                if k != KEYWORD {
                    walk(child, out)?;
                }
            }
        }
        Value::Array(items) => {
            for child in items {
                walk(child, out)?;
            }
        }
        _ => {}
    }
    Ok(())
}
