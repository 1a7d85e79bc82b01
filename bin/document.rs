//! One document through `validate`: read with a size limit, the model taken
//! from the command line or from the document, the typed parse (the rule the
//! code enforces), then the model's JSON Schema for every other violation,
//! merged without duplicates and sorted in document order.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use greentic_types::SCHEMA_BASE_URL;
use greentic_types::registry::{self, Entry};
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// Documents (and `--jsonl` lines) longer than this are refused unread.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// One violation: a JSON pointer (`""` is the root) and the rule broken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub pointer: String,
    pub rule: String,
}

impl Problem {
    pub fn root(rule: impl Into<String>) -> Self {
        Self {
            pointer: String::new(),
            rule: rule.into(),
        }
    }

    /// `pointer: rule`, the root written `(root)`, each on one line and
    /// unambiguous: the pointer and the rule escaped by [`one_line`], and a
    /// `: ` inside the pointer written `\u003a ` (the first `: ` ends it).
    pub fn line(&self) -> String {
        let pointer = if self.pointer.is_empty() {
            "(root)".to_owned()
        } else {
            one_line(&self.pointer).replace(": ", "\\u003a ")
        };
        format!("{pointer}: {}", one_line(&self.rule))
    }

    /// [`Problem::line`] as one part of a `--jsonl` answer, whose parts are
    /// joined by `; `: a `; ` inside it is written `\u003b `.
    pub fn jsonl_part(&self) -> String {
        self.line().replace("; ", "\\u003b ")
    }
}

/// Text as one unambiguous line: a backslash doubled, newline, carriage
/// return and tab written `\n`, `\r`, `\t`, other control characters and
/// the line separators U+0085, U+2028, U+2029 as `\u00XX`.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// JSON text with U+0085, U+2028 and U+2029 written as escapes: still the
/// same JSON, and one line for every line splitter.
pub fn escape_separators(json: &str) -> String {
    if !json.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
        return json.to_owned();
    }
    json.replace('\u{85}', "\\u0085")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// How a document's text is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
}

