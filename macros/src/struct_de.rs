//! `@struct_de {..}`: a struct's `Deserialize`, written lean when its serde
//! attributes allow, else serde's own derive (the fallback tokens given); and
//! its `Serialize` when that can be lean (`@ser_derive` then left serde's
//! derive off the item).
//!
//! ```text
//! @struct_de { ($crate) (Name) ((Name<T>)) [T] [[container attr]..] [check path?]
//!              { [[field attr]..] field: Type, .. }
//!              { fallback tokens } }
//! ```
//!
//! serde's derive gives every struct a field enum, a visitor for it and a
//! `Deserialize` for it, all generic over the input format, and type-checking
//! them is a third of the crate's build. The lean form keeps one generic
//! `read` per struct, which `visit_map` and `visit_seq` both call through the
//! shared `__private::Fields` (a map's entries or a sequence's elements), and
//! reads keys through one shared table visitor (`__private::FieldKey`). It behaves as serde's derive does: the
//! same names (`rename`, `rename_all`, `alias`), defaults (field, path and
//! container), skipped fields, duplicate, missing and unknown field errors
//! with serde's messages, the sequence form for formats that are not
//! human-readable, and `Option` fields that may be absent.
//!
//! Only serde attributes read here take the lean form; any other (`flatten`,
//! `with`, `deserialize_with`, `borrow`, a field under `#[cfg]`, a serde
//! attribute under `cfg_attr`, a malformed one) keeps serde's derive, which
//! also reports any mistake in them. So do a field declared twice and two
//! fields answering to one name (an alias or rename equal to another field's
//! name), for serde's derive warns that the second can never be read.
//!
//! The lean `Serialize` (see `__private::struct_ser`) takes the same serde
//! attributes, less `serialize_with`/`with`, and also keeps serde's derive
//! for a generic struct (serde infers its bounds per parameter) and a field
//! under `#[cfg]`. A `default` or `skip_serializing_if` string that is not a
//! plain path (`is_plain_path`: no generic arguments, no qualified self,
//! nothing else) keeps both derives, which read or refuse it. It makes
//! serde's calls; the one difference is that a `skip_serializing_if`
//! predicate is asked once per write, where serde's derive asks it twice.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use proc_macro::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};

use crate::expand::{
    attrs, deprecation_allows, error, fill_holes, first_ident, item_hole, marker_args, opened,
    plain_path, punct, replace_self, serde_item, split_commas,
};
use crate::schema_docs::string_value;

/// The marker's expansion.
pub fn struct_de(tokens: TokenStream) -> Vec<TokenTree> {
    let args = match marker_args(tokens, "struct_de") {
        Ok(args) => args,
        Err(e) => return e,
    };
    let [
        krate,
        name,
        selfty,
        generics,
        container,
        check,
        fields,
        fallback,
    ] = &args;
    // `allow(deprecated)` only where needed: a crate that forbids the lint
    // cannot take it (serde's derive decides the same way).
    let allow = {
        let mut lists = attrs(container);
        if let Some(parts) = field_parts(fields) {
            for p in parts {
                lists.extend(attrs(&p.list));
            }
        }
        deprecation_allows(&lists)
    };
    let Some(name) = single_ident(name) else {
        return fallback.stream().into_iter().collect();
    };
    // The struct's `Serialize`, when lean (else `@ser_derive` kept serde's
    // derive on the item), whatever its `Deserialize` takes.
    let mut out = match lean_ser(generics, container, fields) {
        Some(ser) => emit_ser(krate, &name, container, &allow, &ser),
        None => Vec::new(),
    };
    let lean = Container::read(container).and_then(|c| {
        let fields = read_fields(fields, &c, &selfty.stream())?;
        Some((c, fields))
    });
    let Some((c, fields)) = lean else {
        out.extend(fallback.stream());
        return out;
    };
    let generics: Vec<Ident> = generics
        .stream()
        .into_iter()
        .filter_map(|tt| match tt {
            TokenTree::Ident(i) => Some(i),
            _ => None,
        })
        .collect();
    let code = emit(&name.to_string(), generics.len(), &c, &fields);
    let holes = Holes {
        krate: krate.stream(),
        name,
        generics: &generics,
        container,
        check,
        fields: &fields,
        allow,
    };
    out.extend(
        fill_holes(&code, &|rest| holes.hole(rest))
            .unwrap_or_else(|| error("`@struct_de` wrote code that does not parse")),
    );
    out
}

