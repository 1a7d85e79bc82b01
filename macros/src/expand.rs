//! `__expand!`: the token-level pieces of the DSL's expansions that
//! `macro_rules!` cannot do without munching (which costs one recursion step
//! per token): reading serde attributes, keeping only `#[cfg]`s, making names.
//!
//! The input is ordinary Rust with markers; everything else passes through.
//!
//! | marker | becomes |
//! | --- | --- |
//! | `@cfgs [[attr]..]` | the `#[cfg(..)]` attributes among them |
//! | `@de_attrs [[attr]..]` | the attributes serde's derive reads: `serde(..)`, `cfg(..)`, `cfg_attr(p, serde(..))` |
//! | `@serde_attrs (path) [[attr]..]` | a const expression of `path` (a `SerdeAttrs`) |
//! | `@docs [[attr]..]` | `[doc, doc, ..]`: the values of the `doc = ..` attributes |
//! | `@if_doc [[attr]..] {then} {else}` | `then` when a `doc` attribute is present, else `else` |
//! | `@open_attrs {#[..]..}` | the attributes with a `macro_rules!` fragment (`#[$m]`, `$m:meta`) opened, so later `macro_rules!` see their words |
//! | `@unless_renamed [[attr]..] {tokens}` | `tokens` unless a `serde(rename ..)` is present |
//! | `@if_serde_word (word) [[attr]..] {tokens}` | `tokens` when a bare `serde(word)` is present |
//! | `@lit (tokens)` | a string literal of the tokens written without spaces |
//! | `@ident (tokens)` | an identifier of the tokens written without spaces |
//! | `@no_self (ty) {tokens}` | `tokens` with every `Self` replaced by `ty` |
//! | `@schema_docs {item}` | the item with its doc comments also as `schemars(title, description)` (see `schema_docs`) |
//! | `@struct_de {..}` | a struct's `Deserialize`: lean, or serde's derive; and its lean `Serialize` where `@ser_derive` left the derive off (see `struct_de`) |
//! | `@ser_derive (path) [generics] [[attr]..] {twin}` | `path,` (serde's `Serialize` derive) unless the struct's `Serialize` is lean (see `struct_de`) |
//! | `@enum_de {..}` | a unit-only enum's `Deserialize`: lean, or serde's derive (see `enum_de`) |
//! | `@struct_schema {..}` | a struct's item and `JsonSchema`: lean, or schemars' derive (see `struct_schema`) |
//! | `@deprecated_scope [[attr]..] {tokens}` | `tokens`, each `@allow_deprecated` in them becoming `#[allow(deprecated)]` when a `deprecated` attribute is among the attributes, else nothing |
//! | `@allow_deprecated` | (outside a scope) `#[allow(deprecated)]` |

use std::str::FromStr;

use proc_macro::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// Rewrites every marker in `input`.
pub fn expand(input: TokenStream) -> TokenStream {
    let mut out = Vec::new();
    process(input, &mut out, None);
    out.into_iter().collect()
}

/// `deprecated`: inside a `@deprecated_scope`, whether its attributes mark
/// something deprecated (what `@allow_deprecated` becomes); outside one,
/// `None`.
fn process(input: TokenStream, out: &mut Vec<TokenTree>, deprecated: Option<&[TokenTree]>) {
    let mut iter = input.into_iter().peekable();
    while let Some(tt) = iter.next() {
        match tt {
            TokenTree::Punct(p) if p.as_char() == '@' => {
                let name = match iter.peek() {
                    Some(TokenTree::Ident(name)) => name.to_string(),
                    _ => {
                        out.push(TokenTree::Punct(p));
                        continue;
                    }
                };
                let arity = match name.as_str() {
                    "allow_deprecated" => 0,
                    "cfgs" | "de_attrs" | "docs" | "lit" | "ident" | "schema_docs"
                    | "struct_de" | "enum_de" | "struct_schema" | "open_attrs" => 1,
                    "serde_attrs" | "unless_renamed" | "no_self" | "deprecated_scope" => 2,
                    "if_doc" | "if_serde_word" => 3,
                    "ser_derive" => 4,
                    _ => {
                        out.push(TokenTree::Punct(p));
                        continue;
                    }
                };
                iter.next();
                if name == "allow_deprecated" {
                    match deprecated {
                        Some(allows) => out.extend(allows.iter().cloned()),
                        None => out.extend(allow_deprecated()),
                    }
                    continue;
                }
                let mut args = Vec::with_capacity(arity);
                for _ in 0..arity {
                    match iter.next() {
                        Some(TokenTree::Group(g)) => args.push(g),
                        _ => {
                            out.extend(error(&format!("malformed `@{name}` marker")));
                            return;
                        }
                    }
                }
                if name == "deprecated_scope" {
                    let allows = deprecation_allows(&attrs(&args[0]));
                    process(args[1].stream(), out, Some(&allows));
                    continue;
                }
                let produced = marker(&name, &args);
                // A marker's output may hold further markers (e.g. `@no_self`).
                process(produced.into_iter().collect(), out, deprecated);
            }
            TokenTree::Group(g) => {
                let mut inner = Vec::new();
                process(g.stream(), &mut inner, deprecated);
                out.push(regroup(&g, inner));
            }
            other => out.push(other),
        }
    }
}

