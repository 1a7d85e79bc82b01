//! `@struct_schema {..}`: a struct's (or an enum of unit variants')
//! `JsonSchema`, written lean when its attributes allow, else schemars' own
//! derive (the fallback tokens given).
//!
//! ```text
//! @struct_schema { ($crate) (Name) [T..] [[container attr]..]
//!                  { struct (Name<..>) { [[field attr]..] field: Type, .. } }
//!                  (or { enum (Name<..>) { [[variant attr]..] Variant [] [], .. } })
//!                  { the item, deriving `Serialize` only }
//!                  { fallback tokens: the item, deriving `Serialize` and `JsonSchema` } }
//! ```
//!
//! schemars' derive writes, per field, a block of calls inside the struct's
//! `json_schema`, and the crate's build spends a good share of its time on
//! them. The lean form works out at expansion time what the derive works out
//! (the wire name, the title and description from the doc comments, which
//! serde attributes apply) into one constant table of the fields, with each
//! field type's `JsonSchema` functions (through one stand-in type, see
//! `object_schema`), and one loop over it that calls the shared
//! `object_schema::field_schema` and `object_schema::property`; per field,
//! only a default's expression (and for `schema_with`, a local type) is code. The schema is the same, key for key and in the same
//! order (`tests/struct_schema.rs`, `tests/struct_schema_plain.rs` and
//! `tests/object_schema.rs` hold it to the derive's).
//!
//! The lean form reads what `@struct_de` reads (container `rename`,
//! `rename_all`, `default`, `deny_unknown_fields`; field `rename`, `alias`,
//! `default`, `default = "path"`, `skip`, `skip_deserializing`,
//! `skip_serializing`, `skip_serializing_if`), doc comments written as string
//! literals, `deprecated` (on the struct or a field: `"deprecated": true`, as
//! the derive writes it), `#[schemars(extend("key" = value, ..))]` on the
//! struct and `#[schemars(schema_with = "path")]` on a field, and attributes
//! schemars ignores (`allow`, `derive`, `cfg` on the struct, ...). Anything
//! else keeps the derive: a generic struct, any other `schemars`
//! attribute, `validate`/`garde`, `cfg_attr`, a `#[cfg]` field, `with`
//! without `schema_with` (the derive takes its path for a type), a default
//! written through `serialize_with` or `with`, `flatten`, ... The derive also
//! reports any mistake in them. (`serialize_with` and `deserialize_with` do
//! not change a schema otherwise.)
//!
//! An enum whose variants are all units, read as `@enum_de` reads it (see
//! `unit_enum`), gets one call to `object_schema::unit_enum` with a table
//! of its variants (wire name, title and description, deprecation).

use std::fmt::Write as _;

use proc_macro::{Delimiter, Group, Ident, TokenStream, TokenTree};

use crate::enum_de::{read_container, read_variants};
use crate::expand::{
    attrs, error, fill_holes, first_ident, is_deprecated, marker_args, plain_path, replace_self,
};
use crate::schema_docs::{docs_of, string_value, title_and_description_of};
use crate::struct_de::{Absent, Container, FieldSerde, field_parts, respan, single_ident};

/// Paths the written code names schemars and the runtime half through.
const S: &str = "__GT_KRATE::__private::schemars";
const O: &str = "__GT_KRATE::__private::object_schema";