/// `@ser_derive (path) [generics] [[container attr]..] { struct (Name) { [[field attr]..] field: Type, .. } }`:
/// `path,` (serde's `Serialize` derive) unless the struct's `Serialize` is
/// lean, which the `@struct_de` marker then writes from the same attributes.
pub fn ser_derive(args: &[Group]) -> Vec<TokenTree> {
    let [path, generics, container, twin] = args else {
        return error("malformed `@ser_derive` marker");
    };
    let twin: Vec<TokenTree> = twin.stream().into_iter().collect();
    let lean = match twin.as_slice() {
        [TokenTree::Ident(kind), _, TokenTree::Group(fields)] if kind.to_string() == "struct" => {
            lean_ser(generics, container, fields).is_some()
        }
        _ => false,
    };
    if lean {
        return Vec::new();
    }
    let mut out: Vec<TokenTree> = path.stream().into_iter().collect();
    out.push(punct(','));
    out
}

/// A field a lean `Serialize` writes.
struct SerField {
    member: Ident,
    wire: String,
    /// `skip_serializing_if = "path"`: the path's tokens.
    skip_if: Option<TokenStream>,
}

/// The container's `rename` and the fields of a struct whose `Serialize`
/// can be lean: not generic (serde's derive infers bounds per parameter), no
/// field under `cfg`, and only serde attributes the lean form reads (those
/// of [`Container::read`] and [`FieldSerde::read`], without `serialize_with`
/// or `with`; a path that is not a plain path, as `is_plain_path` reads one).
/// `None` keeps serde's derive.
fn lean_ser(
    generics: &Group,
    container: &Group,
    fields: &Group,
) -> Option<(Option<String>, Vec<SerField>)> {
    if !generics.stream().is_empty() {
        return None;
    }
    let c = Container::read(container)?;
    let mut out = Vec::new();
    for part in field_parts(fields)? {
        let f = FieldSerde::read(&part.list)?;
        if f.serialize_with {
            return None;
        }
        if f.skip_ser {
            continue;
        }
        out.push(SerField {
            wire: part.wire(f.rename, &c),
            member: part.member,
            skip_if: f.skip_if,
        });
    }
    Some((c.rename, out))
}

/// The lean `Serialize`: serde's calls, made by `struct_ser::serialize`
/// from the fields as a balanced tree of pairs.
fn emit_ser(
    krate: &Group,
    name: &Ident,
    container: &Group,
    allow: &[TokenTree],
    (rename, fields): &(Option<String>, Vec<SerField>),
) -> Vec<TokenTree> {
    let p = "__GT_KRATE::__private::struct_ser";
    let serde = "__GT_KRATE::__private::serde";
    let text = name.to_string();
    let ser_name = match rename {
        Some(rename) => rename.as_str(),
        None => text.strip_prefix("r#").unwrap_or(&text),
    };
    let leaves: Vec<String> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let wire = &f.wire;
            match f.skip_if {
                None => format!("{p}::Field({wire:?}, &self.__GT_M_{i})"),
                Some(_) => format!(
                    "{p}::SkipIf({wire:?}, &self.__GT_M_{i}, __GT_SKIP_{i}(&self.__GT_M_{i}))"
                ),
            }
        })
        .collect();
    // A balanced tree of pairs: the trait solver's depth is the logarithm
    // of the field count (a `recursion_limit` is never near).
    fn tree(leaves: &[String]) -> String {
        match leaves {
            [] => "()".to_owned(),
            [leaf] => leaf.clone(),
            _ => {
                let (left, right) = leaves.split_at(leaves.len() / 2);
                format!("({}, {})", tree(left), tree(right))
            }
        }
    }
    let list = tree(&leaves);
    let code = format!(
        "@cfgs __GT_CA
        #[automatically_derived]
        #[allow(unused_qualifications, clippy::absolute_paths)]
        __GT_ALLOW
        impl {serde}::Serialize for __GT_NAME {{
            fn serialize<__S: {serde}::Serializer>(&self, __serializer: __S)
                -> ::core::result::Result<__S::Ok, __S::Error> {{
                {p}::serialize(__serializer, {ser_name:?}, {list})
            }}
        }}"
    );
    let hole = |rest: &str| -> Option<TokenStream> {
        let field = |prefix: &str| {
            let i: usize = rest.strip_prefix(prefix)?.parse().ok()?;
            fields.get(i)
        };
        if let Some(tokens) = item_hole(rest, &krate.stream(), name, container, allow) {
            return Some(tokens);
        }
        match field("M_") {
            Some(f) => Some(TokenTree::Ident(f.member.clone()).into()),
            None => field("SKIP_")?.skip_if.clone(),
        }
    };
    fill_holes(&code, &hole).unwrap_or_else(|| error("`@struct_de` wrote code that does not parse"))
}

