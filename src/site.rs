//! A static, browsable site for the schemas: `index.html` and one page per
//! schema, written beside the schemas by `export-schemas`.
//!
//! ```no_run
//! use std::path::Path;
//! use greentic_types::site::{check_site, write_site};
//!
//! let dist = Path::new("dist");
//! let written = write_site(dist)?; // dist/index.html, dist/schemas/v1/<slug>.html
//! println!("{} pages", written.len());
//! assert!(check_site(dist)?.is_clean());
//! # Ok::<(), greentic_types::schema::ExportError>(())
//! ```
//!
//! Each page shows the schema's title, description and `$id`, a table of its
//! fields (name, type, required, default, description, rule), its
//! definitions, links to the other schemas it embeds and to the raw JSON, and
//! the line that points an editor at it. The pages are plain HTML with an
//! inline stylesheet: no JavaScript, every link relative, so the site reads
//! the same from disk and from GitHub Pages.

use alloc::borrow::ToOwned;
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::registry::Entry;
use crate::schema::{DirReport, ExportError, rendered};

/// Where the schema pages go inside a dist directory (beside the schemas).
pub const PAGE_DIR: &str = "schemas/v1";

/// Every page of the site: (path relative to the dist directory, with `/`
/// separators, HTML text), sorted by path.
pub fn render() -> Result<Vec<(String, String)>, ExportError> {
    let entries: Vec<&'static Entry> = rendered()?.into_iter().map(|(e, _)| e).collect();
    let mut by_title: BTreeMap<&'static str, &'static str> = BTreeMap::new();
    for e in &entries {
        by_title.insert(e.title(), e.slug());
    }
    let mut pages = Vec::with_capacity(entries.len() + 1);
    let schemas: Vec<(&Entry, Value)> = entries.iter().map(|e| (*e, e.schema())).collect();
    pages.push(("index.html".to_owned(), index(&schemas)));
    for (entry, schema) in &schemas {
        pages.push((
            format!("{PAGE_DIR}/{}.html", entry.slug()),
            page(entry, schema, &by_title),
        ));
    }
    pages.sort();
    Ok(pages)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes the site into `dist` (`index.html`, `schemas/v1/<slug>.html`),
/// removing pages of schemas that no longer exist; returns the paths written.
pub fn write_site(dist: &Path) -> Result<Vec<PathBuf>, ExportError> {
    let pages = render()?;
    let dir = dist.join(PAGE_DIR);
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let mut written = Vec::with_capacity(pages.len());
    for (name, text) in &pages {
        let path = dist.join(name);
        std::fs::write(&path, text).map_err(io(&path))?;
        written.push(path);
    }
    let expected: BTreeSet<String> = pages.into_iter().map(|(n, _)| n).collect();
    for name in extra_pages(dist, &expected)? {
        let path = dist.join(name);
        std::fs::remove_file(&path).map_err(io(&path))?;
    }
    Ok(written)
}

/// Compares the site in `dist` with what [`write_site`] would write; names
/// are relative to `dist`.
pub fn check_site(dist: &Path) -> Result<DirReport, ExportError> {
    let mut report = DirReport::default();
    let mut expected = BTreeSet::new();
    for (name, text) in render()? {
        let path = dist.join(&name);
        match std::fs::read_to_string(&path) {
            Ok(found) if found == text => {}
            Ok(_) => report.stale.push(name.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => report.missing.push(name.clone()),
            Err(e) => return Err(io(&path)(e)),
        }
        expected.insert(name);
    }
    report.extra = extra_pages(dist, &expected)?;
    Ok(report)
}

/// `*.html` files under `dist/schemas/v1` that no schema produces.
fn extra_pages(dist: &Path, expected: &BTreeSet<String>) -> Result<Vec<String>, ExportError> {
    let dir = dist.join(PAGE_DIR);
    let mut extra = Vec::new();
    if dir.exists() {
        for item in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let file = item.map_err(io(&dir))?.file_name();
            let file = file.to_string_lossy();
            let name = format!("{PAGE_DIR}/{file}");
            if file.ends_with(".html") && !expected.contains(&name) {
                extra.push(name);
            }
        }
    }
    extra.sort();
    Ok(extra)
}

const STYLE: &str = "body{font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 2rem;color:#1b1f24;background:#fff}\
h1{margin-bottom:.2rem}h1 small{font-weight:normal;color:#57606a;font-size:1rem;margin-left:.6rem}\
h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}h3{margin-top:1.6rem}\
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em}\
code{background:#f6f8fa;padding:.1em .3em;border-radius:4px;overflow-wrap:anywhere}\
pre{background:#f6f8fa;padding:.6rem .8rem;border-radius:6px;overflow-x:auto}pre code{padding:0}\
table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{border:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}\
th{background:#f6f8fa}td:first-child{white-space:nowrap}tr:target{background:#fff8c5}section:target{background:#fff8c5}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}\
nav{margin-bottom:1rem}a{color:#0969da}.muted{color:#57606a}";

fn head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(title)
    )
}

