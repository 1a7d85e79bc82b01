//! Wire compatibility between two versions of the schemas: which changes break
//! the services already deployed.
//!
//! ```
//! use greentic_types::compat::{Side, compare_schemas};
//! use serde_json::json;
//!
//! let old = json!({"type": "object", "properties": {"name": {"type": "string"}}});
//! let new = json!({
//!     "type": "object",
//!     "properties": {"name": {"type": "string", "pattern": "^[a-z]+$"}},
//!     "required": ["name"],
//! });
//! let changes = compare_schemas(&old, &new);
//! let pointers: Vec<&str> = changes.iter().map(|c| c.pointer.as_str()).collect();
//! assert_eq!(pointers, ["/properties/name/pattern", "/required"]);
//! // Documents that old writers send (no `name`, or `"Name"`) are now rejected.
//! assert!(changes.iter().all(|c| c.breaks == Side::Writers));
//! ```
//!
//! Two directions of breakage, decided by set inclusion of the documents each
//! schema admits:
//!
//! - **breaks old readers**: the new schema admits a document the old one
//!   rejects (a value added to an enum, a variant added, a type widened, a
//!   pattern or bound loosened or removed, a required field dropped, a
//!   property added where the old schema was closed). A service still on the
//!   old schema rejects what new writers send.
//! - **breaks old writers**: the old schema admits a document the new one
//!   rejects (a field newly required, a type narrowed or changed, an enum
//!   value or variant removed, a pattern or bound added or tightened). What a
//!   service still on the old version sends is rejected by new readers.
//!
//! A change can break both (a type replaced, a pattern rewritten). Everything
//! else (docs, defaults, `format`, `x-` extensions, an optional property
//! added to an open object) is compatible. `$ref`s are followed on both
//! sides, wherever they are (properties, `items`, `additionalProperties`,
//! alternatives), so a change inside a definition is found however it is
//! reached, a definition renamed or inlined is no change, and a recursive
//! schema is walked once per pair of definitions; keywords beside a `$ref`
//! constrain too and are compared where they are written. References to
//! another file of the set (`other.schema.json#/...`, relative or by its
//! `$id`) are followed by [`compare_sets`]; one that cannot be followed is
//! compared as text (`ref-changed` when it differs). Every change is
//! reported at its JSON pointer inside the new schema (or where it would be,
//! for something removed), or, inside another file, at
//! `other.schema.json#/pointer`, with the old schema's pointer beside it.
//!
//! [`compare_sets`] compares two sets of schemas by slug (a directory of
//! `<slug>.schema.json` files is read by [`read_dir`]; the crate's own
//! registry by [`registry_schemas`]), and [`Allow`] marks breaking changes as
//! known and accepted.

use alloc::borrow::{Cow, ToOwned};
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;
use std::path::Path;

use serde_json::{Map, Value, json};

/// Which side of the wire a change breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// Compatible: old readers and old writers keep working.
    Neither,
    /// The new schema admits documents that old readers reject.
    Readers,
    /// The old schema admits documents that new readers reject.
    Writers,
    /// Both.
    Both,
}

impl Side {
    /// Whether the change breaks anyone.
    pub fn is_breaking(self) -> bool {
        self != Side::Neither
    }

    /// Whether old readers break.
    pub fn readers(self) -> bool {
        matches!(self, Side::Readers | Side::Both)
    }

    /// Whether old writers break.
    pub fn writers(self) -> bool {
        matches!(self, Side::Writers | Side::Both)
    }

    fn of(readers: bool, writers: bool) -> Self {
        match (readers, writers) {
            (false, false) => Side::Neither,
            (true, false) => Side::Readers,
            (false, true) => Side::Writers,
            (true, true) => Side::Both,
        }
    }

    /// The words the reports use: `compatible`, `breaks readers`,
    /// `breaks writers`, `breaks both`.
    pub fn label(self) -> &'static str {
        match self {
            Side::Neither => "compatible",
            Side::Readers => "breaks readers",
            Side::Writers => "breaks writers",
            Side::Both => "breaks both",
        }
    }
}

/// One difference between an old and a new schema.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// JSON pointer of the change inside the new schema (for something
    /// removed: where it would be); for a change inside another file reached
    /// through a `$ref`, that file's name, `#` and the pointer inside it.
    pub pointer: String,
    /// JSON pointer of the same place inside the old schema.
    pub old_pointer: String,
    /// What changed, as a kebab-case name (`required-added`,
    /// `enum-value-added`, `pattern-added`, ...): see the README's table.
    pub kind: &'static str,
    /// Who it breaks.
    pub breaks: Side,
    /// The values involved, in words.
    pub detail: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "(root)"
        } else {
            &self.pointer
        };
        write!(
            f,
            "{:<14}  {pointer}  {}: {}",
            self.breaks.label(),
            self.kind,
            self.detail
        )?;
        if self.old_pointer != self.pointer && self.kind.ends_with("-removed") {
            write!(f, " (old schema: {})", self.old_pointer)?;
        }
        Ok(())
    }
}

/// Every change from `old` to `new` (two whole schemas, each with its own
/// `$defs`), sorted by pointer, without duplicates.
///
/// A `$ref` to another file cannot be followed here (see
/// [`compare_schemas_in`]): a change of such a reference is reported as
/// `ref-changed`, breaking both sides.
pub fn compare_schemas(old: &Value, new: &Value) -> Vec<Change> {
    compare_schemas_in(old, new, None)
}

/// The schemas a `$ref` between files may lead to: the slug of the schema
/// being compared, and the old and new sets it belongs to (by slug).
#[derive(Clone, Copy, Debug)]
pub struct Sets<'a> {
    /// The slug of the schema being compared (a `$ref` to its own file is a
    /// reference inside it).
    pub slug: &'a str,
    /// The old set.
    pub old: &'a BTreeMap<String, Value>,
    /// The new set.
    pub new: &'a BTreeMap<String, Value>,
}

/// Every change from `old` to `new`, following `$ref`s between files into
/// `sets` (a reference `other.schema.json#/...`, relative or by its full
/// `$id`, leads to the schema of slug `other`): a change found inside
/// another file is reported at `other.schema.json#/pointer`.
pub fn compare_schemas_in(old: &Value, new: &Value, sets: Option<Sets<'_>>) -> Vec<Change> {
    let mut cx = Cx {
        old_root: old,
        new_root: new,
        sets,
        seen: BTreeSet::new(),
        out: Vec::new(),
    };
    cx.walk(old, "", new, "");
    let mut out = cx.out;
    out.sort();
    out.dedup();
    out
}

/// The keywords that only describe (never change what a document may be).
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "definitions",
    "$comment",
    "title",
    "description",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "contentEncoding",
    "contentMediaType",
];

