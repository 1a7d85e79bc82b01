//! Document checking (feature `check`): reading JSON or YAML text straight
//! into a model, validating it, and naming every violation by its pointer.
//!
//! Each registered model instantiates its deserializer here once per reader,
//! which is most of the registry's compile time: a build that only exports
//! schemas leaves the feature off.

#[cfg(feature = "yaml")]
use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};
#[cfg(feature = "yaml")]
use alloc::vec::Vec;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::sort_keys;
use crate::path::{Violation, Violations, push_escaped};
use crate::validate::Validate;

/// Parses, validates and canonically re-serializes one document as `T`.
///
/// It reads the value's JSON text through [`check_json`]: one reading path
/// per model, since each path is a full instantiation of the model's
/// deserializer and the registry holds every model (compile time counts).
pub fn check<T: DeserializeOwned + Serialize + Validate>(doc: Value) -> Result<Value, Violations> {
    let text = check_json::<T>(&doc.to_string())?;
    let mut out: Value = serde_json::from_str(&text)
        .map_err(|e| Violations::from(Violation::new("", format!("cannot re-read: {e}"))))?;
    sort_keys(&mut out);
    Ok(out)
}

/// Reads `T` from JSON text, validates it and writes its canonical JSON text.
pub fn check_json<T: DeserializeOwned + Serialize + Validate>(
    text: &str,
) -> Result<String, Violations> {
    let value: T = read(
        || {
            let mut de = serde_json::Deserializer::from_str(text);
            let value = serde_path_to_error::deserialize(&mut de)?;
            // Trailing text is an error of the document as a whole.
            de.end().map_err(|e| {
                serde_path_to_error::Error::new(serde_path_to_error::Track::new().path(), e)
            })?;
            Ok(value)
        },
        |e| describe_json(e, text),
    )
    .map_err(|violations| enum_found(violations, text))?;
    serde_json::to_string(&value).map_err(cannot_serialize)
}

/// Reads `T` from YAML text, validates it and writes its canonical JSON text.
///
/// An externally tagged enum is a one-key mapping (`price: {flat: {...}}`),
/// as in JSON, not a YAML tag. Merge keys (`<<: *base`) are applied first
/// ([`yaml_merge_keys`]). A text with no document at all (empty, or only
/// comments) is an error, as in JSON. Unlike JSON, a plain scalar read where
/// text is expected is that text (`description: true` is `"true"`), as
/// YAML's untyped scalars read in serde's YAML readers.
#[cfg(feature = "yaml")]
pub fn check_yaml<T: DeserializeOwned + Serialize + Validate>(
    text: &str,
) -> Result<String, Violations> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let has_document = text
        .lines()
        .map(str::trim)
        .any(|l| !l.is_empty() && !l.starts_with('#') && l != "---" && l != "...");
    if !has_document {
        return Err(Violations::from(Violation::new(
            "",
            "not YAML: the text holds no document",
        )));
    }
    check_yaml_aliases(text)?;
    let merged = yaml_merge_keys(text)?;
    let value: T = read(
        || {
            let mut track = serde_path_to_error::Track::new();
            match &merged {
                None => serde_norway::with::singleton_map_recursive::deserialize::<T, _>(
                    serde_path_to_error::Deserializer::new(
                        serde_norway::Deserializer::from_str(text),
                        &mut track,
                    ),
                ),
                Some(value) => serde_norway::with::singleton_map_recursive::deserialize::<T, _>(
                    serde_path_to_error::Deserializer::new(value.clone(), &mut track),
                ),
            }
            .map_err(|e| serde_path_to_error::Error::new(track.path(), e))
        },
        |e: &serde_norway::Error| {
            let message = e.to_string();
            Described::rule(without_yaml_path(without_position(&message)))
        },
    )?;
    let non_finite = yaml_non_finite_floats(text);
    if !non_finite.is_empty() {
        return Err(non_finite
            .into_iter()
            .map(|(pointer, shown)| {
                Violation::new(
                    pointer,
                    alloc::format!(
                        "YAML `{shown}` has no JSON equivalent (JSON numbers are finite; quote it if text is meant)"
                    ),
                )
            })
            .collect());
    }
    serde_json::to_string(&value).map_err(cannot_serialize)
}

