//! Procedural macros behind `greentic-types`.
//!
//! ```
//! // Used by the DSL, never by hand: declares `serde`/`schemars` as inert helper
//! // attributes when those derives are compiled out.
//! #[derive(greentic_types_macros::Inert)]
//! #[serde(rename_all = "snake_case")]
//! struct Quiet;
//! # let _ = Quiet;
//! ```
//!
//! This crate stays free of `syn`/`quote` so the identity core compiles fast.

use proc_macro::TokenStream;

mod enum_de;
mod expand;
mod schema_docs;
mod struct_de;
mod struct_schema;

/// Declares `serde` and `schemars` as helper attributes and emits nothing.
///
/// The model DSL derives this when the `serde` or `schemars` feature is off, so
/// the serde attributes written in a declaration stay legal without the derive
/// that would read them.
#[proc_macro_derive(Inert, attributes(serde, schemars))]
pub fn inert(_item: TokenStream) -> TokenStream {
    TokenStream::new()
}

/// Rewrites the markers in the DSL's expansions (see the `expand` module).
/// Used by the DSL, never by hand.
#[doc(hidden)]
#[proc_macro]
pub fn __expand(input: TokenStream) -> TokenStream {
    expand::expand(input)
}

/// `#[greentic_types::telemetry::main(service_name = "...")]` on an
/// `async fn main()`: builds the Tokio runtime, installs telemetry, runs the
/// body and exports every finished span on the way out.
///
/// `service_name` is any `&str` expression (`"runner"`, `env!("CARGO_PKG_NAME")`,
/// a constant); an empty string literal is rejected. `crate = path` names
/// `greentic_types` when the dependency is renamed. Telemetry never stops the
/// program: installation problems are reported on stderr and the body runs,
/// whatever `main` returns.
#[cfg(feature = "telemetry")]
#[proc_macro_attribute]
pub fn telemetry_main(args: TokenStream, item: TokenStream) -> TokenStream {
    telemetry::expand(args.into(), item.into()).into()
}

#[cfg(feature = "telemetry")]
mod telemetry {
    use proc_macro2::{Span, TokenStream};
    use quote::quote;
    use syn::spanned::Spanned as _;
    use syn::{Expr, ExprLit, Item, Lit, Path};

    const USAGE: &str = "expected `#[greentic_types::telemetry::main(service_name = \"...\")]`";

    /// The macro's arguments.
    struct Args {
        service_name: Expr,
        krate: Path,
    }

    /// The expansion, or the error with a stand-in item so the error is the
    /// only one the user sees (no knock-on "`main` not found").
    pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
        let function = match syn::parse2::<Item>(item.clone()) {
            Ok(Item::Fn(function)) => function,
            Ok(other) => {
                let error = syn::Error::new(
                    other.span(),
                    "#[telemetry::main] goes on an `async fn main()`, not on this item",
                )
                .into_compile_error();
                return quote! { #error #item };
            }
            Err(e) => return e.into_compile_error(),
        };
        let sig = &function.sig;
        let ident = &sig.ident;
        let vis = &function.vis;
        let problem = if sig.asyncness.is_none() {
            Some(syn::Error::new(
                sig.fn_token.span,
                "#[telemetry::main] needs an `async fn`; add `async`",
            ))
        } else if !sig.inputs.is_empty() {
            Some(syn::Error::new(
                sig.inputs.span(),
                "#[telemetry::main] functions take no parameters",
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            let error = problem.into_compile_error();
            return quote! { #error #vis fn #ident() {} };
        }
        let args = match parse_args(args) {
            Ok(args) => args,
            Err(e) => {
                let error = e.into_compile_error();
                return quote! { #error #vis fn #ident() {} };
            }
        };
        let Args {
            service_name,
            krate,
        } = args;
        let attrs = &function.attrs;
        let generics = &sig.generics;
        let where_clause = &sig.generics.where_clause;
        let output = &sig.output;
        let body = &function.block;
        quote! {
            #(#attrs)*
            #vis fn #ident #generics () #output #where_clause {
                let service_name: &str = #service_name;
                #krate::telemetry::__run_main(service_name, async move #body)
            }
        }
    }

    fn parse_args(args: TokenStream) -> syn::Result<Args> {
        let mut service_name: Option<Expr> = None;
        let mut krate: Option<Path> = None;
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident("service_name") {
                if service_name.is_some() {
                    return Err(meta.error("`service_name` is given twice"));
                }
                let value: Expr = meta.value()?.parse()?;
                if let Expr::Lit(ExprLit {
                    lit: Lit::Str(s), ..
                }) = &value
                    && s.value().trim().is_empty()
                {
                    return Err(syn::Error::new(
                        s.span(),
                        "`service_name` must not be empty",
                    ));
                }
                service_name = Some(value);
                Ok(())
            } else if meta.path.is_ident("crate") {
                if krate.is_some() {
                    return Err(meta.error("`crate` is given twice"));
                }
                let value = meta.value()?;
                let path = if value.peek(syn::LitStr) {
                    value.parse::<syn::LitStr>()?.parse::<Path>()?
                } else {
                    Path::parse_mod_style(value)?
                };
                krate = Some(path);
                Ok(())
            } else {
                let name = meta
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_else(|| "this".into());
                Err(meta.error(format!(
                    "unknown argument `{name}`; expected `service_name = \"...\"` and optionally `crate = path`"
                )))
            }
        });
        syn::parse::Parser::parse2(parser, args)?;
        let service_name = service_name.ok_or_else(|| {
            syn::Error::new(
                Span::call_site(),
                format!("missing `service_name`; {USAGE}"),
            )
        })?;
        Ok(Args {
            service_name,
            krate: krate.unwrap_or_else(|| syn::parse_quote!(::greentic_types)),
        })
    }
}