/// Keywords the walk understands; any other keyword that differs is reported
/// as `keyword-changed`, breaking both sides (its direction is unknown).
const HANDLED: &[&str] = &[
    "$ref",
    "anyOf",
    "oneOf",
    "allOf",
    "type",
    "enum",
    "const",
    "pattern",
    "format",
    "default",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "uniqueItems",
    "properties",
    "required",
    "additionalProperties",
    "propertyNames",
    "items",
    "prefixItems",
];

/// Lower bounds (raising one tightens) and upper bounds (lowering one tightens).
const LOWER_BOUNDS: &[&str] = &[
    "minLength",
    "minimum",
    "exclusiveMinimum",
    "minItems",
    "minProperties",
];
const UPPER_BOUNDS: &[&str] = &[
    "maxLength",
    "maximum",
    "exclusiveMaximum",
    "maxItems",
    "maxProperties",
];

struct Cx<'a> {
    old_root: &'a Value,
    new_root: &'a Value,
    sets: Option<Sets<'a>>,
    /// Pairs of locations already compared, each as one string (the old
    /// location's length, then both: unambiguous, and one set type less to
    /// compile than a set of pairs).
    seen: BTreeSet<String>,
    out: Vec<Change>,
}

/// A schema after its `$ref`s are followed.
struct Deref<'s> {
    /// The schema reached (owned when sibling keywords were merged in).
    schema: Cow<'s, Value>,
    /// Where it is: a pointer in the schema compared, or `FILE#pointer`.
    location: String,
    /// The last definition's name.
    name: Option<String>,
    /// The `$ref` that could not be followed.
    unresolved: Option<String>,
}

/// The schema a `$ref` leads to with the `$ref`'s sibling keywords: the
/// siblings' annotations replace the target's, a constraint the target lacks
/// is added, and when both constrain the same keyword differently the two
/// are kept as an `allOf`.
fn merge_siblings(map: &Map<String, Value>, target: &Value) -> Value {
    // Maps here are built by `insert`, not `collect`: each `collect` into a
    // map compiles a sort of its own (see `canonical`).
    let mut siblings = Map::new();
    for (k, v) in map.iter().filter(|(k, _)| *k != "$ref") {
        siblings.insert(k.clone(), v.clone());
    }
    let Value::Object(target) = target else {
        let mut out = Map::new();
        out.insert("allOf".to_owned(), json!([target, siblings]));
        return Value::Object(out);
    };
    let mut merged = target.clone();
    for (k, v) in &siblings {
        let annotation = ANNOTATIONS.contains(&k.as_str()) || k == "default";
        // Two bounds of the same kind: the tighter one holds.
        let lower = LOWER_BOUNDS.contains(&k.as_str());
        if (lower || UPPER_BOUNDS.contains(&k.as_str()))
            && let (Some(t), Some(x)) = (merged.get(k).and_then(Value::as_f64), v.as_f64())
        {
            if (x > t) == lower {
                merged.insert(k.clone(), v.clone());
            }
            continue;
        }
        match merged.get(k) {
            Some(t) if !annotation && t != v => {
                let mut out = Map::new();
                for (k, v) in &siblings {
                    if ANNOTATIONS.contains(&k.as_str()) || k == "default" {
                        out.insert(k.clone(), v.clone());
                    }
                }
                out.insert(
                    "allOf".to_owned(),
                    json!([Value::Object(target.clone()), siblings]),
                );
                return Value::Object(out);
            }
            _ => {
                merged.insert(k.clone(), v.clone());
            }
        }
    }
    Value::Object(merged)
}

/// A value as text with every object's keys sorted: equal values (in JSON
/// Schema's sense, key order aside) give equal text.
fn canonical(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            // Sorted names, then their values: a sort of `&str`, which the
            // crate compiles anyway, rather than a map of its own.
            let mut names: Vec<&str> = m.keys().map(String::as_str).collect();
            names.sort_unstable();
            let body: Vec<String> = names
                .iter()
                .map(|k| format!("{}:{}", Value::from(*k), canonical(&m[*k])))
                .collect();
            format!("{{{}}}", body.join(","))
        }
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(canonical).collect::<Vec<_>>().join(",")
        ),
        other => other.to_string(),
    }
}

/// `base` + `/` + `segment`, escaped as RFC 6901 says.
fn join(base: &str, segment: &str) -> String {
    let mut out = String::with_capacity(base.len() + segment.len() + 1);
    out.push_str(base);
    out.push('/');
    crate::push_escaped(&mut out, segment);
    out
}

/// A schema's JSON types; `None` is "any".
fn types(schema: &Map<String, Value>) -> Option<BTreeSet<String>> {
    match schema.get("type")? {
        Value::String(t) => Some([t.clone()].into()),
        Value::Array(ts) => Some(
            ts.iter()
                .filter_map(Value::as_str)
                .map(ToOwned::to_owned)
                .collect(),
        ),
        _ => None,
    }
}

/// The alternatives of an `anyOf`/`oneOf`, with their pointers.
fn alternatives(
    schema: &Map<String, Value>,
    pointer: &str,
) -> Option<(&'static str, Vec<(Value, String)>)> {
    for word in ["oneOf", "anyOf"] {
        if let Some(Value::Array(alts)) = schema.get(word) {
            let base = join(pointer, word);
            return Some((
                word,
                alts.iter()
                    .enumerate()
                    .map(|(i, a)| (a.clone(), join(&base, &i.to_string())))
                    .collect(),
            ));
        }
    }
    None
}

fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 80 {
        let cut: String = text.chars().take(77).collect();
        format!("{cut}...")
    } else {
        text
    }
}

/// Whether `additionalProperties` is a schema that rules extra properties
/// (neither open nor `false`).
fn rules_extra(schema: &Map<String, Value>) -> bool {
    let extra = schema.get("additionalProperties");
    !is_open(extra) && extra != Some(&Value::Bool(false))
}

fn is_open(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Bool(true)) => true,
        Some(Value::Object(m)) => m.is_empty(),
        _ => false,
    }
}

impl<'a> Cx<'a> {
    fn push(&mut self, np: String, op: String, kind: &'static str, breaks: Side, detail: String) {
        self.out.push(Change {
            pointer: np,
            old_pointer: op,
            kind,
            breaks,
            detail,
        });
    }

    /// The document a location is in (`""` or `/...`: the schema being
    /// compared; `FILE#/...`: another file of the set) and the location's
    /// prefix for pointers inside that document.
    fn document(&self, old: bool, location: &str) -> (Option<&'a Value>, String) {
        let root = if old { self.old_root } else { self.new_root };
        if location.is_empty() || location.starts_with('/') {
            return (Some(root), String::new());
        }
        let file = location.split_once('#').map_or(location, |(f, _)| f);
        (self.file(old, file), format!("{file}#"))
    }