/// Every `.inf`, `-.inf` and `.nan` of a YAML document: (pointer, as
/// written in YAML). JSON has no such numbers: where any value goes (a flow
/// node's `config`), serde would turn them into `null` unseen, so
/// [`Entry::check_yaml`](super::Entry::check_yaml) refuses them at their pointer.
///
/// ```
/// use greentic_types::registry::yaml_non_finite_floats;
/// assert_eq!(yaml_non_finite_floats("a: {b: [1, -.inf]}"), [("/a/b/1".to_string(), "-.inf")]);
/// ```
#[cfg(feature = "yaml")]
pub fn yaml_non_finite_floats(text: &str) -> Vec<(String, &'static str)> {
    fn walk(v: &serde_norway::Value, pointer: &mut String, out: &mut Vec<(String, &'static str)>) {
        use serde_norway::Value as Y;
        match v {
            Y::Number(n) => {
                if let Some(f) = n.as_f64().filter(|f| !f.is_finite()) {
                    let shown = if f.is_nan() {
                        ".nan"
                    } else if f > 0.0 {
                        ".inf"
                    } else {
                        "-.inf"
                    };
                    out.push((pointer.clone(), shown));
                }
            }
            Y::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    walk(item, pointer, out);
                    pointer.truncate(len);
                }
            }
            Y::Mapping(map) => {
                for (key, item) in map {
                    let key = match key {
                        Y::String(s) => s.clone(),
                        Y::Bool(b) => b.to_string(),
                        Y::Number(n) => n.to_string(),
                        Y::Null => "null".to_owned(),
                        _ => continue,
                    };
                    let len = pointer.len();
                    pointer.push('/');
                    crate::path::push_escaped(pointer, &key);
                    walk(item, pointer, out);
                    pointer.truncate(len);
                }
            }
            Y::Tagged(t) => walk(&t.value, pointer, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if !(text.contains(".inf")
        || text.contains(".nan")
        || text.contains(".Inf")
        || text.contains(".NaN")
        || text.contains(".INF")
        || text.contains(".NAN"))
    {
        return out;
    }
    if let Ok(value) = serde_norway::from_str::<serde_norway::Value>(text) {
        walk(&value, &mut alloc::string::String::new(), &mut out);
    }
    out
}

/// The YAML document with its merge keys (`<<: *base`, or `<<: [*a, *b]`)
/// applied; `None` when the text has no merge key. What [`check_yaml`]
/// reads, so a service and the CLI read the same document.
///
/// A merge brings in each key of the merged mappings the mapping does not
/// have itself (its own keys win; in a list of mappings, the earlier wins),
/// at the place of the `<<` key: node order, and so a flow's ingress, is
/// the order the text shows. A merge key is a `<<` key (the YAML values keep
/// no quoting: a quoted `"<<"` key is one too, unless the text shows no
/// plain one). A text with merge keys is read, as a whole, as YAML values:
/// a plain scalar is what YAML resolves it to (`1.10` is the number 1.1, and
/// a field that expects text refuses it: quote it; a number as a key of a
/// free-form mapping is refused), where a text without merge keys reads it
/// as written, and a problem the YAML reader finds is reported as the merge
/// keys'. Merging keeps one value per key: a repeated key, a
/// `<<` whose value is not a mapping or a list of mappings, or a text the
/// YAML reader refuses, is an error naming it. Run [`check_yaml_aliases`]
/// first: merging expands aliases.
///
/// ```
/// use greentic_types::registry::yaml_merge_keys;
/// let text = "base: &b {kind: component, profile: fast}\nnode:\n  <<: *b\n  profile: slow\n";
/// let merged = yaml_merge_keys(text).unwrap().unwrap();
/// let value: serde_json::Value = serde_norway::from_value(merged).unwrap();
/// assert_eq!(value["node"], serde_json::json!({"kind": "component", "profile": "slow"}));
/// assert!(yaml_merge_keys("a: 1 # no << here\nb: 'x <<: y'\n").unwrap().is_none());
/// let err = yaml_merge_keys("a:\n  <<: 5\n").unwrap_err();
/// assert_eq!(err.into_iter().next().unwrap().path, "/a/<<");
/// ```
#[cfg(feature = "yaml")]
pub fn yaml_merge_keys(text: &str) -> Result<Option<serde_norway::Value>, Violations> {
    use serde_norway::{Mapping, Value as Y};

    fn has_merge_key(v: &Y) -> bool {
        match v {
            Y::Mapping(m) => m.contains_key("<<") || m.values().any(has_merge_key),
            Y::Sequence(s) => s.iter().any(has_merge_key),
            Y::Tagged(t) => has_merge_key(&t.value),
            _ => false,
        }
    }

    fn key_text(key: &Y) -> String {
        match key {
            Y::String(s) => s.clone(),
            Y::Bool(b) => b.to_string(),
            Y::Number(n) => n.to_string(),
            Y::Null => "null".to_owned(),
            _ => "?".to_owned(),
        }
    }

    /// Applies the merges below `v`, then `v`'s own (a merged mapping's own
    /// merges are applied before it is merged).
    fn merge(v: &mut Y, pointer: &mut String) -> Result<(), Violation> {
        match v {
            Y::Sequence(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    merge(item, pointer)?;
                    pointer.truncate(len);
                }
            }
            Y::Tagged(t) => merge(&mut t.value, pointer)?,
            Y::Mapping(map) => {
                for (key, item) in map.iter_mut() {
                    let len = pointer.len();
                    pointer.push('/');
                    push_escaped(pointer, &key_text(key));
                    merge(item, pointer)?;
                    pointer.truncate(len);
                }
                if !map.contains_key("<<") {
                    return Ok(());
                }
                let own = core::mem::take(map);
                let mut out = Mapping::new();
                for (key, item) in &own {
                    if key.as_str() != Some("<<") {
                        out.insert(key.clone(), item.clone());
                        continue;
                    }
                    let sources: Vec<&Mapping> = match item {
                        Y::Mapping(m) => alloc::vec![m],
                        Y::Sequence(list) if list.iter().all(Y::is_mapping) => {
                            list.iter().filter_map(Y::as_mapping).collect()
                        }
                        _ => {
                            pointer.push_str("/<<");
                            return Err(Violation::new(
                                pointer.clone(),
                                "a merge key (`<<`) takes a mapping or a list of mappings",
                            ));
                        }
                    };
                    for source in sources {
                        for (k, x) in source {
                            if !own.contains_key(k) && !out.contains_key(k) {
                                out.insert(k.clone(), x.clone());
                            }
                        }
                    }
                }
                *map = out;
            }
            _ => {}
        }
        Ok(())
    }

    if !text.contains("<<") {
        return Ok(None);
    }
    let plain = has_plain_merge_key(text);
    let parsed: Result<Y, _> = serde_norway::from_str(text);
    // A text the YAML reader refuses, with no merge key in sight (`<<` in
    // a comment or a string): the typed read names the problem.
    if parsed.is_err() && !plain {
        return Ok(None);
    }
    let mut value: Y = parsed.map_err(|e| {
        let message = e.to_string();
        let rule = if message.contains("duplicate entry") {
            alloc::format!(
                "a YAML text with merge keys (`<<`) needs unique keys in every mapping: {}",
                without_position(&message)
            )
        } else {
            alloc::format!(
                "the merge keys (`<<`) cannot be applied: {}",
                without_position(&message)
            )
        };
        Violations::from(Violation::new("", rule))
    })?;
    // The values keep no quoting: a `<<` key among them is a merge key,
    // unless the text shows only quoted ones.
    if !has_merge_key(&value) || (!plain && (text.contains("\"<<\"") || text.contains("'<<'"))) {
        return Ok(None);
    }
    merge(&mut value, &mut String::new()).map_err(Violations::from)?;
    Ok(Some(value))
}

/// Whether a line of the text shows a plain `<<` key: `<<` then `:` (or
/// the end of the line, after `?`), at the start of a line or after `- `,
/// `{`, `[`, `,` or `?`, and not inside a quoted string or a comment. A
/// guess, a line at a time (a block scalar or a quote spanning lines can
/// fool it): it only decides between a merge key and a quoted `"<<"` key,
/// and whom to blame for a text the YAML reader refuses.
#[cfg(feature = "yaml")]
fn has_plain_merge_key(text: &str) -> bool {
    if !text.contains("<<") {
        return false;
    }
    text.lines().any(|line| {
        let chars: Vec<char> = line.chars().collect();
        let mut quote: Option<char> = None;
        let mut escaped = false;
        let mut prev = ' ';
        for (i, &c) in chars.iter().enumerate() {
            match quote {
                // `\"` inside double quotes (`''` inside single quotes closes
                // and reopens, which comes to the same).
                Some('"') if escaped => escaped = false,
                Some('"') if c == '\\' => escaped = true,
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '#' && prev.is_whitespace() => return false,
                None if (c == '"' || c == '\'') && " \t{[,:-?".contains(prev) => quote = Some(c),
                None if c == '<' && chars.get(i + 1) == Some(&'<') && " \t{[,-?".contains(prev) => {
                    match chars[i + 2..].iter().find(|c| !c.is_whitespace()) {
                        Some(':') => return true,
                        // `? <<`, its value on the next line.
                        None if chars[..i].iter().rev().find(|c| !c.is_whitespace())
                            == Some(&'?') =>
                        {
                            return true;
                        }
                        _ => {}
                    }
                }
                None => {}
            }
            prev = c;
        }
        false
    })
}

/// How many bytes a YAML document's aliases may add to it when expanded
/// (scalars counted by their length, every node by 8 bytes).
#[cfg(feature = "yaml")]
pub const YAML_ALIAS_EXPANSION_LIMIT: usize = 16 * 1024 * 1024;

/// Refuses, before any reading that expands them, a YAML text whose aliases
/// would expand it by more than [`YAML_ALIAS_EXPANSION_LIMIT`]: an alias of a
/// large scalar repeated a few thousand times is gigabytes in memory, while
/// the YAML parser's own limit counts only events. Walks the text once
/// without keeping anything, stopping at the limit; a text with no alias
/// (`*name`) is not walked. Other errors are left to the typed read.
///
/// ```
/// use greentic_types::registry::check_yaml_aliases;
/// let big = "x".repeat(100_000);
/// let bomb = format!("a: &a \"{big}\"\nb: [{}]\n", vec!["*a"; 500].join(", "));
/// let err = check_yaml_aliases(&bomb).unwrap_err();
/// assert!(err.to_string().contains("aliases expand"), "{err}");
/// assert!(check_yaml_aliases("a: &a [1, 2]\nb: *a\n").is_ok());
/// ```
#[cfg(feature = "yaml")]
pub fn check_yaml_aliases(text: &str) -> Result<(), Violations> {
    use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};

    struct Budget<'a>(&'a core::cell::Cell<usize>);

    impl Budget<'_> {
        fn spend<E: serde::de::Error>(&self, bytes: usize) -> Result<(), E> {
            match self.0.get().checked_sub(bytes.saturating_add(8)) {
                Some(left) => {
                    self.0.set(left);
                    Ok(())
                }
                None => Err(E::custom(EXPANDS)),
            }
        }
    }

    const EXPANDS: &str = "YAML aliases expand the document past the limit";

    impl<'de> DeserializeSeed<'de> for Budget<'_> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Budget<'_> {
        type Value = ();
        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("any YAML value")
        }
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
            self.spend(0)
        }
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
            self.spend(0)
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
            self.spend(0)
        }
        fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<(), E> {
            self.spend(0)
        }
        fn visit_u128<E: serde::de::Error>(self, _: u128) -> Result<(), E> {
            self.spend(0)
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
            self.spend(0)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
            self.spend(v.len())
        }
        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<(), E> {
            self.spend(v.len())
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
            self.spend(0)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
            self.spend(0)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            self.spend(0)?;
            while seq.next_element_seed(Budget(self.0))?.is_some() {}
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            self.spend(0)?;
            while map
                .next_entry_seed(Budget(self.0), Budget(self.0))?
                .is_some()
            {}
            Ok(())
        }
        fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
            use serde::de::VariantAccess;
            let ((), variant) = data.variant_seed(Budget(self.0))?;
            variant.newtype_variant_seed(Budget(self.0))
        }
    }

    if !text.contains('*') {
        return Ok(());
    }
    let budget = core::cell::Cell::new(text.len().saturating_add(YAML_ALIAS_EXPANSION_LIMIT));
    // The first error ends the walk: after a syntax error the parser would
    // report it again for every further "document".
    for document in serde_norway::Deserializer::from_str(text) {
        let Err(e) = Budget(&budget).deserialize(document) else {
            continue;
        };
        if e.to_string().contains(EXPANDS) {
            return Err(Violations::from(Violation::new(
                "",
                alloc::format!(
                    "{EXPANDS} ({} MiB more than the text; an alias bomb is refused, not expanded)",
                    YAML_ALIAS_EXPANSION_LIMIT / (1024 * 1024)
                ),
            )));
        }
        break;
    }
    Ok(())
}