/// The one identifier in `group` (opening invisible groups).
pub(crate) fn single_ident(group: &Group) -> Option<Ident> {
    match opened(group.stream()).as_slice() {
        [TokenTree::Ident(i)] => Some(i.clone()),
        _ => None,
    }
}

/// The container attributes the lean form reads.
pub(crate) struct Container {
    pub(crate) rename: Option<String>,
    pub(crate) rule: Option<fn(&str) -> String>,
    pub(crate) default: bool,
    pub(crate) deny_unknown: bool,
}

impl Container {
    pub(crate) fn read(list: &Group) -> Option<Self> {
        let mut c = Container {
            rename: None,
            rule: None,
            default: false,
            deny_unknown: false,
        };
        for item in serde_items(list)? {
            match (item.key.as_str(), item.value) {
                ("rename", Some(v)) if c.rename.is_none() => c.rename = Some(v),
                ("rename_all", Some(v)) if c.rule.is_none() => c.rule = Some(rename_rule(&v)?),
                ("default", None) if !c.default => c.default = true,
                ("deny_unknown_fields", None) if !c.deny_unknown => c.deny_unknown = true,
                _ => return None,
            }
        }
        Some(c)
    }
}

/// Where a field's value comes from when the input does not give it.
pub(crate) enum Absent {
    /// serde's: `None` for an `Option`, else a "missing field" error.
    Error,
    /// `#[serde(default)]`.
    Trait,
    /// `#[serde(default = "path")]`: the path's tokens.
    Path(TokenStream),
}

struct Field {
    member: Ident,
    ty: TokenStream,
    /// The names it is read under, sorted (serde's order); empty when skipped.
    names: BTreeSet<String>,
    /// The name in messages ("missing field `x`").
    wire: String,
    default: Absent,
}

/// One field of the marker's `{ [[attr]..] field: Type, .. }`.
pub(crate) struct FieldParts {
    /// Its attributes, `[[attr]..]`.
    pub(crate) list: Group,
    pub(crate) member: Ident,
    pub(crate) ty: Vec<TokenTree>,
}

impl FieldParts {
    /// The field's name on the wire: its `rename`, else its name (without
    /// `r#`) under the container's `rename_all`.
    pub(crate) fn wire(&self, rename: Option<String>, c: &Container) -> String {
        let text = self.member.to_string();
        let plain = text.strip_prefix("r#").unwrap_or(&text);
        match rename {
            Some(name) => name,
            None => c.rule.map_or_else(|| plain.to_owned(), |rule| rule(plain)),
        }
    }
}

/// The fields of `group`; `None` when one is malformed or declared twice (the
/// compiler's to report, as a derive leaves it).
pub(crate) fn field_parts(group: &Group) -> Option<Vec<FieldParts>> {
    let mut out: Vec<FieldParts> = Vec::new();
    for part in split_commas(group.stream()) {
        let [
            TokenTree::Group(list),
            TokenTree::Ident(member),
            TokenTree::Punct(colon),
            ty @ ..,
        ] = part.as_slice()
        else {
            return None;
        };
        if list.delimiter() != Delimiter::Bracket || colon.as_char() != ':' || ty.is_empty() {
            return None;
        }
        let text = member.to_string();
        if out.iter().any(|f| f.member.to_string() == text) {
            return None;
        }
        out.push(FieldParts {
            list: list.clone(),
            member: member.clone(),
            ty: ty.to_vec(),
        });
    }
    Some(out)
}