    /// The schema of another file of the set, by its name or `$id`.
    fn file(&self, old: bool, uri: &str) -> Option<&'a Value> {
        let sets = self.sets?;
        let name = uri.split(['?']).next().unwrap_or(uri);
        let name = name.rsplit('/').next().unwrap_or(name);
        let slug = name
            .strip_suffix(greentic_types_dsl::SCHEMA_FILE_SUFFIX)
            .unwrap_or(name);
        if slug == sets.slug {
            return Some(if old { self.old_root } else { self.new_root });
        }
        if old { sets.old } else { sets.new }.get(slug)
    }

    /// Where `reference` (the `$ref` of a schema at `location`) leads: the
    /// schema and its location, or `None` when it cannot be followed.
    fn resolve(&self, old: bool, location: &str, reference: &str) -> Option<(&'a Value, String)> {
        let (uri, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let fragment = crate::text::percent_decode(fragment)?;
        if !(fragment.is_empty() || fragment.starts_with('/')) {
            return None;
        }
        let (doc, prefix) = if uri.is_empty() {
            self.document(old, location)
        } else {
            let doc = self.file(old, uri)?;
            let root = if old { self.old_root } else { self.new_root };
            let prefix = if core::ptr::eq(doc, root) {
                String::new()
            } else {
                let name = uri.rsplit('/').next().unwrap_or(uri);
                let name = name.split('?').next().unwrap_or(name);
                let name = if name.ends_with(greentic_types_dsl::SCHEMA_FILE_SUFFIX) {
                    name.to_owned()
                } else {
                    format!("{name}{}", greentic_types_dsl::SCHEMA_FILE_SUFFIX)
                };
                format!("{name}#")
            };
            (Some(doc), prefix)
        };
        let target = doc?.pointer(&fragment)?;
        Some((target, format!("{prefix}{fragment}")))
    }

    /// Follows `$ref`s (and one-element `allOf` wrappers): the schema they
    /// lead to, its location, the last definition's name, and the `$ref`
    /// that could not be followed, if any. A `$ref` with sibling keywords
    /// that constrain (draft 2020-12 applies both) gives the referenced
    /// schema with the siblings merged in, at the referring location, so a
    /// change of either is found; a cycle of references ends the walk.
    fn deref<'s>(&self, old: bool, schema: &'s Value, location: &str) -> Deref<'s>
    where
        'a: 's,
    {
        let mut schema: Cow<'s, Value> = Cow::Borrowed(schema);
        let mut location = location.to_owned();
        let mut name = None;
        let mut unresolved = None;
        for _ in 0..64 {
            let Value::Object(map) = schema.as_ref() else {
                break;
            };
            let next: (Cow<'s, Value>, String) = if let Some(reference) = map.get("$ref") {
                let Some(reference) = reference.as_str() else {
                    break;
                };
                let Some((target, at)) = self.resolve(old, &location, reference) else {
                    unresolved = Some(reference.to_owned());
                    break;
                };
                name = reference
                    .rsplit(['/', '#'])
                    .find(|s| !s.is_empty())
                    .map(ToOwned::to_owned);
                let constrains = map
                    .keys()
                    .any(|k| k != "$ref" && !ANNOTATIONS.contains(&k.as_str()) && k != "default");
                if !constrains {
                    (Cow::Borrowed(target), at)
                } else {
                    let merged = merge_siblings(map, target);
                    // A merge across files keeps the target's location, so
                    // the references inside it are read in its own file.
                    let at = if self.document(old, &at).1 != self.document(old, &location).1 {
                        at
                    } else {
                        location.clone()
                    };
                    (Cow::Owned(merged), at)
                }
            } else if let Some(Value::Array(all)) = map.get("allOf")
                && all.len() == 1
                && map
                    .keys()
                    .all(|k| k == "allOf" || ANNOTATIONS.contains(&k.as_str()) || k == "default")
            {
                let at = join(&join(&location, "allOf"), "0");
                match &schema {
                    Cow::Borrowed(Value::Object(m)) => match m.get("allOf") {
                        Some(Value::Array(a)) => (Cow::Borrowed(&a[0]), at),
                        _ => break,
                    },
                    _ => (Cow::Owned(all[0].clone()), at),
                }
            } else {
                break;
            };
            (schema, location) = next;
        }
        Deref {
            schema,
            location,
            name,
            unresolved,
        }
    }

    fn walk(&mut self, o: &Value, op: &str, n: &Value, np: &str) {
        let (o_ref, op_ref, n_ref, np_ref) = (o, op, n, np);
        let od = self.deref(true, o, op);
        let nd = self.deref(false, n, np);
        if od.unresolved.is_some() || nd.unresolved.is_some() {
            if od.unresolved != nd.unresolved {
                let show = |r: &Option<String>, raw: &Value, d: &Deref<'_>| match r {
                    Some(r) => format!("`{r}` (cannot be followed)"),
                    None => match raw.get("$ref").and_then(Value::as_str) {
                        Some(r) => format!("`{r}`"),
                        None => short(&d.schema),
                    },
                };
                self.push(
                    join(&nd.location, "$ref"),
                    join(&od.location, "$ref"),
                    "ref-changed",
                    Side::Both,
                    format!(
                        "{} -> {}",
                        show(&od.unresolved, o_ref, &od),
                        show(&nd.unresolved, n_ref, &nd)
                    ),
                );
            }
            return;
        }
        let (op, np) = (od.location.clone(), nd.location.clone());
        if !self.seen.insert(format!("{}:{op}{np}", op.len())) {
            return;
        }
        let empty = Map::new();
        let (o, n) = (od.schema.as_ref(), nd.schema.as_ref());
        let om = match o {
            Value::Object(m) => m,
            Value::Bool(true) => &empty,
            _ => {
                if o != n {
                    // `false` admits nothing: whatever replaces it only
                    // widens; anything else replaced by a schema that is not
                    // open may go either way.
                    let breaks = if o == &Value::Bool(false) || is_open(Some(n)) {
                        Side::Readers
                    } else {
                        Side::Both
                    };
                    self.push(
                        np,
                        op,
                        "schema-replaced",
                        breaks,
                        format!("{o} -> {}", short(n)),
                    );
                }
                return;
            }
        };
        let nm = match n {
            Value::Object(m) => m,
            Value::Bool(true) => &empty,
            _ => {
                self.push(np, op, "schema-replaced", Side::Writers, format!("now {n}"));
                return;
            }
        };
        self.annotations(om, &op, nm, &np);

        let oalts = alternatives(om, &op);
        let nalts = alternatives(nm, &np);
        match (oalts, nalts) {
            (None, None) => self.level(om, &op, nm, &np),
            (Some((ow, oa)), Some((nw, na))) => {
                if ow != nw {
                    let (kind, breaks, detail) = if ow == "oneOf" {
                        (
                            "combinator-loosened",
                            Side::Readers,
                            "oneOf -> anyOf: a document matching several alternatives is now accepted",
                        )
                    } else {
                        (
                            "combinator-tightened",
                            Side::Writers,
                            "anyOf -> oneOf: a document matching several alternatives is now rejected",
                        )
                    };
                    self.push(
                        join(&np, nw),
                        join(&op, ow),
                        kind,
                        breaks,
                        detail.to_owned(),
                    );
                }
                self.pair(oa, &join(&op, ow), na, &join(&np, nw), nw == "oneOf");
                self.level(om, &op, nm, &np);
            }
            // One side is a single schema: it is paired with an
            // alternative by what the reference named, so the pointers
            // are those of the referring schema.
            (Some((ow, oa)), None) => self.pair(
                oa,
                &join(&op, ow),
                vec![(n_ref.clone(), np_ref.to_owned())],
                np_ref,
                false,
            ),
            (None, Some((nw, na))) => self.pair(
                vec![(o_ref.clone(), op_ref.to_owned())],
                op_ref,
                na,
                &join(&np, nw),
                nw == "oneOf",
            ),
        }
    }

    /// Docs and defaults: compatible, reported so a reviewer sees them.
    fn annotations(&mut self, o: &Map<String, Value>, op: &str, n: &Map<String, Value>, np: &str) {
        for word in ["description", "title"] {
            if o.get(word) != n.get(word) && !(word == "title" && np.is_empty()) {
                self.push(
                    join(np, word),
                    join(op, word),
                    "doc-changed",
                    Side::Neither,
                    format!("{word} changed"),
                );
            }
        }
        if o.get("default") != n.get("default") {
            let show = |v: Option<&Value>| v.map_or("none".to_owned(), short);
            self.push(
                join(np, "default"),
                join(op, "default"),
                "default-changed",
                Side::Neither,
                format!("{} -> {}", show(o.get("default")), show(n.get("default"))),
            );
        }
        if o.get("format") != n.get("format") {
            let show = |v: Option<&Value>| v.map_or("none".to_owned(), short);
            self.push(
                join(np, "format"),
                join(op, "format"),
                "format-changed",
                Side::Neither,
                format!(
                    "{} -> {} (an annotation in draft 2020-12)",
                    show(o.get("format")),
                    show(n.get("format"))
                ),
            );
        }
    }

    /// Pairs the alternatives of a `oneOf`/`anyOf` by what distinguishes them
    /// (a `const`, a tag property, the one key of an externally tagged
    /// variant, a definition's name, the type), then compares each pair;
    /// `obase`/`nbase` are the pointers of the alternatives' arrays (or of
    /// the single schema standing for them). With `one_of`, an alternative
    /// added that nothing tells apart from the others may also break old
    /// writers (a document matching two is rejected).
    fn pair(
        &mut self,
        old: Vec<(Value, String)>,
        obase: &str,
        new: Vec<(Value, String)>,
        nbase: &str,
        one_of: bool,
    ) {
        let okeys: Vec<String> = old.iter().map(|(v, p)| self.key(true, v, p)).collect();
        let nkeys: Vec<String> = new.iter().map(|(v, p)| self.key(false, v, p)).collect();
        // Each key's unused new alternatives, in order: linear however many
        // alternatives (an enum of thousands of values).
        let mut by_key: BTreeMap<&str, alloc::collections::VecDeque<usize>> = BTreeMap::new();
        for (j, k) in nkeys.iter().enumerate() {
            by_key.entry(k.as_str()).or_default().push_back(j);
        }
        let mut used = vec![false; new.len()];
        let mut matched = Vec::new();
        let mut unmatched_old = Vec::new();
        for (i, k) in okeys.iter().enumerate() {
            match by_key.get_mut(k.as_str()).and_then(|q| q.pop_front()) {
                Some(j) => {
                    used[j] = true;
                    matched.push((i, j));
                }
                None => unmatched_old.push(i),
            }
        }
        let unmatched_new: Vec<usize> = (0..new.len()).filter(|&j| !used[j]).collect();
        let distinct = |k: &str| {
            k.starts_with("const:")
                || k.starts_with("variant:")
                || k.starts_with("tag:")
                || k == "null"
        };
        if let ([i], [j]) = (unmatched_old.as_slice(), unmatched_new.as_slice())
            && !(distinct(&okeys[*i]) && distinct(&nkeys[*j]))
        {
            matched.push((*i, *j));
            unmatched_old.clear();
        }
        let unmatched_new: Vec<usize> = if unmatched_old.is_empty() && unmatched_new.len() == 1 {
            let j = unmatched_new[0];
            if matched.iter().any(|&(_, m)| m == j) {
                Vec::new()
            } else {
                unmatched_new
            }
        } else {
            unmatched_new
        };
        for (i, j) in matched {
            let (ov, op) = &old[i];
            let (nv, np) = &new[j];
            self.walk(ov, op, nv, np);
        }
        for i in unmatched_old {
            let (v, p) = &old[i];
            self.push(
                nbase.to_owned(),
                p.clone(),
                "variant-removed",
                Side::Writers,
                format!("{} no longer accepted", okeys_label(&okeys[i], v)),
            );
        }
        for j in unmatched_new {
            let (v, p) = &new[j];
            let (breaks, more) = if one_of && !distinct(&nkeys[j]) && new.len() > 1 {
                (
                    Side::Both,
                    " (oneOf: a document it shares with another alternative is now rejected)",
                )
            } else {
                (Side::Readers, "")
            };
            self.push(
                p.clone(),
                obase.to_owned(),
                "variant-added",
                breaks,
                format!("{} now accepted{more}", okeys_label(&nkeys[j], v)),
            );
        }
    }

    fn key(&self, old: bool, v: &Value, p: &str) -> String {
        let d = self.deref(old, v, p);
        let Value::Object(m) = d.schema.as_ref() else {
            return format!("bool:{}", d.schema);
        };
        if let Some(c) = m.get("const") {
            return format!("const:{}", canonical(c));
        }
        if m.contains_key("enum") {
            return "enum".to_owned();
        }
        let ts = types(m);
        if ts
            .as_ref()
            .is_some_and(|t| t.len() == 1 && t.contains("null"))
        {
            return "null".to_owned();
        }
        if let Some(Value::Object(props)) = m.get("properties") {
            for (k, prop) in props {
                let prop = match prop {
                    Value::Object(pm) => match pm.get("$ref").and_then(Value::as_str) {
                        Some(r) => self.resolve(old, &d.location, r).map_or(prop, |(t, _)| t),
                        None => prop,
                    },
                    _ => prop,
                };
                if let Some(c) = prop.get("const") {
                    return format!("tag:{k}={}", canonical(c));
                }
            }
            if let Some(Value::Array(req)) = m.get("required")
                && req.len() == 1
                && props.len() == 1
            {
                return format!("variant:{}", req[0]);
            }
        }
        if let Some(name) = d.name {
            return format!("ref:{name}");
        }
        format!("type:{}", short(m.get("type").unwrap_or(&Value::Null)))
    }

    /// Compares the keywords of one level (no combinators).
    fn level(&mut self, o: &Map<String, Value>, op: &str, n: &Map<String, Value>, np: &str) {
        self.types(o, op, n, np);
        self.values(o, op, n, np);
        self.strings(o, op, n, np);
        self.bounds(o, op, n, np);
        self.objects(o, op, n, np);
        self.arrays(o, op, n, np);
        if let (Some(Value::Array(oa)), Some(Value::Array(na))) = (o.get("allOf"), n.get("allOf"))
            && oa.len() == na.len()
        {
            for (i, (ov, nv)) in oa.iter().zip(na).enumerate() {
                let (op2, np2) = (
                    join(&join(op, "allOf"), &i.to_string()),
                    join(&join(np, "allOf"), &i.to_string()),
                );
                self.walk(ov, &op2, nv, &np2);
            }
        } else if o.get("allOf") != n.get("allOf") {
            self.push(
                join(np, "allOf"),
                join(op, "allOf"),
                "keyword-changed",
                Side::Both,
                "allOf changed".to_owned(),
            );
        }
        let words: BTreeSet<&str> = o.keys().chain(n.keys()).map(String::as_str).collect();
        for word in words {
            if ANNOTATIONS.contains(&word) || HANDLED.contains(&word) {
                continue;
            }
            if o.get(word) != n.get(word) {
                let show = |v: Option<&Value>| v.map_or("none".to_owned(), short);
                // `x-...` extensions annotate; any other keyword's direction
                // is unknown.
                let (kind, breaks) = if word.starts_with("x-") {
                    ("annotation-changed", Side::Neither)
                } else {
                    ("keyword-changed", Side::Both)
                };
                self.push(
                    join(np, word),
                    join(op, word),
                    kind,
                    breaks,
                    format!("{word}: {} -> {}", show(o.get(word)), show(n.get(word))),
                );
            }
        }
    }

    fn types(&mut self, o: &Map<String, Value>, op: &str, n: &Map<String, Value>, np: &str) {
        let (ot, nt) = (types(o), types(n));
        let (np, op) = (join(np, "type"), join(op, "type"));
        match (ot, nt) {
            (None, None) => {}
            (None, Some(t)) => self.push(
                np,
                op,
                "type-narrowed",
                Side::Writers,
                format!(
                    "any type -> {}",
                    t.into_iter().collect::<Vec<_>>().join(", ")
                ),
            ),
            (Some(t), None) => self.push(
                np,
                op,
                "type-widened",
                Side::Readers,
                format!(
                    "{} -> any type",
                    t.into_iter().collect::<Vec<_>>().join(", ")
                ),
            ),
            (Some(a), Some(b)) => {
                let covers = |set: &BTreeSet<String>, t: &str| {
                    set.contains(t) || (t == "integer" && set.contains("number"))
                };
                let added: Vec<&String> = b.iter().filter(|t| !covers(&a, t)).collect();
                let removed: Vec<&String> = a.iter().filter(|t| !covers(&b, t)).collect();
                if !added.is_empty() {
                    self.push(
                        np.clone(),
                        op.clone(),
                        "type-added",
                        Side::Readers,
                        format!("now also {}", join_values(&added)),
                    );
                }
                if !removed.is_empty() {
                    self.push(
                        np,
                        op,
                        "type-removed",
                        Side::Writers,
                        format!("no longer {}", join_values(&removed)),
                    );
                }
            }
        }
    }

    fn values(&mut self, o: &Map<String, Value>, op: &str, n: &Map<String, Value>, np: &str) {
        let set = |m: &Map<String, Value>| -> Option<Vec<Value>> {
            match (m.get("enum"), m.get("const")) {
                (Some(Value::Array(values)), _) => Some(values.clone()),
                (_, Some(c)) => Some(vec![c.clone()]),
                _ => None,
            }
        };
        let word = |m: &Map<String, Value>| {
            if m.contains_key("enum") {
                "enum"
            } else {
                "const"
            }
        };
        match (set(o), set(n)) {
            (None, None) => {}
            (None, Some(values)) => self.push(
                join(np, word(n)),
                join(op, word(n)),
                "values-restricted",
                Side::Writers,
                format!("only {} now", short(&Value::from(values))),
            ),
            (Some(values), None) => self.push(
                join(np, word(o)),
                join(op, word(o)),
                "values-unrestricted",
                Side::Readers,
                format!("no longer only {}", short(&Value::from(values))),
            ),
            (Some(a), Some(b)) => {
                // Sets of canonical text: linear however long the enums.
                let (aset, bset): (BTreeSet<String>, BTreeSet<String>) = (
                    a.iter().map(canonical).collect(),
                    b.iter().map(canonical).collect(),
                );
                let added: Vec<&Value> =
                    b.iter().filter(|v| !aset.contains(&canonical(v))).collect();
                let removed: Vec<&Value> =
                    a.iter().filter(|v| !bset.contains(&canonical(v))).collect();
                let (np, op) = (join(np, word(n)), join(op, word(o)));
                if !added.is_empty() {
                    self.push(
                        np.clone(),
                        op.clone(),
                        "enum-value-added",
                        Side::Readers,
                        format!("now accepted: {}", join_values(&added)),
                    );
                }
                if !removed.is_empty() {
                    self.push(
                        np,
                        op,
                        "enum-value-removed",
                        Side::Writers,
                        format!("no longer accepted: {}", join_values(&removed)),
                    );
                }
            }
        }
    }

    fn strings(&mut self, o: &Map<String, Value>, op: &str, n: &Map<String, Value>, np: &str) {
        let (np, op) = (join(np, "pattern"), join(op, "pattern"));
        match (o.get("pattern"), n.get("pattern")) {
            (None, Some(p)) => self.push(
                np,
                op,
                "pattern-added",
                Side::Writers,
                format!("must match {p}"),
            ),
            (Some(p), None) => self.push(
                np,
                op,
                "pattern-removed",
                Side::Readers,
                format!("need not match {p}"),
            ),
            (Some(a), Some(b)) if a != b => {
                self.push(np, op, "pattern-changed", Side::Both, format!("{a} -> {b}"))
            }
            _ => {}
        }
    }

    fn bounds(&mut self, o: &Map<String, Value>, op: &str, n: &Map<String, Value>, np: &str) {
        for word in LOWER_BOUNDS.iter().chain(UPPER_BOUNDS) {
            let lower = LOWER_BOUNDS.contains(word);
            let (a, b) = (o.get(*word), n.get(*word));
            if a == b {
                continue;
            }
            let tightened = match (a.and_then(Value::as_f64), b.and_then(Value::as_f64)) {
                (None, Some(_)) => true,
                (Some(_), None) => false,
                (Some(x), Some(y)) => (y > x) == lower,
                (None, None) => continue,
            };
            let show = |v: Option<&Value>| v.map_or("none".to_owned(), short);
            let (kind, breaks) = if tightened {
                ("bound-tightened", Side::Writers)
            } else {
                ("bound-loosened", Side::Readers)
            };
            self.push(
                join(np, word),
                join(op, word),
                kind,
                breaks,
                format!("{word}: {} -> {}", show(a), show(b)),
            );
        }
        match (o.get("uniqueItems"), n.get("uniqueItems")) {
            (a, b) if a == b => {}
            (_, Some(Value::Bool(true))) => self.push(
                join(np, "uniqueItems"),
                join(op, "uniqueItems"),
                "bound-tightened",
                Side::Writers,
                "items must now be unique".to_owned(),
            ),
            (Some(Value::Bool(true)), _) => self.push(
                join(np, "uniqueItems"),
                join(op, "uniqueItems"),
                "bound-loosened",
                Side::Readers,
                "items need no longer be unique".to_owned(),
            ),
            _ => {}
        }
    }

    fn objects(&mut self, o: &Map<String, Value>, op: &str, n: &Map<String, Value>, np: &str) {
        let props = |m: &Map<String, Value>| match m.get("properties") {
            Some(Value::Object(p)) => p.clone(),
            _ => Map::new(),
        };
        let required = |m: &Map<String, Value>| -> BTreeSet<String> {
            match m.get("required") {
                Some(Value::Array(r)) => r
                    .iter()
                    .filter_map(Value::as_str)
                    .map(ToOwned::to_owned)
                    .collect(),
                _ => BTreeSet::new(),
            }
        };
        let (oprops, nprops) = (props(o), props(n));
        let (oreq, nreq) = (required(o), required(n));
        let old_closed = !is_open(o.get("additionalProperties"));
        let new_closed = !is_open(n.get("additionalProperties"));
        let (opp, npp) = (join(op, "properties"), join(np, "properties"));
        let names: BTreeSet<&str> = oprops
            .keys()
            .chain(nprops.keys())
            .map(String::as_str)
            .collect();
        for name in names {
            let (opn, npn) = (join(&opp, name), join(&npp, name));
            match (oprops.get(name), nprops.get(name)) {
                (Some(a), Some(b)) => self.walk(a, &opn, b, &npn),
                // Where the old schema held such a property to a schema (a
                // map's values), the new property is compared with it.
                (None, Some(b)) if rules_extra(o) => {
                    let a = &o["additionalProperties"];
                    self.walk(a, &join(op, "additionalProperties"), b, &npn)
                }
                (Some(a), None) if rules_extra(n) => {
                    let b = &n["additionalProperties"];
                    self.walk(a, &opn, b, &join(np, "additionalProperties"))
                }
                (None, Some(_)) => self.push(
                    npn,
                    opn,
                    "property-added",
                    Side::of(old_closed, false),
                    if old_closed {
                        format!("`{name}` added where the old schema was closed")
                    } else {
                        format!("`{name}` added")
                    },
                ),
                // Closed now: old writers that send it are rejected; open:
                // new writers may send anything under that name.
                (Some(_), None) => self.push(
                    npn,
                    opn,
                    "property-removed",
                    Side::of(!new_closed, new_closed),
                    if new_closed {
                        format!("`{name}` no longer accepted")
                    } else {
                        format!("`{name}` no longer described")
                    },
                ),
                (None, None) => {}
            }
        }
        let added: Vec<&String> = nreq.difference(&oreq).collect();
        let removed: Vec<&String> = oreq.difference(&nreq).collect();
        if !added.is_empty() {
            self.push(
                join(np, "required"),
                join(op, "required"),
                "required-added",
                Side::Writers,
                format!("now required: {}", join_values(&added)),
            );
        }
        if !removed.is_empty() {
            self.push(
                join(np, "required"),
                join(op, "required"),
                "required-removed",
                Side::Readers,
                format!("no longer required: {}", join_values(&removed)),
            );
        }
        for word in ["additionalProperties", "propertyNames"] {
            let (a, b) = (o.get(word), n.get(word));
            let (opw, npw) = (join(op, word), join(np, word));
            match (a, b) {
                // Equal text may still differ through the `$ref`s in it:
                // both are walked.
                (a, b) if is_open(a) && is_open(b) => {}
                (Some(a), Some(b)) if !is_open(Some(a)) && !is_open(Some(b)) => {
                    self.walk(a, &opw, b, &npw)
                }
                (a, _) if is_open(a) => self.push(
                    npw,
                    opw,
                    if word == "propertyNames" {
                        "property-names-added"
                    } else {
                        "closed"
                    },
                    Side::Writers,
                    format!("{word} restricted"),
                ),
                _ => self.push(
                    npw,
                    opw,
                    if word == "propertyNames" {
                        "property-names-removed"
                    } else {
                        "opened"
                    },
                    Side::Readers,
                    format!("{word} unrestricted"),
                ),
            }
        }
    }

    fn arrays(&mut self, o: &Map<String, Value>, op: &str, n: &Map<String, Value>, np: &str) {
        match (o.get("items"), n.get("items")) {
            (Some(a), Some(b)) => self.walk(a, &join(op, "items"), b, &join(np, "items")),
            (None, Some(_)) => self.push(
                join(np, "items"),
                join(op, "items"),
                "closed",
                Side::Writers,
                "items restricted".to_owned(),
            ),
            (Some(_), None) => self.push(
                join(np, "items"),
                join(op, "items"),
                "opened",
                Side::Readers,
                "items unrestricted".to_owned(),
            ),
            (None, None) => {}
        }
        if let (Some(Value::Array(a)), Some(Value::Array(b))) =
            (o.get("prefixItems"), n.get("prefixItems"))
            && a.len() == b.len()
        {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                let (opi, npi) = (
                    join(&join(op, "prefixItems"), &i.to_string()),
                    join(&join(np, "prefixItems"), &i.to_string()),
                );
                self.walk(x, &opi, y, &npi);
            }
        } else if o.get("prefixItems") != n.get("prefixItems") {
            self.push(
                join(np, "prefixItems"),
                join(op, "prefixItems"),
                "keyword-changed",
                Side::Both,
                "prefixItems changed".to_owned(),
            );
        }
    }
}

