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
/// unchanged. The DSL's own words, written as attributes:
///
/// | word | effect |
/// | --- | --- |
/// | `#[schema = "slug"]` | register `slug.schema.json` (concrete types only) |
/// | `#[check = path]` | `fn(&Self, &Path, &mut Violations)`: cross-field rules, run by `validate` **and on deserialize** (structs with named fields only) |
/// | `#[manual(serde, schema, generate)]` | any subset: the item's serde impls / `JsonSchema` / `Generate` are written by hand beside it |
///
/// Every item derives `Clone, Debug, PartialEq`; add `Eq`, `Hash`, `Copy`,
/// `Default`, ... with an ordinary `#[derive]`.
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
        $crate::__model_attrs! {
            [] [] [] [] [derive] [derive] [derive] []
            { $(#[$($attr)*])* }
            @struct $vis $name [$($($gen),+)?] { $( [$([$($fattr)*])*] $fvis $fname : $fty ),* }
        }
        $crate::greentic_model! { $($rest)* }
    };
    (
        $(#[$($attr:tt)*])*
        $vis:vis struct $name:ident ( $fvis:vis $fty:ty $(,)? ) ;
        $($rest:tt)*
    ) => {
        $crate::__model_attrs! {
            [] [] [] [] [derive] [derive] [derive] []
            { $(#[$($attr)*])* }
            @newtype $vis $name [] ( $fvis $fty )
        }
        $crate::greentic_model! { $($rest)* }
    };
    (
        $(#[$($attr:tt)*])*
        $vis:vis struct $name:ident ;
        $($rest:tt)*
    ) => {
        $crate::__model_attrs! {
            [] [] [] [] [derive] [derive] [derive] []
            { $(#[$($attr)*])* }
            @unit $vis $name []
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
        $crate::__model_attrs! {
            [] [] [] [] [derive] [derive] [derive] []
            { $(#[$($attr)*])* }
            @enum $vis $name [$($($gen),+)?] {
                $( [$([$($vattr)*])*] $var [$( ($vty) )?] [$( { $( [$([$($vfattr)*])*] $vfname : $vfty ),* } )?] ),*
            }
        }
        $crate::greentic_model! { $($rest)* }
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
/// State: `[kept] [serde container attrs] [slug] [check] [serde mode]
/// [schema mode] [generate mode] [doc seen]`, then `{ attributes to read }`,
/// then the item. One step per attribute.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_attrs {
    ([$($k:tt)*] [$($sa:tt)*] [$old:literal] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[schema = $slug:literal] $($todo:tt)* } @$kind:ident $vis:vis $name:ident $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `#[schema = ...]` given twice on `", ::core::stringify!($name), "`"
        ));
    };
    ([$($k:tt)*] [$($sa:tt)*] [] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[schema = $slug:literal] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)*] [$($sa)*] [$slug] [$($c)*] [$s] [$j] [$g] [$($d)*] { $($todo)* } $($item)* }
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:tt)*] [] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[check = $check:path] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)*] [$($sa)*] [$($slug)*] [$check] [$s] [$j] [$g] [$($d)*] { $($todo)* } $($item)* }
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[manual($($w:ident),+ $(,)?)] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)*] [$($sa)*] [$($slug)*] [$($c)*] [$s] [$j] [$g] [$($d)*] { $(#[__manual $w])+ $($todo)* } $($item)* }
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[__manual serde] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)*] [$($sa)*] [$($slug)*] [$($c)*] [manual] [$j] [$g] [$($d)*] { $($todo)* } $($item)* }
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[__manual schema] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)*] [$($sa)*] [$($slug)*] [$($c)*] [$s] [manual] [$g] [$($d)*] { $($todo)* } $($item)* }
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[__manual generate] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)*] [$($sa)*] [$($slug)*] [$($c)*] [$s] [$j] [manual] [$($d)*] { $($todo)* } $($item)* }
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[__manual $other:ident] $($todo:tt)* } @$kind:ident $vis:vis $name:ident $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: unknown `manual(", ::core::stringify!($other), ")` on `", ::core::stringify!($name),
            "`; expected any of `serde`, `schema`, `generate`"
        ));
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[doc = $doc:literal] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)* #[doc = $doc]] [$($sa)*] [$($slug)*] [$($c)*] [$s] [$j] [$g] [doc] { $($todo)* } $($item)* }
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[serde $($a:tt)*] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)* #[serde $($a)*]] [$($sa)* #[serde $($a)*]] [$($slug)*] [$($c)*] [$s] [$j] [$g] [$($d)*] { $($todo)* } $($item)* }
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [$($d:tt)*]
     { #[$($a:tt)*] $($todo:tt)* } $($item:tt)*) => {
        $crate::__model_attrs! { [$($k)* #[$($a)*]] [$($sa)*] [$($slug)*] [$($c)*] [$s] [$j] [$g] [$($d)*] { $($todo)* } $($item)* }
    };
    // All attributes read.
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] []
     {} @$kind:ident $vis:vis $name:ident $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `", ::core::stringify!($name),
            "` needs a `///` doc comment; it becomes the rustdoc and the schema `description`"
        ));
    };
    ([$($k:tt)*] [$($sa:tt)*] [$slug:literal] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [doc]
     {} @$kind:ident $vis:vis $name:ident [$g0:ident $(, $gs:ident)*] $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `", ::core::stringify!($name),
            "` is generic; only concrete types can register a schema (declare a concrete model that uses it)"
        ));
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:tt)*] [$check:path] [$s:ident] [$j:ident] [$g:ident] [doc]
     {} @$kind:ident $vis:vis $name:ident [$g0:ident $(, $gs:ident)*] $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `#[check]` is not supported on generic `", ::core::stringify!($name), "`"
        ));
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:tt)*] [$check:path] [$s:ident] [$j:ident] [$g:ident] [doc]
     {} @newtype $vis:vis $name:ident $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `#[check]` needs named fields; `", ::core::stringify!($name),
            "` is a newtype (give its inner type the rule instead)"
        ));
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:tt)*] [$check:path] [$s:ident] [$j:ident] [$g:ident] [doc]
     {} @unit $vis:vis $name:ident $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `#[check]` needs named fields; `", ::core::stringify!($name), "` is a unit struct"
        ));
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:tt)*] [$check:path] [$s:ident] [$j:ident] [$g:ident] [doc]
     {} @enum $vis:vis $name:ident $($item:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "greentic_model!: `#[check]` needs a struct with named fields; `", ::core::stringify!($name), "` is an enum"
        ));
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:tt)*] [$($c:tt)*] [$s:ident] [$j:ident] [$g:ident] [doc]
     {} $($item:tt)*) => {
        $crate::__model_emit! { [$($k)*] [$($sa)*] [$($slug)*] [$($c)*] [$s] [$j] [$g] $($item)* }
    };
}