/// The serde attributes of one field that the lean markers read.
pub(crate) struct FieldSerde {
    pub(crate) rename: Option<String>,
    pub(crate) aliases: BTreeSet<String>,
    /// `default` ([`Absent::Trait`]) or `default = "path"` ([`Absent::Path`]).
    pub(crate) default: Option<Absent>,
    /// `skip` or `skip_deserializing`.
    pub(crate) skip_de: bool,
    /// `skip` or `skip_serializing`.
    pub(crate) skip_ser: bool,
    /// `skip_serializing_if = "path"`: the path's tokens.
    pub(crate) skip_if: Option<TokenStream>,
    /// `serialize_with` (or `with`) is present.
    pub(crate) serialize_with: bool,
    /// `deserialize_with` (or `with`) is present: only the schema, which it
    /// does not change, is lean then.
    pub(crate) deserialize_with: bool,
    /// `with` is present (schemars' derive takes its path for a type whose
    /// schema is the field's, unless `schema_with` says otherwise).
    pub(crate) with: bool,
}

impl FieldSerde {
    /// The field's serde attributes in `list` (`[[attr]..]`); `None` when one
    /// is neither of these, or is given twice (serde's derive then reports it),
    /// and for a field compiled in or out by `cfg`: every lean form leaves
    /// those to the derives.
    pub(crate) fn read(list: &Group) -> Option<Self> {
        if attrs(list)
            .iter()
            .any(|attr| first_ident(attr).as_deref() == Some("cfg"))
        {
            return None;
        }
        let mut f = FieldSerde {
            rename: None,
            aliases: BTreeSet::new(),
            default: None,
            skip_de: false,
            skip_ser: false,
            skip_if: None,
            serialize_with: false,
            deserialize_with: false,
            with: false,
        };
        for item in serde_items(list)? {
            // A path as serde's derive reads one (no generic arguments or
            // qualified self here: those keep the derive, which reads them).
            let path = |v: &str| Some(respan(plain_path(v)?, item.span));
            match (item.key.as_str(), item.value.as_deref()) {
                ("rename", Some(v)) if f.rename.is_none() => f.rename = Some(v.to_owned()),
                ("alias", Some(v)) => {
                    f.aliases.insert(v.to_owned());
                }
                ("default", None) if f.default.is_none() => f.default = Some(Absent::Trait),
                ("default", Some(v)) if f.default.is_none() => {
                    f.default = Some(Absent::Path(path(v)?));
                }
                ("skip", None) if !f.skip_de && !f.skip_ser => {
                    (f.skip_de, f.skip_ser) = (true, true)
                }
                ("skip_deserializing", None) if !f.skip_de => f.skip_de = true,
                ("skip_serializing", None) if !f.skip_ser => f.skip_ser = true,
                ("skip_serializing_if", Some(v)) if f.skip_if.is_none() => {
                    f.skip_if = Some(path(v)?)
                }
                ("serialize_with", Some(_)) if !f.serialize_with => f.serialize_with = true,
                ("deserialize_with", Some(_)) if !f.deserialize_with => f.deserialize_with = true,
                ("with", Some(_)) if !f.serialize_with && !f.deserialize_with => {
                    (f.serialize_with, f.deserialize_with, f.with) = (true, true, true)
                }
                _ => return None,
            }
        }
        Some(f)
    }
}

fn read_fields(group: &Group, c: &Container, selfty: &TokenStream) -> Option<Vec<Field>> {
    let mut out = Vec::new();
    for part in field_parts(group)? {
        let (list, member, ty) = (&part.list, &part.member, &part.ty);
        // The serializing-only attributes do not change what is read.
        let FieldSerde {
            rename,
            mut aliases,
            default,
            skip_de: skip,
            deserialize_with,
            ..
        } = FieldSerde::read(list)?;
        if deserialize_with {
            return None;
        }
        let wire = part.wire(rename, c);
        let names = if skip {
            BTreeSet::new()
        } else {
            aliases.insert(wire.clone());
            aliases
        };
        // A name two fields answer to: serde's derive warns that the second
        // can never be read; it keeps that warning.
        if names
            .iter()
            .any(|n| out.iter().any(|f: &Field| f.names.contains(n)))
        {
            return None;
        }
        out.push(Field {
            member: member.clone(),
            ty: replace_self(ty.iter().cloned().collect(), selfty)
                .into_iter()
                .collect(),
            names,
            wire,
            default: default.unwrap_or(Absent::Error),
        });
    }
    (out.len() < usize::from(u16::MAX)).then_some(out)
}