/// The marker's expansion.
pub fn struct_schema(tokens: TokenStream) -> Vec<TokenTree> {
    let args = match marker_args(tokens, "struct_schema") {
        Ok(args) => args,
        Err(e) => return e,
    };
    let [krate, name, generics, container, twin, lean_item, fallback] = &args;
    if let [
        TokenTree::Ident(kw),
        TokenTree::Group(_),
        TokenTree::Group(body),
    ] = twin.stream().into_iter().collect::<Vec<_>>().as_slice()
        && kw.to_string() == "enum"
    {
        return with_impl(
            lean_item,
            fallback,
            unit_enum(krate, name, generics, container, body),
        );
    }
    let lean = || {
        if !generics.stream().is_empty() {
            return None;
        }
        let name = single_ident(name)?;
        let fields = match twin.stream().into_iter().collect::<Vec<_>>().as_slice() {
            [
                TokenTree::Ident(kw),
                TokenTree::Group(_),
                TokenTree::Group(body),
            ] if kw.to_string() == "struct" && body.delimiter() == Delimiter::Brace => body.clone(),
            _ => return None,
        };
        if !plain_attrs(container, true) {
            return None;
        }
        let c = Container::read(container)?;
        let docs = title_and_description_of(container)?;
        let extensions = extensions(container)?;
        let fields = read_fields(&fields, &c, &name)?;
        Some((name, c, docs, extensions, fields))
    };
    let Some((name, c, docs, extensions, fields)) = lean() else {
        return with_impl(lean_item, fallback, None);
    };
    let deprecated = attrs(container).iter().any(|a| is_deprecated(a));
    let code = emit(
        &name.to_string(),
        &c,
        &docs,
        &extensions,
        &fields,
        deprecated,
    );
    let holes = Holes {
        krate: krate.stream(),
        name,
        container,
        extensions: &extensions,
        fields: &fields,
    };
    match fill_holes(&code, &|rest| holes.hole(rest)) {
        Some(imp) => with_impl(lean_item, fallback, Some(imp)),
        None => error("`@struct_schema` wrote code that does not parse"),
    }
}

/// The item and its lean impl, or the fallback tokens without one.
fn with_impl(lean_item: &Group, fallback: &Group, imp: Option<Vec<TokenTree>>) -> Vec<TokenTree> {
    match imp {
        Some(imp) => lean_item.stream().into_iter().chain(imp).collect(),
        None => fallback.stream().into_iter().collect(),
    }
}

/// Whether every attribute in `list` is one schemars' derive ignores, a
/// `serde` one (read by [`Container::read`] and [`read_fields`]) or a doc
/// comment. `#[cfg]` only on the struct: the impl carries it too.
fn plain_attrs(list: &Group, container: bool) -> bool {
    attrs(list)
        .iter()
        .all(|attr| match first_ident(attr).as_deref() {
            Some(
                "doc" | "serde" | "allow" | "warn" | "deny" | "forbid" | "expect" | "derive"
                | "non_exhaustive" | "must_use" | "repr" | "rustfmt" | "clippy" | "deprecated"
                // `Default`'s variant.
                | "default"
                // Read by `extensions` (the struct) and `schema_with` (a field).
                | "schemars",
            ) => true,
            Some("cfg") => container,
            _ => false,
        })
}

/// The items of the `schemars(..)` attributes in `list`, each as its tokens
/// (`None`: one is not a parenthesized list of items, see [`items`]).
fn schemars_items(list: &Group) -> Option<Vec<Vec<TokenTree>>> {
    let mut out = Vec::new();
    for attr in attrs(list) {
        if first_ident(&attr).as_deref() != Some("schemars") {
            continue;
        }
        let [_, TokenTree::Group(args)] = attr.as_slice() else {
            return None;
        };
        out.extend(items(args)?);
    }
    Some(out)
}

/// The comma-separated items of a parenthesized list, as syn's
/// `Punctuated::parse_terminated` reads them: one trailing comma allowed,
/// no empty item (`None`: the derive reports it).
fn items(list: &Group) -> Option<Vec<Vec<TokenTree>>> {
    if list.delimiter() != Delimiter::Parenthesis {
        return None;
    }
    let mut parts = vec![Vec::new()];
    for tt in list.stream() {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == ',' => {
                if parts.last().is_some_and(Vec::is_empty) {
                    return None;
                }
                parts.push(Vec::new());
            }
            _ => parts.last_mut()?.push(tt),
        }
    }
    if parts.last().is_some_and(Vec::is_empty) {
        parts.pop();
    }
    Some(parts)
}