fn okeys_label(key: &str, v: &Value) -> String {
    match key.split_once(':') {
        Some(("const", c)) => format!("value {c}"),
        Some(("variant", name)) => format!("variant {name}"),
        Some(("tag", tag)) => format!("variant {tag}"),
        Some(("ref", name)) => format!("variant {name}"),
        _ => format!("alternative {}", short(v)),
    }
}

fn join_values<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// How one schema compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// In both sets.
    Both,
    /// Only in the new set: compatible.
    Added,
    /// Only in the old set: breaks readers and writers that use it.
    Removed,
}

/// One schema's changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaChanges {
    /// The schema's slug (file name without `.schema.json`).
    pub slug: String,
    /// Whether it is in both sets.
    pub presence: Presence,
    /// Its changes (for a removed schema, one `schema-removed`).
    pub changes: Vec<Change>,
}

/// Compares two sets of schemas by slug.
pub fn compare_sets(old: &BTreeMap<String, Value>, new: &BTreeMap<String, Value>) -> Report {
    let slugs: BTreeSet<&str> = old.keys().chain(new.keys()).map(String::as_str).collect();
    let mut schemas = Vec::new();
    for slug in slugs {
        let (presence, changes) = match (old.get(slug), new.get(slug)) {
            (Some(a), Some(b)) => (
                Presence::Both,
                compare_schemas_in(a, b, Some(Sets { slug, old, new })),
            ),
            (None, Some(_)) => (
                Presence::Added,
                vec![Change {
                    pointer: String::new(),
                    old_pointer: String::new(),
                    kind: "schema-added",
                    breaks: Side::Neither,
                    detail: "new schema".to_owned(),
                }],
            ),
            _ => (
                Presence::Removed,
                vec![Change {
                    pointer: String::new(),
                    old_pointer: String::new(),
                    kind: "schema-removed",
                    breaks: Side::Both,
                    detail: "schema no longer published".to_owned(),
                }],
            ),
        };
        schemas.push(SchemaChanges {
            slug: slug.to_owned(),
            presence,
            changes,
        });
    }
    Report { schemas }
}

