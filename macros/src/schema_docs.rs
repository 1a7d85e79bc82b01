//! `@schema_docs {item}`: the item with each doc comment's JSON Schema title
//! and description written out as `#[schemars(title = .., description = ..)]`.
//!
//! schemars' derive turns the doc comments of a container, field or variant
//! into a `title` and a `description` through two `const` items evaluated by
//! the compiler (`get_title_and_description`), two per documented place: 1,714
//! for this crate's models, a measurable share of its build. The derive uses
//! explicit `title`/`description` attributes instead when present, so this
//! computes the same two strings here, once, by the same rules:
//!
//! - the `doc = "..."` values, each stripped of one leading space, joined
//!   with `\n` (schemars' `get_doc`);
//! - trimmed of ASCII whitespace; a text starting with `#` has its first line
//!   (without the `#`s, trimmed) as title and the rest (trimmed) as
//!   description; any other text is all description (schemars'
//!   `get_title_and_description`).
//!
//! A place is left to schemars when one of its docs is not a plain string
//! literal (`#[doc = include_str!(..)]`) or when it already has a `schemars`
//! attribute naming `title` or `description`. On an enum variant an empty
//! title is not written (see [`Docs::attribute`]): schemars evaluates that
//! one itself.

use proc_macro::{Delimiter, Group, Ident, Literal, Span, TokenStream, TokenTree};

use crate::expand::{attribute, doc_value, first_ident, opened, punct, regroup};

/// The item's tokens with a `#[schemars(title, description)]` after every run
/// of attributes that holds doc comments, at the item and inside its body.
pub fn schema_docs(tokens: TokenStream) -> Vec<TokenTree> {
    with_docs(tokens, Place::Item)
}

/// What the attributes at one level of the item belong to.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// The struct or enum itself.
    Item,
    /// Fields of a struct or of a variant.
    Fields,
    /// Variants of an enum.
    Variants,
}

fn with_docs(tokens: TokenStream, place: Place) -> Vec<TokenTree> {
    let mut out = Vec::new();
    let mut run: Vec<TokenTree> = Vec::new();
    let mut docs = Docs::default();
    let mut is_enum = false;
    let mut iter = tokens.into_iter().peekable();
    while let Some(tt) = iter.next() {
        if let TokenTree::Punct(p) = &tt
            && p.as_char() == '#'
            && let Some(TokenTree::Group(g)) = iter.peek()
            && g.delimiter() == Delimiter::Bracket
        {
            docs.read(g);
            run.push(tt);
            run.extend(iter.next());
            continue;
        }
        out.append(&mut run);
        out.extend(core::mem::take(&mut docs).attribute(place));
        match tt {
            TokenTree::Ident(i) if place == Place::Item && i.to_string() == "enum" => {
                is_enum = true;
                out.push(TokenTree::Ident(i));
            }
            // Bodies: variants of an enum, fields of a struct or variant.
            TokenTree::Group(g) if g.delimiter() != Delimiter::Bracket => {
                let inner = if place == Place::Item && is_enum {
                    Place::Variants
                } else {
                    Place::Fields
                };
                out.push(regroup(&g, with_docs(g.stream(), inner)));
            }
            other => out.push(other),
        }
    }
    out.append(&mut run);
    out
}

/// The doc comments of one run of attributes, as schemars would read them.
#[derive(Default)]
struct Docs {
    /// The `doc` values stripped of one leading space, joined by `\n`; `None`
    /// before the first one.
    text: Option<String>,
    /// Leave this place to schemars.
    unreadable: bool,
}

impl Docs {
    /// Takes in one attribute (`[...]`).
    fn read(&mut self, attr: &Group) {
        let tokens = opened(attr.stream());
        if let Some(value) = doc_value(tokens.clone()) {
            let value = match opened(value.into_iter().collect()).as_slice() {
                [TokenTree::Literal(l)] => string_value(&l.to_string()),
                _ => None,
            };
            let Some(value) = value else {
                self.unreadable = true;
                return;
            };
            let line = value.strip_prefix(' ').unwrap_or(&value);
            match &mut self.text {
                Some(text) => {
                    text.push('\n');
                    text.push_str(line);
                }
                None => self.text = Some(line.to_owned()),
            }
            return;
        }
        // An explicit title or description, or docs under a `cfg_attr`
        // (which the derive sees expanded): schemars decides.
        if matches!(
            first_ident(&tokens).as_deref(),
            Some("schemars" | "cfg_attr")
        ) && names_any(&tokens, &["title", "description", "doc"])
        {
            self.unreadable = true;
        }
    }

    /// `#[schemars(title = "..", description = "..")]`, when there were docs.
    ///
    /// An empty title is left out on a variant: there schemars tells an
    /// absent title from an empty one (an untagged variant takes its name as
    /// title when `untagged_enum_variant_titles` is set and no title is
    /// given), so only the description is settled here.
    fn attribute(self, place: Place) -> Vec<TokenTree> {
        let Some(text) = self.text.filter(|_| !self.unreadable) else {
            return Vec::new();
        };
        let (title, description) = title_and_description(&text);
        let mut args = Vec::new();
        if !(title.is_empty() && place == Place::Variants) {
            args.extend([
                TokenTree::Ident(Ident::new("title", Span::call_site())),
                punct('='),
                TokenTree::Literal(Literal::string(title)),
                punct(','),
            ]);
        }
        args.extend([
            TokenTree::Ident(Ident::new("description", Span::call_site())),
            punct('='),
            TokenTree::Literal(Literal::string(description)),
        ]);
        let schemars = vec![
            TokenTree::Ident(Ident::new("schemars", Span::call_site())),
            TokenTree::Group(Group::new(
                Delimiter::Parenthesis,
                args.into_iter().collect(),
            )),
        ];
        attribute(schemars.into_iter().collect())
    }
}