/// The struct's `#[schemars(extend("key" = value, ..))]` entries in order:
/// the key, and the value's tokens for `json!`, as schemars' derive reads
/// them. `None` for any other `schemars` item, or a key given twice (the
/// derive reports it).
fn extensions(container: &Group) -> Option<Vec<(String, TokenStream)>> {
    let mut out: Vec<(String, TokenStream)> = Vec::new();
    for item in schemars_items(container)? {
        let [TokenTree::Ident(kw), TokenTree::Group(list)] = item.as_slice() else {
            return None;
        };
        if kw.to_string() != "extend" {
            return None;
        }
        for entry in items(list)? {
            let [TokenTree::Literal(key), TokenTree::Punct(eq), value @ ..] = entry.as_slice()
            else {
                return None;
            };
            let key = string_value(&key.to_string())?;
            if eq.as_char() != '=' || value.is_empty() || out.iter().any(|(k, _)| *k == key) {
                return None;
            }
            out.push((key, value.iter().cloned().collect()));
        }
    }
    Some(out)
}

/// A field's `#[schemars(schema_with = "path")]`: the path's tokens, spanned
/// at the string. `Some(None)` without one; `None` for any other `schemars`
/// item, or a value that is not a path without generic arguments (the
/// derive then takes it, or reports it).
fn schema_with(list: &Group) -> Option<Option<TokenStream>> {
    let mut out = None;
    for item in schemars_items(list)? {
        let [
            TokenTree::Ident(kw),
            TokenTree::Punct(eq),
            TokenTree::Literal(lit),
        ] = item.as_slice()
        else {
            return None;
        };
        if kw.to_string() != "schema_with" || eq.as_char() != '=' || out.is_some() {
            return None;
        }
        let path = plain_path(&string_value(&lit.to_string())?)?;
        out = Some(respan(path, lit.span()));
    }
    Some(out)
}

/// Where a field's default comes from.
enum FieldDefault {
    None,
    /// `#[serde(default)]`: `<Type>::default()`.
    Trait,
    /// `#[serde(default = "path")]`: the path's tokens.
    Path(TokenStream),
    /// The struct's `#[serde(default)]`: the field of `Self::default()`.
    Container,
}

struct Field {
    member: Ident,
    ty: TokenStream,
    wire: String,
    title: String,
    description: String,
    default: FieldDefault,
    skip_de: bool,
    skip_ser: bool,
    /// `skip_serializing_if`: the path's tokens.
    skip_if: Option<TokenStream>,
    /// `#[deprecated]`: `"deprecated": true` in its schema.
    deprecated: bool,
    /// `#[schemars(schema_with = "path")]`: the path's tokens and the
    /// function's name.
    schema_with: Option<(TokenStream, String)>,
}

fn read_fields(group: &Group, c: &Container, name: &Ident) -> Option<Vec<Field>> {
    let mut out = Vec::new();
    for part in field_parts(group)? {
        let (list, member, ty) = (&part.list, &part.member, &part.ty);
        if !plain_attrs(list, false) {
            return None;
        }
        let (title, description) = title_and_description_of(list)?;
        let schema_with = schema_with(list)?.map(|path| {
            let name = path.clone().into_iter().last().map(|tt| tt.to_string());
            (path, name.unwrap_or_default())
        });
        let FieldSerde {
            rename,
            default,
            skip_de,
            skip_ser,
            skip_if,
            serialize_with,
            with,
            ..
        } = FieldSerde::read(list)?;
        // schemars' derive reads `with`'s path as the type whose schema the
        // field has, unless `schema_with` gives one: that keeps the derive.
        if with && schema_with.is_none() {
            return None;
        }
        let wire = part.wire(rename, c);
        // serde gives a field skipped when read `Default::default()`, unless
        // the struct has a default (serde_derive_internals, `Field::from_ast`).
        let default = match default.unwrap_or(Absent::Error) {
            Absent::Trait => FieldDefault::Trait,
            Absent::Path(path) => FieldDefault::Path(path),
            Absent::Error if c.default => FieldDefault::Container,
            Absent::Error if skip_de => FieldDefault::Trait,
            Absent::Error => FieldDefault::None,
        };
        // A default written through `serialize_with` (or `with`) keeps the
        // derive; otherwise neither it nor `deserialize_with` changes the
        // schema.
        if serialize_with && !skip_ser && !matches!(default, FieldDefault::None) {
            return None;
        }
        out.push(Field {
            member: member.clone(),
            // The field's constants are an item, where `Self` means nothing.
            ty: replace_self(
                ty.iter().cloned().collect(),
                &TokenTree::Ident(name.clone()).into(),
            )
            .into_iter()
            .collect(),
            wire,
            title,
            description,
            default,
            skip_de,
            skip_ser,
            skip_if,
            deprecated: attrs(list).iter().any(|a| is_deprecated(a)),
            schema_with,
        });
    }
    Some(out)
}

