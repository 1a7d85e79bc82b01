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
//! else (docs, defaults, `format`, an optional property added to an open
//! object) is compatible. `$ref`s are followed inside each schema, so a
//! definition renamed or inlined is no change; every change is reported at
//! its JSON pointer inside the new schema (or where it would be, for
//! something removed), with the old schema's pointer beside it.
//!
//! [`compare_sets`] compares two sets of schemas by slug (a directory of
//! `<slug>.schema.json` files is read by [`read_dir`]; the crate's own
//! registry by [`registry_schemas`]), and [`Allow`] marks breaking changes as
//! known and accepted.

use alloc::borrow::ToOwned;
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
    /// removed: where it would be).
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
pub fn compare_schemas(old: &Value, new: &Value) -> Vec<Change> {
    let mut cx = Cx {
        old_root: old,
        new_root: new,
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

/// Whether a keyword only describes: the annotations above and vendor
/// extensions (`x-*`, such as `x-schema-gaps`), which validators ignore.
fn is_annotation(word: &str) -> bool {
    ANNOTATIONS.contains(&word) || word.starts_with("x-")
}

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
    seen: BTreeSet<(String, String)>,
    out: Vec<Change>,
}

/// `base` + `/` + `segment`, escaped as RFC 6901 says.
fn join(base: &str, segment: &str) -> String {
    let mut out = String::with_capacity(base.len() + segment.len() + 1);
    out.push_str(base);
    out.push('/');
    crate::push_escaped(&mut out, segment);
    out
}

/// Follows `$ref`s (and one-element `allOf` wrappers) inside `root`:
/// the schema they lead to, its pointer, and the last definition's name.
fn deref<'a>(
    root: &'a Value,
    mut schema: &'a Value,
    mut pointer: String,
) -> (&'a Value, String, Option<String>) {
    let mut name = None;
    for _ in 0..64 {
        let Value::Object(map) = schema else { break };
        if let Some(Value::String(reference)) = map.get("$ref") {
            let Some(target) = reference
                .strip_prefix('#')
                .and_then(|p| root.pointer(p).map(|t| (t, p)))
            else {
                break;
            };
            name = reference.rsplit('/').next().map(ToOwned::to_owned);
            schema = target.0;
            pointer = target.1.to_owned();
            continue;
        }
        if let Some(Value::Array(all)) = map.get("allOf")
            && all.len() == 1
            && map
                .keys()
                .all(|k| k == "allOf" || is_annotation(k) || k == "default")
        {
            schema = &all[0];
            pointer = join(&join(&pointer, "allOf"), "0");
            continue;
        }
        break;
    }
    (schema, pointer, name)
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
fn alternatives(schema: &Map<String, Value>, pointer: &str) -> Option<Vec<(Value, String)>> {
    for word in ["oneOf", "anyOf"] {
        if let Some(Value::Array(alts)) = schema.get(word) {
            let base = join(pointer, word);
            return Some(
                alts.iter()
                    .enumerate()
                    .map(|(i, a)| (a.clone(), join(&base, &i.to_string())))
                    .collect(),
            );
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

fn is_open(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Bool(true)) => true,
        Some(Value::Object(m)) => m.is_empty(),
        _ => false,
    }
}

impl Cx<'_> {
    fn push(&mut self, np: String, op: String, kind: &'static str, breaks: Side, detail: String) {
        self.out.push(Change {
            pointer: np,
            old_pointer: op,
            kind,
            breaks,
            detail,
        });
    }

    fn walk(&mut self, o: &Value, op: &str, n: &Value, np: &str) {
        let (o, op, oname) = deref(self.old_root, o, op.to_owned());
        let (n, np, nname) = deref(self.new_root, n, np.to_owned());
        if !self.seen.insert((op.clone(), np.clone())) {
            return;
        }
        let empty = Map::new();
        let om = match o {
            Value::Object(m) => m,
            Value::Bool(true) => &empty,
            _ => {
                if o != n {
                    let breaks = if n == &Value::Bool(true) || is_open(Some(n)) {
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
        if o == n {
            return;
        }
        let _ = (oname, nname);
        self.annotations(om, &op, nm, &np);

        let oalts = alternatives(om, &op);
        let nalts = alternatives(nm, &np);
        match (oalts, nalts) {
            (None, None) => self.level(om, &op, nm, &np),
            (Some(oa), Some(na)) => {
                self.pair(oa, na);
                self.level(om, &op, nm, &np);
            }
            (Some(oa), None) => self.pair(oa, vec![(n.clone(), np.clone())]),
            (None, Some(na)) => self.pair(vec![(o.clone(), op.clone())], na),
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
    /// variant, a definition's name, the type), then compares each pair.
    fn pair(&mut self, old: Vec<(Value, String)>, new: Vec<(Value, String)>) {
        let okeys: Vec<String> = old.iter().map(|(v, p)| self.key(true, v, p)).collect();
        let nkeys: Vec<String> = new.iter().map(|(v, p)| self.key(false, v, p)).collect();
        let mut used = vec![false; new.len()];
        let mut unmatched_old = Vec::new();
        for (i, k) in okeys.iter().enumerate() {
            match (0..new.len()).find(|&j| !used[j] && &nkeys[j] == k) {
                Some(j) => {
                    used[j] = true;
                    let (ov, op) = &old[i];
                    let (nv, np) = &new[j];
                    self.walk(ov, op, nv, np);
                }
                None => unmatched_old.push(i),
            }
        }
        let unmatched_new: Vec<usize> = (0..new.len()).filter(|&j| !used[j]).collect();
        let distinct =
            |k: &str| k.starts_with("const:") || k.starts_with("variant:") || k.starts_with("tag:");
        if let ([i], [j]) = (unmatched_old.as_slice(), unmatched_new.as_slice())
            && !(distinct(&okeys[*i]) && distinct(&nkeys[*j]))
        {
            let (ov, op) = &old[*i];
            let (nv, np) = &new[*j];
            self.walk(ov, op, nv, np);
            return;
        }
        for i in unmatched_old {
            let (v, p) = &old[i];
            let np = new
                .first()
                .map(|(_, np)| np.rsplit_once('/').map_or("", |(base, _)| base).to_owned())
                .unwrap_or_default();
            self.push(
                np,
                p.clone(),
                "variant-removed",
                Side::Writers,
                format!("{} no longer accepted", okeys_label(&okeys[i], v)),
            );
        }
        for j in unmatched_new {
            let (v, p) = &new[j];
            let op = old
                .first()
                .map(|(_, op)| op.rsplit_once('/').map_or("", |(base, _)| base).to_owned())
                .unwrap_or_default();
            self.push(
                p.clone(),
                op,
                "variant-added",
                Side::Readers,
                format!("{} now accepted", okeys_label(&nkeys[j], v)),
            );
        }
    }

    fn key(&self, old: bool, v: &Value, p: &str) -> String {
        let root = if old { self.old_root } else { self.new_root };
        let (r, _, name) = deref(root, v, p.to_owned());
        let Value::Object(m) = r else {
            return format!("bool:{r}");
        };
        if let Some(c) = m.get("const") {
            return format!("const:{c}");
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
                let (prop, _, _) = deref(root, prop, String::new());
                if let Some(c) = prop.get("const") {
                    return format!("tag:{k}={c}");
                }
            }
            if let Some(Value::Array(req)) = m.get("required")
                && req.len() == 1
                && props.len() == 1
            {
                return format!("variant:{}", req[0]);
            }
        }
        if let Some(name) = name {
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
        let words: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
        for word in words {
            if is_annotation(word) || HANDLED.contains(&word.as_str()) {
                continue;
            }
            if o.get(word) != n.get(word) {
                let show = |v: Option<&Value>| v.map_or("none".to_owned(), short);
                self.push(
                    join(np, word),
                    join(op, word),
                    "keyword-changed",
                    Side::Both,
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
                let added: Vec<&Value> = b.iter().filter(|v| !a.contains(v)).collect();
                let removed: Vec<&Value> = a.iter().filter(|v| !b.contains(v)).collect();
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
        let names: BTreeSet<&String> = oprops.keys().chain(nprops.keys()).collect();
        for name in names {
            let (opn, npn) = (join(&opp, name), join(&npp, name));
            match (oprops.get(name), nprops.get(name)) {
                (Some(a), Some(b)) => self.walk(a, &opn, b, &npn),
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
                (Some(_), None) => self.push(
                    npn,
                    opn,
                    "property-removed",
                    Side::of(true, new_closed),
                    format!("`{name}` no longer described"),
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
            if a == b {
                continue;
            }
            let (opw, npw) = (join(op, word), join(np, word));
            match (a, b) {
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
    let slugs: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let mut schemas = Vec::new();
    for slug in slugs {
        let (presence, changes) = match (old.get(slug), new.get(slug)) {
            (Some(a), Some(b)) => (Presence::Both, compare_schemas(a, b)),
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
            slug: slug.clone(),
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
    Ok(crate::registry::unique_entries()?
        .into_iter()
        .map(|e| (e.slug().to_owned(), e.schema()))
        .collect())
}

/// The breaking changes a run accepts, as given to `compat --allow`.
///
/// Each rule is one of:
///
/// - `SLUG`: every change in that schema;
/// - `SLUG:POINTER`: the changes at `POINTER` (a JSON pointer inside the new
///   schema) or below it; `*:POINTER` in any schema;
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
/// # Ok::<(), String>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Allow {
    rules: Vec<AllowRule>,
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
        for rule in rules {
            let rule = rule.as_ref().trim();
            if rule.is_empty() {
                return Err("an empty --allow rule".to_owned());
            }
            if let Some(kind) = rule.strip_prefix("kind=") {
                out.push(AllowRule::Kind(kind.to_owned()));
            } else if let Some((slug, pointer)) = rule.split_once(':') {
                if !(pointer.is_empty() || pointer.starts_with('/')) {
                    return Err(format!(
                        "--allow `{rule}`: the part after `:` must be a JSON pointer starting with `/`"
                    ));
                }
                out.push(AllowRule::At(slug.to_owned(), pointer.to_owned()));
            } else {
                out.push(AllowRule::Schema(rule.to_owned()));
            }
        }
        Ok(Self { rules: out })
    }

    /// Whether a change of `kind` at `pointer` in schema `slug` is accepted.
    pub fn allows(&self, slug: &str, pointer: &str, kind: &str) -> bool {
        self.rules.iter().any(|rule| match rule {
            AllowRule::Schema(s) => s == slug,
            AllowRule::Kind(k) => k == kind,
            AllowRule::At(s, p) => {
                (s == "*" || s == slug)
                    && (pointer == p
                        || (pointer.starts_with(p.as_str()) && pointer[p.len()..].starts_with('/')))
            }
        })
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
    /// "allowed", "detail"}]}], "summary": {...}}`. Schemas without changes
    /// are left out.
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