fn marker(name: &str, args: &[Group]) -> Vec<TokenTree> {
    match name {
        "cfgs" => attrs(&args[0])
            .into_iter()
            .filter(|a| first_ident(a).as_deref() == Some("cfg"))
            .flat_map(|a| attribute(a.into_iter().collect()))
            .collect(),
        "de_attrs" => attrs(&args[0])
            .into_iter()
            .filter_map(de_attr)
            .flat_map(attribute)
            .collect(),
        "docs" => {
            let docs: Vec<Vec<TokenTree>> =
                attrs(&args[0]).into_iter().filter_map(doc_value).collect();
            let mut inner = Vec::new();
            for (i, doc) in docs.into_iter().enumerate() {
                if i > 0 {
                    inner.push(punct(','));
                }
                inner.extend(doc);
            }
            vec![group(Delimiter::Bracket, inner)]
        }
        "open_attrs" => args[0]
            .stream()
            .into_iter()
            .map(|tt| match tt {
                TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => {
                    regroup(&g, opened(g.stream()))
                }
                other => other,
            })
            .collect(),
        "if_doc" => {
            let has_doc = attrs(&args[0]).into_iter().any(|a| doc_value(a).is_some());
            let chosen = if has_doc { &args[1] } else { &args[2] };
            chosen.stream().into_iter().collect()
        }
        "unless_renamed" => {
            let renames: Vec<Option<Vec<TokenTree>>> = serde_items_with_predicates(&args[0])
                .into_iter()
                .filter(|(_, item)| item.key == "rename")
                .map(|(predicate, _)| predicate)
                .collect();
            match renames.as_slice() {
                [] => args[1].stream().into_iter().collect(),
                // Renamed under a `cfg_attr`: ours applies when it does not.
                [Some(predicate)] => unless(predicate, args[1].stream()),
                _ => Vec::new(),
            }
        }
        "if_serde_word" => {
            let word = flat_text(args[0].stream());
            let found = serde_items_with_predicates(&args[1])
                .into_iter()
                .find(|(_, item)| item.key == word && item.value.is_none());
            match found {
                None => Vec::new(),
                Some((None, _)) => args[2].stream().into_iter().collect(),
                Some((Some(predicate), _)) => {
                    let mut out = vec![
                        punct('#'),
                        group(
                            Delimiter::Bracket,
                            vec![
                                TokenTree::Ident(Ident::new("cfg", Span::call_site())),
                                group(Delimiter::Parenthesis, predicate),
                            ],
                        ),
                    ];
                    out.extend(args[2].stream());
                    out
                }
            }
        }
        "serde_attrs" => serde_attrs(&args[0], &args[1]),
        "lit" => vec![TokenTree::Literal(Literal::string(&flat_text(
            args[0].stream(),
        )))],
        "ident" => {
            let text = flat_text(args[0].stream());
            vec![TokenTree::Ident(Ident::new(&text, Span::call_site()))]
        }
        "no_self" => replace_self(args[1].stream(), &args[0].stream()),
        "schema_docs" => crate::schema_docs::schema_docs(args[0].stream()),
        "struct_de" => crate::struct_de::struct_de(args[0].stream()),
        "ser_derive" => crate::struct_de::ser_derive(args),
        "enum_de" => crate::enum_de::enum_de(args[0].stream()),
        "struct_schema" => crate::struct_schema::struct_schema(args[0].stream()),
        _ => Vec::new(),
    }
}