/// The impl as source text, with holes (`__GT_*` identifiers) for the tokens
/// that keep their own spans, hygiene and edition: `$crate`, the type's name,
/// field names and types, default and `skip_serializing_if` paths, and the
/// container attributes (for its `#[cfg]`s).
fn emit(
    name: &str,
    c: &Container,
    docs: &(String, String),
    extensions: &[(String, TokenStream)],
    fields: &[Field],
    deprecated: bool,
) -> String {
    let plain_name = name.strip_prefix("r#").unwrap_or(name);
    let schema_name = c.rename.as_deref().unwrap_or(plain_name);
    let uses_default = fields
        .iter()
        .any(|f| matches!(f.default, FieldDefault::Container) && !f.skip_ser);
    let default_let = if uses_default {
        "let __default = Self::default();"
    } else {
        ""
    };
    // One table of the fields' constants (no code per field to build them)
    // and one loop over it; per field, only a default's expression is code.
    let (mut locals, mut table, mut default_arms) = (String::new(), String::new(), String::new());
    let mut j = 0usize;
    for (i, f) in fields.iter().enumerate() {
        if f.skip_de && f.skip_ser {
            continue;
        }
        let flags = [
            (!matches!(f.default, FieldDefault::None), "HAS_DEFAULT"),
            (f.skip_if.is_some(), "SKIP_IF"),
            (f.skip_de, "SKIP_DE"),
            (f.skip_ser, "SKIP_SER"),
            (f.deprecated, "DEPRECATED"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, flag)| format!("{O}::{flag}"))
        .collect::<Vec<_>>();
        let flags = if flags.is_empty() {
            "0".to_owned()
        } else {
            flags.join(" | ")
        };
        // The value and the function that writes it as JSON: a type's own
        // default through `__type_default!` (an empty wrapper is written
        // without serializing), any other through `default_value`.
        let value = match &f.default {
            _ if f.skip_ser => None,
            FieldDefault::None => None,
            FieldDefault::Trait => Some((
                format!("<__GT_TY_{i}>::default()"),
                format!("(__GT_KRATE::__type_default!(__GT_TY_{i}))"),
            )),
            FieldDefault::Path(_) => {
                Some((format!("__GT_DEF_{i}()"), format!("{O}::default_value")))
            }
            // Borrowed: the loop may not move it out of `__default`.
            FieldDefault::Container => Some((
                format!("&__default.__GT_M_{i}"),
                format!("{O}::default_value"),
            )),
        };
        // Typed, so a generic default function (`Vec::new`) is inferred
        // from the field, as in serde's derive.
        let by_ref = if matches!(f.default, FieldDefault::Container) {
            "&"
        } else {
            ""
        };
        let _ = match (value, &f.skip_if) {
            (None, _) => Ok(()),
            (Some((v, json)), None) => write!(
                default_arms,
                "{j} => {{ let __d: {by_ref}__GT_TY_{i} = {v}; {json}(__d) }}"
            ),
            (Some((v, json)), Some(_)) => write!(
                default_arms,
                "{j} => {{ let __d: {by_ref}__GT_TY_{i} = {v}; if __GT_SKIP_{i}({amp}__d) {{ ::core::option::Option::None }} else {{ {json}(__d) }} }}",
                amp = if by_ref.is_empty() { "&" } else { "" },
            ),
        };
        // The type the field's schema comes from: its own, or for
        // `schema_with` a local type whose schema is the function's, as
        // schemars' derive writes it (inlined, named after the function, not
        // an `Option`).
        let ty = match &f.schema_with {
            None => format!("__GT_TY_{i}"),
            Some((_, fn_name)) => {
                let _ = write!(
                    locals,
                    "struct __GreenticSchemaWith{i};
                    impl {S}::JsonSchema for __GreenticSchemaWith{i} {{
                        fn inline_schema() -> bool {{
                            true
                        }}
                        fn schema_name() -> __GT_KRATE::__private::Cow<'static, str> {{
                            __GT_KRATE::__private::Cow::Borrowed({fn_name:?})
                        }}
                        fn schema_id() -> __GT_KRATE::__private::Cow<'static, str> {{
                            __GT_KRATE::__private::Cow::Borrowed(::core::concat!(
                                \"_SchemarsSchemaWithFunction/\",
                                ::core::module_path!(),
                                \"/\",
                                ::core::stringify!(__GT_SW_{i})
                            ))
                        }}
                        fn json_schema(__generator: &mut {S}::SchemaGenerator) -> {S}::Schema {{
                            __GT_SW_{i}(__generator)
                        }}
                    }}"
                );
                format!("__GreenticSchemaWith{i}")
            }
        };
        let _ = write!(
            table,
            "{O}::Field {{
                name: {wire:?}, flags: {flags}, title: {title:?}, description: {description:?},
                schema: __GT_KRATE::__subschema!({ty}),
                is_option: <{ty} as {S}::JsonSchema>::_schemars_private_is_option,
            }},",
            wire = f.wire,
            title = f.title,
            description = f.description,
        );
        j += 1;
    }
    // A field skipped in one contract is left out of the other, default
    // included; its default comes after its schema, as the derive orders them.
    let props = if j == 0 {
        String::new()
    } else {
        format!(
            "{locals}
            const __GREENTIC_FIELDS: &[{O}::Field] = &[{table}];
            for (__i, __f) in __GREENTIC_FIELDS.iter().enumerate() {{
                if !{O}::included(__generator, __f.flags) {{
                    continue;
                }}
                let __greentic_sub = {O}::field_schema(__generator, __f);
                let __greentic_default = match __i {{
                    {default_arms}
                    _ => ::core::option::Option::None,
                }};
                {O}::property(__generator, &mut __schema, __f, __greentic_sub, __greentic_default);
            }}"
        )
    };
    impl_text(
        schema_name,
        deprecated || fields.iter().any(|f| f.deprecated),
        &format!(
            "{default_let}
            let mut __schema = {O}::object({deny});
            {props}",
            deny = c.deny_unknown,
        ),
        docs,
        deprecated,
        extensions,
    )
}

