//! The `@enum_de` marker: the `Deserialize` of an enum whose variants are all
//! units, written lean when its attributes allow, else serde's derive (the
//! fallback tokens given).
//!
//! ```text
//! @enum_de { ($crate) (Name) [T..] [[container attr]..] [check]
//!            { [[variant attr]..] Variant [] [], .. } { fallback } }
//! ```
//!
//! serde's derive writes, per enum, a variant enum, a visitor for it with
//! three methods, its `Deserialize` and the enum's visitor, all generic over
//! the input format. The lean form gives its names and one non-generic
//! `match` ([`VariantNames`] of `greentic-types-dsl`) to the shared visitors
//! of `variants.rs` there, and matches the index they return: the same names
//! (`rename`, `rename_all`, `alias`), the `other` variant, the variant index
//! of formats that write one, and serde's messages.
//!
//! Lean when the enum is not generic, every variant is a unit without `cfg`,
//! and the only serde attributes are the container's `rename`/`rename_all`
//! and each variant's `rename`, `alias` and `other`. Anything else (a
//! `tag`, a skipped variant, `cfg_attr`, a malformed attribute) keeps serde's
//! derive, which also reports a mistake in it; so do two variants answering
//! to one name.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use proc_macro::{Group, Ident, TokenStream, TokenTree};

use crate::expand::{
    attrs, deprecation_allows, error, fill_holes, first_ident, item_hole, marker_args, split_commas,
};
use crate::struct_de::{serde_items, single_ident};

/// The marker's expansion.
pub fn enum_de(tokens: TokenStream) -> Vec<TokenTree> {
    let args = match marker_args(tokens, "enum_de") {
        Ok(args) => args,
        Err(e) => return e,
    };
    let [krate, name, generics, container, check, variants, fallback] = &args;
    let lean = || {
        if !generics.stream().is_empty() || !check.stream().is_empty() {
            return None;
        }
        let name = single_ident(name)?;
        let (rename, rule) = read_container(container)?;
        let variants = read_variants(variants, rule)?;
        Some((name, rename, variants))
    };
    let Some((name, rename, variants)) = lean() else {
        return fallback.stream().into_iter().collect();
    };
    // The container's attributes and every variant's (`args[5]`: the
    // variants as given, `[[attr]..] Variant [] []` each).
    let allow = {
        let mut lists = attrs(container);
        for part in split_commas(args[5].stream()) {
            if let Some(TokenTree::Group(list)) = part.first() {
                lists.extend(attrs(list));
            }
        }
        deprecation_allows(&lists)
    };
    let code = emit(&name.to_string(), rename.as_deref(), &variants);
    let holes = |rest: &str| -> Option<TokenStream> {
        if let Some(tokens) = item_hole(rest, &krate.stream(), &name, container, &allow) {
            return Some(tokens);
        }
        let i: usize = rest.strip_prefix("V_")?.parse().ok()?;
        Some(TokenTree::Ident(variants.get(i)?.ident.clone()).into())
    };
    match fill_holes(&code, &holes) {
        Some(tokens) => tokens,
        None => error("`@enum_de` wrote code that does not parse"),
    }
}

pub(crate) struct Variant {
    pub(crate) ident: Ident,
    /// Its attributes, `[[attr]..]`.
    pub(crate) list: Group,
    /// Its name on the wire (`rename`, else under `rename_all`).
    pub(crate) wire: String,
    /// Every name it answers to (its wire name and aliases), sorted as serde
    /// sorts them.
    names: BTreeSet<String>,
    other: bool,
}

/// A `rename_all` rule: a variant's name to its name on the wire.
pub(crate) type Rule = fn(&str) -> String;