/// One `key` or `key = "string"` inside `serde(..)`.
pub(crate) struct Item {
    pub(crate) key: String,
    pub(crate) value: Option<String>,
    /// The value's span (a default path's errors point at it).
    pub(crate) span: Span,
}

/// Every item of the `serde(..)` attributes in `list`; `None` when one is not
/// of the two plain forms, or a serde attribute sits under `cfg_attr`.
pub(crate) fn serde_items(list: &Group) -> Option<Vec<Item>> {
    let mut out = Vec::new();
    for attr in attrs(list) {
        match first_ident(&attr).as_deref() {
            Some("serde") => {
                let [_, TokenTree::Group(args)] = attr.as_slice() else {
                    return None;
                };
                if args.delimiter() != Delimiter::Parenthesis {
                    return None;
                }
                for part in split_commas(args.stream()) {
                    let item = serde_item(part).filter(|item| item.plain)?;
                    out.push(match item.value {
                        None => Item {
                            key: item.key,
                            value: None,
                            span: Span::call_site(),
                        },
                        Some(lit) => Item {
                            key: item.key,
                            value: Some(string_value(&lit.to_string())?),
                            span: lit.span(),
                        },
                    });
                }
            }
            Some("cfg_attr") if mentions_serde(attr) => return None,
            _ => {}
        }
    }
    Some(out)
}

fn mentions_serde(tokens: Vec<TokenTree>) -> bool {
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => i.to_string() == "serde",
        TokenTree::Group(g) => mentions_serde(g.stream().into_iter().collect()),
        _ => false,
    })
}

/// serde's `rename_all` rules for struct fields (`RenameRule::apply_to_field`).
fn rename_rule(rule: &str) -> Option<fn(&str) -> String> {
    fn same(f: &str) -> String {
        f.to_owned()
    }
    fn upper(f: &str) -> String {
        f.to_ascii_uppercase()
    }
    fn pascal(f: &str) -> String {
        let mut out = String::new();
        let mut capitalize = true;
        for ch in f.chars() {
            if ch == '_' {
                capitalize = true;
            } else if capitalize {
                out.push(ch.to_ascii_uppercase());
                capitalize = false;
            } else {
                out.push(ch);
            }
        }
        out
    }
    fn camel(f: &str) -> String {
        let p = pascal(f);
        match p.chars().next() {
            Some(first) => first.to_ascii_lowercase().to_string() + &p[first.len_utf8()..],
            None => p,
        }
    }
    fn kebab(f: &str) -> String {
        f.replace('_', "-")
    }
    fn screaming_kebab(f: &str) -> String {
        f.to_ascii_uppercase().replace('_', "-")
    }
    Some(match rule {
        "lowercase" | "snake_case" => same,
        "UPPERCASE" | "SCREAMING_SNAKE_CASE" => upper,
        "PascalCase" => pascal,
        "camelCase" => camel,
        "kebab-case" => kebab,
        "SCREAMING-KEBAB-CASE" => screaming_kebab,
        _ => return None,
    })
}

pub(crate) fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Group(g) => {
                let mut inner = Group::new(g.delimiter(), respan(g.stream(), span));
                inner.set_span(span);
                TokenTree::Group(inner)
            }
            mut other => {
                other.set_span(span);
                other
            }
        })
        .collect()
}