/// Why a set of schemas could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CompatError {
    /// A directory or file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: std::path::PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A file is not JSON.
    #[error("{path}: not JSON: {source}")]
    Json {
        /// The file.
        path: std::path::PathBuf,
        /// What went wrong.
        source: serde_json::Error,
    },
    /// Two types registered the same slug.
    #[error(transparent)]
    Duplicate(#[from] crate::registry::DuplicateSlug),
}

/// Every `<slug>.schema.json` in `dir`, by slug.
pub fn read_dir(dir: &Path) -> Result<BTreeMap<String, Value>, CompatError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| CompatError::Io { path, source }
    };
    let mut out = BTreeMap::new();
    for item in std::fs::read_dir(dir).map_err(io(dir))? {
        let path = item.map_err(io(dir))?.path();
        let Some(slug) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(greentic_types_dsl::SCHEMA_FILE_SUFFIX))
            .map(ToOwned::to_owned)
        else {
            continue;
        };
        let text = std::fs::read_to_string(&path).map_err(io(&path))?;
        let schema = serde_json::from_str(&text).map_err(|source| CompatError::Json {
            path: path.clone(),
            source,
        })?;
        out.insert(slug, schema);
    }
    Ok(out)
}

/// The crate's own schemas (every registered model), by slug.
pub fn registry_schemas() -> Result<BTreeMap<String, Value>, CompatError> {
    let mut schemas = BTreeMap::new();
    for e in crate::registry::unique_entries()? {
        schemas.insert(e.slug().to_owned(), e.schema());
    }
    Ok(schemas)
}