/// HTML-escapes text.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A description as HTML: paragraphs at blank lines, `` `code` `` spans,
/// Markdown links as "text (url)".
fn prose(text: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        out.push_str("<p>");
        out.push_str(&inline(para));
        out.push_str("</p>");
    }
    out
}

fn inline(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(&esc(part));
            out.push_str("</code>");
        } else {
            out.push_str(&esc(&unlink(part)));
        }
    }
    out
}

/// `[text](url)` as `text (url)`: every link on the site stays local.
fn unlink(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some((label, tail)) = after.split_once("](") else {
            break;
        };
        let Some((url, after_link)) = tail.split_once(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(label);
        out.push_str(" (");
        out.push_str(url);
        out.push(')');
        rest = after_link;
    }
    out.push_str(rest);
    out
}

fn first_sentence(text: &str) -> &str {
    let line = text.split("\n\n").next().unwrap_or("");
    let mut from = 0;
    while let Some(at) = line[from..].find(". ") {
        let end = from + at;
        // `e.g. ` and `i.e. ` do not end a sentence.
        if !(line[..end].ends_with("e.g") || line[..end].ends_with("i.e")) {
            return &line[..=end];
        }
        from = end + 2;
    }
    line
}

fn index(schemas: &[(&Entry, Value)]) -> String {
    let mut out = head("greentic-types JSON Schemas");
    out.push_str("<h1>greentic-types JSON Schemas</h1>\n");
    out.push_str(&format!(
        "<p>{} schemas (JSON Schema draft 2020-12) for the documents the Greentic platform \
         exchanges. Each page lists the fields with their rules; the raw JSON is what \
         validators and editors load. Point an editor at a schema with its <code>$id</code>: \
         <code># yaml-language-server: $schema=&lt;$id&gt;</code> as the first line of a YAML \
         file, or <code>\"$schema\": \"&lt;$id&gt;\"</code> in a JSON object.</p>\n",
        schemas.len()
    ));
    out.push_str(
        "<table>\n<thead><tr><th>schema</th><th>Rust type</th><th>description</th><th>raw</th></tr></thead>\n<tbody>\n",
    );
    for (entry, schema) in schemas {
        let slug = entry.slug();
        let description = schema
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("");
        out.push_str(&format!(
            "<tr id=\"{slug}\"><td><a href=\"{PAGE_DIR}/{slug}.html\">{slug}</a></td><td><code>{}</code></td><td>{}</td><td><a href=\"{PAGE_DIR}/{slug}.schema.json\">JSON</a></td></tr>\n",
            esc(entry.title()),
            inline(first_sentence(description)),
        ));
    }
    out.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    out
}

/// One schema's page.
struct Page<'a> {
    root: &'a Value,
    by_title: &'a BTreeMap<&'static str, &'static str>,
    slug: &'a str,
}