/// Reads a document the way the type's own `Deserialize` does (every check
/// hook on: the verdict is always serde's), then validates it. When reading
/// fails, it reads once more with the hooks deferred: if that succeeds,
/// `validate()` reports every hook violation, each at its exact pointer
/// (which a hook failing inside buffered content, such as an internally
/// tagged enum, could not give); otherwise the first error stands.
fn read<T: Validate, E>(
    attempt: impl Fn() -> Result<T, serde_path_to_error::Error<E>>,
    describe: impl Fn(&E) -> Described,
) -> Result<T, Violations> {
    crate::objects::take_error_pointer();
    match attempt() {
        Ok(value) => {
            value.validate()?;
            Ok(value)
        }
        Err(first) => {
            let first = violation_of(&first, &describe);
            if let Ok(value) = crate::__private::defer_checks(&attempt)
                && let Err(all) = value.validate()
            {
                return Err(all);
            }
            Err(first)
        }
    }
}

/// A serde error as a violation at the pointer where it happened; a
/// hand-written impl that named the member at fault with
/// [`error_at`](crate::error_at) has its pointer appended.
fn violation_of<E>(
    e: &serde_path_to_error::Error<E>,
    describe: &impl Fn(&E) -> Described,
) -> Violations {
    let base = pointer_of(e.path());
    let Described {
        rule: message,
        member,
    } = describe(e.inner());
    if let Some(member) = member {
        crate::objects::take_error_pointer();
        return Violations::from(Violation::new(format!("{base}{member}"), message));
    }
    let message = without_position(&message);
    if let Some(relative) = crate::objects::take_error_pointer()
        && let Some(rule) = message
            .strip_prefix(relative.as_str())
            .and_then(|rest| rest.strip_prefix(": "))
    {
        return Violations::from(Violation::new(format!("{base}{relative}"), rule));
    }
    Violations::from(Violation::new(base, message))
}