/// A marker's `N` arguments, each a group; else the error the marker
/// expands to (it names the marker).
pub(crate) fn marker_args<const N: usize>(
    tokens: TokenStream,
    marker: &str,
) -> Result<[Group; N], Vec<TokenTree>> {
    let groups: Vec<Group> = tokens
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Group(g) => Some(g),
            _ => None,
        })
        .collect::<Option<_>>()
        .unwrap_or_default();
    groups
        .try_into()
        .map_err(|_| error(&format!("malformed `@{marker}` marker")))
}

/// A `cfg_attr(predicate, attr, ..)` attribute's predicate and attributes.
pub(crate) fn cfg_attr_parts(attr: &[TokenTree]) -> Option<(Vec<TokenTree>, Vec<Vec<TokenTree>>)> {
    if first_ident(attr).as_deref() != Some("cfg_attr") {
        return None;
    }
    let Some(TokenTree::Group(args)) = attr.get(1) else {
        return None;
    };
    let mut parts = split_commas(args.stream());
    if parts.len() < 2 {
        return None;
    }
    let predicate = parts.remove(0);
    Some((predicate, parts))
}

/// `#[allow(deprecated)]`.
pub(crate) fn allow_deprecated() -> Vec<TokenTree> {
    attribute(
        [
            TokenTree::Ident(Ident::new("allow", Span::call_site())),
            group(
                Delimiter::Parenthesis,
                vec![TokenTree::Ident(Ident::new(
                    "deprecated",
                    Span::call_site(),
                ))],
            ),
        ]
        .into_iter()
        .collect(),
    )
}

/// Whether an attribute (its tokens inside `#[..]`) marks its item
/// deprecated: `deprecated`, `deprecated = ".."` or `deprecated(..)`.
pub(crate) fn is_deprecated(attr: &[TokenTree]) -> bool {
    first_ident(attr).as_deref() == Some("deprecated")
}

/// The `allow(deprecated)` the code written for an item with these
/// attributes needs: `#[allow(deprecated)]` when one marks it deprecated,
/// `#[cfg_attr(p, allow(deprecated))]` for each `cfg_attr(p, .., deprecated)`
/// (so that a crate forbidding the lint still compiles when `p` is false),
/// else nothing: a crate that forbids the lint cannot allow it.
pub(crate) fn deprecation_allows(attrs: &[Vec<TokenTree>]) -> Vec<TokenTree> {
    let mut out = Vec::new();
    for attr in attrs {
        // A `$m:meta` a user's macro forwarded, as what it holds.
        let attr = opened(attr.iter().cloned().collect());
        if is_deprecated(&attr) {
            return allow_deprecated();
        }
        let Some((predicate, parts)) = cfg_attr_parts(&attr) else {
            continue;
        };
        // Each `#[..]` its attributes need (nested `cfg_attr`s included),
        // under its predicate.
        for needed in deprecation_allows(&parts) {
            let TokenTree::Group(g) = needed else {
                continue;
            };
            let mut inner = predicate.clone();
            inner.push(punct(','));
            inner.extend(g.stream());
            out.extend(attribute(
                [
                    TokenTree::Ident(Ident::new("cfg_attr", Span::call_site())),
                    group(Delimiter::Parenthesis, inner),
                ]
                .into_iter()
                .collect(),
            ));
        }
    }
    out
}

/// The attributes of a `[[attr] [attr] ..]` group, each as its tokens. An
/// attribute forwarded by a user's macro as a `meta` fragment arrives wrapped
/// in an invisible group: it is opened, so `#[$m]` reads as what `$m` holds.
pub(crate) fn attrs(list: &Group) -> Vec<Vec<TokenTree>> {
    list.stream()
        .into_iter()
        .filter_map(|tt| match tt {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => Some(opened(g.stream())),
            _ => None,
        })
        .collect()
}