/// The breaking changes a run accepts, as given to `compat --allow`.
///
/// Each rule is one of:
///
/// - `SLUG`: every change in that schema;
/// - `SLUG:POINTER`: the changes at `POINTER` (a JSON pointer inside the new
///   schema, or `FILE#POINTER` for a change inside another file reached
///   through a `$ref`) or below it; `*:POINTER` in any schema;
/// - `kind=KIND`: every change of that kind (`pattern-added`, ...) anywhere.
///
/// ```
/// use greentic_types::compat::Allow;
///
/// let allow = Allow::parse(["version-strategy", "*:/$defs/TenantId/pattern", "kind=bound-tightened"])?;
/// assert!(allow.allows("version-strategy", "/oneOf/0", "variant-added"));
/// assert!(allow.allows("tenant-ctx", "/$defs/TenantId/pattern", "pattern-added"));
/// assert!(!allow.allows("tenant-ctx", "/$defs/TenantIdX/pattern", "pattern-added"));
/// assert!(allow.allows("flow", "/maximum", "bound-tightened"));
/// let across = Allow::parse(["tenant-ctx:env-id.schema.json#/maxLength"])?;
/// assert!(across.allows("tenant-ctx", "env-id.schema.json#/maxLength", "bound-tightened"));
/// assert!(Allow::parse(["tenant-ctx:properties"]).is_err());
/// # Ok::<(), String>(())
/// ```
///
/// A rule that accepts no breaking change of a report (a typo, or a change
/// since fixed) is listed by [`Allow::unused`], so an allow-list cannot rot
/// unseen: `compat` reports it and exits 1.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Allow {
    rules: Vec<AllowRule>,
    /// Each rule as given.
    texts: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum AllowRule {
    Schema(String),
    At(String, String),
    Kind(String),
}