/// The title and description schemars' derive reads from the doc comments
/// among the attributes in `list` (`[[attr]..]`), empty when there are none;
/// `None` when schemars must read them itself (see [`Docs::read`]).
pub(crate) fn title_and_description_of(list: &Group) -> Option<(String, String)> {
    docs_of(list).map(Option::unwrap_or_default)
}

/// As [`title_and_description_of`], telling no doc comment at all
/// (`Some(None)`) from an empty one: schemars describes a unit variant with
/// any doc comment, even an empty one, on its own.
pub(crate) fn docs_of(list: &Group) -> Option<Option<(String, String)>> {
    let mut docs = Docs::default();
    for tt in list.stream() {
        if let TokenTree::Group(g) = tt
            && g.delimiter() == Delimiter::Bracket
        {
            docs.read(&g);
        }
    }
    if docs.unreadable {
        return None;
    }
    Some(docs.text.map(|text| {
        let (title, description) = title_and_description(&text);
        (title.to_owned(), description.to_owned())
    }))
}

/// Whether any identifier among the tokens, at any depth, is one of `words`.
fn names_any(tokens: &[TokenTree], words: &[&str]) -> bool {
    tokens.iter().any(|tt| match tt {
        TokenTree::Ident(i) => words.contains(&i.to_string().as_str()),
        TokenTree::Group(g) => names_any(&g.stream().into_iter().collect::<Vec<_>>(), words),
        _ => false,
    })
}

/// schemars' `get_title_and_description`: a text starting with `#` has its
/// first line as title; the rest, or all of any other text, is description.
fn title_and_description(doc: &str) -> (&str, &str) {
    let doc = doc.trim_matches(|c: char| c.is_ascii_whitespace());
    match doc.strip_prefix('#') {
        Some(_) => {
            let end = doc.find('\n').unwrap_or(doc.len());
            let title = doc[..end].trim_start_matches('#');
            (
                title.trim_matches(|c: char| c.is_ascii_whitespace()),
                doc[end..].trim_matches(|c: char| c.is_ascii_whitespace()),
            )
        }
        None => ("", doc),
    }
}

/// The value of a string literal as written in source (`"..."` with escapes,
/// or raw `r#"..."#`); `None` for anything else (byte or C strings, numbers).
pub(crate) fn string_value(literal: &str) -> Option<String> {
    if let Some(raw) = literal.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw[hashes..].strip_prefix('"')?;
        let body = body.strip_suffix(&"#".repeat(hashes))?.strip_suffix('"')?;
        return Some(body.to_owned());
    }
    let body = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'x' => {
                let hex: String = [chars.next()?, chars.next()?].iter().collect();
                out.push(char::from(
                    u8::from_str_radix(&hex, 16).ok().filter(|b| *b < 0x80)?,
                ));
            }
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let mut hex = String::new();
                loop {
                    match chars.next()? {
                        '}' => break,
                        '_' => {}
                        h => hex.push(h),
                    }
                }
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            // A line continuation: the newline and the whitespace after it go.
            '\n' | '\r' => {
                while chars
                    .next_if(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
                    .is_some()
                {}
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{string_value, title_and_description};

    #[test]
    fn string_values_are_read_as_the_compiler_reads_them() {
        assert_eq!(string_value(r#"" plain""#).as_deref(), Some(" plain"));
        assert_eq!(string_value(r#"r" raw \n""#).as_deref(), Some(r" raw \n"));
        assert_eq!(
            string_value(r###"r##" a "# b"##"###).as_deref(),
            Some(r##" a "# b"##)
        );
        assert_eq!(
            string_value(r#""tab\tquote\"slash\\nl\nnul\0x\x41u\u{e9}\u{1_F600}""#).as_deref(),
            Some("tab\tquote\"slash\\nl\nnul\0xAu\u{e9}\u{1F600}")
        );
        assert_eq!(string_value("\"a\\\n   b\"").as_deref(), Some("ab"));
        assert_eq!(string_value(r#"b"bytes""#), None);
        assert_eq!(string_value(r#"c"c""#), None);
        assert_eq!(string_value("42"), None);
        assert_eq!(string_value(r#""bad \q""#), None);
        assert_eq!(string_value(r#""\x80""#), None);
    }

    #[test]
    fn titles_and_descriptions_split_as_schemars_splits_them() {
        assert_eq!(title_and_description("  One line. \n"), ("", "One line."));
        assert_eq!(
            title_and_description("First.\n\nSecond paragraph."),
            ("", "First.\n\nSecond paragraph.")
        );
        assert_eq!(
            title_and_description("\n# Title here \n\n Body\n"),
            ("Title here", "Body")
        );
        assert_eq!(
            title_and_description("## Only a title"),
            ("Only a title", "")
        );
        assert_eq!(title_and_description(""), ("", ""));
        // Unicode whitespace is not ASCII whitespace: kept, as schemars keeps it.
        assert_eq!(
            title_and_description("\u{a0}x\u{a0}"),
            ("", "\u{a0}x\u{a0}")
        );
    }
}