/// The tokens with invisible groups (a `macro_rules!` fragment such as
/// `$m:meta` or `$l:literal`) opened, when they are all there is.
pub(crate) fn opened(tokens: TokenStream) -> Vec<TokenTree> {
    let mut tokens: Vec<TokenTree> = tokens.into_iter().collect();
    while let [TokenTree::Group(g)] = tokens.as_slice()
        && g.delimiter() == Delimiter::None
    {
        tokens = g.stream().into_iter().collect();
    }
    tokens
}

pub(crate) fn first_ident(attr: &[TokenTree]) -> Option<String> {
    match attr.first() {
        Some(TokenTree::Ident(i)) => Some(i.to_string()),
        _ => None,
    }
}

/// `#[tokens]`.
pub(crate) fn attribute(tokens: TokenStream) -> Vec<TokenTree> {
    vec![
        punct('#'),
        group(Delimiter::Bracket, tokens.into_iter().collect()),
    ]
}

pub(crate) fn punct(c: char) -> TokenTree {
    TokenTree::Punct(Punct::new(c, Spacing::Alone))
}

/// `g` with new contents, keeping its delimiter and span.
pub(crate) fn regroup(g: &Group, tokens: Vec<TokenTree>) -> TokenTree {
    let mut group = Group::new(g.delimiter(), tokens.into_iter().collect());
    group.set_span(g.span());
    TokenTree::Group(group)
}

fn group(delimiter: Delimiter, tokens: Vec<TokenTree>) -> TokenTree {
    TokenTree::Group(Group::new(delimiter, tokens.into_iter().collect()))
}

pub(crate) fn error(message: &str) -> Vec<TokenTree> {
    let msg = TokenTree::Literal(Literal::string(message));
    vec![
        TokenTree::Punct(Punct::new(':', Spacing::Joint)),
        TokenTree::Punct(Punct::new(':', Spacing::Alone)),
        TokenTree::Ident(Ident::new("core", Span::call_site())),
        TokenTree::Punct(Punct::new(':', Spacing::Joint)),
        TokenTree::Punct(Punct::new(':', Spacing::Alone)),
        TokenTree::Ident(Ident::new("compile_error", Span::call_site())),
        punct('!'),
        group(Delimiter::Parenthesis, vec![msg]),
        punct(';'),
    ]
}

/// The value of a `doc = value` attribute.
pub(crate) fn doc_value(attr: Vec<TokenTree>) -> Option<Vec<TokenTree>> {
    let mut it = attr.into_iter();
    match (it.next(), it.next()) {
        (Some(TokenTree::Ident(i)), Some(TokenTree::Punct(p)))
            if i.to_string() == "doc" && p.as_char() == '=' =>
        {
            Some(it.collect())
        }
        _ => None,
    }
}

/// The part of an attribute serde's derive reads, if any.
fn de_attr(attr: Vec<TokenTree>) -> Option<TokenStream> {
    match first_ident(&attr).as_deref() {
        Some("serde") => Some(respan_default_path(attr).into_iter().collect()),
        // `deprecated` too: serde then allows its own uses of deprecated items.
        Some("cfg" | "deprecated") => Some(attr.into_iter().collect()),
        Some("cfg_attr") => {
            let (predicate, parts) = cfg_attr_parts(&attr)?;
            let kept: Vec<Vec<TokenTree>> = parts
                .into_iter()
                .filter(|p| first_ident(p).as_deref() == Some("serde"))
                .collect();
            if kept.is_empty() {
                return None;
            }
            let mut inner = predicate;
            for part in kept {
                inner.push(punct(','));
                inner.extend(part);
            }
            Some(
                [
                    TokenTree::Ident(Ident::new("cfg_attr", Span::call_site())),
                    group(Delimiter::Parenthesis, inner),
                ]
                .into_iter()
                .collect(),
            )
        }
        _ => None,
    }
}