/// The container's `rename` and `rename_all` rule; `None` when another
/// serde attribute (or a form not read here) is present.
pub(crate) fn read_container(list: &Group) -> Option<(Option<String>, Option<Rule>)> {
    let (mut rename, mut rule) = (None, None);
    for item in serde_items(list)? {
        match (item.key.as_str(), item.value) {
            ("rename", Some(v)) if rename.is_none() => rename = Some(v),
            ("rename_all", Some(v)) if rule.is_none() => rule = Some(variant_rule(&v)?),
            _ => return None,
        }
    }
    Some((rename, rule))
}

pub(crate) fn read_variants(group: &Group, rule: Option<Rule>) -> Option<Vec<Variant>> {
    let mut out: Vec<Variant> = Vec::new();
    for part in split_commas(group.stream()) {
        let [
            TokenTree::Group(list),
            TokenTree::Ident(ident),
            TokenTree::Group(tuple),
            TokenTree::Group(fields),
        ] = part.as_slice()
        else {
            return None;
        };
        if !tuple.stream().is_empty() || !fields.stream().is_empty() {
            return None;
        }
        let attributes = attrs(list);
        // A variant compiled in or out keeps serde's derive.
        if attributes
            .iter()
            .any(|a| matches!(first_ident(a).as_deref(), Some("cfg" | "cfg_attr")))
        {
            return None;
        }
        let (mut rename, mut aliases, mut other) = (None, BTreeSet::new(), false);
        for item in serde_items(list)? {
            match (item.key.as_str(), item.value) {
                ("rename", Some(v)) if rename.is_none() => rename = Some(v),
                ("alias", Some(v)) => {
                    aliases.insert(v);
                }
                ("other", None) if !other => other = true,
                _ => return None,
            }
        }
        let text = ident.to_string();
        let plain = text.strip_prefix("r#").unwrap_or(&text);
        let wire = rename.unwrap_or_else(|| rule.map_or_else(|| plain.to_owned(), |r| r(plain)));
        aliases.insert(wire.clone());
        // Two variants answering to one name, or two `other`s: serde's
        // derive decides (and warns or refuses).
        if out
            .iter()
            .any(|v| !v.names.is_disjoint(&aliases) || (other && v.other))
        {
            return None;
        }
        out.push(Variant {
            ident: ident.clone(),
            list: list.clone(),
            wire,
            names: aliases,
            other,
        });
    }
    if out.is_empty() || out.len() > usize::from(u16::MAX) {
        return None;
    }
    Some(out)
}

/// serde's `rename_all` rules for variants (`RenameRule::apply_to_variant`).
fn variant_rule(rule: &str) -> Option<Rule> {
    fn same(v: &str) -> String {
        v.to_owned()
    }
    fn lower(v: &str) -> String {
        v.to_ascii_lowercase()
    }
    fn upper(v: &str) -> String {
        v.to_ascii_uppercase()
    }
    fn camel(v: &str) -> String {
        let mut chars = v.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_ascii_lowercase().to_string() + chars.as_str()
        })
    }
    fn snake(v: &str) -> String {
        let mut out = String::new();
        for (i, ch) in v.char_indices() {
            if i > 0 && ch.is_uppercase() {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        }
        out
    }
    fn screaming_snake(v: &str) -> String {
        snake(v).to_ascii_uppercase()
    }
    fn kebab(v: &str) -> String {
        snake(v).replace('_', "-")
    }
    fn screaming_kebab(v: &str) -> String {
        screaming_snake(v).replace('_', "-")
    }
    Some(match rule {
        "PascalCase" => same,
        "lowercase" => lower,
        "UPPERCASE" => upper,
        "camelCase" => camel,
        "snake_case" => snake,
        "SCREAMING_SNAKE_CASE" => screaming_snake,
        "kebab-case" => kebab,
        "SCREAMING-KEBAB-CASE" => screaming_kebab,
        _ => return None,
    })
}