/// The impl as source text, with holes (`__GT_*` identifiers) for the tokens
/// that keep their own spans, hygiene and edition: `$crate`, the type's name
/// and parameters, field names and types, default paths, the container
/// attributes and the check path.
fn emit(name: &str, generics: usize, c: &Container, fields: &[Field]) -> String {
    let p = "__GT_KRATE::__private";
    let serde = "__GT_KRATE::__private::serde";
    let plain_name = name.strip_prefix("r#").unwrap_or(name);
    let de_name = c.rename.as_deref().unwrap_or(plain_name);
    let gens: Vec<String> = (0..generics).map(|j| format!("__GT_G_{j}")).collect();
    let ty_gens = if gens.is_empty() {
        String::new()
    } else {
        format!("<{}>", gens.join(", "))
    };
    let impl_gens: String = gens
        .iter()
        .map(|g| format!(", {g}: {serde}::Deserialize<'de>"))
        .collect();
    let vis_gens: String = gens.iter().map(|g| format!(", {g}")).collect();
    let this = format!("__GT_NAME{ty_gens}");
    let expecting = format!("struct {plain_name}");
    // Fields read from input (not skipped), counted as the sequence form counts them.
    let count = fields.iter().filter(|f| !f.names.is_empty()).count();
    let expecting_seq = match count {
        1 => format!("{expecting} with 1 element"),
        n => format!("{expecting} with {n} elements"),
    };

    // What an absent field becomes, as a method on its `Option` slot.
    let or_else = |i: usize| -> Option<String> {
        match &fields[i].default {
            Absent::Trait => Some(".unwrap_or_default()".to_owned()),
            Absent::Path(_) => Some(format!(".unwrap_or_else(__GT_DEF_{i})")),
            Absent::Error if c.default => Some(format!(".unwrap_or(__default.__GT_M_{i})")),
            Absent::Error => None,
        }
    };
    let default_let = if c.default {
        format!("let __default: {this} = ::core::default::Default::default();")
    } else {
        String::new()
    };

    let (mut decls, mut arms, mut extract, mut members) =
        (String::new(), String::new(), String::new(), String::new());
    let (mut names, mut find_arms) = (Vec::new(), String::new());
    // `k`: the field's index among those read from input.
    let mut k = 0;
    for (i, f) in fields.iter().enumerate() {
        let member = format!("__GT_M_{i}");
        if f.names.is_empty() {
            let or = or_else(i).unwrap_or_else(|| ".unwrap_or_default()".to_owned());
            let value = format!("::core::option::Option::<__GT_TY_{i}>::None{or}");
            let _ = write!(members, "{member}: {value}, ");
        } else {
            let these: Vec<String> = f.names.iter().map(|n| format!("{n:?}")).collect();
            let _ = write!(find_arms, "{} => {k},", these.join(" | "));
            names.extend(these);
            let wire = format!("{:?}", f.wire);
            let _ = write!(members, "{member}: __f{i}, ");
            let _ = write!(
                decls,
                "let mut __f{i}: ::core::option::Option<__GT_TY_{i}> = ::core::option::Option::None;"
            );
            let _ = write!(
                arms,
                "{k} => {p}::Fields::fill(&mut __s, &mut __f{i}, {wire}),"
            );
            // `match`, not `?`: no `Try` impls to resolve per field.
            let _ = match or_else(i) {
                Some(or) => write!(extract, "let __f{i} = __f{i}{or};"),
                None => write!(
                    extract,
                    "let __f{i} = match {p}::Fields::take(&__s, __f{i}, {k}, {wire}) {{
                        ::core::result::Result::Ok(__v) => __v,
                        ::core::result::Result::Err(__e) => return ::core::result::Result::Err(__e),
                    }};"
                ),
            };
            k += 1;
        }
    }

    // One generic `read` builds the struct from either form ([`Fields`]), so
    // each field's code is type-checked once, not once per visitor method.
    format!(
        "@cfgs __GT_CA
        __GT_ALLOW
        impl<'de{impl_gens}> {serde}::Deserialize<'de> for {this} {{
            fn deserialize<__D: {serde}::Deserializer<'de>>(__deserializer: __D)
                -> ::core::result::Result<Self, __D::Error> {{
                #[allow(non_camel_case_types)]
                struct __GreenticVisitor<'de{vis_gens}>(::core::marker::PhantomData<fn() -> ({this}, &'de ())>);
                #[allow(unused_mut, unused_variables, clippy::all)]
                impl<'de{impl_gens}> __GreenticVisitor<'de{vis_gens}> {{
                    #[inline]
                    fn read<__S: {p}::Fields<'de>>(mut __s: __S)
                        -> ::core::result::Result<{this}, __S::Error> {{
                        {decls}
                        loop {{
                            let __read = match {p}::Fields::next_field(&mut __s) {{
                                ::core::result::Result::Ok(::core::option::Option::Some(__key)) => match __key {{
                                    {arms}
                                    _ => {p}::Fields::skip(&mut __s),
                                }},
                                ::core::result::Result::Ok(::core::option::Option::None) => break,
                                ::core::result::Result::Err(__e) => ::core::result::Result::Err(__e),
                            }};
                            if let ::core::result::Result::Err(__e) = __read {{
                                return ::core::result::Result::Err(__e);
                            }}
                        }}
                        {default_let}
                        {extract}
                        ::core::result::Result::Ok(__GT_NAME {{ {members} }})
                    }}
                }}
                impl<'de{impl_gens}> {serde}::de::Visitor<'de> for __GreenticVisitor<'de{vis_gens}> {{
                    type Value = {this};
                    fn expecting(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {{
                        ::core::fmt::Formatter::write_str(__f, {expecting:?})
                    }}
                    #[inline]
                    fn visit_seq<__A: {serde}::de::SeqAccess<'de>>(self, __seq: __A)
                        -> ::core::result::Result<Self::Value, __A::Error> {{
                        Self::read({p}::SeqFields::new(__seq, {count}, {expecting_seq:?}))
                    }}
                    #[inline]
                    fn visit_map<__A: {serde}::de::MapAccess<'de>>(self, __map: __A)
                        -> ::core::result::Result<Self::Value, __A::Error> {{
                        Self::read({p}::MapFields::<_, __GreenticKeys>::new(__map))
                    }}
                }}
                struct __GreenticKeys;
                impl {p}::FieldNames for __GreenticKeys {{
                    const NAMES: &'static [&'static str] = &[{names}];
                    const COUNT: u16 = {count};
                    const DENY_UNKNOWN: bool = {deny};
                    #[inline]
                    fn find(name: &str) -> usize {{
                        match name {{
                            {find_arms}
                            _ => {p}::UNKNOWN,
                        }}
                    }}
                }}
                // A lean struct has no `tag`/`content`/`untagged` (they keep serde's derive).
                let __value = {serde}::Deserializer::deserialize_struct(
                    {p}::ObjectsOnly::new(__deserializer, __GT_KRATE::Tagging::External),
                    {de_name:?},
                    <__GreenticKeys as {p}::FieldNames>::NAMES,
                    __GreenticVisitor(::core::marker::PhantomData),
                );
                let __value = match __value {{
                    ::core::result::Result::Ok(__value) => __value,
                    ::core::result::Result::Err(__e) => return ::core::result::Result::Err(__e),
                }};
                __GT_KRATE::__check_on_input!(__GT_CHECK __value __D);
                ::core::result::Result::Ok(__value)
            }}
        }}",
        names = names.join(", "),
        deny = c.deny_unknown,
    )
}