/// `serde(..., default = "path", ...)` with the path's literal spanned like
/// the derive that reads it. serde binds the container default to a local
/// (`__default`) named with the literal's span and uses it with the derive's
/// own: both must come from the same expansion, or the local is not found.
fn respan_default_path(attr: Vec<TokenTree>) -> Vec<TokenTree> {
    let [TokenTree::Ident(serde), TokenTree::Group(args)] = attr.as_slice() else {
        return attr;
    };
    let mut out = Vec::new();
    let mut previous: [Option<String>; 2] = [None, None];
    for tt in args.stream() {
        let tt = match tt {
            TokenTree::Literal(lit)
                if previous[0].as_deref() == Some("default")
                    && previous[1].as_deref() == Some("=") =>
            {
                let mut lit = lit;
                lit.set_span(Span::call_site());
                TokenTree::Literal(lit)
            }
            other => other,
        };
        previous = [previous[1].take(), Some(tt.to_string())];
        out.push(tt);
    }
    let mut group = Group::new(args.delimiter(), out.into_iter().collect());
    group.set_span(args.span());
    vec![TokenTree::Ident(serde.clone()), TokenTree::Group(group)]
}

/// Splits tokens at top-level commas (empty pieces dropped).
pub(crate) fn split_commas(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut parts = vec![Vec::new()];
    for tt in tokens {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == ',' => parts.push(Vec::new()),
            _ => {
                if let Some(last) = parts.last_mut() {
                    last.push(tt);
                }
            }
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// One item inside `serde(...)`: `key`, `key = "value"` or `key(serialize = "value", ..)`.
pub(crate) struct SerdeItem {
    pub(crate) key: String,
    pub(crate) value: Option<Literal>,
    /// Written `key` or `key = literal`, the forms every item has in serde's
    /// own grammar (not a list such as `rename(deserialize = "..")`).
    pub(crate) plain: bool,
}

/// Every serde item of the attributes, with the `cfg_attr` predicate it
/// applies under (`None`: always).
fn serde_items_with_predicates(list: &Group) -> Vec<(Option<Vec<TokenTree>>, SerdeItem)> {
    let mut out = Vec::new();
    for attr in attrs(list) {
        match first_ident(&attr).as_deref() {
            Some("serde") => {
                for item in serde_items(attr).unwrap_or_default() {
                    out.push((None, item));
                }
            }
            Some("cfg_attr") => {
                let Some((predicate, parts)) = cfg_attr_parts(&attr) else {
                    continue;
                };
                for part in parts {
                    for item in serde_items(part).unwrap_or_default() {
                        out.push((Some(predicate.clone()), item));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// `tokens` (an attribute `#[...]`) under `cfg_attr(not(predicate), ...)`.
fn unless(predicate: &[TokenTree], tokens: TokenStream) -> Vec<TokenTree> {
    let inner: Vec<TokenTree> = tokens
        .into_iter()
        .filter_map(|tt| match tt {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => Some(g.stream()),
            _ => None,
        })
        .flatten()
        .collect();
    let mut args = vec![
        TokenTree::Ident(Ident::new("not", Span::call_site())),
        group(Delimiter::Parenthesis, predicate.to_vec()),
        punct(','),
    ];
    args.extend(inner);
    vec![
        punct('#'),
        group(
            Delimiter::Bracket,
            vec![
                TokenTree::Ident(Ident::new("cfg_attr", Span::call_site())),
                group(Delimiter::Parenthesis, args),
            ],
        ),
    ]
}

/// The items of a `serde(...)` attribute.
fn serde_items(attr: Vec<TokenTree>) -> Option<Vec<SerdeItem>> {
    if first_ident(&attr).as_deref() != Some("serde") {
        return None;
    }
    let Some(TokenTree::Group(args)) = attr.get(1) else {
        return None;
    };
    Some(
        split_commas(args.stream())
            .into_iter()
            .filter_map(serde_item)
            .collect(),
    )
}

pub(crate) fn serde_item(tokens: Vec<TokenTree>) -> Option<SerdeItem> {
    let mut it = tokens.into_iter();
    let key = match it.next()? {
        TokenTree::Ident(i) => i.to_string(),
        _ => return None,
    };
    let rest: Vec<TokenTree> = it.collect();
    let (value, plain) = match rest.as_slice() {
        [] => (None, true),
        // A user's macro may pass the value as a `literal` or `expr` fragment.
        [TokenTree::Punct(p), value] if p.as_char() == '=' => {
            match opened(TokenStream::from(value.clone())).as_slice() {
                [TokenTree::Literal(l)] => (Some(l.clone()), true),
                _ => (None, false),
            }
        }
        // `rename(serialize = "a", deserialize = "b")`: the serialized name
        // names the wire (violations describe values as they are written).
        [TokenTree::Group(g), ..] if g.delimiter() == Delimiter::Parenthesis => {
            let parts = split_commas(g.stream());
            let pick = |which: &str| {
                parts.iter().find_map(|p| match p.as_slice() {
                    [
                        TokenTree::Ident(i),
                        TokenTree::Punct(eq),
                        TokenTree::Literal(l),
                    ] if i.to_string() == which && eq.as_char() == '=' => Some(l.clone()),
                    _ => None,
                })
            };
            // A name given for reading only leaves the written name alone.
            (pick("serialize"), false)
        }
        _ => (None, false),
    };
    Some(SerdeItem { key, value, plain })
}

/// A const block that builds the `SerdeAttrs` of the attributes: serde
/// attributes inside `cfg_attr(p, ..)` apply under `#[cfg(p)]`.
fn serde_attrs(path: &Group, list: &Group) -> Vec<TokenTree> {
    let acc = || TokenTree::Ident(Ident::new("__attrs", Span::mixed_site()));
    let mut body: Vec<TokenTree> = Vec::new();
    // let __attrs = path::NONE;
    body.push(TokenTree::Ident(Ident::new("let", Span::call_site())));
    body.push(acc());
    body.push(punct('='));
    body.extend(path.stream());
    body.push(TokenTree::Punct(Punct::new(':', Spacing::Joint)));
    body.push(TokenTree::Punct(Punct::new(':', Spacing::Alone)));
    body.push(TokenTree::Ident(Ident::new("NONE", Span::call_site())));
    body.push(punct(';'));
    for attr in attrs(list) {
        let (predicate, serde_parts): (Option<Vec<TokenTree>>, Vec<Vec<TokenTree>>) =
            match first_ident(&attr).as_deref() {
                Some("serde") => (None, vec![attr]),
                Some("cfg_attr") => match cfg_attr_parts(&attr) {
                    Some((predicate, parts)) => (Some(predicate), parts),
                    None => continue,
                },
                _ => continue,
            };
        for part in serde_parts {
            let Some(items) = serde_items(part) else {
                continue;
            };
            for item in items {
                let (method, takes_value) = match item.key.as_str() {
                    "rename" => ("rename", true),
                    "rename_all" => ("rename_all", true),
                    "rename_all_fields" => ("rename_all_fields", true),
                    "tag" => ("tag", true),
                    "content" => ("content", true),
                    "untagged" => ("untagged", false),
                    "flatten" => ("flatten", false),
                    "transparent" => ("transparent", false),
                    // Not on the written wire, or never read back: nothing to
                    // locate there, and nothing a generator may vary.
                    "skip" | "skip_serializing" | "skip_deserializing" => ("skip", false),
                    _ => continue,
                };
                let args = match (takes_value, item.value) {
                    (true, Some(v)) => vec![TokenTree::Literal(v)],
                    (true, None) => continue,
                    (false, _) => Vec::new(),
                };
                if let Some(pred) = &predicate {
                    body.push(punct('#'));
                    body.push(group(
                        Delimiter::Bracket,
                        vec![
                            TokenTree::Ident(Ident::new("cfg", Span::call_site())),
                            group(Delimiter::Parenthesis, pred.clone()),
                        ],
                    ));
                }
                body.push(TokenTree::Ident(Ident::new("let", Span::call_site())));
                body.push(acc());
                body.push(punct('='));
                body.push(acc());
                body.push(punct('.'));
                body.push(TokenTree::Ident(Ident::new(method, Span::call_site())));
                body.push(group(Delimiter::Parenthesis, args));
                body.push(punct(';'));
            }
        }
    }
    body.push(acc());
    vec![group(Delimiter::Brace, body)]
}

/// The tokens written without spaces: idents (without `r#`), string literals
/// by their value, everything else as written.
pub(crate) fn flat_text(tokens: TokenStream) -> String {
    let mut out = String::new();
    for tt in tokens {
        match tt {
            TokenTree::Ident(i) => {
                let s = i.to_string();
                out.push_str(s.strip_prefix("r#").unwrap_or(&s));
            }
            TokenTree::Literal(l) => {
                let s = l.to_string();
                match s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
                    Some(inner) => out.push_str(inner),
                    None => out.push_str(&s),
                }
            }
            TokenTree::Punct(p) => out.push(p.as_char()),
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                out.push_str(&flat_text(g.stream()));
                out.push_str(close);
            }
        }
    }
    out
}

/// `code` (source text written by a marker) as tokens, every `__GT_*`
/// identifier replaced by what `hole` gives for the rest of its name: the
/// tokens a user wrote keep their own spans, hygiene and edition, never
/// passing through the text. `None` when the text does not parse.
pub(crate) fn fill_holes(
    code: &str,
    hole: &dyn Fn(&str) -> Option<TokenStream>,
) -> Option<Vec<TokenTree>> {
    fn walk(stream: TokenStream, hole: &dyn Fn(&str) -> Option<TokenStream>) -> Vec<TokenTree> {
        let mut out = Vec::new();
        for tt in stream {
            match tt {
                TokenTree::Ident(i) => {
                    let text = i.to_string();
                    match text.strip_prefix("__GT_").and_then(hole) {
                        Some(tokens) => out.extend(tokens),
                        None => out.push(TokenTree::Ident(i)),
                    }
                }
                TokenTree::Group(g) => {
                    let inner = walk(g.stream(), hole);
                    out.push(regroup(&g, inner));
                }
                other => out.push(other),
            }
        }
        out
    }
    let stream: TokenStream = code.parse().ok()?;
    Some(walk(stream, hole))
}

pub(crate) fn replace_self(tokens: TokenStream, with: &TokenStream) -> Vec<TokenTree> {
    let mut out = Vec::new();
    for tt in tokens {
        match tt {
            TokenTree::Ident(i) if i.to_string() == "Self" => out.extend(with.clone()),
            TokenTree::Group(g) => out.push(regroup(&g, replace_self(g.stream(), with))),
            other => out.push(other),
        }
    }
    out
}

/// The tokens of `text` when they are a plain path ([`is_plain_path`]): how
/// the lean forms read a path given as a string (`default = "path"`,
/// `skip_serializing_if`, `schema_with`); `None` leaves it to the derive.
pub(crate) fn plain_path(text: &str) -> Option<TokenStream> {
    let tokens = TokenStream::from_str(text).ok()?;
    is_plain_path(&tokens.clone().into_iter().collect::<Vec<_>>()).then_some(tokens)
}

/// Whether `tokens` are a path as syn reads one without generic arguments:
/// `[::] segment (:: segment)*`, each segment an identifier that is not a
/// keyword (`crate`, `self`, `super` and `Self` are segments).
fn is_plain_path(tokens: &[TokenTree]) -> bool {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern",
        "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
        "pub", "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use",
        "where", "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv",
        "typeof", "unsized", "virtual", "yield", "try", "gen", "_",
    ];
    let colons = |i: usize| {
        matches!(
            (tokens.get(i), tokens.get(i + 1)),
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
        )
    };
    let mut i = if colons(0) { 2 } else { 0 };
    loop {
        match tokens.get(i) {
            Some(TokenTree::Ident(segment))
                if !KEYWORDS.contains(&segment.to_string().as_str()) => {}
            _ => return false,
        }
        i += 1;
        if i == tokens.len() {
            return true;
        }
        if !colons(i) {
            return false;
        }
        i += 2;
    }
}

/// The holes of a lean impl's text that name its item: `KRATE` (`$crate`),
/// `NAME`, `CA` (the container attributes, for `@cfgs`) and `ALLOW` (its
/// `allow(deprecated)`, see [`deprecation_allows`]).
pub(crate) fn item_hole(
    rest: &str,
    krate: &TokenStream,
    name: &Ident,
    container: &Group,
    allow: &[TokenTree],
) -> Option<TokenStream> {
    Some(match rest {
        "KRATE" => krate.clone(),
        "NAME" => TokenTree::Ident(name.clone()).into(),
        "CA" => TokenTree::Group(container.clone()).into(),
        "ALLOW" => allow.iter().cloned().collect(),
        _ => return None,
    })
}