/// A YAML error without the parser's own dotted path in front
/// (`nodes.a.config: invalid type ...`): the violation's pointer says where.
#[cfg(feature = "yaml")]
fn without_yaml_path(message: &str) -> &str {
    match message.split_once(": ") {
        Some((path, rest))
            if !path.is_empty()
                && !path.starts_with('/')
                && !path.contains(char::is_whitespace)
                && !rest.is_empty() =>
        {
            rest
        }
        _ => message,
    }
}

/// A reader's error as a rule, and the member it is about when the error's
/// path stops at the member's parent.
struct Described {
    rule: String,
    /// A pointer relative to the error's path.
    member: Option<String>,
}

impl Described {
    fn rule(rule: impl Into<String>) -> Self {
        Self {
            rule: rule.into(),
            member: None,
        }
    }
}

/// The rule of a 128-bit integer field holding something else.
const NOT_128_BIT: &str = "invalid type: expected a 128-bit integer";

/// A JSON error as a rule: text that is not JSON at all says so.
///
/// serde_json also files some type errors under "syntax" (`null` where an
/// enum is due reads as "expected value"), so the text itself is scanned:
/// only a text that fails a plain scan is "not JSON" (with the scan's message).
///
/// serde_json reads a 128-bit integer by scanning digits: another value there
/// is "invalid number", and a fraction or an exponent (`1.0`, `1e3`) stops
/// the scan, leaving the parent to complain about the next character. Both
/// are named as the type error they are, the latter at the member (found
/// from the error's position in the text).
fn describe_json(e: &serde_json::Error, text: &str) -> Described {
    if !(e.is_syntax() || e.is_eof()) {
        return Described::rule(e.to_string());
    }
    if let Err(scan) = serde_json::from_str::<serde::de::IgnoredAny>(text)
        && (scan.is_syntax() || scan.is_eof())
    {
        return Described::rule(format!("not JSON: {scan}"));
    }
    let message = e.to_string();
    let bare = without_position(&message);
    if bare == "invalid number" {
        return Described::rule(NOT_128_BIT);
    }
    if bare.starts_with("expected `,` or `}`")
        && let Some(key) = key_before_fraction(text, e.line(), e.column())
    {
        let mut member = String::from("/");
        crate::path::push_escaped(&mut member, &key);
        return Described {
            rule: format!("{NOT_128_BIT} (a fraction or an exponent is not one)"),
            member: Some(member),
        };
    }
    Described::rule(message)
}