/// The `JsonSchema` of an enum whose variants are all units, as schemars'
/// derive writes it (see `object_schema::unit_enum`), read as the lean
/// `Deserialize` reads it (`enum_de`): not generic, the container's
/// `rename`/`rename_all` and `extend`, each variant's `rename`/`alias`/
/// `other`, doc comments and `#[deprecated]`. `None` for anything else (a variant with
/// data, a `schemars` attribute, a `cfg` on a variant, ...): the derive.
fn unit_enum(
    krate: &Group,
    name: &Group,
    generics: &Group,
    container: &Group,
    body: &Group,
) -> Option<Vec<TokenTree>> {
    if !generics.stream().is_empty() || !plain_attrs(container, true) {
        return None;
    }
    let name = single_ident(name)?;
    let (rename, rule) = read_container(container)?;
    let docs = title_and_description_of(container)?;
    let extensions = extensions(container)?;
    let variants = read_variants(body, rule)?;
    let mut table = String::new();
    for v in &variants {
        if !plain_attrs(&v.list, false) || !schemars_items(&v.list)?.is_empty() {
            return None;
        }
        let docs = match docs_of(&v.list)? {
            None => "::core::option::Option::None".to_owned(),
            Some((title, description)) => {
                format!("::core::option::Option::Some(({title:?}, {description:?}))")
            }
        };
        let deprecated = attrs(&v.list).iter().any(|a| is_deprecated(a));
        let _ = write!(
            table,
            "{O}::UnitVariant {{ name: {:?}, docs: {docs}, deprecated: {deprecated} }},",
            v.wire
        );
    }
    let text = name.to_string();
    let schema_name = rename.unwrap_or_else(|| text.strip_prefix("r#").unwrap_or(&text).to_owned());
    let deprecated = attrs(container).iter().any(|a| is_deprecated(a));
    let code = impl_text(
        &schema_name,
        deprecated,
        &format!(
            "let _ = __generator;
            const __VARIANTS: &[{O}::UnitVariant] = &[{table}];
            let mut __schema = {O}::unit_enum(__VARIANTS);"
        ),
        &docs,
        deprecated,
        &extensions,
    );
    let holes = Holes {
        krate: krate.stream(),
        name,
        container,
        extensions: &extensions,
        fields: &[],
    };
    fill_holes(&code, &|rest| holes.hole(rest))
}