impl Allow {
    /// Parses rules; an empty rule, or a pointer that does not start with
    /// `/`, is an error that says so.
    pub fn parse<I, S>(rules: I) -> Result<Self, String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut out = Vec::new();
        let mut texts = Vec::new();
        for rule in rules {
            let rule = rule.as_ref().trim();
            texts.push(rule.to_owned());
            if rule.is_empty() {
                return Err("an empty --allow rule".to_owned());
            }
            if let Some(kind) = rule.strip_prefix("kind=") {
                out.push(AllowRule::Kind(kind.to_owned()));
            } else if let Some((slug, pointer)) = rule.split_once(':') {
                // A pointer, or (a change inside another file) FILE#POINTER.
                let local = pointer.split_once('#').map_or(pointer, |(file, p)| {
                    if file.is_empty() { pointer } else { p }
                });
                if !(local.is_empty() || local.starts_with('/')) {
                    return Err(format!(
                        "--allow `{rule}`: the part after `:` must be a JSON pointer starting with `/` (or FILE#POINTER)"
                    ));
                }
                out.push(AllowRule::At(slug.to_owned(), pointer.to_owned()));
            } else {
                out.push(AllowRule::Schema(rule.to_owned()));
            }
        }
        Ok(Self { rules: out, texts })
    }

    /// Whether a change of `kind` at `pointer` in schema `slug` is accepted.
    pub fn allows(&self, slug: &str, pointer: &str, kind: &str) -> bool {
        self.rules
            .iter()
            .any(|rule| Self::matches(rule, slug, pointer, kind))
    }

    fn matches(rule: &AllowRule, slug: &str, pointer: &str, kind: &str) -> bool {
        match rule {
            AllowRule::Schema(s) => s == slug,
            AllowRule::Kind(k) => k == kind,
            AllowRule::At(s, p) => {
                (s == "*" || s == slug)
                    && (pointer == p
                        || (pointer.starts_with(p.as_str()) && pointer[p.len()..].starts_with('/')))
            }
        }
    }

    /// The rules (as given) that accept no breaking change of `report`.
    ///
    /// ```
    /// use greentic_types::compat::{Allow, Report};
    ///
    /// let allow = Allow::parse(["tenant-ctxx", "kind=pattern-added"])?;
    /// let report = Report { schemas: Vec::new() };
    /// assert_eq!(allow.unused(&report), ["tenant-ctxx", "kind=pattern-added"]);
    /// # Ok::<(), String>(())
    /// ```
    pub fn unused(&self, report: &Report) -> Vec<&str> {
        let mut used = vec![false; self.rules.len()];
        for (slug, change) in report.breaking() {
            for (i, rule) in self.rules.iter().enumerate() {
                if !used[i] && Self::matches(rule, slug, &change.pointer, change.kind) {
                    used[i] = true;
                }
            }
        }
        self.texts
            .iter()
            .zip(used)
            .filter(|(_, used)| !used)
            .map(|(t, _)| t.as_str())
            .collect()
    }

    /// Whether no rule was given.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