fn page(entry: &Entry, schema: &Value, by_title: &BTreeMap<&'static str, &'static str>) -> String {
    let slug = entry.slug();
    let id = entry.id();
    let p = Page {
        root: schema,
        by_title,
        slug,
    };
    let mut out = head(&format!("{} ({slug}) · greentic-types", entry.title()));
    out.push_str("<nav><a href=\"../../index.html\">All schemas</a></nav>\n");
    out.push_str(&format!(
        "<h1>{} <small>{slug}</small></h1>\n",
        esc(entry.title())
    ));
    if let Some(d) = schema.get("description").and_then(Value::as_str) {
        out.push_str(&prose(d));
        out.push('\n');
    }
    out.push_str(&format!(
        "<dl>\n<dt>$id</dt><dd><code>{}</code></dd>\n<dt>raw JSON</dt><dd><a href=\"{slug}.schema.json\">{slug}.schema.json</a></dd>\n<dt>Rust type</dt><dd><code>{}</code></dd>\n</dl>\n",
        esc(&id),
        esc(&entry.rust_type())
    ));
    out.push_str(&format!(
        "<h2 id=\"editor\">In an editor</h2>\n<p>First line of a YAML document:</p>\n<pre><code># yaml-language-server: $schema={id}</code></pre>\n<p>In a JSON object:</p>\n<pre><code>\"$schema\": \"{id}\"</code></pre>\n",
        id = esc(&id)
    ));
    out.push_str("<h2 id=\"fields\">Document</h2>\n");
    out.push_str(&p.body(schema, "field-"));
    let defs = match schema.get("$defs") {
        Some(Value::Object(d)) => d.clone(),
        _ => Map::new(),
    };
    let references: Vec<(&String, &str)> = defs
        .keys()
        .filter_map(|name| {
            p.by_title
                .get(name.as_str())
                .filter(|s| **s != slug)
                .map(|s| (name, *s))
        })
        .collect();
    if !references.is_empty() {
        out.push_str("<h2 id=\"references\">Schemas it embeds</h2>\n<ul>\n");
        for (name, other) in references {
            out.push_str(&format!(
                "<li><a href=\"{other}.html\">{}</a> <span class=\"muted\">({other})</span></li>\n",
                esc(name)
            ));
        }
        out.push_str("</ul>\n");
    }
    if !defs.is_empty() {
        out.push_str("<h2 id=\"definitions\">Definitions</h2>\n");
        for (name, def) in &defs {
            out.push_str(&format!(
                "<section id=\"def-{}\">\n<h3>{}</h3>\n",
                anchor(name),
                esc(name)
            ));
            if let Some(other) = p.by_title.get(name.as_str()).filter(|s| **s != slug) {
                out.push_str(&format!(
                    "<p class=\"muted\">Also published as <a href=\"{other}.html\">{other}</a>.</p>\n"
                ));
            }
            if let Some(d) = def.get("description").and_then(Value::as_str) {
                out.push_str(&prose(d));
                out.push('\n');
            }
            out.push_str(&p.body(def, &format!("{}-", anchor(name))));
            out.push_str("</section>\n");
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// An id-safe form of a definition name.
fn anchor(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn types_of(m: &Map<String, Value>) -> Vec<String> {
    match m.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(ToOwned::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

fn alternatives(m: &Map<String, Value>) -> Option<&Vec<Value>> {
    match m.get("oneOf").or_else(|| m.get("anyOf")) {
        Some(Value::Array(alts)) => Some(alts),
        _ => None,
    }
}

impl Page<'_> {
    fn deref<'v>(&'v self, s: &'v Value) -> &'v Value {
        crate::schema::deref_local(self.root, s)
    }

    /// The body of a schema: a fields table for an object, a variants table
    /// for a `oneOf`/`anyOf`, else its type and rule.
    fn body(&self, s: &Value, prefix: &str) -> String {
        let Value::Object(m) = s else {
            return "<p>Any JSON value.</p>\n".to_owned();
        };
        if let Some(Value::Object(_)) = m.get("properties") {
            return self.fields(m, prefix);
        }
        if let Some(alts) = alternatives(m) {
            return self.variants(alts, prefix);
        }
        let rule = self.rule(s);
        format!(
            "<p>Type: {}{}</p>\n",
            self.type_html(s),
            if rule.is_empty() {
                String::new()
            } else {
                format!(". Rule: {rule}")
            }
        )
    }

    fn fields(&self, m: &Map<String, Value>, prefix: &str) -> String {
        let required: BTreeSet<&str> = match m.get("required") {
            Some(Value::Array(r)) => r.iter().filter_map(Value::as_str).collect(),
            _ => BTreeSet::new(),
        };
        let mut out = String::from(
            "<table>\n<thead><tr><th>field</th><th>type</th><th>required</th><th>default</th><th>description</th><th>rule</th></tr></thead>\n<tbody>\n",
        );
        if let Some(Value::Object(props)) = m.get("properties") {
            for (name, prop) in props {
                let default = prop
                    .get("default")
                    .map(|d| format!("<code>{}</code>", esc(&d.to_string())))
                    .unwrap_or_default();
                let description = prop
                    .get("description")
                    .or_else(|| self.deref(prop).get("description"))
                    .and_then(Value::as_str)
                    .map(inline)
                    .unwrap_or_default();
                out.push_str(&format!(
                    "<tr id=\"{prefix}{}\"><td><code>{}</code></td><td>{}</td><td>{}</td><td>{default}</td><td>{description}</td><td>{}</td></tr>\n",
                    anchor(name),
                    esc(name),
                    self.type_html(prop),
                    if required.contains(name.as_str()) { "yes" } else { "no" },
                    self.rule(prop),
                ));
            }
        }
        out.push_str("</tbody>\n</table>\n");
        match m.get("additionalProperties") {
            Some(Value::Bool(false)) => {
                out.push_str("<p class=\"muted\">No other fields are allowed.</p>\n")
            }
            Some(extra @ Value::Object(_)) => out.push_str(&format!(
                "<p class=\"muted\">Other fields: {}.</p>\n",
                self.type_html(extra)
            )),
            _ => {}
        }
        out
    }

    fn variants(&self, alts: &[Value], prefix: &str) -> String {
        let mut out = String::from(
            "<p>One of:</p>\n<table>\n<thead><tr><th>variant</th><th>type</th><th>description</th><th>rule</th></tr></thead>\n<tbody>\n",
        );
        let mut nested = String::new();
        for (i, alt) in alts.iter().enumerate() {
            let target = self.deref(alt);
            let (label, shape) = self.variant_label(alt, target);
            let description = alt
                .get("description")
                .or_else(|| target.get("description"))
                .and_then(Value::as_str)
                .map(inline)
                .unwrap_or_default();
            let id = format!("{prefix}variant-{i}");
            out.push_str(&format!(
                "<tr id=\"{id}\"><td>{label}</td><td>{shape}</td><td>{description}</td><td>{}</td></tr>\n",
                self.rule(alt)
            ));
            // An object variant written here in full gets its own field table.
            if alt.get("$ref").is_none()
                && let Some(Value::Object(props)) = target.get("properties")
            {
                let inner = if props.len() == 1
                    && target.get("additionalProperties") == Some(&Value::Bool(false))
                {
                    props.values().next().map(|v| self.deref(v))
                } else {
                    Some(target)
                };
                if let Some(Value::Object(inner)) = inner
                    && inner.contains_key("properties")
                {
                    nested.push_str(&format!(
                        "<h4>{label}</h4>\n{}",
                        self.fields(inner, &format!("{id}-"))
                    ));
                }
            }
        }
        out.push_str("</tbody>\n</table>\n");
        out.push_str(&nested);
        out
    }

    fn variant_label(&self, alt: &Value, target: &Value) -> (String, String) {
        if let Some(c) = target.get("const") {
            return (
                format!("<code>{}</code>", esc(&c.to_string())),
                self.type_html(target),
            );
        }
        if let Some(Value::Array(values)) = target.get("enum") {
            let list: Vec<String> = values
                .iter()
                .map(|v| format!("<code>{}</code>", esc(&v.to_string())))
                .collect();
            return (list.join(", "), self.type_html(target));
        }
        if let Some(Value::Object(props)) = target.get("properties") {
            for (k, v) in props {
                if let Some(c) = self.deref(v).get("const") {
                    return (
                        format!("<code>{}: {}</code>", esc(k), esc(&c.to_string())),
                        "object".to_owned(),
                    );
                }
            }
            if props.len() == 1
                && let Some((k, v)) = props.iter().next()
            {
                return (
                    format!("<code>{{\"{}\": …}}</code>", esc(k)),
                    format!("object with <code>{}</code>: {}", esc(k), self.type_html(v)),
                );
            }
        }
        (self.type_html(alt), self.type_html(alt))
    }

    /// A link to a definition of this page.
    fn def_link(&self, reference: &str) -> Option<String> {
        let name = reference.strip_prefix("#/$defs/")?;
        let mut link = format!("<a href=\"#def-{}\">{}</a>", anchor(name), esc(name));
        if let Some(other) = self.by_title.get(name).filter(|s| **s != self.slug) {
            link.push_str(&format!(" (<a href=\"{other}.html\">{other}</a>)"));
        }
        Some(link)
    }

    fn type_html(&self, s: &Value) -> String {
        let Value::Object(m) = s else {
            return match s {
                Value::Bool(false) => "nothing".to_owned(),
                _ => "any".to_owned(),
            };
        };
        if let Some(Value::String(r)) = m.get("$ref") {
            return self.def_link(r).unwrap_or_else(|| esc(r));
        }
        if let Some(alts) = alternatives(m) {
            let parts: Vec<String> = alts.iter().map(|a| self.type_html(a)).collect();
            let mut unique: Vec<String> = Vec::new();
            for part in parts {
                if !unique.contains(&part) {
                    unique.push(part);
                }
            }
            return unique.join(" | ");
        }
        if let Some(Value::Array(all)) = m.get("allOf")
            && all.len() == 1
        {
            return self.type_html(&all[0]);
        }
        let types = types_of(m);
        if types.is_empty() {
            if m.contains_key("const") || m.contains_key("enum") {
                return "value".to_owned();
            }
            return "any".to_owned();
        }
        let parts: Vec<String> = types
            .iter()
            .map(|t| match t.as_str() {
                "array" => match m.get("items") {
                    Some(items) => format!("array of {}", self.type_html(items)),
                    None => "array".to_owned(),
                },
                "object" => match m.get("additionalProperties") {
                    Some(v @ Value::Object(_)) if !m.contains_key("properties") => {
                        format!("map of {}", self.type_html(v))
                    }
                    _ => "object".to_owned(),
                },
                "string" => match m.get("format").and_then(Value::as_str) {
                    Some(f) => format!("string ({})", esc(f)),
                    None => "string".to_owned(),
                },
                other => esc(other),
            })
            .collect();
        parts.join(" | ")
    }

    /// The constraints of a schema in words: pattern, length, range, values.
    fn rule(&self, s: &Value) -> String {
        let Value::Object(m) = s else {
            return String::new();
        };
        let mut parts = Vec::new();
        if let Some(Value::String(p)) = m.get("pattern") {
            parts.push(format!("pattern <code>{}</code>", esc(p)));
        }
        let pair = |lo: &str, hi: &str, what: &str| -> Option<String> {
            match (m.get(lo), m.get(hi)) {
                (None, None) => None,
                (Some(a), Some(b)) => Some(format!("{what} {a}..{b}")),
                (Some(a), None) => Some(format!("{what} ≥ {a}")),
                (None, Some(b)) => Some(format!("{what} ≤ {b}")),
            }
        };
        parts.extend(pair("minLength", "maxLength", "length"));
        parts.extend(pair("minimum", "maximum", "value"));
        parts.extend(pair("minItems", "maxItems", "items"));
        parts.extend(pair("minProperties", "maxProperties", "fields"));
        if let Some(v) = m.get("exclusiveMinimum") {
            parts.push(format!("value &gt; {v}"));
        }
        if let Some(v) = m.get("exclusiveMaximum") {
            parts.push(format!("value &lt; {v}"));
        }
        if m.get("uniqueItems") == Some(&Value::Bool(true)) {
            parts.push("unique items".to_owned());
        }
        if let Some(Value::Array(values)) = m.get("enum") {
            let list: Vec<String> = values
                .iter()
                .map(|v| format!("<code>{}</code>", esc(&v.to_string())))
                .collect();
            parts.push(format!("one of {}", list.join(", ")));
        }
        if let Some(c) = m.get("const") {
            parts.push(format!("exactly <code>{}</code>", esc(&c.to_string())));
        }
        if let Some(names) = m.get("propertyNames") {
            let inner = self.rule(self.deref(names));
            if !inner.is_empty() {
                parts.push(format!("keys: {inner}"));
            }
        }
        if let Some(alts) = alternatives(m) {
            let consts: Vec<String> = alts
                .iter()
                .filter_map(|a| self.deref(a).get("const"))
                .map(|c| format!("<code>{}</code>", esc(&c.to_string())))
                .collect();
            if consts.len() == alts.len() && !consts.is_empty() {
                parts.push(format!("one of {}", consts.join(", ")));
            }
        }
        if parts.is_empty()
            && let Some(alts) = alternatives(m)
        {
            // `Option<T>`: the rule of the one alternative that is not null.
            let not_null: Vec<&Value> = alts
                .iter()
                .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
            if let [only] = not_null.as_slice() {
                return self.rule(only);
            }
        }
        if parts.is_empty() {
            // A reference to a plain definition (an identifier, an enum of
            // strings) shows that definition's rule here too.
            let target = self.deref(s);
            if !core::ptr::eq(target, s)
                && target.get("properties").is_none()
                && target.get("type").and_then(Value::as_str) != Some("object")
            {
                return self.rule(target);
            }
        }
        parts.join("; ")
    }
}
