//! `greentic_model!`: structs and enums declared once, with everything derived.

/// Declares wire models: the type, serde, JSON Schema, validation, generators
/// and (with a slug) a registry entry, from one plain declaration.
///
/// ```
/// use greentic_types::{FlowId, PackId, Validate};
///
/// greentic_types::greentic_model! {
///     /// A bundle: flows plus a status.
///     #[derive(Eq)]
///     pub struct Bundle {
///         /// Logical pack identifier.
///         pub id: PackId,
///         /// Flows bundled in the pack.
///         #[serde(default, skip_serializing_if = "Vec::is_empty")]
///         pub flows: Vec<FlowId>,
///         /// Where it stands.
///         pub status: Status,
///     }
///
///     /// Where a bundle stands.
///     #[serde(rename_all = "snake_case")]
///     #[derive(Eq)]
///     pub enum Status {
///         /// Usable.
///         Ready,
///         /// Not usable.
///         Failed {
///             /// Why.
///             reason: String,
///         },
///     }
/// }
///
/// let b: Bundle = serde_json::from_value(serde_json::json!({
///     "id": "p", "status": {"failed": {"reason": "no disk"}}
/// }))?;
/// assert!(b.flows.is_empty() && b.validate().is_ok());
/// assert_eq!(serde_json::to_value(&b)?["status"]["failed"]["reason"], "no disk");
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// Accepted items: structs with named fields, newtype structs (`struct K(String);`),
/// unit structs (`struct Marker;`, `null` on the wire) and enums with unit, newtype and struct variants, optionally generic over
/// plain type parameters. Every item needs a `///` doc comment (it becomes the
/// rustdoc and the schema `description`). Ordinary attributes (`#[derive(..)]`,
/// `#[serde(..)]`, `#[schemars(..)]`, `#[non_exhaustive]`, ...) pass through
/// unchanged. Attributes may come through a user's macro, also as `meta`
/// fragments (`$(#[$m:meta])*`). The DSL's own words, written as attributes:
///
/// | word | effect |
/// | --- | --- |
/// | `#[schema = "slug"]` | register `slug.schema.json` (concrete types only) |
/// | `#[check = path]` | `fn(&Self, &Path, &mut Violations)`: cross-field rules, run by `validate` **and on deserialize** (structs with named fields only) |
/// | `#[manual(serde, schema, generate)]` | any subset: the item's serde impls / `JsonSchema` / `Generate` are written by hand beside it |
///
/// Every item derives `Clone, Debug, PartialEq`; add `Eq`, `Hash`, `Copy`,
/// `Default`, ... with an ordinary `#[derive]`.
///
/// What the expansion guarantees beyond plain serde:
///
/// - structs (and struct variants) are read from objects only, never from
///   serde's sequence form: `["u1", "why"]` is not a struct of two fields;
/// - `#[cfg]` on fields and variants is honoured everywhere (validation,
///   generators, serde);
/// - violation pointers name what is on the wire: `rename`, `rename_all`,
///   `rename_all_fields`, variant-level `rename_all` and `untagged`,
///   `flatten`, `transparent` and every enum representation are followed;
/// - a `#[check]` hook runs on input, after a `Deserialize` that behaves as
///   serde's derive (the type's name, `Self` in field types, container
///   defaults and `cfg_attr(.., serde(..))` all behave as with a plain
///   derive): written by the DSL for a struct whose serde attributes it reads
///   and for an enum of unit variants, which compiles faster, and serde's own
///   derive otherwise (other attributes, enums with data, two fields or
///   variants answering to one name);
/// - the `JsonSchema` is schemars' derive's, key for key: written by the DSL
///   for a non-generic struct whose attributes it reads (the same serde
///   attributes, doc comments, `#[schemars(extend(..))]` on the struct,
///   `#[schemars(schema_with = "path")]` on a field, and attributes schemars
///   ignores) and for an enum of unit variants (read as its `Deserialize`
///   is), which compiles faster; by schemars' derive otherwise (any other
///   `schemars` attribute, `serde(with)` without `schema_with`, a
///   `cfg_attr`, a `#[cfg]` field, generic structs, enums with data). Two
///   differences where the DSL writes it: a generic `default = "path"` function
///   (`Vec::new`) takes its type from the field, where schemars' derive
///   needs it named (`Vec::<u8>::new`); and an `extend` value is a plain
///   expression, which cannot name the derive's own locals (`generator`);
/// - the `Serialize` makes serde's derive's calls (the same length hint,
///   fields and `skip_field`s): written by the DSL for a non-generic struct
///   whose serde attributes it reads (not `serialize_with`/`with`, no
///   `#[cfg]` field), which compiles faster, by serde's derive otherwise. One
///   difference where the DSL writes it: a `skip_serializing_if` predicate
///   is asked once per write, where serde's derive asks it twice;
/// - `#[allow(deprecated)]` only where something is deprecated, so a crate
///   that forbids the lint can declare models without deprecated items (one
///   with them cannot: serde's derives, and the DSL's own impls as they do,
///   allow the lint there, which `forbid` refuses); schemars' derive, where it is used, warns on a
///   deprecated container as it does outside the DSL (a deprecated enum with
///   data, say);
/// - expansions name `greentic-types` through `$crate`, so a renamed
///   dependency (`gt = { package = "greentic-types", .. }`) works.
///
/// What a declaration asks of its field types:
///
/// - with the `proptest` feature, every field type implements
///   [`Generate`](crate::generate::Generate) (std containers, `serde_json`
///   values, `semver` versions and the crate's own types do; implement it
///   for your own types, or write the model's generator by hand with
///   `#[manual(generate)]`); a model with a `#[check]` generates only values
///   that pass it;
/// - a field with `#[serde(with = "module")]` also needs
///   `#[schemars(with = "Type")]` naming the type it is written as, or
///   `#[schemars(schema_with = "function")]` (schemars reads `with` as a
///   type);
/// - `validate()` reaches every field whose type implements
///   [`Validate`](crate::Validate): models, identifiers, std containers of
///   them (maps need `Display` keys), tuples up to 12; other types (a
///   foreign `Copy` type, say) are leaves. A generic model validates its
///   parameters' values only when the parameter type implements `Validate`.
///
/// Limits: type parameters are plain (`<T>`: no bounds, lifetimes, const
/// generics or `where` clauses: each is a compile error that says so);
/// enum variants are unit, newtype or struct variants; one block expands
/// about 100 declarations before the compiler's recursion limit (split
/// larger ones). Maps are written in their iteration order: use `BTreeMap`
/// or `IndexMap` (a `HashMap`'s order changes from run to run).
#[macro_export]
macro_rules! greentic_model {
    () => {};
    (
        $(#[$($attr:tt)*])*
        $vis:vis struct $name:ident $(< $($gen:ident),+ $(,)? >)? {
            $( $(#[$($fattr:tt)*])* $fvis:vis $fname:ident : $fty:ty ),* $(,)?
        }
        $($rest:tt)*
    ) => {
        // Attributes a user's macro forwards as `meta` fragments are opened
        // first, so the DSL's words among them (`schema`, `check`, `manual`,
        // docs) are seen.
        $crate::__private::expand! {
            $crate::__model_attrs! {
                [] [] [] [derive] [derive] [derive] []
                { @open_attrs { $(#[$($attr)*])* } }
                @struct $vis $name [$($($gen),+)?] { $( [$([$($fattr)*])*] $fvis $fname : $fty ),* }
            }
        }
        $crate::greentic_model! { $($rest)* }
    };
    (
        $(#[$($attr:tt)*])*
        $vis:vis struct $name:ident ( $fvis:vis $fty:ty $(,)? ) ;
        $($rest:tt)*
    ) => {
        $crate::__private::expand! {
            $crate::__model_attrs! {
                [] [] [] [derive] [derive] [derive] []
                { @open_attrs { $(#[$($attr)*])* } }
                @newtype $vis $name [] ( $fvis $fty )
            }
        }
        $crate::greentic_model! { $($rest)* }
    };
    (
        $(#[$($attr:tt)*])*
        $vis:vis struct $name:ident ;
        $($rest:tt)*
    ) => {
        $crate::__private::expand! {
            $crate::__model_attrs! {
                [] [] [] [derive] [derive] [derive] []
                { @open_attrs { $(#[$($attr)*])* } }
                @unit $vis $name []
            }
        }
        $crate::greentic_model! { $($rest)* }
    };
    (
        $(#[$($attr:tt)*])*
        $vis:vis enum $name:ident $(< $($gen:ident),+ $(,)? >)? {
            $(
                $(#[$($vattr:tt)*])*
                $var:ident
                $( ( $vty:ty $(,)? ) )?
                $( { $( $(#[$($vfattr:tt)*])* $vfname:ident : $vfty:ty ),* $(,)? } )?
            ),* $(,)?
        }
        $($rest:tt)*
    ) => {
        $crate::__private::expand! {
            $crate::__model_attrs! {
                [] [] [] [derive] [derive] [derive] []
                { @open_attrs { $(#[$($attr)*])* } }
                @enum $vis $name [$($($gen),+)?] {
                    $( [$([$($vattr)*])*] $var [$( ($vty) )?] [$( { $( [$([$($vfattr)*])*] $vfname : $vfty ),* } )?] ),*
                }
            }
        }
        $crate::greentic_model! { $($rest)* }
    };
    ($(#[$($attr:tt)*])* $vis:vis $kind:ident $name:ident < $lt:lifetime $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `", ::core::stringify!($name), "` has a lifetime parameter; models own their data ",
            "(use `String`, `Vec<T>`, ... instead of borrowed fields)"
        ));
    };
    ($(#[$($attr:tt)*])* $vis:vis $kind:ident $name:ident < const $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `", ::core::stringify!($name), "` has a const generic parameter, which is not supported; ",
            "declare a type parameter or a concrete model"
        ));
    };
    ($(#[$($attr:tt)*])* $vis:vis $kind:ident $name:ident < $($gen:ident),+ : $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `", ::core::stringify!($name), "` has bounds on its type parameters; write plain ",
            "parameters (`<T>`): the DSL puts on each impl the bounds that impl needs"
        ));
    };
    ($(#[$($attr:tt)*])* $vis:vis $kind:ident $name:ident $(< $($gen:ident),+ $(,)? >)? where $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `", ::core::stringify!($name), "` has a `where` clause; write plain parameters (`<T>`): ",
            "the DSL puts on each impl the bounds that impl needs"
        ));
    };
    ($(#[$($attr:tt)*])* $vis:vis $kind:ident $name:ident $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: cannot declare `", ::core::stringify!($kind), " ", ::core::stringify!($name),
            "`; expected a struct with named fields, a newtype struct `struct Name(Type);`, a unit struct, ",
            "or an enum with unit, newtype and struct variants"
        ));
    };
}

/// Sorts a declaration's attributes into DSL words and pass-through attributes.
///
/// State: `[kept] [slug] [check] [serde mode] [schema mode] [generate mode]
/// [doc seen]`, then `{ attributes to read }`, then the item. One step per
/// attribute, and one step per run of up to 16 doc lines, so long doc
/// comments stay far from the recursion limit.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_attrs {
    // Runs of doc lines (`///` or `#[doc = include_str!(..)]`), 16 then 4 at a time.
    ([$($k:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[doc = $d0:expr] #[doc = $d1:expr] #[doc = $d2:expr] #[doc = $d3:expr]
       #[doc = $d4:expr] #[doc = $d5:expr] #[doc = $d6:expr] #[doc = $d7:expr]
       #[doc = $d8:expr] #[doc = $d9:expr] #[doc = $d10:expr] #[doc = $d11:expr]
       #[doc = $d12:expr] #[doc = $d13:expr] #[doc = $d14:expr] #[doc = $d15:expr] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! {
            [$($k)* #[doc = $d0] #[doc = $d1] #[doc = $d2] #[doc = $d3] #[doc = $d4] #[doc = $d5] #[doc = $d6] #[doc = $d7]
             #[doc = $d8] #[doc = $d9] #[doc = $d10] #[doc = $d11] #[doc = $d12] #[doc = $d13] #[doc = $d14] #[doc = $d15]]
            [$($slug)*] [$($c)*] [$s] [$j] [$g] [doc] { $($todo)* } $($item)*
        }
    };
    ([$($k:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[doc = $d0:expr] #[doc = $d1:expr] #[doc = $d2:expr] #[doc = $d3:expr] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! {
            [$($k)* #[doc = $d0] #[doc = $d1] #[doc = $d2] #[doc = $d3]]
            [$($slug)*] [$($c)*] [$s] [$j] [$g] [doc] { $($todo)* } $($item)*
        }
    };
    ([$($k:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[doc = $doc:expr] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)* #[doc = $doc]] [$($slug)*] [$($c)*] [$s] [$j] [$g] [doc] { $($todo)* } $($item)* }
    };
    ([$($k:tt)*] [$old:literal] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[schema = $slug:literal] $($todo:tt)* } @$kind:ident $vis:vis $name:ident $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `#[schema = ...]` given twice on `", ::core::stringify!($name), "`"
        ));
    };
    ([$($k:tt)*] [] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[schema = $slug:literal] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)*] [$slug] [$($c)*] [$s] [$j] [$g] [$($d)*] { $($todo)* } $($item)* }
    };
    ([$($k:tt)*] [$($slug:tt)*] [$old:path] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[check = $check:path] $($todo:tt)* } @$kind:ident $vis:vis $name:ident $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `#[check = ...]` given twice on `", ::core::stringify!($name),
            "`; call both rules from one function"
        ));
    };
    ([$($k:tt)*] [$($slug:tt)*] [] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[check = $check:path] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)*] [$($slug)*] [$check] [$s] [$j] [$g] [$($d)*] { $($todo)* } $($item)* }
    };
    ([$($k:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[manual($($w:ident),+ $(,)?)] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)*] [$($slug)*] [$($c)*] [$s] [$j] [$g] [$($d)*] { $(#[__manual $w])+ $($todo)* } $($item)* }
    };
    ([$($k:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[__manual serde] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)*] [$($slug)*] [$($c)*] [manual] [$j] [$g] [$($d)*] { $($todo)* } $($item)* }
    };
    ([$($k:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[__manual schema] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)*] [$($slug)*] [$($c)*] [$s] [manual] [$g] [$($d)*] { $($todo)* } $($item)* }
    };
    ([$($k:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[__manual generate] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)*] [$($slug)*] [$($c)*] [$s] [$j] [manual] [$($d)*] { $($todo)* } $($item)* }
    };
    ([$($k:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[__manual $other:ident] $($todo:tt)* } @$kind:ident $vis:vis $name:ident $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: unknown `manual(", ::core::stringify!($other), ")` on `", ::core::stringify!($name),
            "`; expected any of `serde`, `schema`, `generate`"
        ));
    };
    ([$($k:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[$($a:tt)*] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)* #[$($a)*]] [$($slug)*] [$($c)*] [$s] [$j] [$g] [$($d)*] { $($todo)* } $($item)* }
    };
    // All attributes read (forwarded `meta` fragments were opened first).
    ([$($k:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] []
     {} @$kind:ident $vis:vis $name:ident $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `", ::core::stringify!($name),
            "` needs a `///` doc comment; it becomes the rustdoc and the schema `description`"
        ));
    };
    ([$($k:tt)*] [$slug:literal] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [doc]
     {} @$kind:ident $vis:vis $name:ident [$g0:ident $(, $gs:ident)*] $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `", ::core::stringify!($name),
            "` is generic; only concrete types can register a schema (declare a concrete model that uses it)"
        ));
    };
    ([$($k:tt)*] [$($slug:tt)*] [$check:path] [$s:ident] [$j:ident] [$g:ident] [doc]
     {} @$kind:ident $vis:vis $name:ident [$g0:ident $(, $gs:ident)*] $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `#[check]` is not supported on generic `", ::core::stringify!($name), "`"
        ));
    };
    ([$($k:tt)*] [$($slug:tt)*] [$check:path] [$s:ident] [$j:ident] [$g:ident] [doc]
     {} @newtype $vis:vis $name:ident $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `#[check]` needs named fields; `", ::core::stringify!($name),
            "` is a newtype (give its inner type the rule instead)"
        ));
    };
    ([$($k:tt)*] [$($slug:tt)*] [$check:path] [$s:ident] [$j:ident] [$g:ident] [doc]
     {} @unit $vis:vis $name:ident $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `#[check]` needs named fields; `", ::core::stringify!($name), "` is a unit struct"
        ));
    };
    ([$($k:tt)*] [$($slug:tt)*] [$check:path] [$s:ident] [$j:ident] [$g:ident] [doc]
     {} @enum $vis:vis $name:ident $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `#[check]` needs a struct with named fields; `", ::core::stringify!($name), "` is an enum"
        ));
    };
    ([$($k:tt)*] [$($slug:tt)*] [$check:path] [manual] [$j:ident] [$g:ident] [doc]
     {} @$kind:ident $vis:vis $name:ident $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `#[check]` runs on deserialize, inside the serde impls the DSL writes, but `",
            ::core::stringify!($name), "` has `manual(serde)`; drop one of the two ",
            "(a hand-written `Deserialize` can run the rule itself)"
        ));
    };
    ([$($k:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [doc]
     {} $($item:tt)*) => {
        $crate::__model_emit! { [$($k)*] [$($slug)*] [$($c)*] [$s] [$j] [$g] $($item)* }
    };
}

/// Emits one declaration: the item with its derives, serde (objects only,
/// with the check hook), `Validate`, `Generate` and the registration.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_emit {
    ([$(#[$($k:tt)*])*] [$($slug:literal)?] [$($check:path)?] [$s:ident] [$j:ident] [$g:ident]
     @struct $vis:vis $name:ident [$($gen:ident),*] { $( [$([$($fattr:tt)*])*] $fvis:vis $fname:ident : $fty:ty ),* }) => {
        $crate::__wire! { [fields] [$s] [$j] [$($check)?] $name [$($gen),*] [$([$($k)*])*]
            {
                #[derive(Clone, Debug, PartialEq)]
                $(#[$($k)*])*
                $vis struct $name<$($gen),*> {
                    $( $(#[$($fattr)*])* $fvis $fname : $fty ),*
                }
            }
            {
                struct ($name<$($gen),*>) { $( [$([$($fattr)*])*] $fname : $fty ),* }
            }
        }

        $crate::__private::expand! {
            @deprecated_scope[$([$($k)*])* $( $([$($fattr)*])* )*] {
            @cfgs[$([$($k)*])*]
            @allow_deprecated
            impl<$($gen: $crate::Validate),*> $crate::Validate for $name<$($gen),*> {
                fn validate_at(&self, path: &$crate::Path<'_>, out: &mut $crate::Violations) {
                    #[allow(unused_imports)]
                    use $crate::__private::probe::{ViaNothing as _, ViaValidate as _};
                    #[allow(dead_code)]
                    const CONTAINER: $crate::SerdeAttrs = @serde_attrs($crate::SerdeAttrs)[$([$($k)*])*];
                    $(
                        @cfgs[$([$($fattr)*])*]
                        {
                            const FIELD: $crate::SerdeAttrs = @serde_attrs($crate::SerdeAttrs)[$([$($fattr)*])*];
                            if !FIELD.is_skipped() {
                                (&$crate::__private::probe::Probe(&self.$fname)).__validate_at(
                                    &path.serde_field(::core::stringify!($fname), FIELD, CONTAINER),
                                    out,
                                );
                            }
                        }
                    )*
                    $( $check(self, path, out); )?
                }
            }

            $crate::if_proptest! {
                $crate::__derived_generate! { [$g]
                    @cfgs[$([$($k)*])*]
                    @allow_deprecated
                    impl<$($gen: $crate::generate::Generate),*> $crate::generate::Generate for $name<$($gen),*> {
                        fn generate(g: &mut $crate::generate::Gen) -> Self {
                            $crate::__generate_checked!([$($check)?] $name g |g: &mut $crate::generate::Gen| Self {
                                $( @cfgs[$([$($fattr)*])*] $fname: $crate::generate::Generate::generate(g), )*
                            })
                        }
                    }
                }
            }
            }
        }

        $crate::__register! { $name [$($slug)?] [$([$($k)*])*] }
    };
    ([$(#[$($k:tt)*])*] [$($slug:literal)?] [] [$s:ident] [$j:ident] [$g:ident]
     @newtype $vis:vis $name:ident [] ( $fvis:vis $fty:ty )) => {
        $crate::__wire! { [plain] [$s] [$j] [] $name [] [$([$($k)*])*]
            {
                #[derive(Clone, Debug, PartialEq)]
                $(#[$($k)*])*
                $vis struct $name($fvis $fty);
            }
            {}
        }

        $crate::__private::expand! {
            @deprecated_scope[$([$($k)*])*] {
            @cfgs[$([$($k)*])*]
            @allow_deprecated
            impl $crate::Validate for $name {
                fn validate_at(&self, path: &$crate::Path<'_>, out: &mut $crate::Violations) {
                    #[allow(unused_imports)]
                    use $crate::__private::probe::{ViaNothing as _, ViaValidate as _};
                    (&$crate::__private::probe::Probe(&self.0)).__validate_at(path, out);
                }
            }

            $crate::if_proptest! {
                $crate::__derived_generate! { [$g]
                    @cfgs[$([$($k)*])*]
                    @allow_deprecated
                    impl $crate::generate::Generate for $name {
                        fn generate(g: &mut $crate::generate::Gen) -> Self {
                            Self(<$fty as $crate::generate::Generate>::generate(g))
                        }
                    }
                }
            }
            }
        }

        $crate::__register! { $name [$($slug)?] [$([$($k)*])*] }
    };
    ([$(#[$($k:tt)*])*] [$($slug:literal)?] [] [$s:ident] [$j:ident] [$g:ident]
     @unit $vis:vis $name:ident []) => {
        $crate::__wire! { [plain] [$s] [$j] [] $name [] [$([$($k)*])*]
            {
                #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
                $(#[$($k)*])*
                $vis struct $name;
            }
            {}
        }

        $crate::__private::expand! {
            @deprecated_scope[$([$($k)*])*] {
            @cfgs[$([$($k)*])*]
            @allow_deprecated
            impl $crate::Validate for $name {
                #[inline]
                fn validate_at(&self, _: &$crate::Path<'_>, _: &mut $crate::Violations) {}
            }

            $crate::if_proptest! {
                $crate::__derived_generate! { [$g]
                    @cfgs[$([$($k)*])*]
                    @allow_deprecated
                    impl $crate::generate::Generate for $name {
                        fn generate(_: &mut $crate::generate::Gen) -> Self {
                            Self
                        }
                    }
                }
            }
            }
        }

        $crate::__register! { $name [$($slug)?] [$([$($k)*])*] }
    };
    ([$(#[$($k:tt)*])*] [$($slug:literal)?] [] [$s:ident] [$j:ident] [$g:ident]
     @enum $vis:vis $name:ident [$($gen:ident),*] {
        $( [$([$($vattr:tt)*])*] $var:ident [$( ($vty:ty) )?] [$( { $( [$([$($vfattr:tt)*])*] $vfname:ident : $vfty:ty ),* } )?] ),*
     }) => {
        $crate::__wire! { [fields] [$s] [$j] [] $name [$($gen),*] [$([$($k)*])*]
            {
                #[derive(Clone, Debug, PartialEq)]
                $(#[$($k)*])*
                $vis enum $name<$($gen),*> {
                    $(
                        $(#[$($vattr)*])*
                        $var
                        $( ($vty) )?
                        $( { $( $(#[$($vfattr)*])* $vfname : $vfty ),* } )?
                    ),*
                }
            }
            {
                enum ($name<$($gen),*>) {
                    $( [$([$($vattr)*])*] $var [$( ($vty) )?] [$( { $( [$([$($vfattr)*])*] $vfname : $vfty ),* } )?] ),*
                }
            }
        }

        $crate::__private::expand! {
            @deprecated_scope[$([$($k)*])* $( $([$($vattr)*])* $( $( $([$($vfattr)*])* )* )? )*] {
            @cfgs[$([$($k)*])*]
            @allow_deprecated
            impl<$($gen: $crate::Validate),*> $crate::Validate for $name<$($gen),*> {
                #[allow(unused_variables)]
                fn validate_at(&self, path: &$crate::Path<'_>, out: &mut $crate::Violations) {
                    #[allow(unused_imports)]
                    use $crate::__private::probe::{ViaNothing as _, ViaValidate as _};
                    #[allow(dead_code)]
                    const CONTAINER: $crate::SerdeAttrs = @serde_attrs($crate::SerdeAttrs)[$([$($k)*])*];
                    #[allow(unreachable_patterns)]
                    match self {
                        $(
                            @cfgs[$([$($vattr)*])*]
                            Self::$var {
                                $( 0: $crate::__bind!(inner $vty), )?
                                $( $( @cfgs[$([$($vfattr)*])*] $vfname, )* )?
                                ..
                            } => {
                                const VARIANT: $crate::SerdeAttrs = @serde_attrs($crate::SerdeAttrs)[$([$($vattr)*])*];
                                if VARIANT.is_skipped() {
                                    return;
                                }
                                let vpath = path.serde_variant(::core::stringify!($var), VARIANT, CONTAINER);
                                $( (&$crate::__private::probe::Probe($crate::__bind!(inner $vty))).__validate_at(&vpath, out); )?
                                $( $(
                                    @cfgs[$([$($vfattr)*])*]
                                    {
                                        const FIELD: $crate::SerdeAttrs = @serde_attrs($crate::SerdeAttrs)[$([$($vfattr)*])*];
                                        if !FIELD.is_skipped() {
                                            (&$crate::__private::probe::Probe($vfname)).__validate_at(
                                                &vpath.serde_field(
                                                    ::core::stringify!($vfname),
                                                    FIELD,
                                                    $crate::SerdeAttrs::fields_of_variant(VARIANT, CONTAINER),
                                                ),
                                                out,
                                            );
                                        }
                                    }
                                )* )?
                            }
                        )*
                        // An enum without variants has no value to match.
                        _ => {}
                    }
                }
            }

            $crate::if_proptest! {
                $crate::__derived_generate! { [$g]
                    @cfgs[$([$($k)*])*]
                    @allow_deprecated
                    impl<$($gen: $crate::generate::Generate),*> $crate::generate::Generate for $name<$($gen),*> {
                        fn generate(g: &mut $crate::generate::Gen) -> Self {
                            let mut variants: $crate::generate::Variants<Self> = $crate::generate::Variants::new();
                            $(
                                @cfgs[$([$($vattr)*])*]
                                {
                                    const VARIANT: $crate::SerdeAttrs = @serde_attrs($crate::SerdeAttrs)[$([$($vattr)*])*];
                                    if !VARIANT.is_skipped() {
                                        variants.push(
                                            $crate::__count!($( ($vty) )? $( $( $vfname )* )?),
                                            |g| Self::$var {
                                                $( 0: <$vty as $crate::generate::Generate>::generate(g), )?
                                                $( $( @cfgs[$([$($vfattr)*])*] $vfname: $crate::generate::Generate::generate(g), )* )?
                                            },
                                        );
                                    }
                                }
                            )*
                            variants.generate(g)
                        }
                    }
                }
            }
            }
        }

        $crate::__register! { $name [$($slug)?] [$([$($k)*])*] }
    };
}

/// How many token trees it is given: a variant's field count (generators
/// prefer the variants with the fewest fields deep down).
#[doc(hidden)]
#[macro_export]
macro_rules! __count {
    (@one $t:tt) => {
        1usize
    };
    ($($t:tt)*) => {
        0usize $(+ $crate::__count!(@one $t))*
    };
}

/// A generated value: straight from the fields, or, for a model with a check
/// hook, the first one that passes it.
#[doc(hidden)]
#[macro_export]
macro_rules! __generate_checked {
    ([] $name:ident $g:ident $make:expr) => {
        ($make)($g)
    };
    ([$check:path] $name:ident $g:ident $make:expr) => {
        $g.valid(::core::stringify!($name), $make)
    };
}

/// Emits a derived `Generate` impl unless the declaration said `manual(generate)`.
#[doc(hidden)]
#[macro_export]
macro_rules! __derived_generate {
    ([derive] $($t:tt)*) => { $($t)* };
    ([manual] $($t:tt)*) => {};
}

/// `inner` as a pattern or expression, consuming a type so it can sit inside
/// the type's repetition.
#[doc(hidden)]
#[macro_export]
macro_rules! __bind {
    ($id:ident $t:ty) => {
        $id
    };
}

/// Runs a declaration's check hook on a value just read, unless the registry
/// deferred hooks to its own `validate()` pass (which reports every violation
/// with its full pointer).
#[doc(hidden)]
#[macro_export]
macro_rules! __check_on_input {
    ([] $value:ident $d:ident) => {};
    ([$check:path] $value:ident $d:ident) => {
        if !$crate::__private::checks_deferred() {
            let mut out = $crate::Violations::default();
            $check(&$value, &$crate::Path::ROOT, &mut out);
            if !out.is_empty() {
                return ::core::result::Result::Err(
                    <$d::Error as $crate::__private::serde::de::Error>::custom(out),
                );
            }
        }
    };
}