/// The impl as source text, with holes (`__GT_*` identifiers) for the tokens
/// that keep their own spans and hygiene: `$crate`, the enum's name, its
/// variants and its attributes (for their `#[cfg]`s).
fn emit(name: &str, rename: Option<&str>, variants: &[Variant]) -> String {
    let p = "__GT_KRATE::__private";
    let serde = "__GT_KRATE::__private::serde";
    let plain_name = name.strip_prefix("r#").unwrap_or(name);
    let de_name = rename.unwrap_or(plain_name);
    // serde's derive names the type as written, `r#` and all.
    let expecting = format!("enum {name}");
    let names: Vec<String> = variants
        .iter()
        .flat_map(|v| v.names.iter().map(|n| format!("{n:?}")))
        .collect();
    let mut find_arms = String::new();
    let mut arms = String::new();
    for (i, v) in variants.iter().enumerate() {
        let these: Vec<String> = v.names.iter().map(|n| format!("{n:?}")).collect();
        let _ = write!(find_arms, "{} => {i},", these.join(" | "));
        // The last arm also stands for the indexes the visitor never gives.
        if i + 1 == variants.len() {
            let _ = write!(arms, "_ => Self::__GT_V_{i},");
        } else {
            let _ = write!(arms, "{i} => Self::__GT_V_{i},");
        }
    }
    let other = variants
        .iter()
        .position(|v| v.other)
        .map_or_else(|| format!("{p}::UNKNOWN"), |i| i.to_string());
    format!(
        "@cfgs __GT_CA
        __GT_ALLOW
        impl<'de> {serde}::Deserialize<'de> for __GT_NAME {{
            fn deserialize<__D: {serde}::Deserializer<'de>>(__deserializer: __D)
                -> ::core::result::Result<Self, __D::Error> {{
                static __GREENTIC_VARIANTS: {p}::VariantNames = {p}::VariantNames {{
                    names: &[{names}],
                    count: {count},
                    other: {other},
                    expecting: {expecting:?},
                    find: |name| match name {{
                        {find_arms}
                        _ => {p}::UNKNOWN,
                    }},
                }};
                match {p}::unit_variant(__deserializer, {de_name:?}, &__GREENTIC_VARIANTS) {{
                    ::core::result::Result::Ok(__index) => ::core::result::Result::Ok(match __index {{ {arms} }}),
                    ::core::result::Result::Err(__e) => ::core::result::Result::Err(__e),
                }}
            }}
        }}",
        names = names.join(", "),
        count = variants.len(),
    )
}

#[cfg(test)]
mod tests {
    use super::variant_rule;

    /// The cases of serde_derive_internals' own `rename_variants` test.
    #[test]
    fn variant_rules_rename_as_serde_does() {
        for (original, lower, upper, camel, snake, screaming, kebab, screaming_kebab) in [
            (
                "Outcome", "outcome", "OUTCOME", "outcome", "outcome", "OUTCOME", "outcome",
                "OUTCOME",
            ),
            (
                "VeryTasty",
                "verytasty",
                "VERYTASTY",
                "veryTasty",
                "very_tasty",
                "VERY_TASTY",
                "very-tasty",
                "VERY-TASTY",
            ),
            ("A", "a", "A", "a", "a", "A", "a", "A"),
            ("Z42", "z42", "Z42", "z42", "z42", "Z42", "z42", "Z42"),
        ] {
            let apply = |rule: &str| variant_rule(rule).expect("a rule")(original);
            assert_eq!(apply("PascalCase"), original);
            assert_eq!(apply("lowercase"), lower);
            assert_eq!(apply("UPPERCASE"), upper);
            assert_eq!(apply("camelCase"), camel);
            assert_eq!(apply("snake_case"), snake);
            assert_eq!(apply("SCREAMING_SNAKE_CASE"), screaming);
            assert_eq!(apply("kebab-case"), kebab);
            assert_eq!(apply("SCREAMING-KEBAB-CASE"), screaming_kebab);
        }
        assert!(variant_rule("Title Case").is_none());
    }
}