/// The comparison of two sets of schemas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// Every schema of either set, sorted by slug.
    pub schemas: Vec<SchemaChanges>,
}

impl Report {
    /// The breaking changes `allow` does not accept: (slug, change).
    pub fn unallowed<'a>(
        &'a self,
        allow: &'a Allow,
    ) -> impl Iterator<Item = (&'a str, &'a Change)> {
        self.breaking()
            .filter(|(slug, c)| !allow.allows(slug, &c.pointer, c.kind))
    }

    /// Every breaking change: (slug, change).
    pub fn breaking(&self) -> impl Iterator<Item = (&str, &Change)> {
        self.schemas.iter().flat_map(|s| {
            s.changes
                .iter()
                .filter(|c| c.breaks.is_breaking())
                .map(|c| (s.slug.as_str(), c))
        })
    }

    /// The report as JSON: `{"schemas": [{"slug", "presence", "changes":
    /// [{"pointer", "old_pointer", "kind", "breaks", "readers", "writers",
    /// "allowed", "detail"}]}], "unused_allow": [RULE...], "summary": {...}}`.
    /// Schemas without changes are left out; `unused_allow` lists the rules
    /// of `allow` that accept no breaking change.
    pub fn to_json(&self, allow: &Allow) -> Value {
        let schemas: Vec<Value> = self
            .schemas
            .iter()
            .filter(|s| !s.changes.is_empty())
            .map(|s| {
                json!({
                    "slug": s.slug,
                    "presence": match s.presence {
                        Presence::Both => "both",
                        Presence::Added => "added",
                        Presence::Removed => "removed",
                    },
                    "changes": s.changes.iter().map(|c| json!({
                        "pointer": c.pointer,
                        "old_pointer": c.old_pointer,
                        "kind": c.kind,
                        "breaks": c.breaks.label(),
                        "readers": c.breaks.readers(),
                        "writers": c.breaks.writers(),
                        "allowed": c.breaks.is_breaking() && allow.allows(&s.slug, &c.pointer, c.kind),
                        "detail": c.detail,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let summary = self.summary(allow);
        json!({
            "schemas": schemas,
            "unused_allow": allow.unused(self),
            "summary": {
                "compared": summary.compared,
                "added": summary.added,
                "removed": summary.removed,
                "breaking": summary.breaking,
                "allowed": summary.allowed,
                "compatible": summary.compatible,
            },
        })
    }

    /// Counts.
    pub fn summary(&self, allow: &Allow) -> Summary {
        let mut s = Summary {
            compared: self
                .schemas
                .iter()
                .filter(|s| s.presence == Presence::Both)
                .count(),
            added: self
                .schemas
                .iter()
                .filter(|s| s.presence == Presence::Added)
                .count(),
            removed: self
                .schemas
                .iter()
                .filter(|s| s.presence == Presence::Removed)
                .count(),
            ..Summary::default()
        };
        for schema in &self.schemas {
            for c in &schema.changes {
                if !c.breaks.is_breaking() {
                    s.compatible += 1;
                } else if allow.allows(&schema.slug, &c.pointer, c.kind) {
                    s.allowed += 1;
                } else {
                    s.breaking += 1;
                }
            }
        }
        s
    }

    /// The human report: one block per schema with breaking changes (and,
    /// with `verbose`, compatible ones too), then the counts.
    pub fn render(&self, allow: &Allow, verbose: bool) -> String {
        let mut out = String::new();
        for schema in &self.schemas {
            let shown: Vec<&Change> = schema
                .changes
                .iter()
                .filter(|c| verbose || c.breaks.is_breaking())
                .collect();
            if shown.is_empty() {
                continue;
            }
            let compatible = schema
                .changes
                .iter()
                .filter(|c| !c.breaks.is_breaking())
                .count();
            out.push_str(&schema.slug);
            if !verbose && compatible > 0 {
                out.push_str(&format!(" (+{compatible} compatible)"));
            }
            out.push('\n');
            for c in shown {
                let mark =
                    if c.breaks.is_breaking() && allow.allows(&schema.slug, &c.pointer, c.kind) {
                        "  [allowed]"
                    } else {
                        ""
                    };
                out.push_str(&format!("  {c}{mark}\n"));
            }
        }
        for rule in allow.unused(self) {
            out.push_str(&format!(
                "unused --allow `{rule}`: it accepts no breaking change (a typo, or fixed since?)\n"
            ));
        }
        let s = self.summary(allow);
        out.push_str(&format!(
            "{} schemas compared, {} added, {} removed: {} breaking changes, {} allowed, {} compatible\n",
            s.compared, s.added, s.removed, s.breaking, s.allowed, s.compatible
        ));
        out
    }
}

/// The counts of a [`Report`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Schemas in both sets.
    pub compared: usize,
    /// Schemas only in the new set.
    pub added: usize,
    /// Schemas only in the old set.
    pub removed: usize,
    /// Breaking changes not allowed.
    pub breaking: usize,
    /// Breaking changes allowed.
    pub allowed: usize,
    /// Compatible changes.
    pub compatible: usize,
}