/// `[derive]` stays `derive` without a check hook, and becomes `ser` with one
/// (the DSL then writes a checked `Deserialize`).
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_mode {
    ([derive] [$check:path] $($rest:tt)*) => { $crate::__wire_derives! { [ser] $($rest)* } };
    ([$s:ident] [$($check:tt)*] $($rest:tt)*) => { $crate::__wire_derives! { [$s] $($rest)* } };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __model_emit {
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:literal)?] [$($check:path)?] [$s:ident] [$j:ident] [$g:ident]
     @struct $vis:vis $name:ident [$($gen:ident),*] { $( [$([$($fattr:tt)*])*] $fvis:vis $fname:ident : $fty:ty ),* }) => {
        $crate::__serde_mode! { [$s] [$($check)?] [$j]
            #[derive(Clone, Debug, PartialEq)]
            $($k)*
            $vis struct $name<$($gen),*> {
                $( $(#[$($fattr)*])* $fvis $fname : $fty ),*
            }
        }

        impl<$($gen: $crate::Validate),*> $crate::Validate for $name<$($gen),*> {
            fn validate_at(&self, path: &$crate::Path<'_>, out: &mut $crate::Violations) {
                #[allow(unused_imports)]
                use $crate::__private::probe::{ViaNothing as _, ViaValidate as _};
                #[allow(dead_code)]
                const CONTAINER: $crate::SerdeAttrs = $crate::__serde_attrs!($($k)*);
                $(
                    (&$crate::__private::probe::Probe(&self.$fname)).__validate_at(
                        &path.serde_field(
                            ::core::stringify!($fname),
                            $crate::__serde_attrs!($(#[$($fattr)*])*),
                            CONTAINER,
                        ),
                        out,
                    );
                )*
                $( $check(self, path, out); )?
            }
        }

        $crate::if_proptest! {
            $crate::__derived_generate! { [$g]
                impl<$($gen: $crate::generate::Generate),*> $crate::generate::Generate for $name<$($gen),*> {
                    fn generate(g: &mut $crate::generate::Gen) -> Self {
                        Self { $( $fname: $crate::generate::Generate::generate(g) ),* }
                    }
                }
            }
        }

        $crate::__checked_de! { [$($check)?] [$($sa)*] $name { $( [$([$($fattr)*])*] $fname : $fty ),* } }
        $crate::__register! { $name [$($slug)?] }
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:literal)?] [] [$s:ident] [$j:ident] [$g:ident]
     @newtype $vis:vis $name:ident [] ( $fvis:vis $fty:ty )) => {
        $crate::__wire_derives! { [$s] [$j]
            #[derive(Clone, Debug, PartialEq)]
            $($k)*
            $vis struct $name($fvis $fty);
        }

        impl $crate::Validate for $name {
            fn validate_at(&self, path: &$crate::Path<'_>, out: &mut $crate::Violations) {
                #[allow(unused_imports)]
                use $crate::__private::probe::{ViaNothing as _, ViaValidate as _};
                (&$crate::__private::probe::Probe(&self.0)).__validate_at(path, out);
            }
        }

        $crate::if_proptest! {
            $crate::__derived_generate! { [$g]
                impl $crate::generate::Generate for $name {
                    fn generate(g: &mut $crate::generate::Gen) -> Self {
                        Self(<$fty as $crate::generate::Generate>::generate(g))
                    }
                }
            }
        }

        $crate::__register! { $name [$($slug)?] }
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:literal)?] [] [$s:ident] [$j:ident] [$g:ident]
     @unit $vis:vis $name:ident []) => {
        $crate::__wire_derives! { [$s] [$j]
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
            $($k)*
            $vis struct $name;
        }

        impl $crate::Validate for $name {
            #[inline]
            fn validate_at(&self, _: &$crate::Path<'_>, _: &mut $crate::Violations) {}
        }

        $crate::if_proptest! {
            $crate::__derived_generate! { [$g]
                impl $crate::generate::Generate for $name {
                    fn generate(_: &mut $crate::generate::Gen) -> Self {
                        Self
                    }
                }
            }
        }

        $crate::__register! { $name [$($slug)?] }
    };
    ([$($k:tt)*] [$($sa:tt)*] [$($slug:literal)?] [] [$s:ident] [$j:ident] [$g:ident]
     @enum $vis:vis $name:ident [$($gen:ident),*] {
        $( [$([$($vattr:tt)*])*] $var:ident [$( ($vty:ty) )?] [$( { $( [$([$($vfattr:tt)*])*] $vfname:ident : $vfty:ty ),* } )?] ),*
     }) => {
        $crate::__wire_derives! { [$s] [$j]
            #[derive(Clone, Debug, PartialEq)]
            $($k)*
            $vis enum $name<$($gen),*> {
                $(
                    $(#[$($vattr)*])*
                    $var
                    $( ($vty) )?
                    $( { $( $(#[$($vfattr)*])* $vfname : $vfty ),* } )?
                ),*
            }
        }

        impl<$($gen: $crate::Validate),*> $crate::Validate for $name<$($gen),*> {
            #[allow(unused_variables)]
            fn validate_at(&self, path: &$crate::Path<'_>, out: &mut $crate::Violations) {
                #[allow(unused_imports)]
                use $crate::__private::probe::{ViaNothing as _, ViaValidate as _};
                #[allow(dead_code)]
                const CONTAINER: $crate::SerdeAttrs = $crate::__serde_attrs!($($k)*);
                match self {
                    $(
                        Self::$var {
                            $( 0: $crate::__bind!(inner $vty), )?
                            $( $( $vfname, )* )?
                            ..
                        } => {
                            let vpath = path.serde_variant(
                                ::core::stringify!($var),
                                $crate::__serde_attrs!($(#[$($vattr)*])*),
                                CONTAINER,
                            );
                            $( (&$crate::__private::probe::Probe($crate::__bind!(inner $vty))).__validate_at(&vpath, out); )?
                            $( $(
                                (&$crate::__private::probe::Probe($vfname)).__validate_at(
                                    &vpath.serde_field(
                                        ::core::stringify!($vfname),
                                        $crate::__serde_attrs!($(#[$($vfattr)*])*),
                                        $crate::SerdeAttrs::NONE,
                                    ),
                                    out,
                                );
                            )* )?
                        }
                    )*
                }
            }
        }

        $crate::if_proptest! {
            $crate::__derived_generate! { [$g]
                impl<$($gen: $crate::generate::Generate),*> $crate::generate::Generate for $name<$($gen),*> {
                    fn generate(g: &mut $crate::generate::Gen) -> Self {
                        let variants: &[fn(&mut $crate::generate::Gen) -> Self] = &[
                            $(
                                |g| Self::$var {
                                    $( 0: <$vty as $crate::generate::Generate>::generate(g), )?
                                    $( $( $vfname: $crate::generate::Generate::generate(g), )* )?
                                }
                            ),*
                        ];
                        g.nested(|g| variants[g.below(variants.len())](g))
                    }
                }
            }
        }

        $crate::__register! { $name [$($slug)?] }
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

/// Reads the names serde uses out of `#[serde(...)]` attributes (rename,
/// rename_all, tag, content, untagged), as a const [`SerdeAttrs`](crate::SerdeAttrs).
/// One step per attribute and per token inside `serde(...)`.
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_attrs {
    (@acc [$($acc:tt)*]) => { $crate::SerdeAttrs::NONE $($acc)* };
    (@acc [$($acc:tt)*] #[serde($($inner:tt)*)] $($rest:tt)*) => {
        $crate::__serde_attrs!(@in [$($acc)*] [$($inner)*] $($rest)*)
    };
    (@acc [$($acc:tt)*] #[$($other:tt)*] $($rest:tt)*) => {
        $crate::__serde_attrs!(@acc [$($acc)*] $($rest)*)
    };
    (@in [$($acc:tt)*] [] $($rest:tt)*) => { $crate::__serde_attrs!(@acc [$($acc)*] $($rest)*) };
    (@in [$($acc:tt)*] [rename = $v:literal $($more:tt)*] $($rest:tt)*) => {
        $crate::__serde_attrs!(@in [$($acc)* .rename($v)] [$($more)*] $($rest)*)
    };
    (@in [$($acc:tt)*] [rename_all = $v:literal $($more:tt)*] $($rest:tt)*) => {
        $crate::__serde_attrs!(@in [$($acc)* .rename_all($v)] [$($more)*] $($rest)*)
    };
    (@in [$($acc:tt)*] [tag = $v:literal $($more:tt)*] $($rest:tt)*) => {
        $crate::__serde_attrs!(@in [$($acc)* .tag($v)] [$($more)*] $($rest)*)
    };
    (@in [$($acc:tt)*] [content = $v:literal $($more:tt)*] $($rest:tt)*) => {
        $crate::__serde_attrs!(@in [$($acc)* .content($v)] [$($more)*] $($rest)*)
    };
    (@in [$($acc:tt)*] [untagged $($more:tt)*] $($rest:tt)*) => {
        $crate::__serde_attrs!(@in [$($acc)* .untagged()] [$($more)*] $($rest)*)
    };
    (@in [$($acc:tt)*] [$skip:tt $($more:tt)*] $($rest:tt)*) => {
        $crate::__serde_attrs!(@in [$($acc)*] [$($more)*] $($rest)*)
    };
    ($($attrs:tt)*) => { $crate::__serde_attrs!(@acc [] $($attrs)*) };
}

/// With a check hook: a `Deserialize` that reads the fields through a private
/// twin, then runs the hook, so an invalid document never becomes a value.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __checked_de {
    ([] $($t:tt)*) => {};
    ([$check:path] [$($sa:tt)*] $name:ident { $( [$([$($fattr:tt)*])*] $fname:ident : $fty:ty ),* }) => {
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                #[derive($crate::__private::serde::Deserialize, $crate::__private::Inert)]
                #[serde(crate = "::greentic_types::__private::serde")]
                $($sa)*
                struct Wire {
                    $( $(#[$($fattr)*])* $fname : $fty ),*
                }
                let wire = <Wire as $crate::__private::serde::Deserialize>::deserialize(d)?;
                let value = $name { $( $fname: wire.$fname ),* };
                let mut out = $crate::Violations::default();
                $check(&value, &$crate::Path::ROOT, &mut out);
                if out.is_empty() {
                    ::core::result::Result::Ok(value)
                } else {
                    ::core::result::Result::Err(<D::Error as $crate::__private::serde::de::Error>::custom(out))
                }
            }
        }
    };
}

/// Without serde there is nothing to check on input.
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __checked_de {
    ($($t:tt)*) => {};
}