/// The tokens that fill the holes of [`emit`]'s text: every identifier the
/// user wrote goes in as its own token (with its span and edition: `gen` is
/// a field name in a 2021 crate), never through the text.
struct Holes<'a> {
    krate: TokenStream,
    name: Ident,
    generics: &'a [Ident],
    container: &'a Group,
    check: &'a Group,
    fields: &'a [Field],
    /// What `allow(deprecated)` the impl needs (`deprecation_allows`).
    allow: Vec<TokenTree>,
}

impl Holes<'_> {
    /// The tokens for the hole `__GT_{rest}`.
    fn hole(&self, rest: &str) -> Option<TokenStream> {
        let index = |prefix: &str| -> Option<usize> { rest.strip_prefix(prefix)?.parse().ok() };
        let field = |prefix: &str| index(prefix).and_then(|i| self.fields.get(i));
        if let Some(tokens) = item_hole(rest, &self.krate, &self.name, self.container, &self.allow)
        {
            return Some(tokens);
        }
        Some(match rest {
            "CHECK" => TokenTree::Group(self.check.clone()).into(),
            _ => {
                if let Some(f) = field("M_") {
                    TokenTree::Ident(f.member.clone()).into()
                } else if let Some(g) = index("G_").and_then(|j| self.generics.get(j)) {
                    TokenTree::Ident(g.clone()).into()
                } else if let Some(f) = field("TY_") {
                    // One group: `Option<T>` and `next_value::<T>` stay one type.
                    TokenTree::Group(Group::new(Delimiter::None, f.ty.clone())).into()
                } else if let Some(Field {
                    default: Absent::Path(path),
                    ..
                }) = field("DEF_")
                {
                    path.clone()
                } else {
                    return None;
                }
            }
        })
    }
}