/// The `JsonSchema` impl as text: `body` makes `__schema` (from
/// `__generator`), then the container's title, description, deprecation and
/// `extend` entries (values in the holes `__GT_EXT_n`) go on it, in the
/// derive's order. `allow`: the impl needs `#[allow(deprecated)]` (only
/// then: a crate that forbids the lint cannot take it).
fn impl_text(
    schema_name: &str,
    allow: bool,
    body: &str,
    docs: &(String, String),
    deprecated: bool,
    extensions: &[(String, TokenStream)],
) -> String {
    // Last, as the derive applies them.
    let extend: String = extensions
        .iter()
        .enumerate()
        .map(|(n, (key, _))| format!(
            "__schema.insert(::core::convert::Into::into({key:?}), __GT_KRATE::__private::serde_json::json!(__GT_EXT_{n}));"
        ))
        .collect();
    format!(
        "@cfgs __GT_CA
        #[automatically_derived]
        #[allow(unused_qualifications)]
        {allow}
        impl {S}::JsonSchema for __GT_NAME {{
            fn schema_name() -> __GT_KRATE::__private::Cow<'static, str> {{
                __GT_KRATE::__private::Cow::Borrowed({schema_name:?})
            }}
            fn schema_id() -> __GT_KRATE::__private::Cow<'static, str> {{
                __GT_KRATE::__private::Cow::Borrowed(::core::concat!(::core::module_path!(), \"::\", {schema_name:?}))
            }}
            fn inline_schema() -> bool {{
                false
            }}
            fn json_schema(__generator: &mut {S}::SchemaGenerator) -> {S}::Schema {{
                {body}
                {O}::metadata(&mut __schema, {title:?}, {description:?});
                {mark}
                {extend}
                __schema
            }}
        }}",
        allow = if allow { "#[allow(deprecated)]" } else { "" },
        mark = if deprecated {
            format!("{O}::deprecated(&mut __schema);")
        } else {
            String::new()
        },
        title = docs.0,
        description = docs.1,
    )
}

/// The tokens that fill the holes of [`emit`]'s and [`unit_enum`]'s text
/// (every identifier the user wrote goes in as its own token, never through
/// the text).
struct Holes<'a> {
    krate: TokenStream,
    name: Ident,
    container: &'a Group,
    extensions: &'a [(String, TokenStream)],
    fields: &'a [Field],
}

impl Holes<'_> {
    /// The tokens for the hole `__GT_{rest}`.
    fn hole(&self, rest: &str) -> Option<TokenStream> {
        let field = |prefix: &str| {
            let i: usize = rest.strip_prefix(prefix)?.parse().ok()?;
            self.fields.get(i)
        };
        Some(match rest {
            "KRATE" => self.krate.clone(),
            "NAME" => TokenTree::Ident(self.name.clone()).into(),
            "CA" => TokenTree::Group(self.container.clone()).into(),
            _ => {
                if let Some(f) = field("M_") {
                    TokenTree::Ident(f.member.clone()).into()
                } else if let Some(f) = field("TY_") {
                    TokenTree::Group(Group::new(Delimiter::None, f.ty.clone())).into()
                } else if let Some(Field {
                    default: FieldDefault::Path(path),
                    ..
                }) = field("DEF_")
                {
                    path.clone()
                } else if let Some(Field {
                    skip_if: Some(path),
                    ..
                }) = field("SKIP_")
                {
                    path.clone()
                } else if let Some(Field {
                    schema_with: Some((path, _)),
                    ..
                }) = field("SW_")
                {
                    path.clone()
                } else if let Some((_, value)) = rest
                    .strip_prefix("EXT_")
                    .and_then(|n| n.parse::<usize>().ok())
                    .and_then(|n| self.extensions.get(n))
                {
                    value.clone()
                } else {
                    return None;
                }
            }
        })
    }
}