/// Reads at most `max + 1` bytes: more is an error that names the limit.
pub fn read_limited(mut source: impl Read, max: u64, what: &str) -> Result<String, Problem> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 64 * 1024];
    loop {
        let n = match source.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Problem::root(format!("cannot read {what}: {e}"))),
        };
        if bytes.len() as u64 + n as u64 > max {
            return Err(too_large(max));
        }
        grow(&mut bytes, n, max);
        bytes.extend_from_slice(&chunk[..n]);
    }
    String::from_utf8(bytes).map_err(|e| {
        Problem::root(format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Makes room for `more` bytes without ever reserving past `max` (a doubling
/// `Vec` would reserve up to twice the limit).
pub fn grow(bytes: &mut Vec<u8>, more: usize, max: u64) {
    let need = bytes.len() + more;
    if need > bytes.capacity() {
        let cap = usize::try_from(max).unwrap_or(usize::MAX);
        let want = need
            .max(bytes.capacity().saturating_mul(2))
            .min(cap.max(need));
        bytes.reserve_exact(want - bytes.len());
    }
}

/// Reads one line (without its `\n` or `\r\n`) into `line`, holding at most
/// `max` bytes: `Ok(None)` at the end of input, `Ok(Some(false))` for a line
/// past the limit (the rest of it is skipped, unread into memory).
pub fn read_line_limited(
    input: &mut impl std::io::BufRead,
    line: &mut Vec<u8>,
    max: u64,
) -> std::io::Result<Option<bool>> {
    line.clear();
    let mut any = false;
    let mut fits = true;
    loop {
        let buf = match input.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        any = true;
        let (part, done) = match buf.iter().position(|b| *b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        if fits {
            if line.len() as u64 + part.len() as u64 > max {
                fits = false;
                line.clear();
            } else {
                grow(line, part.len(), max);
                line.extend_from_slice(part);
            }
        }
        let used = done.unwrap_or(part.len());
        input.consume(used);
        if done.is_some() {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(Some(fits))
}

pub fn too_large(max: u64) -> Problem {
    Problem::root(format!(
        "document larger than the size limit of {max} bytes (--max-bytes)"
    ))
}

/// Where the model came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelSource {
    /// `--model`.
    Option,
    /// The document's `$schema`, `$id`, or YAML's `yaml-language-server` line.
    Document(&'static str),
}

/// The outcome for one document.
pub struct Verdict {
    pub model: Option<(&'static Entry, ModelSource)>,
    /// Canonical JSON, or every problem found.
    pub result: Result<String, Vec<Problem>>,
}

/// Checks documents, keeping each model's compiled JSON Schema.
#[derive(Default)]
pub struct Checker {
    validators: HashMap<&'static str, Option<(jsonschema::Validator, Value)>>,
    /// Compiled `x-schema-gaps` forms, by their JSON text.
    forms: HashMap<String, Option<jsonschema::Validator>>,
}

impl Checker {
    pub fn check(&mut self, model: Option<&'static Entry>, text: &str, syntax: Syntax) -> Verdict {
        // YAML allows a byte-order mark (JSON does not: `precheck` says so).
        let text = match syntax {
            Syntax::Yaml => text.strip_prefix('\u{feff}').unwrap_or(text),
            Syntax::Json => text,
        };
        if let Some(problem) = precheck(text, syntax) {
            return Verdict {
                model: model.map(|e| (e, ModelSource::Option)),
                result: Err(vec![problem]),
            };
        }
        // Before anything reads the YAML into values (the model's name, merge
        // keys), which would expand its aliases.
        if syntax == Syntax::Yaml
            && let Err(violations) = greentic_types::registry::check_yaml_aliases(text)
        {
            return Verdict {
                model: model.map(|e| (e, ModelSource::Option)),
                result: Err(problems_of(violations)),
            };
        }
        let (entry, source) = match model {
            Some(e) => (e, ModelSource::Option),
            None => match model_of(text, syntax) {
                Ok((e, from)) => (e, ModelSource::Document(from)),
                Err(problem) => {
                    return Verdict {
                        model: None,
                        result: Err(vec![problem]),
                    };
                }
            },
        };
        if syntax == Syntax::Yaml
            && let Some(problem) = yaml_limits(text)
        {
            return Verdict {
                model: Some((entry, source)),
                result: Err(vec![problem]),
            };
        }
        let typed = match syntax {
            Syntax::Json => entry.check_json(text),
            Syntax::Yaml => entry.check_yaml(text),
        };
        let mut result = match typed {
            Ok(canonical) => Ok(canonical),
            Err(violations) => Err(self.every_problem(entry, text, syntax, violations)),
        };
        // `.inf`/`.nan` where any value goes (a node's `config`) would
        // otherwise become JSON `null` unseen.
        if syntax == Syntax::Yaml {
            let floats = greentic_types::registry::yaml_non_finite_floats(text);
            if !floats.is_empty() {
                let mut problems = result.err().unwrap_or_default();
                for (pointer, shown) in floats {
                    if !problems.iter().any(|p| p.pointer == pointer) {
                        problems.push(Problem {
                            pointer,
                            rule: format!(
                                "YAML `{shown}` has no JSON equivalent (JSON numbers are finite; quote it if text is meant)"
                            ),
                        });
                    }
                }
                sort_in_document_order(&mut problems, text, syntax);
                result = Err(problems);
            }
        }
        Verdict {
            model: Some((entry, source)),
            result,
        }
    }

    fn every_problem(
        &mut self,
        entry: &'static Entry,
        text: &str,
        syntax: Syntax,
        violations: greentic_types::Violations,
    ) -> Vec<Problem> {
        let mut problems: Vec<Problem> = violations
            .into_iter()
            .map(|v| Problem {
                rule: explain(text, syntax, &v.path, &v.message),
                pointer: v.path,
            })
            .collect();
        let typed = problems.len();
        let syntax_error = problems.iter().any(|p| {
            p.rule.starts_with("not JSON") || (p.pointer.is_empty() && is_syntax_error(&p.rule))
        });
        if syntax_error {
            return problems;
        }
        // YAML with merge keys as `check_yaml` read it (merged), so that
        // the schema pass reads the same document; one that cannot be
        // merged has said so through the typed read.
        let merged = match syntax {
            Syntax::Yaml => match greentic_types::registry::yaml_merge_keys(text) {
                Ok(merged) => merged,
                Err(_) => return problems,
            },
            Syntax::Json => None,
        };
        let document: Result<Value, String> = match (syntax, merged) {
            (Syntax::Json, _) => serde_json::from_str(text).map_err(|e| json_syntax(text, &e)),
            (Syntax::Yaml, Some(merged)) => serde_json::to_value(merged).map_err(|e| e.to_string()),
            (Syntax::Yaml, None) => serde_norway::from_str(text).map_err(|e| e.to_string()),
        };
        match document {
            Err(e) => {
                let rule = if e.contains("recursion limit exceeded") && !e.starts_with("nested") {
                    format!("nested deeper than the parser's limit of 128 levels ({e})")
                } else if e.contains("repetition limit exceeded") {
                    format!(
                        "YAML aliases expand past the limit (a \"billion laughs\" document is refused, not expanded: {e})"
                    )
                } else {
                    e
                };
                // The typed read may have said the same at a pointer, with
                // or without the parser's trailing position.
                if !problems
                    .iter()
                    .any(|p| rule.starts_with(&p.rule) || p.rule.starts_with(&rule))
                {
                    problems.push(Problem::root(rule));
                }
            }
            Ok(document) => {
                let compiled = self.validators.entry(entry.slug()).or_insert_with(|| {
                    let schema = entry.schema();
                    jsonschema::validator_for(&schema).ok().map(|v| (v, schema))
                });
                if let Some((validator, schema)) = compiled {
                    // Sets, not scans: linear however many violations.
                    let typed_at = TypedIndex::new(&problems[..typed]);
                    let mut seen: HashSet<(String, String)> = problems
                        .iter()
                        .map(|p| (p.pointer.clone(), p.rule.clone()))
                        .collect();
                    let mut found = Vec::new();
                    let forms = &mut self.forms;
                    let mut excused =
                        |e: &jsonschema::ValidationError<'_>| read_by_the_code(e, schema, forms);
                    for error in validator.iter_errors(&document) {
                        for (pointer, keyword, property, rule) in
                            schema_problems(&error, 0, &mut excused)
                        {
                            if typed_at.duplicate(&pointer, &keyword, property.as_deref()) {
                                continue;
                            }
                            if seen.insert((pointer.clone(), rule.clone())) {
                                found.push(Problem { pointer, rule });
                            }
                        }
                    }
                    // serde reports a type error inside an internally tagged
                    // variant at the variant (it reads it buffered); the
                    // schema knows the member.
                    for p in &mut problems[..typed] {
                        if !p.rule.starts_with("invalid type") {
                            continue;
                        }
                        let below = format!("{}/", p.pointer);
                        let deeper: Vec<usize> = (0..found.len())
                            .filter(|&i| {
                                found[i].pointer.starts_with(&below)
                                    && found[i].rule.contains("(schema: type")
                            })
                            .collect();
                        if let [i] = deeper.as_slice() {
                            p.pointer = found.remove(*i).pointer;
                        }
                    }
                    problems.extend(found);
                }
            }
        }
        sort_in_document_order(&mut problems, text, syntax);
        problems
    }
}

/// Whether a schema error is about a form the code reads although the
/// schema does not describe it, so that it is no problem: a form an
/// `x-schema-gaps` "accepts" entry declares at the failing subschema (0.4.13's
/// timestamp array) or, with `at`, for the failing member of the document
/// (an event's relaxed `time`), or serde's `{"variant": null}` spelling of a
/// unit variant that the failing subschema lists as a string (`const` or
/// `enum`, directly or as a `oneOf`/`anyOf` alternative). Constant work per
/// error: no revalidation, and each form is compiled once (`forms`).
fn read_by_the_code(
    error: &jsonschema::ValidationError<'_>,
    schema: &Value,
    forms: &mut HashMap<String, Option<jsonschema::Validator>>,
) -> bool {
    let instance = error.instance();
    let at = error.instance_path().as_str();
    let mut accepts = |holder: Option<&Value>, member: Option<&str>| {
        holder
            .and_then(|s| s.get("x-schema-gaps"))
            .and_then(Value::as_array)
            .is_some_and(|gaps| {
                gaps.iter().any(|gap| {
                    gap["code"] == "accepts"
                        && gap.get("at").and_then(Value::as_str) == member
                        && gap.get("form").is_some_and(|form| {
                            forms
                                .entry(form.to_string())
                                .or_insert_with(|| jsonschema::validator_for(form).ok())
                                .as_ref()
                                .is_some_and(|form| form.is_valid(instance))
                        })
                })
            })
    };
    let holder = error
        .schema_path()
        .as_str()
        .rsplit_once('/')
        .and_then(|(parent, _)| schema.pointer(parent));
    if accepts(holder, None) || (!at.is_empty() && accepts(Some(schema), Some(at))) {
        return true;
    }
    // `{"ready": null}` where the subschema lists the string `"ready"`.
    let Some((variant, Value::Null)) = instance
        .as_object()
        .filter(|map| map.len() == 1)
        .and_then(|map| map.iter().next())
    else {
        return false;
    };
    /// Whether `s` (or, through `$ref`s and `oneOf`/`anyOf` alternatives,
    /// a schema it allows) lists `variant` as a string.
    fn lists(schema: &Value, s: &Value, variant: &str, depth: usize) -> bool {
        // `Option<Enum>` is `anyOf [{"$ref": ...}, null]`.
        let s = greentic_types::schema::deref_local(schema, s);
        s.get("const").and_then(Value::as_str) == Some(variant)
            || s.get("enum")
                .and_then(Value::as_array)
                .is_some_and(|values| values.iter().any(|v| v.as_str() == Some(variant)))
            || (depth < 4
                && ["oneOf", "anyOf"].iter().any(|k| {
                    s.get(*k)
                        .and_then(Value::as_array)
                        .is_some_and(|alternatives| {
                            alternatives
                                .iter()
                                .any(|a| lists(schema, a, variant, depth + 1))
                        })
                }))
    }
    holder.is_some_and(|h| lists(schema, h, variant, 0))
}

/// One schema error as problems: (pointer, keyword, required property,
/// rule). An `anyOf`/`oneOf` that no alternative matches says which it
/// tried: when exactly one alternative is of the value's type, its own
/// errors (the most specific, at their own pointers); otherwise every
/// alternative with what it expected. An error `excused` says the code
/// reads (see [`read_by_the_code`]) is none, and so is an alternative's
/// failure made only of such errors.
fn schema_problems(
    error: &jsonschema::ValidationError<'_>,
    depth: usize,
    excused: &mut dyn FnMut(&jsonschema::ValidationError<'_>) -> bool,
) -> Vec<(String, String, Option<String>, String)> {
    use jsonschema::error::ValidationErrorKind as Kind;
    if excused(error) {
        return Vec::new();
    }
    let pointer = error.instance_path().as_str().to_owned();
    let keyword = error.kind().keyword().to_owned();
    let property = match error.kind() {
        Kind::Required { property } => property.as_str().map(ToOwned::to_owned),
        // The key a `propertyNames` rule refuses.
        Kind::PropertyNames { error } => error.instance().as_str().map(ToOwned::to_owned),
        _ => None,
    };
    let context = match error.kind() {
        Kind::AnyOf { context } | Kind::OneOfNotValid { context } if depth < 8 => Some(context),
        _ => None,
    };
    let Some(context) = context else {
        let rule = format!("{} (schema: {keyword})", schema_message(error));
        return vec![(pointer, keyword, property, rule)];
    };
    // An alternative whose only complaint is the value's type at this very
    // place was not really tried.
    let wrong_type = |errors: &[jsonschema::ValidationError<'static>]| {
        errors
            .iter()
            .all(|e| matches!(e.kind(), Kind::Type { .. }) && e.instance_path().as_str() == pointer)
    };
    // Nor was one whose tag (a member fixed by `const`, as `kind` of an
    // internally tagged enum) names another variant.
    let other_tag = |errors: &[jsonschema::ValidationError<'static>]| {
        errors.iter().any(|e| {
            matches!(e.kind(), Kind::Constant { .. })
                && e.instance_path()
                    .as_str()
                    .strip_prefix(pointer.as_str())
                    .and_then(|rest| rest.strip_prefix('/'))
                    .is_some_and(|member| !member.contains('/'))
        })
    };
    let tried: Vec<usize> = (0..context.len())
        .filter(|&i| !wrong_type(&context[i]) && !other_tag(&context[i]))
        .collect();
    // Every alternative fixes the same tag to another value: the tag is
    // unknown, and the alternatives' values are the known ones.
    if tried.is_empty() && context.iter().all(|errors| other_tag(errors)) {
        let mut member = None;
        let mut known = Vec::new();
        for e in context.iter().flatten() {
            if let Kind::Constant { expected_value } = e.kind() {
                member.get_or_insert_with(|| e.instance_path().as_str().to_owned());
                known.push(expected_value.to_string());
            }
        }
        if let Some(member) = member {
            let rule = format!(
                "value is none of the variants {} (schema: const, in every {keyword} alternative)",
                known.join(", ")
            );
            return vec![(member, "const".to_owned(), None, rule)];
        }
    }
    if let [i] = tried.as_slice()
        && !context[*i].is_empty()
    {
        let mut out = Vec::new();
        for inner in &context[*i] {
            for (p, k, prop, rule) in schema_problems(inner, depth + 1, excused) {
                let rule = match rule.strip_suffix(')') {
                    Some(r) => format!("{r}, in {keyword} alternative {i})"),
                    None => rule,
                };
                out.push((p, k, prop, rule));
            }
        }
        return out;
    }
    let summaries: Vec<String> = context
        .iter()
        .enumerate()
        .map(|(i, errors)| {
            let first = errors.first().map_or_else(
                || "matched".to_owned(),
                |e| {
                    let at = e
                        .instance_path()
                        .as_str()
                        .strip_prefix(pointer.as_str())
                        .unwrap_or("");
                    let message = schema_message(e);
                    let message = message.strip_prefix("value ").unwrap_or(&message);
                    if at.is_empty() {
                        message.to_owned()
                    } else {
                        format!("at {at}: {message}")
                    }
                },
            );
            format!("[{i}] {first}")
        })
        .collect();
    let rule = format!(
        "value matches none of the {} {keyword} alternatives: {} (schema: {keyword})",
        context.len(),
        summaries.join(" | ")
    );
    vec![(pointer, keyword, property, rule)]
}

/// A schema error's message with the value itself replaced by `value` (it
/// may be a secret reference; the pointer says where it is).
fn schema_message(error: &jsonschema::ValidationError<'_>) -> String {
    let message = error.to_string();
    let value = error.instance().to_string();
    match message.strip_prefix(value.as_str()) {
        Some(rest) if !value.is_empty() => format!("value{rest}"),
        _ => message,
    }
}

/// The typed parse's problems by pointer, and every pointer above one, so
/// each schema error is checked against them in constant time.
struct TypedIndex<'a> {
    at: HashMap<&'a str, Vec<&'a Problem>>,
    /// Pointers with a typed problem at or below them.
    covered: HashSet<&'a str>,
}

impl<'a> TypedIndex<'a> {
    fn new(typed: &'a [Problem]) -> Self {
        let mut at: HashMap<&str, Vec<&Problem>> = HashMap::new();
        let mut covered = HashSet::new();
        for p in typed {
            at.entry(p.pointer.as_str()).or_default().push(p);
            let mut pointer = p.pointer.as_str();
            loop {
                if !covered.insert(pointer) {
                    break;
                }
                match pointer.rfind('/') {
                    Some(cut) => pointer = &pointer[..cut],
                    None => break,
                }
            }
        }
        Self { at, covered }
    }

    /// Whether the schema's error repeats what the typed parse said.
    fn duplicate(&self, pointer: &str, keyword: &str, property: Option<&str>) -> bool {
        let here = self.at.get(pointer).map_or(&[][..], Vec::as_slice);
        let missing = |p: &Problem| p.rule.contains("missing field");
        match keyword {
            "required" => here.iter().any(|p| {
                property.is_some_and(|name| p.rule.contains(&format!("missing field `{name}`")))
            }),
            "anyOf" | "oneOf" => self.covered.contains(pointer),
            // A refused key: the typed read names it at its own pointer.
            "propertyNames" => property.is_some_and(|key| {
                let mut below = format!("{pointer}/");
                greentic_types::push_escaped(&mut below, key);
                self.at.contains_key(below.as_str())
            }),
            _ => here.iter().any(|p| !missing(p)),
        }
    }
}

fn is_syntax_error(rule: &str) -> bool {
    rule.starts_with("not JSON")
        || rule.starts_with("trailing characters")
        || rule.starts_with("starts with a byte-order mark")
        || rule.starts_with("empty document")
}

/// A YAML document nested past the parser's limit, or whose aliases expand
/// past it ("billion laughs"), refused before the typed read (which skips
/// unknown keys without expanding or descending into them).
fn yaml_limits(text: &str) -> Option<Problem> {
    let mut order = Vec::new();
    let walk = Order {
        pointer: String::new(),
        out: &mut order,
    }
    .deserialize(serde_norway::Deserializer::from_str(text));
    let e = walk.err()?.to_string();
    if e.contains("recursion limit exceeded") {
        Some(Problem::root(format!(
            "nested deeper than the parser's limit of 128 levels ({e})"
        )))
    } else if e.contains("repetition limit exceeded") {
        Some(Problem::root(format!(
            "YAML aliases expand past the limit (a \"billion laughs\" document is refused, not expanded: {e})"
        )))
    } else {
        None
    }
}

/// Problems no parser names well: a byte-order mark in JSON, an empty document.
fn precheck(text: &str, syntax: Syntax) -> Option<Problem> {
    if syntax == Syntax::Json && text.starts_with('\u{feff}') {
        return Some(Problem::root(
            "starts with a byte-order mark (U+FEFF): JSON text must not begin with one (RFC 8259 §8.1)",
        ));
    }
    let empty = match syntax {
        Syntax::Json => text.trim().is_empty(),
        Syntax::Yaml => text.lines().all(|l| {
            let l = l.trim();
            l.is_empty() || l.starts_with('#') || l == "---" || l == "..."
        }),
    };
    empty.then(|| {
        Problem::root(match syntax {
            Syntax::Json => "empty document: no JSON value",
            Syntax::Yaml => "empty document: no YAML value",
        })
    })
}

/// A clearer rule for what a parser says tersely: `NaN`/`Infinity` in JSON,
/// `.inf`/`.nan` in YAML, and the line and column of a syntax error.
fn explain(text: &str, syntax: Syntax, pointer: &str, rule: &str) -> String {
    match syntax {
        Syntax::Yaml => {
            let rule = without_yaml_path(pointer, rule);
            if rule.contains("floating point `inf`")
                || rule.contains("floating point `-inf`")
                || rule.contains("floating point `NaN`")
            {
                return format!(
                    "{rule} (YAML's .inf, -.inf and .nan have no JSON form; no model accepts them)"
                );
            }
            rule.to_owned()
        }
        Syntax::Json => {
            if !rule.starts_with("not JSON") {
                return rule.to_owned();
            }
            // The typed read may stop where its type makes it look; the
            // whole text, read as JSON, says what is wrong with it.
            let Err(e) = serde_json::from_str::<Value>(text) else {
                return rule.to_owned();
            };
            json_syntax(text, &e)
        }
    }
}

/// A JSON syntax error as a rule, with its line and column.
fn json_syntax(text: &str, e: &serde_json::Error) -> String {
    let (line, column) = (e.line(), e.column());
    let message = e.to_string();
    let at = text
        .lines()
        .nth(line.saturating_sub(1))
        .map(|l| {
            let start = l
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(l.len(), |(i, _)| i);
            &l[start..]
        })
        .unwrap_or("");
    for word in ["NaN", "Infinity", "-Infinity", "+Infinity"] {
        if at.starts_with(word) {
            return format!(
                "not JSON: `{word}` at line {line} column {column}: NaN and Infinity are not JSON numbers (RFC 8259 §6)"
            );
        }
    }
    if message.contains("recursion limit exceeded") {
        return format!("nested deeper than the parser's limit of 128 levels ({message})");
    }
    if message.contains("surrogate") || message.contains("hex escape") {
        return format!(
            "not JSON: {message} (a lone UTF-16 surrogate such as \\ud800 encodes no character)"
        );
    }
    format!("not JSON: {message}")
}

/// A YAML error without the parser's own dotted path (`a.b[0]: `), which
/// repeats the violation's pointer.
fn without_yaml_path<'a>(pointer: &str, rule: &'a str) -> &'a str {
    if pointer.is_empty() {
        return rule;
    }
    let mut dotted = String::new();
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            dotted.push_str(&format!("[{segment}]"));
        } else {
            if !dotted.is_empty() {
                dotted.push('.');
            }
            dotted.push_str(&segment);
        }
    }
    rule.strip_prefix(&dotted)
        .and_then(|r| r.strip_prefix(": "))
        .unwrap_or(rule)
}

/// The model a document names: `$schema` or `$id` at its root, or (YAML) a
/// `# yaml-language-server: $schema=<url>` comment; the URL must be one of
/// this registry's `$id`s.
fn model_of(text: &str, syntax: Syntax) -> Result<(&'static Entry, &'static str), Problem> {
    let mut named = Vec::new();
    if syntax == Syntax::Yaml {
        for line in text.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix('#') {
                if let Some(url) = rest
                    .trim()
                    .strip_prefix("yaml-language-server:")
                    .and_then(|u| u.trim().strip_prefix("$schema="))
                {
                    named.push(("yaml-language-server", url.trim().to_owned()));
                }
            } else if !line.is_empty() && line != "---" {
                break;
            }
        }
    }
    #[derive(serde::Deserialize)]
    struct Named {
        #[serde(rename = "$schema")]
        schema: Option<String>,
        #[serde(rename = "$id")]
        id: Option<String>,
    }
    let found: Result<Named, String> = match syntax {
        Syntax::Json => serde_json::from_str(text).map_err(|e| e.to_string()),
        Syntax::Yaml => serde_norway::from_str(text).map_err(|e| e.to_string()),
    };
    // Text that does not even parse: its syntax error (with its line and
    // column) is the problem, not the missing model.
    if found.is_err()
        && let Some(problem) = syntax_error(text, syntax)
    {
        return Err(problem);
    }
    // A `$schema` or `$id` that is there but cannot be read (twice, or not
    // a string): say so, rather than that there is none.
    let found = match found {
        Ok(found) => Some(found),
        // Not an object (a list reads as the struct's sequence form):
        // nothing names a model.
        Err(_) if !is_object(text, syntax) => None,
        Err(e) => {
            return Err(Problem::root(format!(
                "cannot tell the model: its `$schema`/`$id` cannot be read ({e}); pass --model SLUG (`greentic-types models` lists them)"
            )));
        }
    };
    if let Some(found) = found {
        named.extend(found.schema.map(|s| ("$schema", s)));
        named.extend(found.id.map(|s| ("$id", s)));
    }
    for (from, url) in &named {
        if let Some(entry) = entry_for_url(url) {
            return Ok((entry, from));
        }
    }
    let seen = if named.is_empty() {
        "it has no `$schema` or `$id`".to_owned()
    } else {
        let urls: Vec<String> = named.iter().map(|(f, u)| format!("{f} `{u}`")).collect();
        format!("{} is not one of this registry's schemas", urls.join(", "))
    };
    Err(Problem::root(format!(
        "cannot tell the model: {seen}; pass --model SLUG (`greentic-types models` lists them)"
    )))
}

/// The library's violations as problems, as they are.
fn problems_of(violations: greentic_types::Violations) -> Vec<Problem> {
    violations
        .into_iter()
        .map(|v| Problem {
            pointer: v.path,
            rule: v.message,
        })
        .collect()
}

/// Whether the document is an object (a YAML mapping).
fn is_object(text: &str, syntax: Syntax) -> bool {
    match syntax {
        Syntax::Json => serde_json::from_str::<Value>(text).is_ok_and(|v| v.is_object()),
        Syntax::Yaml => {
            serde_norway::from_str::<serde_norway::Value>(text).is_ok_and(|v| v.is_mapping())
        }
    }
}

/// The syntax error of text that is not JSON (or YAML), at the root, with
/// its line and column; `None` when the text parses.
fn syntax_error(text: &str, syntax: Syntax) -> Option<Problem> {
    match syntax {
        Syntax::Json => serde_json::from_str::<serde::de::IgnoredAny>(text)
            .err()
            .map(|e| Problem::root(json_syntax(text, &e))),
        Syntax::Yaml => {
            let e = serde_norway::from_str::<serde::de::IgnoredAny>(text).err()?;
            let e = e.to_string();
            if e.contains("recursion limit exceeded") || e.contains("repetition limit exceeded") {
                // Limits, not syntax: the checks after this one name them.
                return None;
            }
            Some(Problem::root(format!("not YAML: {e}")))
        }
    }
}

fn entry_for_url(url: &str) -> Option<&'static Entry> {
    let url = url.trim_end_matches('#');
    let slug = url
        .strip_prefix(SCHEMA_BASE_URL)?
        .strip_prefix('/')?
        .strip_suffix(".schema.json")?;
    registry::entry(slug)
}

/// Sorts problems by where their pointer first appears in the document
/// (a pointer the document lacks sorts with its nearest ancestor); the order
/// found is kept when the document cannot be walked.
fn sort_in_document_order(problems: &mut [Problem], text: &str, syntax: Syntax) {
    let mut order = Vec::new();
    let walked = match syntax {
        Syntax::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            Order {
                pointer: String::new(),
                out: &mut order,
            }
            .deserialize(&mut de)
            .is_ok()
        }
        Syntax::Yaml => Order {
            pointer: String::new(),
            out: &mut order,
        }
        .deserialize(serde_norway::Deserializer::from_str(text))
        .is_ok(),
    };
    if !walked {
        return;
    }
    let index: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .rev()
        .map(|(i, p)| (p.as_str(), i))
        .collect();
    let position = |pointer: &str| -> usize {
        let mut p = pointer;
        loop {
            if let Some(i) = index.get(p) {
                return *i;
            }
            match p.rfind('/') {
                Some(cut) => p = &p[..cut],
                None => return 0,
            }
        }
    };
    problems.sort_by_key(|p| position(&p.pointer));
}

/// Records the JSON pointer of every value, in the order the text holds them.
struct Order<'a> {
    pointer: String,
    out: &'a mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for Order<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.out.push(self.pointer.clone());
        d.deserialize_any(self)
    }
}

impl Order<'_> {
    fn child(&mut self, segment: &str) -> Order<'_> {
        let mut pointer = self.pointer.clone();
        pointer.push('/');
        greentic_types::push_escaped(&mut pointer, segment);
        Order {
            pointer,
            out: self.out,
        }
    }
}

impl<'de> Visitor<'de> for Order<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_i128<E>(self, _: i128) -> Result<(), E> {
        Ok(())
    }
    fn visit_u128<E>(self, _: u128) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        while seq.next_element_seed(self.child(&i.to_string()))?.is_some() {
            i += 1;
        }
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(Key(key)) = map.next_key::<Key>()? {
            map.next_value_seed(self.child(&key))?;
        }
        Ok(())
    }
}

/// A mapping key as text (YAML keys may be numbers or booleans).
struct Key(String);

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, v: &str) -> Result<Key, E> {
                Ok(Key(v.to_owned()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<Key, E> {
                Ok(Key("null".to_owned()))
            }
        }
        d.deserialize_any(V)
    }
}