/// serde_json's bare "expected value", where an enum finds something other
/// than a variant in a text that parses, made to say what it found: the
/// value at the violation's pointer.
fn enum_found(violations: Violations, text: &str) -> Violations {
    const VARIANT: &str = "expected a variant: its name as a string, or an object with the variant's name as its one key";
    if !(&violations)
        .into_iter()
        .any(|v| v.message == "expected value")
    {
        return violations;
    }
    let Ok(document) = serde_json::from_str::<Value>(text) else {
        return violations;
    };
    violations
        .into_iter()
        .map(|v| {
            let found = match document.pointer(&v.path) {
                _ if v.message != "expected value" => None,
                Some(Value::Null) => Some("null"),
                Some(Value::Bool(_)) => Some("a boolean"),
                Some(Value::Number(_)) => Some("a number"),
                Some(Value::Array(_)) => Some("an array"),
                Some(Value::Object(o)) if o.is_empty() => Some("an object with no key"),
                Some(Value::Object(o)) if o.len() > 1 => Some("an object with more than one key"),
                _ => None,
            };
            match found {
                Some(found) => Violation::new(v.path, format!("invalid type: {found}, {VARIANT}")),
                None => v,
            }
        })
        .collect()
}

/// The key of the object member whose number stops, at `line`:`column`
/// (1-based, as serde_json counts), at a fraction or an exponent.
fn key_before_fraction(text: &str, line: usize, column: usize) -> Option<String> {
    let start = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum::<usize>();
    let bytes = text.as_bytes();
    // serde_json's column is that of the character it stopped at, or the one
    // before; take whichever is the fraction or exponent.
    let at = [start + column, (start + column).checked_sub(1)?]
        .into_iter()
        .find(|&i| matches!(bytes.get(i), Some(b'.' | b'e' | b'E')))?;
    let before = text[..at].trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
    let before = before.trim_end().strip_suffix(':')?.trim_end();
    let body = before.strip_suffix('"')?;
    // The key's opening quote: the first `"` going back that is not escaped.
    let mut open = body.len();
    loop {
        open = body[..open].rfind('"')?;
        let backslashes = body[..open]
            .bytes()
            .rev()
            .take_while(|&b| b == b'\\')
            .count();
        if backslashes % 2 == 0 {
            break;
        }
    }
    serde_json::from_str(&before[open..]).ok()
}

/// A parser's message without its trailing ` at line L column C`: the
/// violation's pointer says where, in a form that survives reformatting.
fn without_position(message: &str) -> &str {
    let Some(at) = message.rfind(" at line ") else {
        return message;
    };
    let tail = &message[at + " at line ".len()..];
    let mut words = tail.split(' ');
    let is_number =
        |w: Option<&str>| w.is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()));
    if is_number(words.next())
        && words.next() == Some("column")
        && is_number(words.next())
        && words.next().is_none()
    {
        &message[..at]
    } else {
        message
    }
}

fn cannot_serialize(e: serde_json::Error) -> Violations {
    Violations::from(Violation::new("", format!("cannot serialize: {e}")))
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                out.push('/');
                push_escaped(&mut out, key);
            }
            Segment::Enum { variant } => {
                out.push('/');
                push_escaped(&mut out, variant);
            }
            Segment::Unknown => {}
        }
    }
    out
}
